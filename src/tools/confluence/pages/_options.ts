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
import { limitedString } from "../../schemas.ts";

/** `enable_heading_anchors`. */
export const enableHeadingAnchorsInput = z.boolean().default(false).describe(
  "Put an anchor at the start of every heading, named like GitHub's ('Getting Started' -> 'getting-started'), so [links](#getting-started) work. Markdown content only.",
);

/** `emoji` (create: sets it; update: also `""` to remove it). */
export function emojiInput(removable: boolean) {
  return limitedString(
    "name",
    `One emoji shown before the page title, e.g. '📝'.${
      removable ? " An empty string removes the page's emoji." : ""
    }`,
  ).optional();
}

/** `page_width`. */
export const pageWidthInput = z.enum(PAGE_WIDTHS).optional().describe(
  "Page width: 'full-width', 'fixed-width' or 'default' (narrow), or 'max' (wide).",
);

/** `table_layout`. */
export const tableLayoutInput = z.enum(TABLE_LAYOUTS).optional().describe(
  "Width of every table made from the Markdown: 'full-width' (1800 px), 'wide' (960 px) or 'default' (760 px).",
);

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
