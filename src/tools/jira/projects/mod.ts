/**
 * The `jira_projects` toolset: projects, their issue types, create fields, components and
 * versions.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { batchCreateVersionsTool } from "./batch_create_versions.ts";
import { createVersionTool } from "./create_version.ts";
import { getAllProjectsTool } from "./get_all_projects.ts";
import { getCreateFieldsTool } from "./get_create_fields.ts";
import { getProjectComponentsTool } from "./get_project_components.ts";
import { getProjectFieldsTool } from "./get_project_fields.ts";
import { getProjectIssueTypesTool } from "./get_project_issue_types.ts";
import { getProjectVersionsTool } from "./get_project_versions.ts";
import { searchProjectsTool } from "./search_projects.ts";
import { updateVersionTool } from "./update_version.ts";

/** The toolset's tools in listing order. */
export const jiraProjects = defineToolset({
  name: "jira_projects",
  description: "Projects, their issue types, create fields, components and versions",
  isDefault: false,
  tools: [
    getProjectIssueTypesTool,
    getCreateFieldsTool,
    getProjectVersionsTool,
    getProjectComponentsTool,
    getAllProjectsTool,
    searchProjectsTool,
    getProjectFieldsTool,
    createVersionTool,
    batchCreateVersionsTool,
    updateVersionTool,
  ],
});
