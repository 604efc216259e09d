import { z } from "zod";
import { countIssues } from "../../../jira/search.ts";
import { defineTool } from "../../define.ts";
import { restrictJql } from "../../policy.ts";
import { commaList, limitedString } from "../../schemas.ts";

/**
 * `jira_count_issues` (beyond the Python server): how many issues a JQL query matches, without
 * reading them, with the project allowlist applied.
 */
export const countIssuesTool = defineTool({
  name: "jira_count_issues",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Count Issues",
  description:
    "Count the Jira issues a JQL query matches without fetching them, e.g. 'project = PROJ AND resolution = Unresolved'. Jira Cloud counts approximately (very recent changes may not show) and needs a bounded query (a project, an assignee or a date range).",
  input: z.object({
    jql: limitedString("query", "JQL query, e.g. 'project = PROJ AND status = \"In Progress\"'."),
    projects_filter: limitedString(
      "query",
      "Comma-separated project keys to narrow the count to, e.g. 'PROJ,OPS'.",
    ).optional(),
  }),
  handler: async (args, { service }) => {
    let jql = restrictJql(args.jql, service.service.allowlist);
    jql = restrictJql(jql, commaList(args.projects_filter));
    const { count, approximate } = await countIssues(service.client, jql);
    return { jql, count, approximate: approximate || undefined };
  },
});
