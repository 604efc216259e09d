import { z } from "zod";
import { getComment } from "../../../confluence/comments.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { addCommentOnce } from "./_create.ts";
import { COMMENT_BODY_HELP, commentStorage } from "./_view.ts";

/** `confluence_reply_to_comment`: a reply in a comment's thread. */
export const replyToCommentTool = defineTool({
  name: "confluence_reply_to_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Reply to Comment",
  description: "Reply to a footer or inline comment.",
  input: () =>
    z.object({
      comment_id: idString("Comment to reply to"),
      body: limitedString("text", COMMENT_BODY_HELP).min(1),
    }),
  handler: async ({ comment_id, body }, { service }) => {
    const parent = await getComment(service.client, comment_id);
    const page = await allowedPage(service, parent.pageId!);
    return await addCommentOnce(
      service,
      { pageId: page.id, body: commentStorage(body), parent },
      `in reply to comment ${parent.id}`,
    );
  },
});
