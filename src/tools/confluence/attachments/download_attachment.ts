import { z } from "zod";
import { ContentAnswer } from "../../answer.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { downloadFiles } from "../../files/downloads.ts";
import { idString } from "../../schemas.ts";
import { allowedAttachment, attachmentView, downloadable } from "./_common.ts";

/** `confluence_download_attachment`: one attachment's bytes, in the answer. */
export const downloadAttachmentTool = defineTool({
  name: "confluence_download_attachment",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Download Attachment",
  description:
    "Download a Confluence attachment (up to 50 MB) as a JSON summary and an embedded resource.",
  input: () =>
    z.object({
      attachment_id: idString(SHARED_PARAMETERS.attachment_id),
    }),
  handler: async ({ attachment_id }, { service, config }) => {
    const attachment = await allowedAttachment(service, attachment_id);
    const owner = attachment.pageId ?? attachment_id;
    const result = await downloadFiles([downloadable(service, config, owner, attachment)], false);
    return new ContentAnswer({
      message: result.failed.length
        ? `${attachment.title} was not downloaded: ${result.failed[0].error}`
        : `${attachment.title} follows.`,
      attachment: attachmentView(attachment),
    }, result.items);
  },
});
