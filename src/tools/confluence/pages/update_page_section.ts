import { z } from "zod";
import { toConfluenceBody } from "../../../confluence/body.ts";
import { getPage, type Page } from "../../../confluence/pages.ts";
import { replaceSection, type StorageSection, storageSections } from "../../../content/mod.ts";
import { ToolError } from "../../../errors.ts";
import { defineTool } from "../../define.ts";
import { readBack } from "../../read_back.ts";
import { confirmRemovalInput, idString, limitedString } from "../../schemas.ts";
import { allowedPage } from "../_space.ts";
import { pageView } from "./_view.ts";
import { checkLoss, DROP_PLACEHOLDERS, writeNextVersion } from "./_write.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** How many headings a refusal lists. */
const LISTED_HEADINGS = 40;

function headingList(sections: StorageSection[]): string {
  if (!sections.length) return "The page has no headings.";
  const shown = sections.slice(0, LISTED_HEADINGS).map((s) => `"${s.heading}" (h${s.level})`);
  const more = sections.length - shown.length;
  return `Its headings: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

/** The one section under `heading`, or a refusal naming the headings there are. */
function sectionOf(page: Page, heading: string): StorageSection {
  const sections = storageSections(page.body);
  if (!sections) {
    throw new ToolError(
      `The storage of page ${page.id} is not well-formed XML, so its sections cannot be found.`,
      "Replace the whole body with confluence_update_page instead.",
    );
  }
  const wanted = heading.replace(/\s+/g, " ").trim();
  const matches = sections.filter((s) => s.heading === wanted);
  if (matches.length === 1) return matches[0];
  throw new ToolError(
    matches.length
      ? `Page ${page.id} has ${matches.length} headings "${wanted}", so the section to replace is ambiguous.`
      : `Page ${page.id} has no heading "${wanted}" (headings match exactly, case included).`,
    `${headingList(sections)}${
      matches.length ? " Rename one of the headings with confluence_update_page first." : ""
    }`,
  );
}

/** `confluence_update_page_section`: replace the body under one heading, nothing else. */
export const updatePageSectionTool = defineTool({
  name: "confluence_update_page_section",
  toolset: "confluence_pages",
  product: "confluence",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Page Section",
  description: "Replace one heading's section of a page; the rest stays untouched.",
  input: () =>
    z.object({
      page_id: idString(SHARED_PARAMETERS.page_id),
      heading_text: limitedString("name", "Exact heading text").min(1),
      new_content: limitedString("text", "Without the heading"),
      content_format: z.enum(["markdown", "storage"]).default("markdown"),
      is_minor_edit: z.boolean().default(false),
      version_comment: limitedString("text", SHARED_PARAMETERS.version_comment).optional(),
      confirm_removal: confirmRemovalInput.describe(DROP_PLACEHOLDERS),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const current = await allowedPage(service, args.page_id);
    const section = sectionOf(current, args.heading_text);
    const { body } = toConfluenceBody(args.new_content, args.content_format);
    const storage = replaceSection(current.body, section, body);
    const removed = checkLoss(current, storage, args.confirm_removal);
    const { version, recovered } = await writeNextVersion(client, current, {
      title: current.title,
      body: storage,
      representation: "storage",
      minorEdit: args.is_minor_edit,
      message: args.version_comment,
    });
    const page = await readBack(() => getPage(client, current.id));
    return {
      message:
        `Replaced the section under "${section.heading}" on page ${current.id} (version ${version})${
          recovered ? ` (${recovered})` : ""
        }.${removed ? ` ${removed}.` : ""}`,
      note: page.note,
      page: page.value && await pageView(client, page.value, { content: false }),
    };
  },
});
