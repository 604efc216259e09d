import { isCloud } from "../../../confluence/cloud.ts";
import { z } from "zod";
import { getLabels } from "../../../confluence/labels.ts";
import { getPage, pageIdsByTitle } from "../../../confluence/pages.ts";
import { attachmentTitles, copyPage, spaceByKey } from "../../../confluence/tree.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { assertSpaceAllowed } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { theOne, writeOnce } from "../../reconcile.ts";
import { idString, limitedString } from "../../schemas.ts";
import { allowedPage, allowedParent } from "../_space.ts";
import { pageView } from "./_view.ts";

/** `confluence_copy_page`: a copy of a page under a new title, saying what was not copied. */
export const copyPageTool = defineTool({
  name: "confluence_copy_page",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Copy Page",
  description: "Copy a page's body to a new page.",
  input: () =>
    z.object({
      source_page_id: idString("Source page id"),
      destination_space_key: limitedString("id", "Target space key").min(1),
      new_title: limitedString("name", "Unique in that space").min(1),
      destination_parent_id: idString("Parent page id")
        .optional(),
      copy_attachments: z.boolean().default(true).describe("Cloud: copy them"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    const spaceKey = args.destination_space_key;
    const source = await allowedPage(service, args.source_page_id);
    assertSpaceAllowed(spaceKey, allowlist);
    const space = await spaceByKey(client, spaceKey);
    if (!space) {
      throw new ToolError(
        `Confluence space ${spaceKey} does not exist or you do not have permission to see it.`,
        "Check the space key (it is case-sensitive, e.g. 'DOCS').",
      );
    }
    const parentId = args.destination_parent_id &&
      await allowedParent(service, args.destination_parent_id, space.key);
    const titled = () => pageIdsByTitle(client, space.key, args.new_title);
    const before = new Set(await titled());
    if (before.size) {
      throw new ToolError(
        `Space ${space.key} already has a page titled "${args.new_title}" (${
          [...before].join(", ")
        }).`,
        "Choose another new_title; titles are unique within a space.",
      );
    }
    const withAttachments = isCloud(client) && args.copy_attachments;
    const { value: id, recovered } = await writeOnce(
      () =>
        copyPage(client, source, {
          spaceKey: space.key,
          parentId,
          title: args.new_title,
          copyAttachments: withAttachments,
        }),
      {
        verdict: "Not copied",
        missing: `no page "${args.new_title}" exists in space ${space.key}`,
        find: async () =>
          theOne(
            (await titled()).filter((found) => !before.has(found)),
            `pages titled "${args.new_title}"`,
          ),
      },
    );
    // The copy exists now: a failed read below becomes a note, never an error (which would
    // invite a second copy).
    const labels = await readBack(() => getLabels(client, source.id), "could not be read");
    const attachments = withAttachments
      ? { value: [] }
      : await readBack(() => attachmentTitles(client, source.id), "could not be read");
    const names = labels.value ?? [];
    const files = attachments.value ?? [];
    const notCopied = [
      labels.note ? `labels (${labels.note})` : names.length ? `labels: ${names.join(", ")}` : "",
      attachments.note
        ? `attachments (${attachments.note})`
        : files.length
        ? `attachments${isCloud(client) ? "" : " (Data Center has no copy API)"}: ${
          files.join(", ")
        }`
        : "",
      "page restrictions",
      "page properties (title emoji, page width)",
      "comments",
    ].filter(Boolean);
    const brokenLinks = !withAttachments && /<ri:attachment\b/.test(source.body)
      ? "The copied body refers to attachments that stay on the source page; those images and links do not show on the copy until the files are attached to it."
      : undefined;
    const page = await readBack(() => getPage(client, id));
    return {
      message:
        `Copied page ${source.id} "${source.title}" to page ${id} "${args.new_title}" in ${space.key}${
          recovered ? ` (${recovered})` : ""
        }.`,
      id,
      copied: ["body", ...(withAttachments ? ["attachments"] : [])],
      not_copied: notCopied,
      note: [brokenLinks, page.note].filter(Boolean).join(" ") || undefined,
      page: page.value && await pageView(client, page.value, { content: false }),
    };
  },
});
