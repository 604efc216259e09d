import { z } from "zod";
import { checkContentPermission, CHECKED_OPERATIONS } from "../../../confluence/permissions.ts";
import { findGroup } from "../../../confluence/restrictions.ts";
import { findUser } from "../../../confluence/users.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_check_content_permissions`: may a user or group read, update or delete a page. */
export const checkContentPermissionsTool = defineTool({
  name: "confluence_check_content_permissions",
  toolset: "confluence_permissions",
  product: "confluence",
  access: "read",
  deployments: ["cloud"],
  title: "Check Content Permissions",
  description:
    "Check whether a user or group may read, update or delete a Confluence Cloud page (site and space permissions and page restrictions together). Checking someone other than yourself needs Confluence administrator rights.",
  input: z.object({
    content_id: idString("Page id, e.g. '123456' (or the page URL)."),
    user_identifier: limitedString(
      "name",
      "The user (account id or display name) or, with subject_type 'group', the group name.",
    ).min(1),
    operation: z.enum(CHECKED_OPERATIONS).describe("'read', 'update' or 'delete'."),
    subject_type: z.enum(["user", "group"]).default("user").describe("'user' or 'group'."),
  }),
  handler: async (args, { service }) => {
    const { client } = service;
    const page = await allowedPage(service, args.content_id);
    const subject = args.subject_type === "user"
      ? await findUser(client, args.user_identifier)
      : await findGroup(client, args.user_identifier);
    const name = "displayName" in subject ? subject.displayName : subject.name;
    const identifier = "displayName" in subject ? subject.accountId! : subject.id!;
    const check = await checkContentPermission(
      client,
      page.id,
      { type: args.subject_type, identifier },
      args.operation,
    );
    return {
      content_id: page.id,
      title: page.title,
      subject: { type: args.subject_type, name },
      operation: args.operation,
      allowed: check.allowed,
      reasons: check.reasons,
    };
  },
});
