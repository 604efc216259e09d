import { z } from "zod";
import { checkContentPermission, CHECKED_OPERATIONS } from "../../../confluence/permissions.ts";
import { findGroup } from "../../../confluence/restrictions.ts";
import { findUser } from "../../../confluence/users.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
    "Check whether a user or group may read, update or delete a Confluence page (site, space and page permissions). Checking others needs admin rights.",
  input: () =>
    z.object({
      content_id: idString(SHARED_PARAMETERS.content_id),
      user_identifier: limitedString("name", "Account id, display name or group name").min(1),
      operation: z.enum(CHECKED_OPERATIONS).describe("Operation to check"),
      subject_type: z.enum(["user", "group"]).default("user").describe(
        "What user_identifier names",
      ),
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
