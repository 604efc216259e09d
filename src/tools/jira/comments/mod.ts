/**
 * The `jira_comments` toolset: comment on issues.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { addCommentTool } from "./add_comment.ts";
import { editCommentTool } from "./edit_comment.ts";

/** The toolset's tools in listing order. */
export const jiraComments = defineToolset({
  name: "jira_comments",
  description: "Comment on issues",
  isDefault: true,
  tools: [addCommentTool, editCommentTool],
});
