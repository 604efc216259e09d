import { z } from "zod";
import { changelogView, expandWithChangelog } from "../../../jira/changelog.ts";
import { getComments } from "../../../jira/comments.ts";
import { fieldNames } from "../../../jira/fields.ts";
import { getIssue } from "../../../jira/issues.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertProjectAllowed, isAllowed, projectOfIssueKey } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { commaList, issueKey, limitedString } from "../../schemas.ts";
import { parseInclude, readSections } from "./_include.ts";
import { epicLinkField, epicView } from "../../../jira/epic.ts";

/**
 * `jira_get_issue`: one issue as a trimmed view with Markdown text and the newest comments, plus
 * the sections `include` asks for (transitions, watchers, remote links, changelog, worklogs).
 */
export const getIssueTool = defineTool({
  name: "jira_get_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue",
  description: "Get a Jira issue with its newest comments.",
  input: () =>
    z.object({
      issue_key: issueKey,
      fields: limitedString(
        "query",
        "e.g. 'summary,status'; '*all' for all",
      ).optional(),
      expand: limitedString("query", SHARED_PARAMETERS.expand).optional(),
      comment_limit: z.number().int().min(0).max(100).default(10),
      properties: limitedString("query", "Issue properties").optional(),
      update_history: z.boolean().default(true).describe(
        "Mark as recently viewed",
      ),
      include: limitedString(
        "query",
        "transitions, watchers, remote_links, changelog, worklogs, comments or all",
      ).optional(),
      use_display_names: z.boolean().default(false),
    }),
  handler: async (args, { service }) => {
    const include = parseInclude(args.include);
    const allowlist = service.service.allowlist;
    assertProjectAllowed(projectOfIssueKey(args.issue_key), allowlist);
    const wanted = args.fields ? commaList(args.fields) : DEFAULT_FIELDS;
    // With the default fields, also the epic (Epic Link on Data Center; Cloud uses parent).
    const epicField = args.fields
      ? undefined
      : (await readBack(() => epicLinkField(service.client))).value;
    const extra = [
      "parent",
      ...(epicField ? [epicField] : []),
      ...(allowlist.length ? ["project"] : []),
    ];
    const fields = wanted.includes("*all") ? wanted : [...new Set([...wanted, ...extra])];
    const issueRead = getIssue(service.client, args.issue_key, {
      fields,
      expand: include.has("changelog") ? expandWithChangelog(args.expand) : args.expand,
      properties: args.properties,
      updateHistory: args.update_history,
    });
    // Comments, display names and included sections enrich the answer; their failure must not
    // lose the issue.
    const [issue, comments, names, sections] = await Promise.all([
      issueRead,
      readBack(
        () => getComments(service.client, args.issue_key, args.comment_limit),
        "Comments could not be read",
      ),
      args.use_display_names
        ? readBack(() => fieldNames(service.client), "Field names could not be read")
        : undefined,
      readSections(service.client, args.issue_key, include),
    ]);
    // A moved issue keeps answering to its old key: check the project it is in now.
    const project = (issue.fields.project as { key?: string } | undefined)?.key;
    if (project) assertProjectAllowed(project, allowlist);
    const epicKey = epicField ? issue.fields[epicField] : undefined;
    if (epicField) delete issue.fields[epicField];
    const epic = typeof epicKey === "string" && isAllowed(projectOfIssueKey(epicKey), allowlist)
      ? (await readBack(() => epicView(service.client, epicKey))).value ?? { key: epicKey }
      : undefined;
    return {
      ...issueView(service.service, issue, {
        names: names?.value,
        comments: args.comment_limit > 0 ? comments.value : undefined,
      }),
      epic,
      comments_unavailable: comments.value ? undefined : comments.note,
      changelog: include.has("changelog") ? changelogView(issue.changelog?.histories) : undefined,
      ...sections,
    };
  },
});
