import { z } from "zod";
import { anchorIn } from "../../../confluence/inline_anchor.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { addCommentOnce } from "./_create.ts";
import { COMMENT_BODY_HELP, commentStorage } from "./_view.ts";

/** `confluence_add_inline_comment`: a comment anchored to one occurrence of exact page text. */
export const addInlineCommentTool = defineTool({
  name: "confluence_add_inline_comment",
  toolset: "confluence_comments",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Add Inline Comment",
  description:
    "Add an inline comment anchored to exact text of a Confluence page (as a reader sees it, within one paragraph, list item or table cell). When the text occurs several times, text_selection_match_index picks one (0 = first); the occurrences are counted on the page, and text that is missing or occurs fewer times than the index needs is refused with the count found.",
  input: z.object({
    page_id: idString("Page id, e.g. '123456' (or the page URL)."),
    body: limitedString("text", COMMENT_BODY_HELP).min(1),
    text_selection: limitedString("text", "The exact page text to highlight, e.g. 'two weeks'.")
      .min(1),
    text_selection_match_count: z.number().int().min(1).default(1).describe(
      "How often text_selection occurs on the page. Counted on the page by this server; a different value only adds a note.",
    ),
    text_selection_match_index: z.number().int().min(0).default(0).describe(
      "Which occurrence to highlight, 0-based (0 = first).",
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
