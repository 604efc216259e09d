/**
 * The text a reader sees of a storage-format body, as one string: what Confluence matches an
 * inline comment's selection against.
 *
 * @module
 */
import { parseXml, type XNode } from "./xml.ts";

/** Elements whose content a reader never sees (macro parameters, resource identifiers). */
const HIDDEN = /^(ac:parameter|ac:placeholder|ri:.*)$/;

/** Elements that end a line of text. */
const BLOCK = /^(p|h[1-6]|li|td|th|tr|div|pre|blockquote|br|ac:task-body)$/;

function walk(nodes: XNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === "text") out.push(node.value);
    else if (node.type === "element" && !HIDDEN.test(node.name)) {
      walk(node.children, out);
      if (BLOCK.test(node.name)) out.push("\n");
    }
  }
}

/**
 * The visible text of storage XHTML: text nodes (CDATA included, entities decoded) in document
 * order, a line break after each block; macro parameters left out. Empty when it does not parse.
 */
export function storageText(xhtml: string): string {
  const nodes = parseXml(xhtml);
  if (!nodes) return "";
  const out: string[] = [];
  walk(nodes, out);
  return out.join("");
}
