import { z } from "zod";
import { CONTENT_FORMATS, toConfluenceBody } from "../../confluence/body.ts";
import { createPage, getPage } from "../../confluence/pages.ts";
import { defineTool } from "../define.ts";
import { assertSpaceAllowed } from "../policy.ts";
import { readBack } from "../read_back.ts";
import { pageView } from "./_page_view.ts";

/** `confluence_create_page`: a new page from Markdown (or wiki or storage). */
export const createPageTool = defineTool({
  name: "confluence_create_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Page",
  description:
    "Create a Confluence page. content is Markdown by default (GFM tables, task lists, code blocks, > [!INFO] panels); content_format 'wiki' or 'storage' sends it as is.",
  input: z.object({
    space_key: z.string().min(1).describe("Space key, e.g. 'DEV'."),
    title: z.string().min(1).describe("Page title (unique within the space)."),
    content: z.string().default("").describe("Page body in content_format (Markdown by default)."),
    parent_id: z.coerce.string().optional().describe("Id of the parent page, e.g. '123456'."),
    content_format: z.enum(CONTENT_FORMATS).default("markdown").describe(
      "Format of content: 'markdown', 'wiki' or 'storage' (XHTML).",
    ),
    include_content: z.boolean().default(false).describe("Return the new page's body too."),
  }),
  handler: async (args, { service }) => {
    assertSpaceAllowed(args.space_key, service.service.allowlist);
    const { body, representation } = toConfluenceBody(args.content, args.content_format);
    const id = await createPage(service.client, {
      spaceKey: args.space_key,
      title: args.title,
      body,
      representation,
      parentId: args.parent_id,
    });
    const page = await readBack(() => getPage(service.client, id));
    return {
      message: `Created page ${id}.`,
      id,
      note: page.note,
      page: page.value && pageView(page.value, { content: args.include_content }),
    };
  },
});
