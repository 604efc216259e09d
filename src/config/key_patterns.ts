/**
 * `JIRA_ISSUE_KEY_PATTERN` / `JIRA_PROJECT_KEY_PATTERN`: the regular expressions issue and
 * project key arguments must match, for Jira instances whose keys differ from the default form
 * (e.g. lowercase or digits first on Server/Data Center).
 *
 * @module
 */
import type { Report, Settings } from "./_settings.ts";
import type { KeyPatterns } from "./types.ts";

const EXAMPLES = { issue: "^[A-Za-z][A-Za-z0-9_]+-\\d+$", project: "^[A-Za-z][A-Za-z0-9_]+$" };

/** Reads and validates the two patterns; undefined when neither is set. */
export function loadKeyPatterns(s: Settings, r: Report): KeyPatterns | undefined {
  const out: KeyPatterns = {};
  for (const kind of ["issue", "project"] as const) {
    const v = s.get(kind === "issue" ? "JIRA_ISSUE_KEY_PATTERN" : "JIRA_PROJECT_KEY_PATTERN");
    if (!v) continue;
    try {
      new RegExp(v.value);
      out[kind] = v.value;
    } catch (error) {
      r.problem(
        `${s.label(v)} is not a valid regular expression (${(error as Error).message}); example: ${
          s.example(v, EXAMPLES[kind])
        }`,
      );
    }
  }
  return Object.keys(out).length ? out : undefined;
}
