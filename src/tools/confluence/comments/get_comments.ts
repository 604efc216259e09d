import { z } from "zod";
import { MAX_COMMENTS } from "../../../confluence/comments.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageComments } from "./_view.ts";

/** `confluence_get_comments`: a page's footer comments with their replies, as Markdown. */
export const getCommentsTool = defineTool({
  name: "confluence_get_comments",
  toolset: "confluence_comments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Comments",
  description:
    `Get the footer comments of a Confluence page with their replies (parent_id), oldest first, bodies as Markdown, authors by name. Reads up to ${MAX_COMMENTS} comments. Inline comments: confluence_get_inline_comments.`,
  input: z.object({
    page_id: idString("Page id, e.g. '123456' (or the page URL)."),
  }),
  handler: ({ page_id }, { service }) => pageComments(service, page_id, "footer"),
});
