/**
 * The `jira_transitions` toolset: move issues through their workflow.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getTransitionsTool } from "./get_transitions.ts";
import { transitionIssueTool } from "./transition_issue.ts";

/** The toolset's tools in listing order. */
export const jiraTransitions = defineToolset({
  name: "jira_transitions",
  description: "List an issue's workflow transitions and move it through them",
  isDefault: true,
  tools: [getTransitionsTool, transitionIssueTool],
});
