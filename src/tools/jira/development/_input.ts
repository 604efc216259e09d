/**
 * Inputs shared by the development tools: the optional tool and data type filters, and the
 * check of issue keys (these tools' keys carry no schema pattern, as in the Python server).
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import { DEV_DATA_TYPES, type DevDataType } from "../../../jira/dev_status.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { keyPattern, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `application_type`: one connected tool only. */
export const applicationType = limitedString(
  "name",
  "Only this tool, e.g. 'GitHub', 'bitbucket', 'stash' (Bitbucket Data Center), 'GitLab'",
).optional();

/** `data_type`: one kind of data only. */
export const dataType = limitedString(
  "name",
  `Only ${DEV_DATA_TYPES.join(", ")} (with commits)`,
).optional();

/** The data type argument, refused unless it is one Jira knows. */
export function checkedDataType(value: string | undefined): DevDataType | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (!DEV_DATA_TYPES.includes(lower as DevDataType)) {
    throw new ToolError(
      `data_type "${value}" is not a kind of development data.`,
      `Use one of ${DEV_DATA_TYPES.join(", ")}, or leave it out for all.`,
    );
  }
  return lower as DevDataType;
}

/**
 * Throws unless the key has the issue key format and its project is allowed. The tools call it
 * again with the issue's current key once it is read (a moved issue answers to its old one).
 */
export function checkIssueKey(key: string, allowlist: string[]): void {
  if (!new RegExp(keyPattern("issue")).test(key)) {
    throw new ToolError(
      `"${key}" is not an issue key (${keyPattern("issue")}).`,
      "Pass keys such as PROJ-123.",
    );
  }
  assertProjectAllowed(projectOfIssueKey(key), allowlist);
}

/** Documentation shared by both tools' descriptions. */
export const UNDOCUMENTED = "Uses Jira's undocumented dev-status API.";

/** The issue key parameter of the single-issue tool. */
export const devIssueKey = limitedString("id", SHARED_PARAMETERS.issue_key);
