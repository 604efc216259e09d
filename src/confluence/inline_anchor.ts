/**
 * Where an inline comment goes: the occurrences of its selected text in the page's visible text.
 *
 * @module
 */
import { storageText } from "../content/storage/text.ts";
import { ToolError } from "../errors.ts";
import type { InlineAnchor } from "./comments.ts";

/** How often `text` occurs (without overlaps) in the visible text of a storage body. */
export function countOccurrences(storage: string, text: string): number {
  if (!text) return 0;
  const visible = storageText(storage);
  let count = 0;
  for (let at = visible.indexOf(text); at >= 0; at = visible.indexOf(text, at + text.length)) {
    count++;
  }
  return count;
}

/**
 * The anchor for the `index`-th (0-based) occurrence of `text` on a page, or a refusal that says
 * how many occurrences there are.
 */
export function anchorIn(
  storage: string,
  text: string,
  index: number,
  pageId: string,
): InlineAnchor {
  const count = countOccurrences(storage, text);
  if (count === 0) {
    throw new ToolError(
      `The text "${text}" does not occur on page ${pageId} (found 0 times).`,
      "text_selection must be copied exactly from the page's visible text, within one paragraph, list item or table cell (confluence_get_page shows it).",
    );
  }
  if (index >= count) {
    throw new ToolError(
      `The text "${text}" occurs ${count} time${
        count === 1 ? "" : "s"
      } on page ${pageId}, so there is no occurrence with text_selection_match_index ${index}.`,
      `Use an index from 0 to ${count - 1} (0 is the first occurrence).`,
    );
  }
  return { text, count, index };
}
