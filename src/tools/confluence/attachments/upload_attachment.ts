import { z } from "zod";
import { uploadAttachment } from "../../../confluence/attachments.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { base64Source, pathSource } from "../../files/source.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { attachmentView } from "./_common.ts";

/** `confluence_upload_attachment`: one file to a page, a new version when its name is there. */
export const uploadAttachmentTool = defineTool({
  name: "confluence_upload_attachment",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Upload Attachment",
  description:
    "Attach a file (up to 50 MB) to a Confluence page from content_base64 and filename, or file_path. An existing name gets a new version.",
  input: () =>
    z.object({
      content_id: idString(SHARED_PARAMETERS.content_id),
      file_path: limitedString("query", "Path relative to MCP_ATTACHMENTS_DIR, e.g. 'diagram.png'")
        .optional(),
      content_base64: limitedString("files", "File bytes as base64").optional(),
      filename: limitedString(
        "name",
        "Name, e.g. 'report.pdf'; needed with content_base64",
      ).optional(),
      comment: limitedString("text", "Comment on this version").optional(),
      minor_edit: z.boolean().default(false).describe(SHARED_PARAMETERS.minor_edit),
    }),
  handler: async (args, { service, config }) => {
    if ((args.file_path === undefined) === (args.content_base64 === undefined)) {
      throw new ToolError(
        "Pass exactly one of file_path and content_base64.",
        "Send the bytes as content_base64 with a filename, or name a file_path.",
      );
    }
    const page = await allowedPage(service, args.content_id);
    let source;
    if (args.content_base64 !== undefined) {
      if (!args.filename?.trim()) {
        throw new ToolError(
          "content_base64 needs a filename.",
          "Pass e.g. filename: 'report.pdf'.",
        );
      }
      source = base64Source("content_base64", args.content_base64, args.filename.trim());
    } else {
      source = await pathSource(config, args.file_path!, {
        parameter: "file_path",
        instead: "send the file's bytes as content_base64 with a filename",
      }, args.filename?.trim() || undefined);
    }
    const { attachment, created } = await uploadAttachment(
      service.client,
      page.id,
      source.content,
      { comment: args.comment, minorEdit: args.minor_edit },
    );
    return {
      message: created
        ? `${attachment.title} attached to page ${page.id}.`
        : `${attachment.title} on page ${page.id} now has version ${attachment.version}.`,
      attachment: attachmentView(attachment),
    };
  },
});
