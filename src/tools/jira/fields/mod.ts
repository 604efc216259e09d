/**
 * The `jira_fields` toolset: find fields by name or id.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getFieldOptionsTool } from "./get_field_options.ts";
import { searchFieldsTool } from "./search_fields.ts";

/** The toolset's tools in listing order. */
export const jiraFields = defineToolset({
  name: "jira_fields",
  description: "Find fields (system and custom) by name or id, and list a custom field's options",
  isDefault: true,
  tools: [searchFieldsTool, getFieldOptionsTool],
});
