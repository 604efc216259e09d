/**
 * The `confluence_attachments` toolset: upload, list, download and delete page attachments,
 * and a page's images for vision models.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { deleteAttachmentTool } from "./delete_attachment.ts";
import { downloadAttachmentTool } from "./download_attachment.ts";
import { downloadContentAttachmentsTool } from "./download_content_attachments.ts";
import { getAttachmentsTool } from "./get_attachments.ts";
import { getPageImagesTool } from "./get_page_images.ts";
import { uploadAttachmentTool } from "./upload_attachment.ts";
import { uploadAttachmentsTool } from "./upload_attachments.ts";

/** The toolset's tools in listing order (the Python server's). */
export const confluenceAttachments = defineToolset({
  name: "confluence_attachments",
  description: "Upload, list, download and delete page attachments; page images",
  isDefault: false,
  tools: [
    uploadAttachmentTool,
    uploadAttachmentsTool,
    getAttachmentsTool,
    downloadAttachmentTool,
    downloadContentAttachmentsTool,
    deleteAttachmentTool,
    getPageImagesTool,
  ],
});
