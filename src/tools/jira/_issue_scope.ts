/**
 * The project allowlist on an issue key, as the issue is now: a moved issue keeps answering to
 * its old key, so with `JIRA_PROJECTS_FILTER` set the key alone does not say which project a
 * read or write would touch.
 *
 * @module
 */
import { getIssue } from "../../jira/issues.ts";
import type { JiraIssue } from "../../jira/types.ts";
import type { ServiceHandle } from "../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../policy.ts";

/**
 * Reads the issue `key` names (with `fields`), throwing unless its project is allowed: the key's
 * own project before the read, the project of its current key after it. For tools that read the
 * issue anyway, so the check costs no request of its own.
 */
export async function readAllowedIssue(
  service: ServiceHandle,
  key: string,
  fields: string[],
): Promise<JiraIssue> {
  const allowlist = service.service.allowlist;
  assertProjectAllowed(projectOfIssueKey(key), allowlist);
  const issue = await getIssue(service.client, key, { fields });
  assertProjectAllowed(projectOfIssueKey(issue.key), allowlist);
  return issue;
}

/**
 * Throws unless the issue `key` names is in an allowed project: the key's own project first (no
 * request), then, when an allowlist is set, the project of the issue's current key (one read).
 */
export async function assertIssueAllowed(service: ServiceHandle, key: string): Promise<void> {
  if (!service.service.allowlist.length) {
    assertProjectAllowed(projectOfIssueKey(key), service.service.allowlist);
    return;
  }
  await readAllowedIssue(service, key, ["project"]);
}
