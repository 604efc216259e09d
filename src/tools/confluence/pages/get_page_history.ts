import { z } from "zod";
import { fromConfluenceBody } from "../../../confluence/body.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { getPageVersion, listPageVersions } from "../../../confluence/versions.ts";
import { defineTool } from "../../define.ts";
import { allowedPage } from "../_space.ts";
import { idString } from "../../schemas.ts";
import { checkVersion, versionViews } from "./_versions.ts";

/** `confluence_get_page_history`: one old version of a page, or the list of its versions. */
export const getPageHistoryTool = defineTool({
  name: "confluence_get_page_history",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Page History",
  description:
    "With version: a Confluence page as it was at that version (body as Markdown, or storage), with who saved it, when and why. Without version: the page's versions, newest first (number, who, when, message, minor edit), up to limit, saying whether older ones exist. Sends progress notifications when asked (Server/Data Center reads versions one by one).",
  input: z.object({
    page_id: idString("Id of the page, e.g. '123456' (or the page URL)."),
    version: z.number().int().min(1).optional().describe(
      "The version to read, e.g. 2; leave out to list the versions.",
    ),
    convert_to_markdown: z.boolean().default(true).describe(
      "Markdown (true) or the raw storage XHTML (false) for the version's body.",
    ),
    limit: z.number().int().min(1).max(50).default(10).describe(
      "Listing only: most versions to list (1-50).",
    ),
    before_version: z.number().int().min(2).optional().describe(
      "Listing only: list the versions older than this one, e.g. 11 (to page back through a long history).",
    ),
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
