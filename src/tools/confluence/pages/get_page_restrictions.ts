import { z } from "zod";
import { getRestrictions } from "../../../confluence/restrictions.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { restrictionsView } from "./_restrictions.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_page_restrictions`: who may view and who may edit a page. */
export const getPageRestrictionsTool = defineTool({
  name: "confluence_get_page_restrictions",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page Restrictions",
  description: "Get who may view and edit a page (empty: unrestricted).",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
    }),
  handler: async ({ page_id }, { service }) => {
    const page = await allowedPage(service, page_id);
    return {
      page_id: page.id,
      title: page.title,
      ...restrictionsView(await getRestrictions(service.client, page.id)),
    };
  },
});
