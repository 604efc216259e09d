import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { addCommentOnce } from "./_create.ts";
import { COMMENT_BODY_HELP, commentStorage } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_add_comment`: a footer comment on a page. */
export const addCommentTool = defineTool({
  name: "confluence_add_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Add Comment",
  description: "Add a footer comment to a page.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
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
