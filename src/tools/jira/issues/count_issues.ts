import { z } from "zod";
import { countIssues } from "../../../jira/search.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
  description: "Count issues matching JQL; Cloud approximates and needs a bounded query.",
  input: () =>
    z.object({
      jql: limitedString("query", SHARED_PARAMETERS.jql),
      projects_filter: limitedString("query", SHARED_PARAMETERS.projects_filter).optional(),
    }),
  handler: async (args, { service }) => {
    let jql = restrictJql(args.jql, service.service.allowlist);
    jql = restrictJql(jql, commaList(args.projects_filter));
    const { count, approximate } = await countIssues(service.client, jql);
    return { jql, count, approximate: approximate || undefined };
  },
});
