/**
 * The `confluence_permissions` toolset (Cloud only): content permission checks and space
 * permissions.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { checkContentPermissionsTool } from "./check_content_permissions.ts";
import { getSpacePermissionsTool } from "./get_space_permissions.ts";

/** The toolset's tools in listing order. */
export const confluencePermissions = defineToolset({
  name: "confluence_permissions",
  description: "Content permission checks and space permissions (Cloud only)",
  isDefault: false,
  tools: [checkContentPermissionsTool, getSpacePermissionsTool],
});
