import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageComments } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_inline_comments`: a page's inline comments with their text and state. */
export const getInlineCommentsTool = defineTool({
  name: "confluence_get_inline_comments",
  toolset: "confluence_comments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Inline Comments",
  description: "Get a page's inline comments, replies and resolution.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
    }),
  handler: ({ page_id }, { service }) => pageComments(service, page_id, "inline"),
});
