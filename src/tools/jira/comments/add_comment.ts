import { z } from "zod";
import { addComment, myCommentsSince } from "../../../jira/comments.ts";
import { fromJiraText, toJiraText } from "../../../jira/rich.ts";
import { commentView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertInternalComment } from "./_internal_only.ts";
import { addRequestCommentOnce } from "./_request_comment.ts";
import { commentVisibility, visibilityInput } from "./_visibility.ts";
import { ToolError } from "../../../errors.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
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
  description: "Add a comment to a Jira issue.",
  aliases: { comment: "body" },
  input: () =>
    z.object({
      issue_key: issueKey,
      body: limitedString("text", SHARED_PARAMETERS.body).min(1),
      visibility: visibilityInput,
      public: z.boolean().optional().describe(
        "Service Management: true = customer reply, false = internal note",
      ),
    }),
  handler: async (args, { service }) => {
    await assertIssueAllowed(service, args.issue_key);
    await assertInternalComment(service.client, args.issue_key, args.public);
    if (args.public !== undefined) {
      if (args.visibility) {
        throw new ToolError(
          "public and visibility cannot be used together.",
          "Use public for a Service Management reply (true) or internal note (false), or visibility for an ordinary restricted comment.",
        );
      }
      return await addRequestCommentOnce(service.client, args.issue_key, args.body, args.public);
    }
    const visibility = commentVisibility(args.visibility);
    const body = toJiraText(service.service, args.body);
    // The text as Jira gives it back, to recognise the comment if the answer is lost.
    const sent = fromJiraText(service.service, body)?.trim();
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
          const same = mine.filter((comment) =>
            fromJiraText(service.service, comment.body)?.trim() === sent
          );
          return same.length || !mine.length
            ? theOne(same, "comments with this text by you")
            : unclear(`A comment by you appeared on ${args.issue_key}, but its text differs`);
        },
      },
    );
    const added = `Comment added to ${args.issue_key}`;
    return {
      message: recovered ? `${added} (${recovered}).` : `${added}.`,
      comment: commentView(service.service, comment),
    };
  },
});
