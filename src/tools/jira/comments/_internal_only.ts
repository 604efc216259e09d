/**
 * `JIRA_INTERNAL_ONLY_PROJECTS`, as in the Python server: in the listed Jira Service Management
 * projects a comment is an internal note unless the issue is proven not to be a customer request
 * (Atlassian answers 404 for it; any other outcome keeps the guard). `jira_add_comment` needs
 * `public: false` there, `jira_edit_comment` does not edit customer-visible replies, and the
 * comments of `jira_transition_issue`, `jira_create_issue_link` and `jira_update_issue` (which
 * cannot be internal notes) are refused. Worklog comments are exempt.
 *
 * @module
 */
import type { ServiceConfig } from "../../../config/types.ts";
import { ToolError } from "../../../errors.ts";
import { AtlassianError, type HttpClient } from "../../../http/mod.ts";
import { getRequest, getRequestComments } from "../../../jira/service_desk.ts";
import { projectOfIssueKey } from "../../policy.ts";

/** The setting, as messages name it. */
const SETTING = "JIRA_INTERNAL_ONLY_PROJECTS";

/** True when the issue's project is listed in `JIRA_INTERNAL_ONLY_PROJECTS`. */
function isInternalOnly(service: ServiceConfig, key: string): boolean {
  return service.internalOnlyProjects?.includes(projectOfIssueKey(key)) ?? false;
}

/** True only when Atlassian says the issue is not a customer request (404). */
async function provenNotRequest(client: HttpClient, key: string): Promise<boolean> {
  try {
    await getRequest(client, key);
    return false;
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) return true;
    return false;
  }
}

/**
 * `jira_add_comment`: refuses a comment that could reach the customer of a request in a listed
 * project (`public` true, or left out while the issue may be a request).
 */
export async function assertInternalComment(
  client: HttpClient,
  key: string,
  isPublic: boolean | undefined,
): Promise<void> {
  if (isPublic === false || !isInternalOnly(client.service, key)) return;
  if (isPublic === undefined && await provenNotRequest(client, key)) return;
  throw new ToolError(
    `${
      projectOfIssueKey(key)
    } is listed in ${SETTING}, so comments on ${key} must be internal notes.`,
    "Call again with public: false to add an internal note.",
  );
}

/**
 * `jira_edit_comment`: refuses to edit a customer-visible reply on a request in a listed project
 * (and a comment it cannot find among the request's first comments).
 */
export async function assertEditable(client: HttpClient, key: string, id: string): Promise<void> {
  if (!isInternalOnly(client.service, key)) return;
  let found;
  try {
    found = await getRequestComments(client, key);
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) return;
    throw error;
  }
  const comment = found.comments.find((c) => String(c.id) === id);
  if (comment ? comment.public === false : found.complete) return;
  throw new ToolError(
    `${projectOfIssueKey(key)} is listed in ${SETTING}, so comment ${id} on ${key}, ${
      comment ? "a reply the customer sees" : "which could not be found among its comments"
    }, is not edited.`,
    "Add an internal note with jira_add_comment and public: false instead.",
  );
}

/**
 * `jira_transition_issue`, `jira_create_issue_link`, `jira_update_issue`: refuses their comment
 * on an issue of a listed project, since they cannot post internal notes.
 */
export function assertNoComment(service: ServiceConfig, keys: string[], tool: string): void {
  const key = keys.find((k) => isInternalOnly(service, k));
  if (!key) return;
  throw new ToolError(
    `${
      projectOfIssueKey(key)
    } is listed in ${SETTING}, so ${tool} adds no comment to ${key} (it cannot post an internal note).`,
    "Leave out the comment and add it with jira_add_comment and public: false.",
  );
}
