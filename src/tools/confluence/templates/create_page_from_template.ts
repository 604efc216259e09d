import { z } from "zod";
import { getPage } from "../../../confluence/pages.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { idString, limitedString } from "../../schemas.ts";
import { createPageOnce } from "../pages/create_page.ts";
import { pageView } from "../pages/_view.ts";
import { allowedParent } from "../_space.ts";
import { allowedTemplate } from "./_template.ts";

/** `confluence_create_page_from_template`: a new page whose body is a template's. */
export const createPageFromTemplateTool = defineTool({
  name: "confluence_create_page_from_template",
  toolset: "confluence_templates",
  product: "confluence",
  access: "write",
  deployments: ["cloud"],
  title: "Create Page from Template",
  description: "Create a Confluence page with a page template's body, copied unchanged.",
  input: () =>
    z.object({
      space_key: limitedString("id", "Space key, e.g. 'DEV'").min(1),
      title: limitedString("name", "Title, unique in the space").min(1),
      template_id: idString(SHARED_PARAMETERS.template_id),
      parent_id: idString("Parent page id, e.g. '123456'").optional(),
    }),
  handler: async (args, { service }) => {
    assertSpaceAllowed(args.space_key, service.service.allowlist);
    const template = await allowedTemplate(service, args.template_id);
    const { value: id, recovered } = await createPageOnce(service.client, {
      spaceKey: args.space_key,
      title: args.title,
      body: template.body ?? "",
      representation: "storage",
      parentId: args.parent_id && await allowedParent(service, args.parent_id, args.space_key),
    });
    const page = await readBack(() => getPage(service.client, id));
    return {
      message: `Created page ${id} from template "${template.name}"${
        recovered ? ` (${recovered})` : ""
      }.`,
      id,
      note: page.note,
      page: page.value && await pageView(service.client, page.value, { content: false }),
    };
  },
});
