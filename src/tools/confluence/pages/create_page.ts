import { z } from "zod";
import { createPage, getPage, type NewPage, pageIdsByTitle } from "../../../confluence/pages.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { bodyFromFile } from "../../files/folder.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { idString, limitedString } from "../../schemas.ts";
import { theOne, writeOnce, type Written } from "../../reconcile.ts";
import { applyLook, checkEmoji, joinNotes, pageBody, pageLookInputs } from "./_options.ts";
import { allowedParent } from "../_space.ts";
import { pageView } from "./_view.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/**
 * Creates a page exactly once: when the answer is lost, the page is looked for by its title
 * among the pages that did not exist before.
 */
export async function createPageOnce(client: HttpClient, page: NewPage): Promise<Written<string>> {
  const titled = () => pageIdsByTitle(client, page.spaceKey, page.title);
  const before = new Set(await titled());
  return await writeOnce(() => createPage(client, page), {
    verdict: "Not created",
    missing: `no page "${page.title}" exists in space ${page.spaceKey}`,
    find: async () =>
      theOne((await titled()).filter((id) => !before.has(id)), `pages titled "${page.title}"`),
  });
}

/** `confluence_create_page`: a new page from Markdown (or wiki or storage). */
export const createPageTool = defineTool({
  name: "confluence_create_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Page",
  description: "Create a page.",
  input: () =>
    z.object({
      space_key: limitedString("id", SHARED_PARAMETERS.space_key).min(1),
      title: limitedString("name", "Unique in the space").min(1),
      content: limitedString("text", SHARED_PARAMETERS.content).default(""),
      content_file: limitedString("query", SHARED_PARAMETERS.content_file).optional(),
      parent_id: idString(SHARED_PARAMETERS.parent_id).optional(),
      ...pageLookInputs(),
      subtype: z.enum(["live"]).optional().describe("Cloud: live doc"),
    }),
  handler: async (args, { service, config }) => {
    assertSpaceAllowed(args.space_key, service.service.allowlist);
    checkEmoji(args.emoji);
    const content = await bodyFromFile(config, args.content, args.content_file) ?? "";
    const { body = "", representation = "storage", note } = pageBody(content, args);
    const { value: id, recovered } = await createPageOnce(service.client, {
      spaceKey: args.space_key,
      title: args.title,
      body,
      representation,
      parentId: args.parent_id && await allowedParent(service, args.parent_id, args.space_key),
      subtype: args.subtype,
    });
    const look = await applyLook(service.client, id, { ...args, emoji: args.emoji || undefined });
    const page = await readBack(() => getPage(service.client, id));
    return {
      message: recovered ? `Created page ${id} (${recovered}).` : `Created page ${id}.`,
      id,
      note: joinNotes(note, look, page.note),
      page: page.value &&
        await pageView(service.client, page.value, { content: args.include_content }),
    };
  },
});
