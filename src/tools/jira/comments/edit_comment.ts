import { z } from "zod";
import { lossSentence } from "../../../content/loss.ts";
import { ToolError } from "../../../errors.ts";
import { editComment, getComment } from "../../../jira/comments.ts";
import { fromJiraText, jiraTextLoss, toJiraText } from "../../../jira/rich.ts";
import { commentView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertEditable } from "./_internal_only.ts";
import { commentVisibility, visibilityInput } from "./_visibility.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { confirmRemovalInput, idString, issueKey, limitedString } from "../../schemas.ts";

/** `jira_edit_comment`: replace a comment's text, refusing to drop content silently. */
export const editCommentTool = defineTool({
  name: "jira_edit_comment",
  toolset: "jira_comments",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Edit Comment",
  description: "Replace a Jira comment's text.",
  input: () =>
    z.object({
      issue_key: issueKey,
      comment_id: idString(SHARED_PARAMETERS.comment_id),
      body: limitedString("text", SHARED_PARAMETERS.body).min(1),
      visibility: visibilityInput,
      confirm_removal: confirmRemovalInput.describe(SHARED_PARAMETERS.confirm_removal),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    const id = String(args.comment_id);
    await assertIssueAllowed(service, key);
    await assertEditable(client, key, id);
    const visibility = commentVisibility(args.visibility);
    const body = toJiraText(client.service, args.body);
    const before = await getComment(client, key, id);
    const loss = jiraTextLoss(client.service, before.body, body);
    const place = `comment ${id} on ${key}`;
    const refused = lossSentence(loss, { place });
    if (refused && !args.confirm_removal) {
      throw new ToolError(
        `Not edited: ${refused}.`,
        "Keep the <!--...--> placeholders from the comment's Markdown in the new text; to remove them on purpose, call again with confirm_removal: true.",
      );
    }
    const sent = fromJiraText(client.service, body)?.trim();
    const { value, recovered } = await writeOnce(
      () =>
        editComment(
          client,
          key,
          id,
          body,
          visibility,
        ),
      {
        verdict: "Not edited",
        missing: `comment ${id} on ${key} has the new text`,
        find: async () => {
          const now = await getComment(client, key, id);
          return fromJiraText(client.service, now.body)?.trim() === sent ? found(now) : ABSENT;
        },
      },
    );
    const removed = refused ? ` ${lossSentence(loss, { place, done: true })}.` : "";
    return {
      message: `Comment ${id} on ${key} edited${recovered ? ` (${recovered})` : ""}.${removed}`,
      comment: commentView(client.service, value),
    };
  },
});
