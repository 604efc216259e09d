/**
 * The `jira_issues` toolset: read, search, create and update issues.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { createIssueTool } from "./create_issue.ts";
import { getIssueTool } from "./get_issue.ts";
import { searchTool } from "./search.ts";
import { updateIssueTool } from "./update_issue.ts";

/** The toolset's tools in listing order. */
export const jiraIssues = defineToolset({
  name: "jira_issues",
  description: "Read, search, create and update issues",
  isDefault: true,
  tools: [getIssueTool, searchTool, createIssueTool, updateIssueTool],
});
