import { z } from "zod";
import { accountNamer } from "../../../confluence/users.ts";
import { fromConfluenceBody } from "../../../confluence/body.ts";
import { listChildren } from "../../../confluence/tree.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { defineTool } from "../../define.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";

/** `confluence_get_page_children`: the child pages (and folders) of a page. */
export const getPageChildrenTool = defineTool({
  name: "confluence_get_page_children",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page Children",
  description:
    "List the child pages (and, on Cloud, folders) of a Confluence page in tree order, from start, at most limit; has_more says whether more follow. include_content adds each child's body as Markdown.",
  input: z.object({
    parent_id: idString("Id of the parent page, e.g. '123456' (or the page URL)."),
    expand: limitedString(
      "query",
      "Data Center: fields to expand on each child, e.g. 'version,history' (Cloud ignores it).",
    ).default("version,history"),
    limit: z.number().int().min(1).max(50).default(25).describe(
      "Most children to return (1-50).",
    ),
    include_content: z.boolean().default(false).describe("Include each child page's body."),
    convert_to_markdown: z.boolean().default(true).describe(
      "Bodies as Markdown (true) or raw storage XHTML (false); with include_content.",
    ),
    start: z.number().int().min(0).default(0).describe("Children to skip (0-based), for paging."),
    include_folders: z.boolean().default(true).describe(
      "Cloud: list child folders too (Data Center has no folders).",
    ),
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
