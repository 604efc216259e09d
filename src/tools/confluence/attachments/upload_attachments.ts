import { z } from "zod";
import { uploadAttachment } from "../../../confluence/attachments.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { uploadSources } from "../../files/list.ts";
import { itemFailure } from "../../run.ts";
import { idString, jsonText, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { attachmentView } from "./_common.ts";

/** `confluence_upload_attachments`: several files to one page, each reported. */
export const uploadAttachmentsTool = defineTool({
  name: "confluence_upload_attachments",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Upload Multiple Attachments",
  description:
    "Attach up to 20 files (each up to 50 MB) to a Confluence page, each reported. An existing name gets a new version.",
  input: () =>
    z.object({
      content_id: idString(SHARED_PARAMETERS.content_id),
      file_paths: jsonText(
        'Comma-separated paths under MCP_ATTACHMENTS_DIR, or a JSON array of paths and {"filename", "content_base64", "mime_type"?} objects',
        "files",
      ),
      comment: limitedString("text", "Comment on every file").optional(),
      minor_edit: z.boolean().default(false).describe(SHARED_PARAMETERS.minor_edit),
    }),
  handler: async (args, { service, config, progress }) => {
    const page = await allowedPage(service, args.content_id);
    const sources = await uploadSources(config, "file_paths", args.file_paths);
    const uploaded = [];
    const failed = [];
    for (const [i, source] of sources.entries()) {
      await progress?.(i, sources.length, `Uploading ${source.filename}`);
      try {
        const { attachment, created } = await uploadAttachment(
          service.client,
          page.id,
          source.content,
          { comment: args.comment, minorEdit: args.minor_edit },
        );
        uploaded.push({ ...attachmentView(attachment), new_version: !created });
      } catch (error) {
        failed.push({ filename: source.filename, error: itemFailure(error) });
      }
    }
    return {
      message: `${uploaded.length} of ${sources.length} files uploaded to page ${page.id}.`,
      uploaded,
      failed,
    };
  },
});
