import { z } from "zod";
import { addComment, myCommentsSince } from "../../../jira/comments.ts";
import { fromJiraText, toJiraText } from "../../../jira/rich.ts";
import { commentView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { commentVisibility, visibilityInput } from "./_visibility.ts";
import { ToolError } from "../../../errors.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { theOne, unclear, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

/** `jira_add_comment`: add a Markdown comment to an issue, optionally restricted. */
export const addCommentTool = defineTool({
  name: "jira_add_comment",
  toolset: "jira_comments",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Add Comment",
  description:
    "Add a comment to a Jira issue. The body is Markdown; mentions are written @[Name](accountid:ID).",
  aliases: { comment: "body" },
  input: z.object({
    issue_key: issueKey,
    body: limitedString("text", "Comment text in Markdown.").min(1),
    visibility: visibilityInput,
    public: z.boolean().optional().describe(
      "Jira Service Management only: true for a customer-visible reply, false for an internal note.",
    ),
  }),
  handler: async (args, { service }) => {
    assertProjectAllowed(projectOfIssueKey(args.issue_key), service.service.allowlist);
    if (args.public !== undefined) {
      throw new ToolError(
        "Customer-visible and internal Service Management comments are not supported by this server yet.",
        "Leave out public to add an ordinary comment, or use visibility to restrict it.",
      );
    }
    const visibility = commentVisibility(args.visibility);
    const body = toJiraText(service.service, args.body);
    // The text as Jira gives it back, to recognise the comment if the answer is lost.
    const sent = fromJiraText(body)?.trim();
    const { value: comment, recovered } = await writeOnce(
      () =>
        addComment(
          service.client,
          args.issue_key,
          body,
          visibility,
        ),
      {
        verdict: "Not added",
        missing: `${args.issue_key} has no new comment by you with this text`,
        find: async (startedAt) => {
          const mine = await myCommentsSince(service.client, args.issue_key, startedAt);
          const same = mine.filter((comment) => fromJiraText(comment.body)?.trim() === sent);
          return same.length || !mine.length
            ? theOne(same, "comments with this text by you")
            : unclear(`A comment by you appeared on ${args.issue_key}, but its text differs`);
        },
      },
    );
    const added = `Comment added to ${args.issue_key}`;
    return {
      message: recovered ? `${added} (${recovered}).` : `${added}.`,
      comment: commentView(comment),
    };
  },
});
