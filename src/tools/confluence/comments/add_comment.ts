import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { addCommentOnce } from "./_create.ts";
import { COMMENT_BODY_HELP, commentStorage } from "./_view.ts";

/** `confluence_add_comment`: a footer comment on a page. */
export const addCommentTool = defineTool({
  name: "confluence_add_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Add Comment",
  description:
    "Add a footer comment to a Confluence page. body is Markdown. To answer an existing comment use confluence_reply_to_comment; to comment on a passage, confluence_add_inline_comment.",
  input: z.object({
    page_id: idString("Page id, e.g. '123456' (or the page URL)."),
    body: limitedString("text", COMMENT_BODY_HELP).min(1),
  }),
  handler: async ({ page_id, body }, { service }) => {
    const page = await allowedPage(service, page_id);
    return await addCommentOnce(
      service,
      { pageId: page.id, body: commentStorage(body) },
      `on page ${page.id}`,
    );
  },
});
