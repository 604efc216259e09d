import { z } from "zod";
import { listAttachments } from "../../../confluence/attachments.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
  description: "List a Confluence page's attachments.",
  input: () =>
    z.object({
      content_id: idString(SHARED_PARAMETERS.content_id),
      start: z.number().int().min(0).default(0).describe("Attachments to skip"),
      limit: z.number().int().min(1).max(100).default(50).describe("Maximum attachments"),
      filename: limitedString("name", "Only this exact name, e.g. 'a.png'").optional(),
      media_type: limitedString("name", "Only this media type, e.g. 'image/png'").optional(),
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
