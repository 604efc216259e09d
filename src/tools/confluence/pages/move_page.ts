import { z } from "zod";
import { getPage, type Page } from "../../../confluence/pages.ts";
import { movePage, type MovePosition, spaceByKey } from "../../../confluence/tree.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage, pageIdOf } from "../_space.ts";
import { pageView } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** The Python server's position names (`above`, `below`) and the REST API's. */
const POSITIONS: Record<string, MovePosition> = {
  append: "append",
  above: "before",
  before: "before",
  below: "after",
  after: "after",
};

/** The page a move is relative to: the target parent, or the target space's home page. */
async function targetOf(
  service: Parameters<typeof allowedPage>[0],
  parentRef: string | undefined,
  spaceKey: string | undefined,
): Promise<{ id: string; spaceKey: string; parentId?: string }> {
  const allowlist = service.service.allowlist;
  if (parentRef) {
    const target: Page = await getPage(service.client, pageIdOf(service, parentRef));
    assertSpaceAllowed(target.spaceKey, allowlist);
    if (spaceKey && spaceKey.toUpperCase() !== target.spaceKey?.toUpperCase()) {
      throw new ToolError(
        `Page ${target.id} is in space ${target.spaceKey}, not in ${spaceKey}.`,
        "Give target_parent_id alone, or a target_space_key that matches it.",
      );
    }
    return { id: target.id, spaceKey: target.spaceKey!, parentId: target.parentId };
  }
  if (!spaceKey) {
    throw new ToolError(
      "Say where to move the page: give target_parent_id, target_space_key, or both.",
      "E.g. target_parent_id '123456' puts it under that page.",
    );
  }
  assertSpaceAllowed(spaceKey, allowlist);
  const space = await spaceByKey(service.client, spaceKey);
  if (!space?.homepageId) {
    throw new ToolError(
      space
        ? `Space ${spaceKey} has no home page to move the page under.`
        : `Confluence space ${spaceKey} does not exist or you do not have permission to see it.`,
      "Give target_parent_id: a page of the target space.",
    );
  }
  return { id: space.homepageId, spaceKey: space.key };
}

/** `confluence_move_page`: move a page (with its children) to a new parent, space or sibling position. */
export const movePageTool = defineTool({
  name: "confluence_move_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Move Page",
  description: "Move a page, with its children, to another parent or space.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      target_parent_id: idString("Target page id").optional(),
      target_space_key: limitedString("id", "Target space key").optional(),
      position: z.enum(["append", "above", "below", "before", "after"]).default("append").describe(
        "append: last child; above/below: sibling",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const page = await allowedPage(service, args.page_id);
    const target = await targetOf(service, args.target_parent_id, args.target_space_key);
    const position = POSITIONS[args.position];
    if (target.id === page.id) {
      throw new ToolError(
        "A page cannot be moved relative to itself.",
        "Pick another target page.",
      );
    }
    const parentAfter = position === "append" ? target.id : target.parentId;
    const { recovered } = await writeOnce(
      async () => {
        await movePage(client, page.id, position, target);
        return true;
      },
      {
        verdict: "Not moved",
        missing: `page ${page.id} is still ${
          page.parentId ? `under page ${page.parentId}` : "at the top"
        } of ${page.spaceKey}`,
        find: async () => {
          const now = await getPage(client, page.id);
          return now.spaceKey === target.spaceKey && now.parentId === parentAfter
            ? found(true)
            : ABSENT;
        },
      },
    );
    const moved = await readBack(() => getPage(client, page.id));
    const where = position === "append"
      ? `under page ${target.id}`
      : `just ${position} page ${target.id}`;
    return {
      message:
        `Moved page ${page.id} "${page.title}" from ${page.spaceKey} to ${where} in ${target.spaceKey}${
          recovered ? ` (${recovered})` : ""
        }.`,
      note: moved.note,
      page: moved.value && await pageView(client, moved.value, { content: false }),
    };
  },
});
