import { z } from "zod";
import { anchorIn } from "../../../confluence/inline_anchor.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { addCommentOnce } from "./_create.ts";
import { COMMENT_BODY_HELP, commentStorage } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_add_inline_comment`: a comment anchored to one occurrence of exact page text. */
export const addInlineCommentTool = defineTool({
  name: "confluence_add_inline_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Add Inline Comment",
  description: "Comment on exact page text within one paragraph, list item or cell.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      body: limitedString("text", COMMENT_BODY_HELP).min(1),
      text_selection: limitedString("text", "Text as a reader sees it")
        .min(1),
      text_selection_match_count: z.number().int().min(1).default(1).describe(
        "Server counts it itself",
      ),
      text_selection_match_index: z.number().int().min(0).default(0).describe(
        "0 = first occurrence",
      ),
    }),
  handler: async (args, { service }) => {
    const page = await allowedPage(service, args.page_id);
    const anchor = anchorIn(
      page.body,
      args.text_selection,
      args.text_selection_match_index,
      page.id,
    );
    const answer = await addCommentOnce(
      service,
      { pageId: page.id, body: commentStorage(args.body), anchor },
      `on page ${page.id}`,
    );
    const given = args.text_selection_match_count;
    const counted = anchor.count > 1 || given !== anchor.count
      ? `text_selection occurs ${anchor.count} time${anchor.count === 1 ? "" : "s"} on the page${
        given !== 1 && given !== anchor.count ? ` (not ${given})` : ""
      }; occurrence ${anchor.index + 1} was highlighted.`
      : undefined;
    return { ...answer, note: [counted, answer.note].filter(Boolean).join(" ") };
  },
});
