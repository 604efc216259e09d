import { z } from "zod";
import { boardIssues } from "../../../jira/agile.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { isAllowed, projectOfIssueKey, restrictJql } from "../../policy.ts";
import { commaList, idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { allowedBoard } from "./_scope.ts";

/** `jira_get_board_issues`: a board's issues matching a JQL query. */
export const getBoardIssuesTool = defineTool({
  name: "jira_get_board_issues",
  toolset: "jira_agile",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Board Issues",
  description:
    "List an agile board's issues matching JQL, in rank order unless the JQL orders them; trimmed as in jira_search.",
  input: () =>
    z.object({
      board_id: idString(SHARED_PARAMETERS.board_id),
      jql: limitedString(
        "query",
        "JQL filter, e.g. 'status = \"In Progress\"'; '' for all",
      ),
      fields: limitedString(
        "query",
        "Comma-separated fields, '*all' for all; default: essential ones",
      ).optional(),
      start_at: z.number().int().min(0).default(0).describe(
        "Index of the first issue (next_start_at)",
      ),
      limit: z.number().int().min(1).max(50).default(10).describe("Most issues to return"),
      expand: limitedString("query", "Jira expand, e.g. 'changelog'").default("version"),
    }),
  handler: async (args, { service }) => {
    const { allowlist } = service.service;
    const board = await allowedBoard(service, args.board_id);
    const page = await boardIssues(service.client, String(board.id), {
      jql: restrictJql(args.jql, allowlist),
      fields: args.fields ? commaList(args.fields) : DEFAULT_FIELDS,
      startAt: args.start_at,
      maxResults: args.limit,
      expand: args.expand || undefined,
    });
    // The allowlist again, on what came back: a query can only narrow, never widen it.
    const issues = page.issues.filter((issue) =>
      isAllowed(projectOfIssueKey(issue.key), allowlist)
    );
    const more = page.total !== undefined && args.start_at + page.issues.length < page.total;
    return {
      board: { id: board.id, name: board.name },
      total: page.total,
      start_at: args.start_at,
      returned: issues.length,
      next_start_at: more ? args.start_at + page.issues.length : undefined,
      issues: issues.map((issue) => issueView(service.service, issue)),
    };
  },
});
