/**
 * The `jira_watchers` toolset: see and change who watches an issue.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addWatcherTool } from "./add_watcher.ts";
import { getIssueWatchersTool } from "./get_issue_watchers.ts";
import { removeWatcherTool } from "./remove_watcher.ts";

/** The toolset's tools in listing order. */
export const jiraWatchers = defineToolset({
  name: "jira_watchers",
  description: "See and change who watches an issue",
  isDefault: false,
  tools: [getIssueWatchersTool, addWatcherTool, removeWatcherTool],
});
