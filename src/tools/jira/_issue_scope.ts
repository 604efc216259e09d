/**
 * The project allowlist on an issue key, as the issue is now: a moved issue keeps answering to
 * its old key, so with `JIRA_PROJECTS_FILTER` set the key alone does not say which project a
 * read or write would touch.
 *
 * @module
 */
import { getIssue } from "../../jira/issues.ts";
import type { ServiceHandle } from "../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../policy.ts";

/**
 * Throws unless the issue `key` names is in an allowed project: the key's own project first (no
 * request), then, when an allowlist is set, the project of the issue's current key (one read).
 */
export async function assertIssueAllowed(service: ServiceHandle, key: string): Promise<void> {
  const allowlist = service.service.allowlist;
  assertProjectAllowed(projectOfIssueKey(key), allowlist);
  if (!allowlist.length) return;
  const issue = await getIssue(service.client, key, { fields: ["project"] });
  assertProjectAllowed(projectOfIssueKey(issue.key), allowlist);
}
