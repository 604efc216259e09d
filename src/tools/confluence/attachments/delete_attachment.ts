import { z } from "zod";
import { deleteAttachment } from "../../../confluence/attachments.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
  description: "Delete a Confluence attachment with all its versions (to the space's trash).",
  input: () =>
    z.object({
      attachment_id: idString(SHARED_PARAMETERS.attachment_id),
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
