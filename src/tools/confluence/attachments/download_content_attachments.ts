import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageFiles } from "./_common.ts";

/** `confluence_download_content_attachments`: every attachment of a page, in the answer. */
export const downloadContentAttachmentsTool = defineTool({
  name: "confluence_download_content_attachments",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Download All Content Attachments",
  description:
    "Download the attachments of a Confluence page (its first 50). The answer is a JSON summary (downloaded and failed files), then each file as an embedded resource; files over 50 MB are listed as failed.",
  input: z.object({ content_id: idString("Page id, e.g. '123456'.") }),
  handler: ({ content_id }, { service, config, progress }) =>
    pageFiles(service, config, content_id, false, progress),
});
