/**
 * Optional decorations of the storage XHTML written from Markdown, as the Python server's
 * md2conf post-processing does them: an `anchor` macro at the start of every heading (so
 * `#section` links work) and a width preset on every table.
 *
 * They work on the tree of nodes built from Markdown, before it is serialized: placeholders
 * (`raw` nodes) are never touched, so macros and tables they restore keep their exact bytes.
 *
 * @module
 */

import type { XElement, XNode } from "./xml.ts";

/** Table width presets: `data-layout` value -> `data-table-width` in pixels (as in md2conf). */
export const TABLE_WIDTHS = { "full-width": "1800", wide: "960", default: "760" } as const;

/** The accepted table layouts. */
export const TABLE_LAYOUTS = ["full-width", "wide", "default"] as const;

/** One of {@link TABLE_LAYOUTS}. */
export type TableLayout = typeof TABLE_LAYOUTS[number];

/** What to add to storage written from Markdown. */
export interface StorageOptions {
  /** Put an `anchor` macro named after the heading's text at the start of every heading. */
  headingAnchors?: boolean;
  /** Set `data-layout` and `data-table-width` on every table. */
  tableLayout?: TableLayout;
}

const HEADING = /^h[1-6]$/;
const ANCHOR_MACRO = /^\s*<ac:structured-macro\b[^>]*\bac:name\s*=\s*["']anchor["']/;
const ANCHOR_NAME = /<ac:parameter\b[^>]*\bac:name\s*=\s*["']{2}[^>]*>([^<]*)</;

/**
 * The anchor name for a heading text: lowercase, letters/digits/`_`/`-` kept (any script),
 * other characters dropped, runs of whitespace joined by `-` ("Getting Started!" ->
 * "getting-started"). Empty when nothing is left.
 */
export function headingSlug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s+/g, "-");
}

/**
 * Adds the requested decorations to storage nodes, in place, and returns them. Anchor names are
 * unique within the document (a repeated heading gets `-1`, `-2`, ... as on GitHub); a heading
 * that already has an anchor macro (e.g. one read back from Confluence) keeps it and gets none.
 */
export function decorateStorage(nodes: XNode[], options: StorageOptions): XNode[] {
  const used = new Set<string>();
  const collect = (node: XNode) => {
    if (node.type !== "element") return;
    if (HEADING.test(node.name)) node.children.forEach((child) => addAnchorName(child, used));
    node.children.forEach(collect);
  };
  if (options.headingAnchors) nodes.forEach(collect);
  const visit = (node: XNode) => {
    if (node.type !== "element") return;
    if (options.tableLayout && node.name === "table") {
      setTableLayout(node, options.tableLayout);
    }
    if (options.headingAnchors && HEADING.test(node.name) && !hasAnchor(node)) {
      const slug = headingSlug(textOf(node));
      if (slug) node.children.unshift(anchorMacro(unique(slug, used)));
    }
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return nodes;
}

function setTableLayout(table: XElement, layout: TableLayout): void {
  table.attributes["data-layout"] = layout;
  table.attributes["data-table-width"] = TABLE_WIDTHS[layout];
}

function unique(slug: string, used: Set<string>): string {
  let name = slug;
  for (let n = 1; used.has(name); n++) name = `${slug}-${n}`;
  used.add(name);
  return name;
}

/** Registers the name of an anchor macro that is already there. */
function addAnchorName(node: XNode, used: Set<string>): void {
  if (node.type === "raw" && ANCHOR_MACRO.test(node.value)) {
    const name = node.value.match(ANCHOR_NAME)?.[1];
    if (name) used.add(name.trim());
  } else if (isAnchorElement(node)) {
    const parameter = node.children.find((c) => c.type === "element" && c.name === "ac:parameter");
    const name = parameter ? textOf(parameter).trim() : "";
    if (name) used.add(name);
  }
}

function isAnchorElement(node: XNode): node is XElement {
  return node.type === "element" && node.name === "ac:structured-macro" &&
    node.attributes["ac:name"] === "anchor";
}

function hasAnchor(heading: XElement): boolean {
  return heading.children.some((child) =>
    (child.type === "raw" && ANCHOR_MACRO.test(child.value)) || isAnchorElement(child)
  );
}

/** The visible text of built content; placeholders (raw) carry none. */
function textOf(node: XNode): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

function anchorMacro(name: string): XElement {
  return {
    type: "element",
    name: "ac:structured-macro",
    attributes: { "ac:name": "anchor", "ac:schema-version": "1" },
    children: [{
      type: "element",
      name: "ac:parameter",
      attributes: { "ac:name": "" },
      children: [{ type: "text", value: name }],
    }],
  };
}
