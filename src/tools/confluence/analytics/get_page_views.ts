import { z } from "zod";
import { pageViews } from "../../../confluence/analytics.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_get_page_views`: how often a page was viewed (Cloud analytics). */
export const getPageViewsTool = defineTool({
  name: "confluence_get_page_views",
  toolset: "confluence_analytics",
  product: "confluence",
  access: "read",
  deployments: ["cloud"],
  title: "Get Page Views",
  description: "Get how many times a Confluence page was viewed.",
  input: () =>
    z.object({
      page_id: idString("Page id or URL, e.g. '123456'"),
      include_title: z.boolean().default(true).describe("Include the page title"),
    }),
  handler: async ({ page_id, include_title }, { service }) => {
    const page = await allowedPage(service, page_id);
    return {
      page_id: page.id,
      title: include_title ? page.title : undefined,
      total_views: await pageViews(service.client, page.id),
    };
  },
});
