/**
 * The `jira_users` toolset: look people up.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getUserProfileTool } from "./get_user_profile.ts";
import { searchAssignableUsersTool } from "./search_assignable_users.ts";

/** The toolset's tools in listing order. */
export const jiraUsers = defineToolset({
  name: "jira_users",
  description: "Look up Jira users and who can be assigned",
  isDefault: false,
  tools: [getUserProfileTool, searchAssignableUsersTool],
});
