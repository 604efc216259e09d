import { z } from "zod";
import { CONTENT_FORMATS } from "../../../confluence/body.ts";
import { getPage } from "../../../confluence/pages.ts";
import { defineTool } from "../../define.ts";
import { bodyFromFile } from "../../files/folder.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { confirmRemovalInput, idString, limitedString } from "../../schemas.ts";
import {
  applyLook,
  checkEmoji,
  emojiInput,
  enableHeadingAnchorsInput,
  joinNotes,
  pageBody,
  pageWidthInput,
  tableLayoutInput,
} from "./_options.ts";
import { allowedParent } from "../_space.ts";
import { pageView } from "./_view.ts";
import { checkLoss, writeNextVersion } from "./_write.ts";

/** `confluence_update_page`: replace a page's title and body as a new version. */
export const updatePageTool = defineTool({
  name: "confluence_update_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Page",
  description:
    "Replace a Confluence page's title and body (a new version). Start from confluence_get_page's Markdown and keep its <!--...--> placeholders: macros, mentions and media they stand for are restored unchanged; a body that would leave some out is refused unless confirm_removal is true. Optionally sets or removes the title emoji and sets the page width and the width of tables.",
  input: z.object({
    page_id: idString("Id of the page to update, e.g. '123456'."),
    title: limitedString("name", "The page title (send the current one to keep it).").min(1),
    content: limitedString("text", "New body in content_format; leave out to keep the body.")
      .optional(),
    content_file: limitedString(
      "query",
      "Read the body (UTF-8, in content_format) from this file instead of content; a path relative to the folder MCP_ATTACHMENTS_DIR names, e.g. 'pages/release.md'.",
    ).optional(),
    is_minor_edit: z.boolean().default(false).describe(
      "Do not notify watchers (Server/Data Center; Confluence Cloud's page API has no minor edits).",
    ),
    version_comment: limitedString("text", "Comment for the page history.").optional(),
    parent_id: idString("Move the page under this parent page id, e.g. '123456'.").optional(),
    content_format: z.enum(CONTENT_FORMATS).default("markdown").describe(
      "Format of content: 'markdown', 'wiki' or 'storage' (XHTML). Wiki is converted by Confluence itself, so a wiki body is not checked for macros, images or mentions it would remove.",
    ),
    enable_heading_anchors: enableHeadingAnchorsInput,
    include_content: z.boolean().default(false).describe("Return the updated body too."),
    emoji: emojiInput(true),
    page_width: pageWidthInput,
    table_layout: tableLayoutInput,
    confirm_removal: confirmRemovalInput,
  }),
  handler: async (args, { service, config }) => {
    const { client } = service;
    checkEmoji(args.emoji);
    const current = await getPage(client, args.page_id);
    assertSpaceAllowed(current.spaceKey, service.service.allowlist);
    const content = await bodyFromFile(config, args.content, args.content_file);
    const next = pageBody(content, args);
    const removed = next.representation === "storage"
      ? checkLoss(current, next.body!, args.confirm_removal)
      : undefined;
    const { version, recovered } = await writeNextVersion(client, current, {
      title: args.title,
      body: next.body ?? current.body,
      representation: next.representation ?? "storage",
      minorEdit: args.is_minor_edit,
      message: args.version_comment,
      parentId: args.parent_id && await allowedParent(service, args.parent_id),
    });
    const look = await applyLook(client, current.id, args);
    const page = await readBack(() => getPage(client, current.id));
    return {
      message: `Updated page ${current.id} to version ${version}${
        recovered ? ` (${recovered})` : ""
      }.${removed ? ` ${removed}.` : ""}`,
      note: joinNotes(next.note, look, page.note),
      page: page.value && await pageView(client, page.value, { content: args.include_content }),
    };
  },
});
