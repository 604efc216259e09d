import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageComments } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_comments`: a page's footer comments with their replies, as Markdown. */
export const getCommentsTool = defineTool({
  name: "confluence_get_comments",
  toolset: "confluence_comments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Comments",
  description: "Get a page's footer comments and replies.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
    }),
  handler: ({ page_id }, { service }) => pageComments(service, page_id, "footer"),
});
