import { z } from "zod";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
    "Get the images among a Confluence page's first 50 attachments, as image content after a JSON summary.",
  input: () => z.object({ content_id: idString(SHARED_PARAMETERS.content_id) }),
  handler: ({ content_id }, { service, config, progress }) =>
    pageFiles(service, config, content_id, true, progress),
});
