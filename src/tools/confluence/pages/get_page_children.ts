import { z } from "zod";
import { accountNamer } from "../../../confluence/users.ts";
import { fromConfluenceBody } from "../../../confluence/body.ts";
import { listChildren } from "../../../confluence/tree.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_page_children`: the child pages (and folders) of a page. */
export const getPageChildrenTool = defineTool({
  name: "confluence_get_page_children",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page Children",
  description: "List a page's child pages (and Cloud folders).",
  input: () =>
    z.object({
      parent_id: idString(SHARED_PARAMETERS.parent_id),
      expand: limitedString(
        "query",
        "Data Center only",
      ).default("version,history"),
      limit: z.number().int().min(1).max(50).default(25),
      include_content: z.boolean().default(false),
      convert_to_markdown: z.boolean().default(true),
      start: z.number().int().min(0).default(0),
      include_folders: z.boolean().default(true).describe("Cloud: list folders"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const parent = await allowedPage(service, args.parent_id);
    const { items, more } = await listChildren(client, parent.id, {
      start: args.start,
      limit: args.limit,
      expand: args.expand,
      withBody: args.include_content,
      includeFolders: args.include_folders,
    });
    const name = accountNamer(client);
    const results = [];
    for (const child of items) {
      results.push({
        id: child.id,
        title: child.title,
        type: child.type,
        position: child.position,
        version: child.version,
        author: child.authorName ?? await name(child.authorId),
        content: child.body === undefined
          ? undefined
          : args.convert_to_markdown
          ? await nameMentions(client, fromConfluenceBody(child.body, true))
          : child.body,
      });
    }
    return {
      parent_id: parent.id,
      space_key: parent.spaceKey,
      count: results.length,
      limit_requested: args.limit,
      start_requested: args.start,
      has_more: more,
      next_start: more ? args.start + results.length : undefined,
      results,
    };
  },
});
