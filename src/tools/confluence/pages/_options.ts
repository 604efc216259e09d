/**
 * The page options `confluence_create_page` and `confluence_update_page` share with the Python
 * server: heading anchors and table layout (applied to Markdown content), and the title emoji
 * and page width (content properties written after the page).
 *
 * @module
 */
import { z } from "zod";
import { type ContentFormat, toConfluenceBody } from "../../../confluence/body.ts";
import {
  applyPageLook,
  emojiId,
  PAGE_WIDTHS,
  type PageWidth,
} from "../../../confluence/properties.ts";
import { TABLE_LAYOUTS, type TableLayout } from "../../../content/mod.ts";
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { limitedString } from "../../schemas.ts";
import { CONTENT_FORMATS } from "../../../confluence/body.ts";

/**
 * The body format and look parameters that creating and updating a page share, in listing
 * order; all described by the glossary (src/tools/glossary.ts). `emoji`: create sets it,
 * update also takes `""` to remove it; `page_width` 'default' is narrow, 'max' wide;
 * `table_layout` 'full-width' 1800 px, 'wide' 960 px, 'default' 760 px.
 */
export function pageLookInputs() {
  return {
    content_format: z.enum(CONTENT_FORMATS).default("markdown"),
    enable_heading_anchors: z.boolean().default(false),
    include_content: z.boolean().default(false),
    emoji: limitedString("name", SHARED_PARAMETERS.emoji).optional(),
    page_width: z.enum(PAGE_WIDTHS).optional(),
    table_layout: z.enum(TABLE_LAYOUTS).optional(),
  };
}

/** The shared arguments, as parsed. */
export interface PageOptionArgs {
  content_format: ContentFormat;
  enable_heading_anchors: boolean;
  emoji?: string;
  page_width?: PageWidth;
  table_layout?: TableLayout;
}

/** Refuses an emoji that is not one emoji, before anything is written. */
export function checkEmoji(emoji: string | undefined): void {
  if (!emoji || emojiId(emoji)) return;
  throw new ToolError(
    `emoji must be a single emoji character; "${emoji}" is not one.`,
    "Pass the emoji itself, e.g. '📝' (not ':memo:').",
  );
}

/**
 * The body to send for `content`, with a note when Markdown-only options were asked for but
 * cannot apply (`content` left out, or content sent as wiki or storage).
 */
export function pageBody(
  content: string | undefined,
  args: PageOptionArgs,
): { body?: string; representation?: "storage" | "wiki"; note?: string } {
  const options = [
    args.enable_heading_anchors ? "enable_heading_anchors" : undefined,
    args.table_layout ? "table_layout" : undefined,
  ].filter(Boolean);
  const asked = options.join(" and ");
  if (content === undefined) {
    return { note: asked ? `${asked} not applied: no new content was given.` : undefined };
  }
  const converted = toConfluenceBody(content, args.content_format, {
    headingAnchors: args.enable_heading_anchors,
    tableLayout: args.table_layout,
  });
  const note = asked && args.content_format !== "markdown"
    ? `${asked} ${
      options.length > 1 ? "apply" : "applies"
    } to Markdown content only; the ${args.content_format} content was sent as it is.`
    : undefined;
  return { ...converted, note };
}

/** Writes the emoji and width properties of a written page; a failure becomes a note. */
export async function applyLook(
  client: HttpClient,
  pageId: string,
  args: PageOptionArgs,
): Promise<string | undefined> {
  const failures = await applyPageLook(client, pageId, {
    emoji: args.emoji,
    pageWidth: args.page_width,
  });
  return failures.length ? `The page was saved, but: ${failures.join(" ")}` : undefined;
}

/** Joins optional notes into one, or undefined when there are none. */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const present = notes.filter((n): n is string => !!n);
  return present.length ? present.join(" ") : undefined;
}
