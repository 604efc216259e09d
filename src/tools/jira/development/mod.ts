/**
 * The `jira_development` toolset: pull requests, branches and commits that connected
 * development tools link to issues (Jira's undocumented dev-status API).
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getIssueDevelopmentInfoTool } from "./get_issue_development_info.ts";
import { getIssuesDevelopmentInfoTool } from "./get_issues_development_info.ts";

/** The toolset's tools in listing order. */
export const jiraDevelopment = defineToolset({
  name: "jira_development",
  description: "Development information (pull requests, branches, commits) linked to issues",
  isDefault: false,
  tools: [getIssueDevelopmentInfoTool, getIssuesDevelopmentInfoTool],
});
