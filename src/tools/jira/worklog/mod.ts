/**
 * The `jira_worklog` toolset: read and log work on issues.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addWorklogTool } from "./add_worklog.ts";
import { getWorklogTool } from "./get_worklog.ts";

/** The toolset's tools in listing order. */
export const jiraWorklog = defineToolset({
  name: "jira_worklog",
  description: "Read and log work on issues",
  isDefault: false,
  tools: [getWorklogTool, addWorklogTool],
});
