/**
 * The `jira_issues` toolset: read, search, count, create, update, assign, delete and move issues.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { assignIssueTool } from "./assign_issue.ts";
import { batchCreateIssuesTool } from "./batch_create_issues.ts";
import { batchGetChangelogsTool } from "./batch_get_changelogs.ts";
import { countIssuesTool } from "./count_issues.ts";
import { createIssueTool } from "./create_issue.ts";
import { deleteIssueTool } from "./delete_issue.ts";
import { getIssueTool } from "./get_issue.ts";
import { getProjectIssuesTool } from "./get_project_issues.ts";
import { moveIssueTool } from "./move_issue.ts";
import { searchTool } from "./search.ts";
import { updateIssueTool } from "./update_issue.ts";

/** The toolset's tools in listing order. */
export const jiraIssues = defineToolset({
  name: "jira_issues",
  description: "Read, search, create and update issues",
  isDefault: true,
  tools: [
    getIssueTool,
    searchTool,
    countIssuesTool,
    getProjectIssuesTool,
    createIssueTool,
    batchCreateIssuesTool,
    batchGetChangelogsTool,
    updateIssueTool,
    assignIssueTool,
    deleteIssueTool,
    moveIssueTool,
  ],
});
