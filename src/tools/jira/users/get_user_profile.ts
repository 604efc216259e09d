import { z } from "zod";
import { getUserProfile, userView } from "../../../jira/users.ts";
import { defineTool } from "../../define.ts";
import { limitedString } from "../../schemas.ts";

/** `jira_get_user_profile`: one Jira user's names, ids and e-mail. */
export const getUserProfileTool = defineTool({
  name: "jira_get_user_profile",
  toolset: "jira_users",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get User Profile",
  description:
    "Get a Jira user's profile: display name, account id (Cloud) or user name and key (Data Center), e-mail if visible, active, time zone.",
  input: () =>
    z.object({
      user_identifier: limitedString(
        "name",
        "'me', e-mail, display name, Cloud account id, or Data Center user name or key, e.g. 'bob@example.com'",
      ).min(1),
    }),
  handler: async (args, { service }) => {
    const user = await getUserProfile(service.client, args.user_identifier);
    return userView(user, service.client.service.deployment === "cloud");
  },
});
