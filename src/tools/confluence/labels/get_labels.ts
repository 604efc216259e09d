import { z } from "zod";
import { getLabels } from "../../../confluence/labels.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_get_labels`: a page's labels. */
export const getLabelsTool = defineTool({
  name: "confluence_get_labels",
  toolset: "confluence_labels",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Labels",
  description: "Get the labels of a Confluence page.",
  input: () =>
    z.object({
      page_id: idString("Page id or URL, e.g. '123456'"),
    }),
  handler: async ({ page_id }, { service }) => {
    const page = await allowedPage(service, page_id);
    return {
      page_id: page.id,
      title: page.title,
      labels: await getLabels(service.client, page.id),
    };
  },
});
