import { z } from "zod";
import { fromConfluenceBody } from "../../../confluence/body.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { idString } from "../../schemas.ts";
import { allowedTemplate } from "./_template.ts";

/** `confluence_get_page_template`: one template with its body as Markdown. */
export const getPageTemplateTool = defineTool({
  name: "confluence_get_page_template",
  toolset: "confluence_templates",
  product: "confluence",
  access: "read",
  deployments: ["cloud"],
  title: "Get Page Template",
  description:
    "Get a Confluence page template with its body as Markdown (macros and variables as <!--...--> placeholders).",
  input: () =>
    z.object({
      template_id: idString(SHARED_PARAMETERS.template_id),
    }),
  handler: async ({ template_id }, { service }) => {
    const t = await allowedTemplate(service, template_id);
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      space_key: t.spaceKey,
      labels: t.labels,
      content_format: "markdown",
      content: fromConfluenceBody(t.body ?? "", true),
    };
  },
});
