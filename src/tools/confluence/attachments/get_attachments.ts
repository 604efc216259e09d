import { z } from "zod";
import { listAttachments } from "../../../confluence/attachments.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { attachmentView } from "./_common.ts";

/** `confluence_get_attachments`: a page's attachments, by page, name and type. */
export const getAttachmentsTool = defineTool({
  name: "confluence_get_attachments",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Content Attachments",
  description:
    "List the attachments of a Confluence page (id, name, media type, size, version), optionally only those with an exact filename or media type.",
  input: z.object({
    content_id: idString("Page id, e.g. '123456'."),
    start: z.number().int().min(0).default(0).describe("How many attachments to skip."),
    limit: z.number().int().min(1).max(100).default(50).describe("Most attachments (1-100)."),
    filename: limitedString("name", "Only the attachment with this exact name, e.g. 'a.png'.")
      .optional(),
    media_type: limitedString("name", "Only attachments of this media type, e.g. 'image/png'.")
      .optional(),
  }),
  handler: async (args, { service }) => {
    const page = await allowedPage(service, args.content_id);
    const { attachments, more } = await listAttachments(service.client, page.id, {
      start: args.start,
      limit: args.limit,
      filename: args.filename,
      mediaType: args.media_type,
    });
    return {
      content_id: page.id,
      start: args.start,
      limit: args.limit,
      count: attachments.length,
      more,
      attachments: attachments.map(attachmentView),
    };
  },
});
