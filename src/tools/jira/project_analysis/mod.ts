/**
 * The `jira_project_analysis` toolset: a project's epics grouped by their parents in other
 * projects, and its issue links into other projects.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getCrossProjectDependenciesTool } from "./get_cross_project_dependencies.ts";
import { getProjectEpicHierarchyTool } from "./get_project_epic_hierarchy.ts";

/** The toolset's tools in listing order. */
export const jiraProjectAnalysis = defineToolset({
  name: "jira_project_analysis",
  description: "Epic hierarchy across projects and cross-project dependencies",
  isDefault: false,
  tools: [getProjectEpicHierarchyTool, getCrossProjectDependenciesTool],
});
