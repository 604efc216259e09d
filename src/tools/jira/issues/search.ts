import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { fieldNames } from "../../../jira/fields.ts";
import { searchIssues } from "../../../jira/search.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { isAllowed, projectOfIssueKey, restrictJql } from "../../policy.ts";
import { commaList, limitedString } from "../../schemas.ts";

/** The most issues a Cloud search reads and skips to honour `start_at`. */
const MAX_CLOUD_SKIP = 5000;

/** `jira_search`: JQL search with trimmed issue views and paging information. */
export const searchTool = defineTool({
  name: "jira_search",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search Issues",
  description: "Search Jira issues with JQL.",
  input: () =>
    z.object({
      jql: limitedString("query", SHARED_PARAMETERS.jql),
      fields: limitedString(
        "query",
        "e.g. 'summary,status'; '*all' for all",
      ).optional(),
      limit: z.number().int().min(1).max(1000).default(10),
      start_at: z.number().int().min(0).default(0).describe(
        "On Cloud prefer page_token",
      ),
      projects_filter: limitedString("query", SHARED_PARAMETERS.projects_filter).optional(),
      expand: limitedString("query", SHARED_PARAMETERS.expand).optional(),
      page_token: limitedString("query", SHARED_PARAMETERS.page_token).optional(),
      use_display_names: z.boolean().default(false),
    }),
  handler: async (args, { service }) => {
    let jql = restrictJql(args.jql, service.service.allowlist);
    jql = restrictJql(jql, commaList(args.projects_filter));
    // Cloud's search pages by token only: a start_at without a token reads and skips.
    const skip = service.service.deployment === "cloud" && !args.page_token ? args.start_at : 0;
    if (skip > MAX_CLOUD_SKIP) {
      throw new ToolError(
        `start_at ${skip} is beyond the ${MAX_CLOUD_SKIP} issues a Cloud search reads and skips.`,
        "Page with page_token: pass each answer's next_page_token back, or narrow the JQL.",
      );
    }
    const [page, names] = await Promise.all([
      searchIssues(service.client, {
        jql,
        fields: args.fields ? commaList(args.fields) : DEFAULT_FIELDS,
        limit: skip + args.limit,
        startAt: args.start_at,
        pageToken: args.page_token,
        expand: args.expand,
      }),
      args.use_display_names ? fieldNames(service.client) : undefined,
    ]);
    // The allowlist again, on what came back: a query can only narrow, never widen it.
    const issues = page.issues.slice(skip).filter((issue) =>
      isAllowed(projectOfIssueKey(issue.key), service.service.allowlist)
    );
    return {
      total: page.total,
      start_at: skip ? args.start_at : page.startAt,
      returned: issues.length,
      next_page_token: page.nextPageToken,
      note: skip
        ? `Jira Cloud pages by token: start_at ${skip} was honoured by reading and skipping ${skip} issues. For the next page pass next_page_token as page_token.`
        : undefined,
      issues: issues.map((issue) => issueView(service.service, issue, { names })),
    };
  },
});
