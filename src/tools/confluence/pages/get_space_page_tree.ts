import { z } from "zod";
import { spaceByKey, spacePages, TREE_PAGE_SIZE, type TreePage } from "../../../confluence/tree.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/**
 * Depth of each page: from the answer when it gave the ancestors (Data Center), else by
 * following parents through the listed pages up to a top-level page. A page whose chain leaves
 * the list (its ancestor lies beyond the limit) gets no depth rather than a wrong one.
 */
function depths(pages: TreePage[]): Map<string, number | undefined> {
  const byId = new Map(pages.map((page) => [page.id, page]));
  const out = new Map<string, number | undefined>();
  const depthOf = (page: TreePage, seen = new Set<string>()): number | undefined => {
    if (page.depth !== undefined) return page.depth;
    if (out.has(page.id)) return out.get(page.id);
    if (!page.parentId) return 0;
    const parent = byId.get(page.parentId);
    if (!parent || seen.has(page.id)) return undefined;
    seen.add(page.id);
    const above = depthOf(parent, seen);
    return above === undefined ? undefined : above + 1;
  };
  for (const page of pages) out.set(page.id, depthOf(page));
  return out;
}

/** `confluence_get_space_page_tree`: every page of a space as a flat hierarchy. */
export const getSpacePageTreeTool = defineTool({
  name: "confluence_get_space_page_tree",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Space Page Tree",
  description: "List a space's pages as a flat tree.",
  input: () =>
    z.object({
      space_key: limitedString("id", SHARED_PARAMETERS.space_key).min(1),
      limit: z.number().int().min(1).max(1000).default(100).describe("Maximum pages"),
    }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    assertSpaceAllowed(args.space_key, allowlist);
    const space = await spaceByKey(client, args.space_key);
    if (!space) {
      throw new ToolError(
        `Confluence space ${args.space_key} does not exist or you do not have permission to see it.`,
        "Check the space key (it is case-sensitive, e.g. 'DOCS').",
      );
    }
    // Progress goes out before each request, never right before the answer (a notification
    // that arrives with the answer may find the client's handler gone).
    await progress?.(0, args.limit, `Listing the pages of ${space.key}`);
    const pages: TreePage[] = [];
    let more = false;
    for await (const page of spacePages(client, space, args.limit + 1)) {
      if (pages.length === args.limit) {
        more = true;
        break;
      }
      // A page the answer places in another space is never listed.
      if (page.space !== undefined && page.space !== space.id) continue;
      pages.push(page);
      if (pages.length % TREE_PAGE_SIZE === 0) {
        await progress?.(pages.length, args.limit, `Listed ${pages.length} pages of ${space.key}`);
      }
    }
    const depth = depths(pages);
    const rows = pages.map((page) => ({
      id: page.id,
      title: page.title,
      parent_id: page.parentId,
      position: page.position,
      depth: depth.get(page.id),
    })).sort((a, b) =>
      (a.depth ?? Infinity) - (b.depth ?? Infinity) ||
      (a.position ?? Infinity) - (b.position ?? Infinity) || a.title.localeCompare(b.title)
    );
    return {
      space_key: space.key,
      count: rows.length,
      has_more: more,
      hint: more
        ? `The space has more than ${args.limit} pages; raise limit (up to 1000) to see more, or list one branch with confluence_get_page_children.`
        : undefined,
      pages: rows,
    };
  },
});
