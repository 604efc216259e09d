import { z } from "zod";
import { getLinkTypes, linkTypeView } from "../../../jira/links.ts";
import { defineTool } from "../../define.ts";
import { limitedString } from "../../schemas.ts";

/** `jira_get_link_types`: the issue link types of the site, optionally filtered by name. */
export const getLinkTypesTool = defineTool({
  name: "jira_get_link_types",
  toolset: "jira_links",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Link Types",
  description:
    "List issue link types for jira_create_issue_link: name and phrases, e.g. Blocks: outward 'blocks', inward 'is blocked by'.",
  input: () =>
    z.object({
      name_filter: limitedString(
        "name",
        "Part of the type name, any case, e.g. 'block'",
      ).optional(),
    }),
  handler: async (args, { service }) => {
    const wanted = args.name_filter?.trim().toLowerCase() ?? "";
    const types = await getLinkTypes(service.client);
    return types.filter((t) => t.name.toLowerCase().includes(wanted)).map(linkTypeView);
  },
});
