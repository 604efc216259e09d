import { z } from "zod";
import { findPageByTitle, getPage } from "../../../confluence/pages.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { defineTool } from "../../define.ts";
import { ToolError } from "../../../errors.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { idString, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { pageIdOf } from "../_space.ts";
import { pageView } from "./_view.ts";

/** `confluence_get_page`: one page by id, URL, tiny link, or title + space, as Markdown. */
export const getPageTool = defineTool({
  name: "confluence_get_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page",
  description: "Get a page by page_id (or URL), or by title and space_key.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id, "query").optional(),
      title: limitedString("name", "Exact title").optional(),
      space_key: limitedString("id", SHARED_PARAMETERS.space_key).optional(),
      include_metadata: z.boolean().default(true).describe("Version, parent, dates"),
      convert_to_markdown: z.boolean().default(true),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    let page;
    if (args.page_id) {
      page = await getPage(client, pageIdOf(service, args.page_id));
    } else if (args.title && args.space_key) {
      assertSpaceAllowed(args.space_key, service.service.allowlist);
      page = await findPageByTitle(client, args.space_key, args.title);
      if (!page) {
        throw new ToolError(
          `No page titled "${args.title}" in space ${args.space_key}.`,
          "Titles must match exactly; use confluence_search to find the page.",
        );
      }
    } else {
      throw new ToolError(
        "Say which page: give page_id, or both title and space_key.",
      );
    }
    assertSpaceAllowed(page.spaceKey, service.service.allowlist);
    const view = await pageView(client, page, {
      content: true,
      markdown: args.convert_to_markdown,
    });
    if (args.convert_to_markdown) view.content = await nameMentions(client, view.content as string);
    return args.include_metadata ? view : { content: view.content };
  },
});
