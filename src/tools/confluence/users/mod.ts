/**
 * The `confluence_users` toolset: finding people.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { searchUserTool } from "./search_user.ts";

/** The toolset's tools in listing order. */
export const confluenceUsers = defineToolset({
  name: "confluence_users",
  description: "Find users by name",
  isDefault: false,
  tools: [searchUserTool],
});
