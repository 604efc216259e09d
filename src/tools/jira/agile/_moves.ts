/**
 * Moving issues into a sprint or to the backlog: the `issue_keys` list (comma-separated, or a
 * JSON array), checked in full against the key format and the project allowlist before any
 * write, then sent in requests of at most 50 issues (Atlassian's limit), reported request by
 * request. A request whose answer is lost is looked up through a JQL search.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { MOVE_LIMIT } from "../../../jira/agile.ts";
import { searchIssues } from "../../../jira/search.ts";
import type { Progress } from "../../define.ts";
import { itemFailure } from "../../run.ts";
import { assertProjectAllowed, isAllowed, projectOfIssueKey } from "../../policy.ts";
import { ABSENT, found, type Lookup, unclear, UnknownOutcome, writeOnce } from "../../reconcile.ts";
import { commaList, jsonText, keyPattern } from "../../schemas.ts";

/** Most issues one call moves (in requests of 50). */
export const MAX_ISSUES = 500;

/** The `issue_keys` parameter. */
export const issueKeysInput = jsonText(
  `Up to ${MAX_ISSUES} issue keys, comma-separated ('PROJ-1,PROJ-2') or a JSON array`,
  "query",
);

/**
 * The issue keys of an `issue_keys` argument, without repeats, each checked against the key
 * format and the project allowlist; throws one sentence before anything is written.
 */
export function checkIssueKeys(text: string, allowlist: string[]): string[] {
  let keys: unknown[];
  if (text.trim().startsWith("[")) {
    try {
      keys = z.array(z.unknown()).parse(JSON.parse(text));
    } catch {
      throw new ToolError(
        "issue_keys is neither a comma-separated list nor a JSON array.",
        'Pass e.g. "PROJ-1,PROJ-2" or ["PROJ-1", "PROJ-2"].',
      );
    }
  } else keys = commaList(text);
  const pattern = new RegExp(keyPattern("issue"));
  const bad = keys.filter((k) => typeof k !== "string" || !pattern.test(k.trim()));
  if (bad.length) {
    throw new ToolError(
      `issue_keys has ${bad.length === 1 ? "an entry" : `${bad.length} entries`} that ${
        bad.length === 1 ? "is" : "are"
      } not an issue key: ${bad.slice(0, 5).map((k) => JSON.stringify(k)).join(", ")}.`,
      `Write keys like PROJ-123 (format ${pattern.source}).`,
    );
  }
  const unique = [...new Set(keys.map((k) => (k as string).trim()))];
  if (!unique.length) {
    throw new ToolError("issue_keys names no issue.", 'Pass e.g. "PROJ-1,PROJ-2".');
  }
  if (unique.length > MAX_ISSUES) {
    throw new ToolError(
      `issue_keys has ${unique.length} issues; one call moves at most ${MAX_ISSUES}.`,
      `Split them into calls of up to ${MAX_ISSUES}.`,
    );
  }
  for (const project of new Set(unique.map(projectOfIssueKey))) {
    assertProjectAllowed(project, allowlist);
  }
  return unique;
}

/**
 * Throws before anything is written when one of `keys` names an issue that is now in a project
 * outside the allowlist: a moved issue keeps answering to its old key, so the key alone does not
 * tell (one search per 100 keys, only when an allowlist is set).
 */
export async function assertNowAllowed(
  client: HttpClient,
  keys: string[],
  allowlist: string[],
): Promise<void> {
  if (!allowlist.length) return;
  for (let i = 0; i < keys.length; i += 100) {
    const chunk = keys.slice(i, i + 100);
    const page = await searchIssues(client, {
      jql: `key in (${chunk.map((k) => `"${k}"`).join(", ")})`,
      fields: ["project"],
      limit: chunk.length,
    });
    const outside = page.issues.find((issue) =>
      !isAllowed(projectOfIssueKey(issue.key), allowlist)
    );
    if (outside) {
      throw new ToolError(
        `One of issue_keys names ${outside.key}, which is now in project ${
          projectOfIssueKey(outside.key)
        }, outside the projects this server may use (${allowlist.join(", ")}); nothing was moved.`,
        "Leave that issue out (it was moved to another project), or ask the administrator to add its project to JIRA_PROJECTS_FILTER.",
      );
    }
  }
}

/** Where issues are moved, and how to see that they are there. */
export interface MoveTarget {
  /** "sprint 12", "the backlog". */
  name: string;
  /** Sends one request of at most 50 issues. */
  send: (keys: string[]) => Promise<void>;
  /** JQL matching those of `keys` (a JQL list) that are where the move puts them. */
  arrivedJql?: (keys: string) => string;
  /** JQL matching those of `keys` that are still where the move takes them from. */
  leftJql?: (keys: string) => string;
}

/** What the search for a lost request's effect saw. */
async function lookUp(
  client: HttpClient,
  target: MoveTarget,
  keys: string[],
): Promise<Lookup<void>> {
  const list = keys.map((k) => `"${k}"`).join(", ");
  const jql = target.arrivedJql?.(list) ?? target.leftJql!(list);
  const page = await searchIssues(client, { jql, fields: ["status"], limit: keys.length });
  const matched = page.issues.length;
  const arrived = target.arrivedJql ? matched : keys.length - matched;
  if (arrived === keys.length) return found(undefined);
  if (arrived === 0) return ABSENT;
  return unclear(`${arrived} of ${keys.length} issues are in ${target.name}`);
}

/**
 * Moves the issues 50 a request; the first failed request stops the rest. Answers which
 * issues moved, which request failed and why (or whose outcome is unknown), and which were not
 * attempted; a failure of the first request is the call's error.
 */
export async function moveIssues(
  client: HttpClient,
  keys: string[],
  target: MoveTarget,
  progress?: Progress,
): Promise<Record<string, unknown>> {
  const moved: string[] = [];
  const notes: string[] = [];
  let failed: { issues: string[]; error: string } | undefined;
  let unknown: { issues: string[]; error: string } | undefined;
  let notAttempted: string[] = [];
  for (let i = 0; i < keys.length; i += MOVE_LIMIT) {
    const chunk = keys.slice(i, i + MOVE_LIMIT);
    if (failed || unknown) {
      notAttempted = keys.slice(i);
      break;
    }
    if (keys.length > MOVE_LIMIT) {
      await progress?.(i, keys.length, `Moving ${chunk.length} issues to ${target.name}`);
    }
    try {
      const { recovered } = await writeOnce(() => target.send(chunk), {
        verdict: "Not moved",
        missing: `${chunk.join(", ")} are in ${target.name}`,
        find: () => lookUp(client, target, chunk),
        consistent: false,
      });
      moved.push(...chunk);
      if (recovered) notes.push(`${chunk.length} issues were ${recovered}`);
    } catch (error) {
      // Nothing moved yet: the call failed as a whole, with Atlassian's own sentence.
      if (!moved.length) throw error;
      // A request whose answer was lost and could not be found out is not a failure.
      if (error instanceof UnknownOutcome) unknown = { issues: chunk, error: itemFailure(error) };
      else failed = { issues: chunk, error: itemFailure(error) };
    }
  }
  const stopped = failed ?? unknown;
  const tail = stopped
    ? `; ${stopped.issues.length} ${failed ? "failed" : "may or may not have moved"}${
      notAttempted.length ? `, ${notAttempted.length} not attempted` : ""
    }`
    : "";
  return {
    message: `Moved ${moved.length} of ${keys.length} issues to ${target.name}${tail}${
      notes.length ? ` (${notes.join("; ")})` : ""
    }.`,
    moved,
    failed,
    unknown,
    not_attempted: notAttempted,
  };
}
