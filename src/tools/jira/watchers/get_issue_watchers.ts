import { z } from "zod";
import { getWatchers, watchersView } from "../../../jira/watchers.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { issueKey } from "../../schemas.ts";

/** `jira_get_issue_watchers`: who watches an issue. */
export const getIssueWatchersTool = defineTool({
  name: "jira_get_issue_watchers",
  toolset: "jira_watchers",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue Watchers",
  description:
    "List a Jira issue's watchers (those you may see), their count and whether you watch.",
  input: () => z.object({ issue_key: issueKey }),
  handler: async (args, { service }) => {
    await assertIssueAllowed(service, args.issue_key);
    const answer = await getWatchers(service.client, args.issue_key);
    return { issue_key: args.issue_key, ...watchersView(answer) };
  },
});
