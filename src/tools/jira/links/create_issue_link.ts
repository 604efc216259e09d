import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import {
  chooseLinkType,
  createIssueLink,
  findLink,
  getLinkTypes,
  linksOf,
  linkView,
  type NewIssueLink,
} from "../../../jira/links.ts";
import { toJiraText } from "../../../jira/rich.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { issueKey, jsonObject, jsonText, limitedString } from "../../schemas.ts";
import { assertNoComment } from "../comments/_internal_only.ts";

/** `jira_create_issue_link`: link two issues by link type, optionally with a comment. */
export const createIssueLinkTool = defineTool({
  name: "jira_create_issue_link",
  toolset: "jira_links",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Issue Link",
  description:
    "Link two Jira issues; the link reads inward_issue_key <outward phrase> outward_issue_key, e.g. PROJ-1 blocks PROJ-2. Answers the link id.",
  input: () =>
    z.object({
      link_type: limitedString(
        "name",
        "Type name (jira_get_link_types), e.g. 'Blocks', or a phrase ('is blocked by')",
      ).min(1),
      inward_issue_key: issueKey.describe(
        "Issue the link reads from, e.g. 'PROJ-1'",
      ),
      outward_issue_key: issueKey.describe(
        "Issue the link points to, e.g. 'PROJ-2'",
      ),
      comment: limitedString("text", "Markdown comment to add").optional(),
      comment_visibility: jsonText(
        'Who sees the comment, e.g. {"type": "role", "value": "Developers"} (or type group)',
        "query",
      ).optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    for (const key of [args.inward_issue_key, args.outward_issue_key]) {
      await assertIssueAllowed(service, key);
    }
    if (args.comment) {
      const keys = [args.inward_issue_key, args.outward_issue_key];
      assertNoComment(client.service, keys, "jira_create_issue_link");
    }
    const visibility = jsonObject("comment_visibility", args.comment_visibility);
    if (
      args.comment_visibility &&
      (typeof visibility.type !== "string" || typeof visibility.value !== "string")
    ) {
      throw new ToolError(
        "comment_visibility needs both a type and a value.",
        'Pass e.g. {"type": "role", "value": "Developers"}.',
      );
    }
    if (args.comment_visibility && !args.comment) {
      throw new ToolError(
        "comment_visibility applies to a comment, but none was given.",
        "Pass comment too, or leave out comment_visibility.",
      );
    }
    const { type, swap } = chooseLinkType(await getLinkTypes(client), args.link_type);
    const [from, to] = swap
      ? [args.outward_issue_key, args.inward_issue_key]
      : [args.inward_issue_key, args.outward_issue_key];
    const reads = `${from} ${type.outward ?? type.name} ${to}`;
    const lookup = async () => findLink(await linksOf(client, from), type.id, from, to);
    const before = await lookup();
    const link: NewIssueLink = {
      type: { id: type.id },
      inwardIssue: { key: from },
      outwardIssue: { key: to },
      comment: args.comment
        ? {
          body: toJiraText(client.service, args.comment),
          visibility: args.comment_visibility
            ? visibility as { type: string; value: string }
            : undefined,
        }
        : undefined,
    };
    const { recovered } = await writeOnce(
      async () => {
        await createIssueLink(client, link);
        return true;
      },
      {
        verdict: "Not linked",
        missing: `${from} has no "${type.name}" link to ${to}`,
        find: async () => (await lookup()) ? found(true) : ABSENT,
      },
    );
    const after = await readBack(lookup);
    const made = after.value;
    const id = made ? ` (link ${made.id})` : "";
    const how = recovered ? `, ${recovered}` : "";
    const message = before
      ? `${reads} was already linked${id}; no second link was made${
        args.comment ? ", but the comment was added" : ""
      }${how}.`
      : `Linked: ${reads}${id}${how}.`;
    return {
      message,
      note: after.note ??
        (made ? undefined : "The link was made, but it is not among the issue's links yet."),
      link: made && linkView(made),
    };
  },
});
