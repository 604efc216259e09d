import { z } from "zod";
import { listTemplates } from "../../../confluence/templates.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { limitedString } from "../../schemas.ts";

/** `confluence_list_page_templates`: the global or a space's page templates. */
export const listPageTemplatesTool = defineTool({
  name: "confluence_list_page_templates",
  toolset: "confluence_templates",
  product: "confluence",
  access: "read",
  deployments: ["cloud"],
  title: "List Page Templates",
  description: "List Confluence page templates: a space's with space_key, else the global ones.",
  input: () =>
    z.object({
      space_key: limitedString("id", "Space key, e.g. 'DEV'").optional(),
      limit: z.number().int().min(1).max(200).default(25).describe("Maximum templates"),
    }),
  handler: async ({ space_key, limit }, { service }) => {
    if (space_key) assertSpaceAllowed(space_key, service.service.allowlist);
    const templates = await listTemplates(service.client, space_key, limit);
    return {
      space_key,
      templates: templates.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        labels: t.labels,
      })),
    };
  },
});
