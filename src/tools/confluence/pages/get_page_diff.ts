import { z } from "zod";
import { nameMentions } from "../../../confluence/users.ts";
import { getPageVersion } from "../../../confluence/versions.ts";
import { storageToMarkdown } from "../../../content/mod.ts";
import { MAX_EDITS, unifiedDiff } from "../../../content/unified_diff.ts";
import { defineTool } from "../../define.ts";
import { allowedPage } from "../_space.ts";
import { idString } from "../../schemas.ts";
import { joinNotes } from "./_options.ts";
import { checkVersion, versionViews } from "./_versions.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_page_diff`: a unified diff of the Markdown of two versions of a page. */
export const getPageDiffTool = defineTool({
  name: "confluence_get_page_diff",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page Version Diff",
  description: "Unified diff of two page versions' Markdown.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      from_version: z.number().int().min(1).describe("Older version"),
      to_version: z.number().int().min(1).describe("Newer version"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const page = await allowedPage(service, args.page_id);
    checkVersion(page, args.from_version, "from_version");
    checkVersion(page, args.to_version, "to_version");
    const view = versionViews(client);
    const from = await getPageVersion(client, page.id, args.from_version);
    const to = args.to_version === args.from_version
      ? from
      : await getPageVersion(client, page.id, args.to_version);
    const markdown = async (storage: string) =>
      await nameMentions(client, storageToMarkdown(storage));
    const { text: diff, whole } = unifiedDiff(await markdown(from.body), await markdown(to.body), {
      from: `v${from.number}`,
      to: `v${to.number}`,
    });
    const titles = from.title === to.title
      ? undefined
      : `The title changed from "${from.title}" to "${to.title}".`;
    const same = args.from_version === args.to_version
      ? `Version ${from.number} compared with itself: there is no difference.`
      : diff
      ? undefined
      : `The Markdown of versions ${from.number} and ${to.number} is the same.`;
    return {
      page_id: page.id,
      title: to.title,
      from_version: from.number,
      to_version: to.number,
      from: await view(from),
      to: await view(to),
      diff,
      note: joinNotes(
        same,
        titles,
        whole
          ? `The versions differ in more than ${MAX_EDITS} lines, so the diff replaces every line in one hunk.`
          : undefined,
      ),
    };
  },
});
