import { z } from "zod";
import { searchIssues } from "../../../jira/search.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, isAllowed, projectOfIssueKey, queryLiteral } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";

/** `jira_get_project_issues`: a project's issues, page by page. */
export const getProjectIssuesTool = defineTool({
  name: "jira_get_project_issues",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Issues",
  description: "List a Jira project's issues.",
  input: () =>
    z.object({
      project_key: projectKey,
      limit: z.number().int().min(1).max(50).default(10),
      start_at: z.number().int().min(0).max(5000).default(0),
    }),
  handler: async (args, { service }) => {
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const cloud = service.service.deployment === "cloud";
    const jql = `project = ${queryLiteral(args.project_key)}`;
    // Cloud's search pages by token only: read up to start_at + limit and skip the first start_at.
    const page = await searchIssues(service.client, {
      jql,
      fields: DEFAULT_FIELDS,
      limit: cloud ? args.start_at + args.limit : args.limit,
      startAt: cloud ? undefined : args.start_at,
    });
    const issues = (cloud ? page.issues.slice(args.start_at) : page.issues).filter((issue) =>
      isAllowed(projectOfIssueKey(issue.key), service.service.allowlist)
    );
    const more = page.total !== undefined
      ? args.start_at + issues.length < page.total
      : page.nextPageToken !== undefined;
    return {
      project: args.project_key,
      total: page.total,
      start_at: args.start_at,
      returned: issues.length,
      next_start_at: more ? args.start_at + issues.length : undefined,
      issues: issues.map((issue) => issueView(service.service, issue)),
    };
  },
});
