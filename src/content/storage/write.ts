/**
 * Hub mdast -> Confluence storage format (XHTML with `ac:`/`ri:` elements).
 *
 * A storage placeholder is restored as it was written; a shown one too, while its visible part
 * is what the reader shows for the original (otherwise the visible part is written as ordinary
 * content). A storage container's children are written into its shell. Placeholders and
 * containers of other formats are written as their visible content.
 *
 * @module
 */

import type {
  BlockContent,
  Blockquote,
  Code,
  Image,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from "../_mdast.ts";
import {
  anyExtraOf,
  type Container,
  containerOf,
  extraOf,
  isBlockList,
  mentionOf,
  panelOf,
  paragraph,
  plainText,
  type Shown,
  shownOf,
} from "../_hub.ts";
import { sameMarkdown, viaMarkdown } from "../markdown.ts";
import { isRecord, readPlaceholder } from "../placeholder.ts";
import { normalForm } from "./normal.ts";
import { visibleOf } from "./read.ts";
import { Coverage, type HeaderPattern, headerPattern, isPatternHeader, spanOf } from "./table.ts";
import { breaksAsHtml, flatten, isHtmlBreak, plainBlocks } from "../visible.ts";
import { codeInfo, PANEL_MACROS, plainParameter, USER_ATTRIBUTES } from "./vocabulary.ts";
import { parseXml, serializeXml, type XElement, type XNode } from "./xml.ts";

/** Converts the hub tree to storage format. */
export function mdastToStorage(root: Root): string {
  return serializeXml(writeFlow(root.children));
}

/** Converts hub blocks to storage nodes, in normal form (see `normal.ts`). */
export function writeFlow(nodes: RootContent[]): XNode[] {
  return normalForm(writeBlocks(nodes));
}

function writeBlocks(nodes: RootContent[]): XNode[] {
  return nodes.flatMap(writeBlock);
}

function element(
  name: string,
  attributes: Record<string, string> = {},
  children: XNode[] = [],
): XElement {
  return { type: "element", name, attributes, children };
}

/** The storage attributes a node carries, as strings; `omit` names reserved carrier keys. */
function carried(node: Nodes, ...omit: string[]): Record<string, string> {
  const extra = extraOf(node, "storage") ?? {};
  const entries = Object.entries(extra).filter(([key, value]) =>
    !omit.includes(key) && typeof value === "string"
  );
  return Object.fromEntries(entries) as Record<string, string>;
}

function writeBlock(node: RootContent): XNode[] {
  switch (node.type) {
    case "paragraph":
      return writeParagraph(node);
    case "heading":
      return [element(`h${node.depth}`, carried(node), writeInlines(node.children))];
    case "thematicBreak":
      return [element("hr", carried(node))];
    case "blockquote":
      return [writeQuote(node)];
    case "list":
      return [
        node.children.some((item) => typeof item.checked === "boolean")
          ? writeTasks(node)
          : writeList(node),
      ];
    case "code":
      return [writeCode(node)];
    case "table":
      return [writeTable(node)];
    case "html":
      return writeHtml(node, true);
  }
  return [];
}

function writeParagraph(node: Paragraph): XNode[] {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === "image" && !extraOf(node, "storage")) return [writeImage(only)];
  const children = writeInlines(node.children);
  return children.length > 0 ? [element("p", carried(node, "p"), children)] : [];
}

function writeQuote(node: Blockquote): XElement {
  const panel = panelOf(node);
  if (!panel) return element("blockquote", carried(node), writeBlocks(node.children));
  const title = panel.title ? [parameter("title", panel.title)] : [];
  const body = element("ac:rich-text-body", {}, writeBlocks(node.children));
  return macro(
    node,
    PANEL_MACROS[panel.type] ?? "info",
    [...title, ...carriedParameters(node)],
    body,
  );
}

function writeCode(node: Code): XElement {
  const { language, title } = codeInfo(node.lang, node.meta);
  const shown = [
    ...(language ? [parameter("language", language)] : []),
    ...(title !== undefined ? [parameter("title", title)] : []),
  ];
  const body = element("ac:plain-text-body", {}, [{
    type: "text",
    value: node.value,
    cdata: true,
  }]);
  return macro(node, "code", [...shown, ...carriedParameters(node)], body);
}

/** A macro: parameters in name order (as in the normal form), then the body. */
function macro(node: Nodes, name: string, parameters: XElement[], body: XElement): XElement {
  const sorted = parameters.toSorted((a, b) => {
    const [x, y] = [a.attributes["ac:name"], b.attributes["ac:name"]];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return element("ac:structured-macro", { "ac:name": name, ...carried(node, "params") }, [
    ...sorted,
    body,
  ]);
}

function parameter(name: string, value: string): XElement {
  return element("ac:parameter", { "ac:name": name }, [{ type: "text", value }]);
}

function carriedParameters(node: Nodes): XElement[] {
  const params = extraOf(node, "storage")?.params;
  if (!isRecord(params)) return [];
  return Object.entries(params).map(([name, value]) => parameter(name, String(value)));
}

/** Loose lists (blank lines between items in markdown) wrap item content in `<p>`. */
function loose(list: List): boolean {
  return Boolean(list.spread) || list.children.some((item) => item.spread) ||
    extraOf(list, "storage")?.p === true;
}

function writeList(list: List): XElement {
  const attributes = carried(list, "p");
  if (list.ordered && typeof list.start === "number" && list.start !== 1) {
    attributes.start = String(list.start);
  }
  const items = list.children.map((item) =>
    element("li", carried(item), loose(list) ? writeBlocks(item.children) : writeTight(item))
  );
  return element(list.ordered ? "ol" : "ul", attributes, items);
}

/** A tight item: its first paragraph is written without `<p>`. */
function writeTight(item: ListItem): XNode[] {
  const [first, ...rest] = item.children;
  if (first?.type !== "paragraph") return writeBlocks(item.children);
  return [...writeInlines(first.children), ...writeBlocks(rest)];
}

function writeTasks(list: List): XElement {
  const tasks = list.children.map((item) => {
    const ids = Object.entries(carried(item)).map(([name, value]) =>
      element(name, {}, [{ type: "text", value }])
    );
    const status = element("ac:task-status", {}, [{
      type: "text",
      value: item.checked ? "complete" : "incomplete",
    }]);
    return element("ac:task", {}, [...ids, status, element("ac:task-body", {}, writeTight(item))]);
  });
  return element("ac:task-list", carried(list), tasks);
}

function writeTable(table: Table): XElement {
  const extra = extraOf(table, "storage") ?? {};
  const header = headerPattern(extra);
  const coverage = new Coverage();
  const rows = table.children.map((row, index) =>
    element(
      "tr",
      {},
      row.children.flatMap((cell, column) => {
        // An empty cell in a slot a spanning cell covers only keeps the markdown grid square.
        if (coverage.has(index, column) && !cell.children.length && !anyExtraOf(cell)) return [];
        const attributes = carried(cell, "th", "p");
        const span = spanOf(attributes);
        if (span) coverage.add(index, column, span);
        return [
          writeCell(cell, attributes, cellTag(cell, header, index, column), extra.p === true),
        ];
      }),
    )
  );
  return element("table", carried(table, "colgroup", "headerRow", "headerColumn"), [
    ...columns(extra),
    element("tbody", {}, rows),
  ]);
}

function cellTag(cell: Nodes, header: HeaderPattern, row: number, column: number): string {
  const th = extraOf(cell, "storage")?.th;
  return (typeof th === "boolean" ? th : isPatternHeader(header, row, column)) ? "th" : "td";
}

function writeCell(
  cell: Table["children"][number]["children"][number],
  attributes: Record<string, string>,
  tag: string,
  wrap: boolean,
): XElement {
  const content = writeInlines(cell.children);
  const own = extraOf(cell, "storage")?.p;
  // A cell holding only a placeholder is that placeholder (it holds the cell's paragraphs).
  const only = cell.children.length === 1 ? cell.children[0] : undefined;
  const alone = only !== undefined && isStoragePlaceholder(only);
  const wrapped = !alone && (typeof own === "boolean" ? own : wrap);
  return element(tag, attributes, wrapped ? [element("p", {}, content)] : content);
}

function isStoragePlaceholder(node: Nodes): boolean {
  if (node.type !== "html") return false;
  return (shownOf(node) ?? readPlaceholder(node.value))?.format === "storage";
}

function columns(extra: Record<string, unknown>): XNode[] {
  if (Array.isArray(extra.widths)) {
    const cols = extra.widths.map((width) => element("col", { style: `width: ${width};` }));
    return [element("colgroup", {}, cols)];
  }
  return typeof extra.colgroup === "string" ? [{ type: "raw", value: extra.colgroup }] : [];
}

function writeInlines(nodes: PhrasingContent[]): XNode[] {
  return nodes.flatMap(writeInline);
}

function writeInline(node: PhrasingContent): XNode[] {
  switch (node.type) {
    case "text":
      return node.value ? [{ type: "text", value: node.value }] : [];
    case "strong":
      return [element("strong", {}, writeInlines(node.children))];
    case "emphasis":
      return [element("em", {}, writeInlines(node.children))];
    case "delete":
      return [element("del", {}, writeInlines(node.children))];
    case "inlineCode":
      return [element("code", {}, [{ type: "text", value: node.value }])];
    case "break":
      return [element("br")];
    case "link":
      return [writeLink(node)];
    case "image":
      return [writeImage(node)];
    case "html":
      return writeHtml(node, false);
  }
  return [];
}

function writeLink(node: Extract<PhrasingContent, { type: "link" }>): XElement {
  const mention = mentionOf(node);
  const extra = carried(node);
  const prefixed = (prefix: string) =>
    Object.fromEntries(Object.entries(extra).filter(([key]) => key.startsWith(prefix)));
  if (mention) {
    const user = element("ri:user", {
      [USER_ATTRIBUTES[mention.kind]]: mention.id,
      ...prefixed("ri:"),
    });
    return element("ac:link", prefixed("ac:"), [user]);
  }
  const attributes: Record<string, string> = { href: node.url };
  if (node.title) attributes.title = node.title;
  return element("a", { ...attributes, ...extra }, writeInlines(node.children));
}

function writeImage(node: Image): XElement {
  const extra = carried(node);
  const prefixed = (prefix: string) =>
    Object.fromEntries(Object.entries(extra).filter(([key]) => key.startsWith(prefix)));
  const attributes: Record<string, string> = {};
  if (node.alt) attributes["ac:alt"] = node.alt;
  if (node.title) attributes["ac:title"] = node.title;
  const target = /^[a-z][a-z0-9+.-]*:/i.test(node.url)
    ? element("ri:url", { "ri:value": node.url, ...prefixed("ri:") })
    : element("ri:attachment", { "ri:filename": node.url, ...prefixed("ri:") });
  return element("ac:image", { ...prefixed("ac:"), ...attributes }, [target]);
}

/**
 * Writes an html node: a shown placeholder, a container, a storage placeholder (restored as
 * written) or `<br>`; other comments and other formats' placeholders are dropped, and other raw
 * HTML is kept as text.
 */
function writeHtml(node: Extract<Nodes, { type: "html" }>, block: boolean): XNode[] {
  const shown = shownOf(node);
  if (shown) return writeShown(shown, block);
  const container = containerOf(node);
  if (container) return writeContainer(container, block);
  const found = readPlaceholder(node.value);
  if (found?.format === "storage") return [{ type: "raw", value: found.original }];
  if (isHtmlBreak(node)) return block ? [] : [element("br")];
  if (found || /^<!--[\s\S]*-->$/.test(node.value.trim())) return [];
  const text: XNode = { type: "text", value: node.value };
  return block ? [element("p", {}, [text])] : [text];
}

function writeShown(shown: Shown, block: boolean): XNode[] {
  if (shown.format === "storage" && unchanged(shown, block)) {
    return [{ type: "raw", value: shown.original }];
  }
  const children = shown.children as Nodes[];
  if (!block) {
    const phrasing = isBlockList(children)
      ? flatten(plainBlocks(children))
      : children as PhrasingContent[];
    return writeInlines(phrasing);
  }
  return isBlockList(children)
    ? writeBlocks(children as BlockContent[])
    : writeParagraph({ type: "paragraph", children: children as PhrasingContent[] });
}

/**
 * True when a shown placeholder's visible part is what the reader shows for its original, as
 * markdown reads it back (markdown reads some text differently, e.g. a URL as a link: compared
 * again after a round trip through markdown when the plain comparison fails).
 */
function unchanged(shown: Shown, block: boolean): boolean {
  const visible = visibleOf(shown.original);
  const children = shown.children as Nodes[];
  if (block) {
    return sameMarkdown(children, visible) || sameMarkdown(children, viaMarkdown(visible));
  }
  if (isBlockList(children)) return false;
  const line = flatten(visible);
  const shownLine = breaksAsHtml(children as PhrasingContent[]);
  if (sameMarkdown(shownLine, line)) return true;
  const [back] = viaMarkdown([paragraph(line)]);
  return back?.type === "paragraph" && sameMarkdown(shownLine, breaksAsHtml(back.children));
}

function writeContainer(container: Container, block: boolean): XNode[] {
  const shell = container.format === "storage" ? parseXml(container.shell) : undefined;
  const [root] = shell ?? [];
  if (!block) return writeInlines(flatten(plainBlocks(container.children)));
  if (shell?.length !== 1 || root.type !== "element") return writeBlocks(container.children);
  return [fill(root, container.children)];
}

/** The shell (parsed) with `children` written into it: into a macro's rich-text body. */
function fill(shell: XElement, children: BlockContent[]): XElement {
  if (shell.name !== "ac:structured-macro") {
    return element(shell.name, shell.attributes, writeBlocks(children));
  }
  const title = plainParameter(shell, "title");
  const [first, ...rest] = children;
  const titleLine = title ? boldLine(first) : undefined;
  const body = titleLine === undefined ? children : rest;
  const parts = shell.children.flatMap((part): XNode[] => {
    if (part.type !== "element") return [part];
    if (part.name === "ac:rich-text-body") {
      return [element(part.name, part.attributes, writeBlocks(body))];
    }
    const isTitle = part.name === "ac:parameter" && part.attributes["ac:name"] === "title";
    if (!isTitle || !title) return [part];
    return titleLine ? [parameter("title", titleLine)] : [];
  });
  const hasBody = parts.some((part) =>
    part.type === "element" && part.name === "ac:rich-text-body"
  );
  if (!hasBody) parts.push(element("ac:rich-text-body", {}, writeBlocks(body)));
  return element(shell.name, shell.attributes, parts);
}

/** The text of a paragraph holding only bold text (a macro's title line), else undefined. */
function boldLine(node: BlockContent | undefined): string | undefined {
  if (node?.type !== "paragraph" || node.children.length !== 1) return undefined;
  const only = node.children[0];
  return only.type === "strong" ? plainText(only) : undefined;
}
