import { z } from "zod";
import { AtlassianError } from "../../../http/mod.ts";
import { deleteIssueLink, getIssueLink, linkSentence, linkView } from "../../../jira/links.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString } from "../../schemas.ts";

/** `jira_remove_issue_link`: delete one link between two issues, by id. */
export const removeIssueLinkTool = defineTool({
  name: "jira_remove_issue_link",
  toolset: "jira_links",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Remove Issue Link",
  description:
    "Delete a link between two Jira issues by id (from jira_create_issue_link or issuelinks in jira_get_issue); remote links stay.",
  input: () =>
    z.object({
      link_id: idString("Issue link id, e.g. '10400'"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const link = await getIssueLink(client, args.link_id);
    for (const end of [link.inwardIssue, link.outwardIssue]) {
      assertProjectAllowed(projectOfIssueKey(end?.key ?? ""), service.service.allowlist);
    }
    const reads = linkSentence(link);
    const { recovered } = await writeOnce(
      async () => {
        await deleteIssueLink(client, args.link_id);
        return true;
      },
      {
        verdict: "Not removed",
        missing: `link ${args.link_id} (${reads}) still exists`,
        find: async () => {
          try {
            await getIssueLink(client, args.link_id);
            return ABSENT;
          } catch (error) {
            if (error instanceof AtlassianError && error.status === 404) return found(true);
            throw error;
          }
        },
      },
    );
    return {
      message: `Removed link ${args.link_id} (${reads})${recovered ? `, ${recovered}` : ""}.`,
      removed: linkView(link),
    };
  },
});
