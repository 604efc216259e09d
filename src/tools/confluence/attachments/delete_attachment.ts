import { z } from "zod";
import { deleteAttachment } from "../../../confluence/attachments.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { allowedAttachment, attachmentView } from "./_common.ts";

/** `confluence_delete_attachment`: remove an attachment (to the trash). */
export const deleteAttachmentTool = defineTool({
  name: "confluence_delete_attachment",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Delete Attachment",
  description:
    "Delete a Confluence attachment with all its versions (Confluence moves it to the space's trash).",
  input: z.object({
    attachment_id: idString("Attachment id, e.g. 'att123456' (Cloud) or '123456'."),
  }),
  handler: async ({ attachment_id }, { service }) => {
    const attachment = await allowedAttachment(service, attachment_id);
    await deleteAttachment(service.client, attachment.id);
    return {
      message: `${attachment.title} was deleted from page ${attachment.pageId}.`,
      attachment: attachmentView(attachment),
    };
  },
});
