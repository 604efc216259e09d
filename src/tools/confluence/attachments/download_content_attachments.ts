import { z } from "zod";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
    "Download a Confluence page's first 50 attachments as a JSON summary and embedded resources (files over 50 MB fail).",
  input: () => z.object({ content_id: idString(SHARED_PARAMETERS.content_id) }),
  handler: ({ content_id }, { service, config, progress }) =>
    pageFiles(service, config, content_id, false, progress),
});
