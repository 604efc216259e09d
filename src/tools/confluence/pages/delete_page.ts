import { z } from "zod";
import { locatePage, type PageState, purgePage, trashPage } from "../../../confluence/tree.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { idString } from "../../schemas.ts";
import { pageIdOf } from "../_space.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** Runs a delete step once; a lost answer is settled by reading the page's state back. */
async function step(
  client: HttpClient,
  id: string,
  write: () => Promise<void>,
  done: PageState[],
  missing: string,
): Promise<string | undefined> {
  const { recovered } = await writeOnce(
    async () => {
      await write();
      return true;
    },
    {
      verdict: "Not deleted",
      missing,
      find: async () => done.includes((await locatePage(client, id)).state) ? found(true) : ABSENT,
    },
  );
  return recovered;
}

/** `confluence_delete_page`: moves a page to the trash, or purges it. */
export const deletePageTool = defineTool({
  name: "confluence_delete_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Delete Page",
  description: "Trash a page (restorable), or purge it for good.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      purge: z.boolean().default(false).describe(
        "Irreversible; needed if trashed",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const id = pageIdOf(service, args.page_id);
    const page = await locatePage(client, id);
    if (page.state === "gone") {
      throw new ToolError(
        `No page ${id} exists, neither current nor in the trash (or you may not see it).`,
        "Check the page id; a purged page is gone for good.",
      );
    }
    assertSpaceAllowed(page.spaceKey, service.service.allowlist);
    const named = `page ${id} "${page.title}" in ${page.spaceKey}`;
    if (page.state === "trashed" && !args.purge) {
      throw new ToolError(
        `The ${named} is already in the trash.`,
        "Pass purge=true to remove it from the trash for good, or restore it in Confluence.",
      );
    }
    const notes: string[] = [];
    if (page.state === "current") {
      const recovered = await step(
        client,
        id,
        () => trashPage(client, id),
        ["trashed", "gone"],
        `${named} is still current`,
      );
      if (recovered) notes.push(`trashed (${recovered})`);
    }
    if (args.purge) {
      const recovered = await step(
        client,
        id,
        () => purgePage(client, id),
        ["gone"],
        `${named} is still in the trash`,
      );
      if (recovered) notes.push(`purged (${recovered})`);
    }
    const outcome = args.purge ? "purged" : "trashed";
    return {
      message: args.purge
        ? `Purged ${named}: it is deleted permanently and cannot be restored.`
        : `Moved ${named} to the trash; it can be restored from the space's trash.`,
      page_id: id,
      title: page.title,
      space_key: page.spaceKey,
      result: outcome,
      note: notes.length
        ? `The answer was lost and the page read back: ${notes.join(", ")}.`
        : undefined,
    };
  },
});
