/**
 * Confluence storage format -> hub mdast: the reader (the rules are in `mod.ts`).
 *
 * @module
 */

import type {
  BlockContent,
  Code,
  Image,
  List,
  ListItem,
  PhrasingContent,
  Root,
  Table,
  TableCell,
} from "../_mdast.ts";
import { html, mentionNode, panelNode, paragraph, text, withExtra } from "../_hub.ts";
import { viaMarkdown } from "../markdown.ts";
import { placeholder } from "../placeholder.ts";
import { USER_ATTRIBUTES, writeFlow } from "./write.ts";
import { parseXml, sameXml, sourceOf, type XElement, type XNode } from "./xml.ts";

const INLINE = new Set([
  "strong",
  "b",
  "em",
  "i",
  "del",
  "s",
  "u",
  "sub",
  "sup",
  "code",
  "a",
  "br",
  "span",
  "time",
  "ac:link",
  "ac:image",
  "ac:emoticon",
  "ac:inline-comment-marker",
  "ac:placeholder",
]);
const PANELS = new Set(["info", "note", "warning", "tip"]);
const MENTION_KINDS = Object.entries(USER_ATTRIBUTES) as Array<
  [keyof typeof USER_ATTRIBUTES, string]
>;

/** Converts a storage-format fragment to the hub tree; malformed input becomes one placeholder. */
export function storageToMdast(xhtml: string): Root {
  if (!xhtml.trim()) return { type: "root", children: [] };
  const nodes = parseXml(xhtml);
  if (!nodes) return { type: "root", children: [html(placeholder("storage", xhtml))] };
  return { type: "root", children: readFlow(nodes) };
}

const keep = (node: XNode) => html(placeholder("storage", sourceOf(node)));

function elements(nodes: XNode[]): XElement[] | undefined {
  const found = nodes.filter((node) => node.type === "element");
  return found.length === nodes.length ? found : undefined;
}

function isInline(node: XNode): boolean {
  return node.type === "text" || (node.type === "element" && INLINE.has(node.name));
}

/** Reads content that mixes blocks and inline runs; a run becomes a paragraph. */
function readFlow(nodes: XNode[]): BlockContent[] {
  const out: BlockContent[] = [];
  let run: XNode[] = [];
  const flush = () => {
    if (run.some((node) => node.type !== "text" || node.value.trim())) {
      out.push(paragraph(readInlines(run)));
    }
    run = [];
  };
  for (const node of nodes) {
    if (isInline(node)) {
      run.push(node);
    } else {
      flush();
      out.push(...readBlock(node));
    }
  }
  flush();
  return out;
}

function readBlock(node: XNode): BlockContent[] {
  const native = node.type === "element" ? nativeBlock(node) : undefined;
  if (native && sameXml(writeFlow(viaMarkdown(native)), [node])) return native;
  return [keep(node)];
}

function nativeBlock(el: XElement): BlockContent[] | undefined {
  const attrs = el.attributes;
  const heading = /^h([1-6])$/.exec(el.name);
  if (heading) {
    const depth = Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6;
    return [
      withExtra({ type: "heading", depth, children: readInlines(el.children) }, "storage", attrs),
    ];
  }
  switch (el.name) {
    case "p":
      return [withExtra(paragraph(readInlines(el.children)), "storage", attrs)];
    case "hr":
      return [withExtra({ type: "thematicBreak" }, "storage", attrs)];
    case "blockquote":
      return [withExtra({ type: "blockquote", children: readFlow(el.children) }, "storage", attrs)];
    case "ul":
    case "ol":
      return readList(el);
    case "ac:task-list":
      return readTasks(el);
    case "table":
      return readTable(el);
    case "ac:structured-macro":
      return readMacro(el);
  }
  return undefined;
}

function readList(el: XElement): BlockContent[] | undefined {
  const items = elements(el.children);
  if (!items || items.some((item) => item.name !== "li")) return undefined;
  const { start, ...attrs } = el.attributes;
  const ordered = el.name === "ol";
  const spread = items.every((item) => {
    const head = item.children[0];
    return head?.type === "element" && head.name === "p";
  });
  const children = items.map((item) => {
    const listItem: ListItem = {
      type: "listItem",
      spread: false,
      checked: null,
      children: readFlow(item.children),
    };
    return withExtra(listItem, "storage", item.attributes);
  });
  const list: List = {
    type: "list",
    ordered,
    start: ordered ? Number(start ?? 1) : null,
    spread,
    children,
  };
  // Markdown shows a loose list by blank lines; one item with one block has none to show.
  const unseen = spread && children.length === 1 && children[0].children.length === 1;
  const extra = { ...(ordered ? attrs : el.attributes), ...(unseen ? { p: true } : {}) };
  return [withExtra(list, "storage", extra)];
}

function readTasks(el: XElement): BlockContent[] | undefined {
  const tasks = elements(el.children);
  if (
    !tasks || tasks.some((task) => task.name !== "ac:task" || Object.keys(task.attributes).length)
  ) {
    return undefined;
  }
  const children: ListItem[] = [];
  for (const task of tasks) {
    const parts = elements(task.children) ?? [];
    const status = parts.find((part) => part.name === "ac:task-status");
    const body = parts.find((part) => part.name === "ac:task-body");
    if (!status || !body) return undefined;
    const ids = Object.fromEntries(
      parts.filter((part) => part !== status && part !== body).map((
        part,
      ) => [part.name, textOf(part)]),
    );
    const checked = textOf(status) === "complete";
    const item: ListItem = {
      type: "listItem",
      spread: false,
      checked,
      children: readFlow(body.children),
    };
    children.push(withExtra(item, "storage", ids));
  }
  const list: List = { type: "list", ordered: false, start: null, spread: false, children };
  return [withExtra(list, "storage", el.attributes)];
}

function textOf(el: XElement): string {
  return el.children.map((child) => (child.type === "text" ? child.value : "")).join("");
}

function readTable(el: XElement): BlockContent[] | undefined {
  const parts = elements(el.children);
  const colgroup = parts?.[0]?.name === "colgroup" ? parts[0] : undefined;
  const tbody = parts?.at(-1);
  if (!parts || parts.length !== (colgroup ? 2 : 1) || tbody?.name !== "tbody") return undefined;
  const rows = elements(tbody.children);
  if (!rows?.length || Object.keys(tbody.attributes).length) return undefined;
  const cells = rows.map((row, index) => {
    const found = elements(row.children);
    const name = index === 0 ? "th" : "td";
    if (row.name !== "tr" || Object.keys(row.attributes).length) return undefined;
    return found?.every((cell) => cell.name === name) ? found : undefined;
  });
  if (cells.some((row) => !row)) return undefined;
  const grid = cells as XElement[][];
  const wrapped = grid.flat().every((cell) => wrappedCell(cell) !== undefined);
  const children = grid.map((row) => ({
    type: "tableRow" as const,
    children: row.map((cell) => readCell(cell, wrapped)),
  }));
  const extra: Record<string, unknown> = { ...el.attributes };
  if (colgroup) extra.colgroup = sourceOf(colgroup);
  if (wrapped) extra.p = true;
  const table: Table = { type: "table", align: grid[0].map(() => null), children };
  return [withExtra(table, "storage", extra)];
}

function wrappedCell(cell: XElement): XElement | undefined {
  const only = cell.children.length === 1 ? cell.children[0] : undefined;
  const plain = only?.type === "element" && only.name === "p" &&
    !Object.keys(only.attributes).length;
  return plain ? only : undefined;
}

function readCell(cell: XElement, wrapped: boolean): TableCell {
  const content = wrapped ? wrappedCell(cell)?.children ?? [] : cell.children;
  return withExtra(
    { type: "tableCell", children: readInlines(content) },
    "storage",
    cell.attributes,
  );
}

function readMacro(el: XElement): BlockContent[] | undefined {
  const { "ac:name": name, ...attrs } = el.attributes;
  const parts = macroParts(el);
  if (!parts || (name !== "code" && !PANELS.has(name))) return undefined;
  const shown = name === "code" ? "language" : "title";
  const { [shown]: value, ...hidden } = parts.params;
  const extra = Object.keys(hidden).length > 0 ? { ...attrs, params: hidden } : attrs;
  const body = parts.body;
  if (name === "code") {
    if (body && body.name !== "ac:plain-text-body") return undefined;
    const code: Code = {
      type: "code",
      lang: value ?? null,
      meta: null,
      value: body ? textOf(body) : "",
    };
    return [withExtra(code, "storage", extra)];
  }
  if (body?.name !== "ac:rich-text-body") return undefined;
  const panel = panelNode({ type: name, title: value ?? "" }, readFlow(body.children));
  return [withExtra(panel, "storage", extra)];
}

/** A macro's parameters (by name) and its one body element, if it has that shape. */
function macroParts(el: XElement) {
  const parts = elements(el.children);
  if (!parts) return undefined;
  const params: Record<string, string> = {};
  const bodies: XElement[] = [];
  for (const part of parts) {
    const name = part.attributes["ac:name"];
    const plain = part.name === "ac:parameter" && name && Object.keys(part.attributes).length === 1;
    if (plain) params[name] = textOf(part);
    else bodies.push(part);
  }
  return bodies.length > 1 ? undefined : { params, body: bodies[0] };
}

function readInlines(nodes: XNode[]): PhrasingContent[] {
  return nodes.flatMap(readInline);
}

function readInline(node: XNode): PhrasingContent[] {
  if (node.type === "text") return [text(node.value)];
  const native = node.type === "element" ? nativeInline(node) : undefined;
  if (!native) return [keep(node)];
  const probe = paragraph([text("x "), ...native, text("y")]);
  const expected: XElement = {
    type: "element",
    name: "p",
    attributes: {},
    children: [{ type: "text", value: "x " }, node, { type: "text", value: "y" }],
  };
  return sameXml(writeFlow(viaMarkdown([probe])), [expected]) ? native : [keep(node)];
}

function nativeInline(el: XElement): PhrasingContent[] | undefined {
  switch (el.name) {
    case "strong":
      return [{ type: "strong", children: readInlines(el.children) }];
    case "em":
      return [{ type: "emphasis", children: readInlines(el.children) }];
    case "del":
      return [{ type: "delete", children: readInlines(el.children) }];
    case "code":
      return [{ type: "inlineCode", value: textOf(el) }];
    case "br":
      return [{ type: "break" }];
    case "a": {
      const { href, title, ...rest } = el.attributes;
      if (href === undefined) return undefined;
      const link = {
        type: "link" as const,
        url: href,
        title: title ?? null,
        children: readInlines(el.children),
      };
      return [withExtra(link, "storage", rest)];
    }
    case "ac:link":
      return readMention(el);
    case "ac:image":
      return readImage(el);
  }
  return undefined;
}

function readMention(el: XElement): PhrasingContent[] | undefined {
  const [user, ...others] = elements(el.children) ?? [];
  if (user?.name !== "ri:user" || others.length) return undefined;
  const found = MENTION_KINDS.find(([, attribute]) => user.attributes[attribute] !== undefined);
  if (!found) return undefined;
  const [kind, attribute] = found;
  const { [attribute]: id, ...rest } = user.attributes;
  const node = mentionNode({ kind, id, name: "" });
  return [withExtra(node, "storage", { ...el.attributes, ...rest })];
}

function readImage(el: XElement): PhrasingContent[] | undefined {
  const [target, ...others] = elements(el.children) ?? [];
  if (!target || others.length) return undefined;
  const { "ri:filename": filename, "ri:value": value, ...rest } = target.attributes;
  const url = target.name === "ri:attachment"
    ? filename
    : target.name === "ri:url"
    ? value
    : undefined;
  if (url === undefined) return undefined;
  const { "ac:alt": alt, "ac:title": title, ...attrs } = el.attributes;
  const image: Image = { type: "image", url, alt: alt ?? null, title: title ?? null };
  return [withExtra(image, "storage", { ...attrs, ...rest })];
}
