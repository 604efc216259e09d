/**
 * Hub mdast -> Confluence storage format (XHTML with `ac:`/`ri:` elements).
 *
 * @module
 */

import type {
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
import { extraOf, mentionOf, panelOf } from "../_hub.ts";
import { isRecord, readPlaceholder } from "../placeholder.ts";
import { serializeXml, type XElement, type XNode } from "./xml.ts";

/** Storage's panel macros, by hub panel type. */
const PANEL_MACROS: Record<string, string> = {
  info: "info",
  note: "note",
  warning: "warning",
  tip: "tip",
  success: "tip",
  error: "warning",
  important: "note",
  caution: "warning",
};

/** The `ri:user` attribute for each kind of mention. */
export const USER_ATTRIBUTES = {
  accountid: "ri:account-id",
  userkey: "ri:userkey",
  username: "ri:username",
} as const;

/** Converts the hub tree to storage format. */
export function mdastToStorage(root: Root): string {
  return serializeXml(writeFlow(root.children));
}

/** Converts hub blocks to storage nodes (also used to verify reads). */
export function writeFlow(nodes: RootContent[]): XNode[] {
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
      return writeHtml(node.value, true);
  }
  return [];
}

function writeParagraph(node: Paragraph): XNode[] {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === "image") return [writeImage(only)];
  const children = writeInlines(node.children);
  return children.length > 0 ? [element("p", carried(node), children)] : [];
}

function writeQuote(node: Blockquote): XElement {
  const panel = panelOf(node);
  if (!panel) return element("blockquote", carried(node), writeFlow(node.children));
  const title = panel.title ? [parameter("title", panel.title)] : [];
  const body = element("ac:rich-text-body", {}, writeFlow(node.children));
  return macro(node, PANEL_MACROS[panel.type] ?? "info", [
    ...title,
    ...carriedParameters(node),
    body,
  ]);
}

function writeCode(node: Code): XElement {
  const language = node.lang ? [parameter("language", node.lang)] : [];
  const body = element("ac:plain-text-body", {}, [{
    type: "text",
    value: node.value,
    cdata: true,
  }]);
  return macro(node, "code", [...language, ...carriedParameters(node), body]);
}

function macro(node: Nodes, name: string, children: XNode[]): XElement {
  return element("ac:structured-macro", { "ac:name": name, ...carried(node, "params") }, children);
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
    element("li", carried(item), loose(list) ? writeFlow(item.children) : writeTight(item))
  );
  return element(list.ordered ? "ol" : "ul", attributes, items);
}

/** A tight item: its first paragraph is written without `<p>`. */
function writeTight(item: ListItem): XNode[] {
  const [first, ...rest] = item.children;
  if (first?.type !== "paragraph") return writeFlow(item.children);
  return [...writeInlines(first.children), ...writeFlow(rest)];
}

function writeTasks(list: List): XElement {
  const tasks = list.children.map((item) => {
    const extra = carried(item);
    const ids = Object.entries(extra).map(([name, value]) =>
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
  const wrap = extra.p === true;
  const rows = table.children.map((row, index) =>
    element(
      "tr",
      {},
      row.children.map((cell) => {
        const inlines = writeInlines(cell.children);
        const content = wrap ? [element("p", {}, inlines)] : inlines;
        return element(index === 0 ? "th" : "td", carried(cell), content);
      }),
    )
  );
  const colgroup: XNode[] = typeof extra.colgroup === "string"
    ? [{ type: "raw", value: extra.colgroup }]
    : [];
  return element("table", carried(table, "colgroup"), [...colgroup, element("tbody", {}, rows)]);
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
      return writeHtml(node.value, false);
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

/** Restores a storage placeholder; other comments are dropped and other raw HTML kept as text. */
function writeHtml(value: string, block: boolean): XNode[] {
  const found = readPlaceholder(value);
  if (found?.format === "storage") return [{ type: "raw", value: found.original }];
  if (found || /^<!--[\s\S]*-->$/.test(value.trim())) return [];
  const text: XNode = { type: "text", value };
  return block ? [element("p", {}, [text])] : [text];
}
