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
    "Get a Jira user's profile: display name, account id (Cloud) or user name and key (Data Center), e-mail (when visible), active, time zone. An ambiguous name is refused, listing the candidates.",
  input: z.object({
    user_identifier: limitedString(
      "name",
      "Who: 'me', an e-mail ('bob@example.com'), a display name ('Bob Builder'), a Cloud account id, or a Data Center user name or key ('JIRAUSER10001').",
    ).min(1),
  }),
  handler: async (args, { service }) => {
    const user = await getUserProfile(service.client, args.user_identifier);
    return userView(user, service.client.service.deployment === "cloud");
  },
});
