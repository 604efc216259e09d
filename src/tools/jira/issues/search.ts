import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { fieldNames } from "../../../jira/fields.ts";
import { searchIssues } from "../../../jira/search.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
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
  description:
    "Search Jira issues with JQL, e.g. 'project = PROJ AND status = \"In Progress\" ORDER BY updated DESC'. Returns trimmed issues; on Cloud pass next_page_token back as page_token for more.",
  input: z.object({
    jql: limitedString(
      "query",
      "JQL query, e.g. 'assignee = currentUser() AND resolution = Unresolved'.",
    ),
    fields: limitedString(
      "query",
      "Comma-separated fields to return; '*all' for every field. Default: the essential fields.",
    ).optional(),
    limit: z.number().int().min(1).max(1000).default(10).describe(
      "Maximum issues to return (1-1000); larger limits are fetched page by page.",
    ),
    start_at: z.number().int().min(0).default(0).describe(
      `Index of the first result. On Cloud, which pages by token, prefer page_token: a start_at is honoured by reading and skipping that many issues (at most ${MAX_CLOUD_SKIP}).`,
    ),
    projects_filter: limitedString(
      "query",
      "Comma-separated project keys to narrow the search to, e.g. 'PROJ,OPS'.",
    ).optional(),
    expand: limitedString("query", "Jira expand options, e.g. 'changelog'.").optional(),
    page_token: limitedString("query", "Cloud: next_page_token from a previous answer.")
      .optional(),
    use_display_names: z.boolean().default(false).describe(
      "Key custom fields by display name instead of id.",
    ),
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
