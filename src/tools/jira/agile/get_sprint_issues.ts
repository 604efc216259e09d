import { z } from "zod";
import { searchIssues } from "../../../jira/search.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { isAllowed, projectOfIssueKey, restrictJql } from "../../policy.ts";
import { commaList, idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { numericId } from "./_scope.ts";

/** `jira_get_sprint_issues`: the issues of a sprint, through the JQL search `sprint = <id>`. */
export const getSprintIssuesTool = defineTool({
  name: "jira_get_sprint_issues",
  toolset: "jira_agile",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Sprint Issues",
  description: "List a sprint's issues, trimmed as in jira_search.",
  input: () =>
    z.object({
      sprint_id: idString(SHARED_PARAMETERS.sprint_id),
      fields: limitedString(
        "query",
        "Comma-separated fields, '*all' for all; default: essential ones",
      ).optional(),
      start_at: z.number().int().min(0).max(5000).default(0).describe(
        "Index of the first issue (next_start_at)",
      ),
      limit: z.number().int().min(1).max(50).default(10).describe("Most issues to return"),
    }),
  handler: async (args, { service }) => {
    const { allowlist } = service.service;
    const id = numericId("sprint_id", args.sprint_id);
    const cloud = service.service.deployment === "cloud";
    // Cloud's search pages by token only: read up to start_at + limit and skip the first start_at.
    const page = await searchIssues(service.client, {
      jql: restrictJql(`sprint = ${id}`, allowlist),
      fields: args.fields ? commaList(args.fields) : DEFAULT_FIELDS,
      limit: cloud ? args.start_at + args.limit : args.limit,
      startAt: cloud ? undefined : args.start_at,
    });
    const read = cloud ? page.issues.slice(args.start_at) : page.issues;
    const issues = read.filter((issue) => isAllowed(projectOfIssueKey(issue.key), allowlist));
    const more = page.total !== undefined
      ? args.start_at + read.length < page.total
      : page.nextPageToken !== undefined;
    return {
      sprint_id: Number(id),
      total: page.total,
      start_at: args.start_at,
      returned: issues.length,
      next_start_at: more ? args.start_at + read.length : undefined,
      issues: issues.map((issue) => issueView(service.service, issue)),
    };
  },
});
