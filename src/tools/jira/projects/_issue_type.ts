/**
 * Finding an issue type of a project by id or name, refusing an unknown one with the list.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { JiraIssueType } from "../../../jira/types.ts";

/** The type whose id, or else whose name (case-insensitive), is `wanted`. */
export function issueTypeOf(
  types: readonly JiraIssueType[],
  wanted: string,
  projectKey: string,
): JiraIssueType {
  const name = wanted.trim().toLowerCase();
  const type = types.find((t) => t.id === wanted.trim()) ??
    types.find((t) => t.name.toLowerCase() === name);
  if (!type) {
    throw new ToolError(
      `Project ${projectKey} has no issue type "${wanted}".`,
      `Use one of: ${types.map((t) => `${t.name} (${t.id})`).join(", ")}.`,
    );
  }
  return type;
}
