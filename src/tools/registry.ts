/**
 * `ALL_TOOLS`: the one flat registry. Selection (toolsets, enabled tools, read-only mode,
 * deployment) is a pure function over it (`select.ts`).
 *
 * @module
 */
import { createPageTool } from "./confluence/create_page.ts";
import { getPageTool } from "./confluence/get_page.ts";
import { confluenceSearchTool } from "./confluence/search.ts";
import { updatePageTool } from "./confluence/update_page.ts";
import type { ToolDef } from "./define.ts";
import { addCommentTool } from "./jira/add_comment.ts";
import { createIssueTool } from "./jira/create_issue.ts";
import { getIssueTool } from "./jira/get_issue.ts";
import { getTransitionsTool } from "./jira/get_transitions.ts";
import { searchTool } from "./jira/search.ts";
import { searchFieldsTool } from "./jira/search_fields.ts";
import { transitionIssueTool } from "./jira/transition_issue.ts";
import { updateIssueTool } from "./jira/update_issue.ts";

/** Every tool this server implements, in listing order. */
export const ALL_TOOLS: readonly ToolDef[] = [
  getIssueTool,
  searchTool,
  searchFieldsTool,
  getTransitionsTool,
  createIssueTool,
  updateIssueTool,
  transitionIssueTool,
  addCommentTool,
  confluenceSearchTool,
  getPageTool,
  createPageTool,
  updatePageTool,
];
