import { z } from "zod";
import { fromConfluenceBody } from "../../../confluence/body.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { getPageVersion, listPageVersions } from "../../../confluence/versions.ts";
import { defineTool } from "../../define.ts";
import { allowedPage } from "../_space.ts";
import { idString } from "../../schemas.ts";
import { checkVersion, versionViews } from "./_versions.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** `confluence_get_page_history`: one old version of a page, or the list of its versions. */
export const getPageHistoryTool = defineTool({
  name: "confluence_get_page_history",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page History",
  description: "List a page's versions, or get one version.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      version: z.number().int().min(1).optional().describe("Omit to list versions"),
      convert_to_markdown: z.boolean().default(true),
      limit: z.number().int().min(1).max(50).default(10).describe("Max versions"),
      before_version: z.number().int().min(2).optional().describe("Older than this"),
    }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    const page = await allowedPage(service, args.page_id);
    const view = versionViews(client);
    if (args.version !== undefined) {
      checkVersion(page, args.version);
      const old = await getPageVersion(client, page.id, args.version);
      const content = fromConfluenceBody(old.body, args.convert_to_markdown);
      return {
        page_id: page.id,
        title: old.title,
        current_version: page.version,
        version: await view(old),
        content_format: args.convert_to_markdown ? "markdown" : "storage",
        content: args.convert_to_markdown ? await nameMentions(client, content) : content,
      };
    }
    const list = await listPageVersions(client, page.id, {
      current: page.version,
      limit: args.limit,
      before: args.before_version,
      onRead: progress && ((index, total, n) => progress(index, total, `Reading version ${n}`)),
    });
    const versions = [];
    for (const v of list.versions) versions.push(await view(v));
    const oldest = versions.at(-1)?.number;
    return {
      page_id: page.id,
      title: page.title,
      current_version: page.version,
      count: versions.length,
      versions,
      more: list.more,
      note: list.more && oldest
        ? `Older versions exist: call again with before_version: ${oldest}.`
        : undefined,
    };
  },
});
