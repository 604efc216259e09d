import { z } from "zod";
import { MAX_COMMENTS } from "../../../confluence/comments.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageComments } from "./_view.ts";

/** `confluence_get_inline_comments`: a page's inline comments with their text and state. */
export const getInlineCommentsTool = defineTool({
  name: "confluence_get_inline_comments",
  toolset: "confluence_comments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Inline Comments",
  description:
    `Get the inline comments of a Confluence page with their replies (parent_id): the highlighted text (text_selection), the thread's state (resolution: open, reopened, resolved or dangling), author by name and body as Markdown. Reads up to ${MAX_COMMENTS}.`,
  input: z.object({
    page_id: idString("Page id, e.g. '123456' (or the page URL)."),
  }),
  handler: ({ page_id }, { service }) => pageComments(service, page_id, "inline"),
});
