/**
 * Storage -> hub mdast, checked once: the reader's blocks are sent through markdown and written
 * back, and the result must be the same content as the input (`sameTree` on the normal form).
 * Blocks that are not (some whitespace or markup markdown cannot hold) are found one by one
 * (inside containers, child by child) and kept as shown placeholders: their original restored
 * on write, their text still visible.
 *
 * @module
 */

import type { BlockContent, Root } from "../_mdast.ts";
import { html } from "../_hub.ts";
import { viaMarkdown } from "../markdown.ts";
import { placeholder } from "../placeholder.ts";
import { normalForm } from "./normal.ts";
import { type Item, readItems, shownOrOpaque } from "./read.ts";
import { plainBlocks } from "../visible.ts";
import { writeFlow } from "./write.ts";
import { parseXml, sameTree, type XNode } from "./xml.ts";

/** Converts a storage-format fragment to the hub tree; malformed input becomes one placeholder. */
export function storageToMdast(xhtml: string): Root {
  if (!xhtml.trim()) return { type: "root", children: [] };
  const parsed = parseXml(xhtml);
  if (!parsed) return { type: "root", children: [html(placeholder("storage", xhtml))] };
  const nodes = normalForm(parsed);
  const items = readItems(nodes);
  const blocks = items.flatMap((item) => item.blocks);
  return { type: "root", children: survives(blocks, nodes) ? blocks : settle(items) };
}

/** True when the blocks, sent through markdown and written back, are the nodes they came from. */
function survives(blocks: BlockContent[], nodes: XNode[]): boolean {
  return sameTree(writeFlow(viaMarkdown(blocks)), nodes);
}

/** Each item's blocks if they survive; else its container rebuilt, or a shown placeholder. */
function settle(items: Item[]): BlockContent[] {
  return items.flatMap((item): BlockContent[] => {
    if (survives(item.blocks, item.nodes)) return item.blocks;
    if (item.inner) {
      const rebuilt = item.inner.rebuild(settle(item.inner.items));
      if (survives([rebuilt], item.nodes)) return [rebuilt];
    }
    return [shownOrOpaque(item.nodes, plainBlocks(item.blocks))];
  });
}
