import { z } from "zod";
import { getComments } from "../../jira/comments.ts";
import { fieldNames } from "../../jira/fields.ts";
import { getIssue } from "../../jira/issues.ts";
import { DEFAULT_FIELDS, issueView } from "../../jira/view.ts";
import { defineTool } from "../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../policy.ts";
import { readBack } from "../read_back.ts";
import { commaList, issueKey } from "../schemas.ts";

/** `jira_get_issue`: one issue as a trimmed view with Markdown text and the newest comments. */
export const getIssueTool = defineTool({
  name: "jira_get_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue",
  description:
    "Get one Jira issue by key: summary, status, people, dates, custom fields and the description as Markdown, plus its newest comments.",
  input: z.object({
    issue_key: issueKey,
    fields: z.string().optional().describe(
      "Comma-separated fields to return, e.g. 'summary,status,customfield_10016'; '*all' for every field. Default: the essential fields.",
    ),
    expand: z.string().optional().describe("Jira expand options, e.g. 'renderedFields,changelog'."),
    comment_limit: z.number().int().min(0).max(100).default(10).describe(
      "How many of the newest comments to include (0-100).",
    ),
    properties: z.string().optional().describe("Comma-separated issue properties to return."),
    update_history: z.boolean().default(true).describe(
      "Record the issue as viewed in the user's history.",
    ),
    use_display_names: z.boolean().default(false).describe(
      "Key custom fields by display name (e.g. 'Story Points') instead of id.",
    ),
  }),
  handler: async (args, { service }) => {
    const allowlist = service.service.allowlist;
    assertProjectAllowed(projectOfIssueKey(args.issue_key), allowlist);
    const wanted = args.fields ? commaList(args.fields) : DEFAULT_FIELDS;
    const extra = ["parent", ...(allowlist.length ? ["project"] : [])];
    const fields = wanted.includes("*all") ? wanted : [...new Set([...wanted, ...extra])];
    const issueRead = getIssue(service.client, args.issue_key, {
      fields,
      expand: args.expand,
      properties: args.properties,
      updateHistory: args.update_history,
    });
    // Comments and display names enrich the answer; their failure must not lose the issue.
    const [issue, comments, names] = await Promise.all([
      issueRead,
      readBack(
        () => getComments(service.client, args.issue_key, args.comment_limit),
        "Comments could not be read",
      ),
      args.use_display_names
        ? readBack(() => fieldNames(service.client), "Field names could not be read")
        : undefined,
    ]);
    // A moved issue keeps answering to its old key: check the project it is in now.
    const project = (issue.fields.project as { key?: string } | undefined)?.key;
    if (project) assertProjectAllowed(project, allowlist);
    return {
      ...issueView(service.service, issue, {
        names: names?.value,
        comments: args.comment_limit > 0 ? comments.value : undefined,
      }),
      comments_unavailable: comments.value ? undefined : comments.note,
    };
  },
});
