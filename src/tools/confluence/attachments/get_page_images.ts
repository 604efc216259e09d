import { z } from "zod";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { pageFiles } from "./_common.ts";

/** `confluence_get_page_images`: a page's image attachments, for vision models. */
export const getPageImagesTool = defineTool({
  name: "confluence_get_page_images",
  toolset: "confluence_attachments",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page Images",
  description:
    "Get the image attachments of a Confluence page (PNG, JPEG, GIF, WebP, SVG, BMP; among its first 50 attachments) as images a vision model can see, after a JSON summary.",
  input: z.object({ content_id: idString("Page id, e.g. '123456'.") }),
  handler: ({ content_id }, { service, config, progress }) =>
    pageFiles(service, config, content_id, true, progress),
});
