/**
 * ADF -> hub mdast: the reader (the rules are in `mod.ts`).
 *
 * @module
 */

import type {
  BlockContent,
  Blockquote,
  Code,
  Heading,
  List,
  ListItem,
  PhrasingContent,
  Root,
  Table,
  TableCell,
  TableRow,
} from "../_mdast.ts";
import { html, mentionNode, panelNode, paragraph, text, withExtra } from "../_hub.ts";
import { viaMarkdown } from "../markdown.ts";
import { isRecord, placeholder } from "../placeholder.ts";
import { type AdfMark, type AdfNode, canonicalAdf, sortMarks, writeBlocks } from "./write.ts";

interface Marked {
  leaf: PhrasingContent;
  marks: AdfMark[];
}

const SIMPLE_MARKS = new Set(["link", "em", "strong", "strike", "code"]);

/** Converts an ADF document (or a JSON string of one, or a single node) to the hub tree. */
export function adfToMdast(doc: unknown): Root {
  return { type: "root", children: topLevelNodes(doc).flatMap(readBlock) };
}

function topLevelNodes(doc: unknown): AdfNode[] {
  let value = doc;
  if (typeof doc === "string") {
    try {
      value = JSON.parse(doc);
    } catch {
      return doc.trim() ? [{ type: "paragraph", content: [{ type: "text", text: doc }] }] : [];
    }
  }
  if (!isNode(value)) return [];
  if (value.type !== "doc") return [value];
  return Array.isArray(value.content) ? value.content.filter(isNode) : [];
}

function isNode(value: unknown): value is AdfNode {
  return isRecord(value) && typeof value.type === "string";
}

function readBlock(node: AdfNode): BlockContent[] {
  const native = nativeBlock(node);
  if (native && sameAdf(writeBlocks(viaMarkdown(native)), [node])) return native;
  return [html(placeholder("adf", JSON.stringify(node)))];
}

function sameAdf(actual: AdfNode[], expected: AdfNode[]): boolean {
  return JSON.stringify(canonicalAdf(actual)) === JSON.stringify(canonicalAdf(expected));
}

function contentOf(node: AdfNode): AdfNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

/** The attributes of `node` other than `shown` (those markdown expresses). */
function restAttrs(node: AdfNode, shown: string[]): Record<string, unknown> | undefined {
  if (!isRecord(node.attrs)) return undefined;
  return Object.fromEntries(Object.entries(node.attrs).filter(([key]) => !shown.includes(key)));
}

function nativeBlock(node: AdfNode): BlockContent[] | undefined {
  if (Array.isArray(node.marks) && node.marks.length > 0) return undefined;
  const attrs = isRecord(node.attrs) ? node.attrs : {};
  const rest = (...shown: string[]) => restAttrs(node, shown);
  switch (node.type) {
    case "paragraph":
      return [withExtra(paragraph(readInlines(contentOf(node))), "adf", rest())];
    case "heading": {
      if (![1, 2, 3, 4, 5, 6].includes(attrs.level as number)) return undefined;
      const depth = attrs.level as Heading["depth"];
      const heading: Heading = { type: "heading", depth, children: readInlines(contentOf(node)) };
      return [withExtra(heading, "adf", rest("level"))];
    }
    case "codeBlock":
      return readCodeBlock(node, rest("language"));
    case "blockquote": {
      const quote: Blockquote = { type: "blockquote", children: readChildren(node) };
      return [withExtra(quote, "adf", rest())];
    }
    case "panel": {
      const panel = panelNode({ type: String(attrs.panelType), title: "" }, readChildren(node));
      return [withExtra(panel, "adf", rest("panelType"))];
    }
    case "rule":
      return [withExtra({ type: "thematicBreak" }, "adf", rest())];
    case "bulletList":
    case "orderedList":
      return readList(node);
    case "taskList":
      return readTaskList(node);
    case "table":
      return readTable(node);
    case "mediaSingle":
      return readMediaSingle(node);
  }
  return undefined;
}

function readChildren(node: AdfNode): BlockContent[] {
  return contentOf(node).flatMap(readBlock);
}

function readCodeBlock(node: AdfNode, rest: Record<string, unknown> | undefined) {
  const parts = contentOf(node);
  if (parts.some((part) => part.type !== "text" || part.marks?.length)) return undefined;
  const language = node.attrs?.language;
  const lang = typeof language === "string" && language ? language : null;
  const value = parts.map((part) => String(part.text ?? "")).join("");
  const code: Code = { type: "code", lang, meta: null, value };
  return [withExtra(code, "adf", rest)];
}

function readList(node: AdfNode): BlockContent[] | undefined {
  const items = contentOf(node);
  if (items.some((item) => item.type !== "listItem")) return undefined;
  const ordered = node.type === "orderedList";
  const order = node.attrs?.order;
  const start = ordered ? (typeof order === "number" ? order : 1) : null;
  const children = items.map((item) => {
    const listItem: ListItem = {
      type: "listItem",
      spread: false,
      checked: null,
      children: readChildren(item),
    };
    return withExtra(listItem, "adf", restAttrs(item, []));
  });
  const list: List = { type: "list", ordered, start, spread: false, children };
  return [withExtra(list, "adf", restAttrs(node, ["order"]))];
}

function readTaskList(node: AdfNode): BlockContent[] | undefined {
  const children: ListItem[] = [];
  for (const child of contentOf(node)) {
    const previous = children.at(-1);
    if (child.type === "taskList" && previous) {
      const nested = readTaskList(child);
      if (!nested) return undefined;
      previous.children.push(...nested);
    } else if (child.type === "taskItem") {
      const checked = child.attrs?.state === "DONE";
      const body = paragraph(readInlines(contentOf(child)));
      const item: ListItem = { type: "listItem", spread: false, checked, children: [body] };
      children.push(withExtra(item, "adf", restAttrs(child, ["state"])));
    } else {
      return undefined;
    }
  }
  const list: List = { type: "list", ordered: false, start: null, spread: false, children };
  return [withExtra(list, "adf", restAttrs(node, []))];
}

function readTable(node: AdfNode): BlockContent[] | undefined {
  const rows = contentOf(node);
  const converted = rows.map((row, index) => {
    const cells = contentOf(row);
    const type = index === 0 ? "tableHeader" : "tableCell";
    if (row.type !== "tableRow" || row.attrs || cells.some((cell) => cell.type !== type)) {
      return undefined;
    }
    const children = cells.map(readCell);
    if (children.some((cell) => !cell)) return undefined;
    const tableRow: TableRow = { type: "tableRow", children: children as TableCell[] };
    return tableRow;
  });
  if (rows.length === 0 || converted.some((row) => !row)) return undefined;
  const children = converted as TableRow[];
  const table: Table = { type: "table", align: children[0].children.map(() => null), children };
  return [withExtra(table, "adf", restAttrs(node, []))];
}

function readCell(cell: AdfNode) {
  const content = contentOf(cell);
  const only = content.length === 1 ? content[0] : undefined;
  if (only?.type !== "paragraph" || only.attrs || only.marks) return undefined;
  const tableCell: TableCell = { type: "tableCell", children: readInlines(contentOf(only)) };
  return withExtra(tableCell, "adf", restAttrs(cell, []));
}

function readMediaSingle(node: AdfNode): BlockContent[] | undefined {
  const [media, ...others] = contentOf(node);
  const attrs = isRecord(media?.attrs) ? media.attrs : {};
  const keys = Object.keys(attrs).filter((key) => !["type", "url", "alt"].includes(key));
  const layoutOnly = JSON.stringify(node.attrs) === JSON.stringify({ layout: "center" });
  if (others.length || media?.type !== "media" || attrs.type !== "external" || keys.length) {
    return undefined;
  }
  if (!layoutOnly || media.marks || typeof attrs.url !== "string") return undefined;
  const alt = typeof attrs.alt === "string" ? attrs.alt : null;
  return [paragraph([{ type: "image", url: attrs.url, alt, title: null }])];
}

function readInlines(nodes: AdfNode[]): PhrasingContent[] {
  return group(nodes.map(readInline));
}

function readInline(node: AdfNode): Marked {
  const marks = Array.isArray(node.marks) ? sortMarks(node.marks) : [];
  const kept = { leaf: html(placeholder("adf", JSON.stringify(node))), marks: [] };
  switch (node.type) {
    case "text": {
      if (typeof node.text !== "string" || !simpleMarks(marks)) return kept;
      const code = marks.some((mark) => mark.type === "code");
      const leaf: PhrasingContent = code
        ? { type: "inlineCode", value: node.text }
        : text(node.text);
      return { leaf, marks: marks.filter((mark) => mark.type !== "code") };
    }
    case "hardBreak":
      return node.attrs ? kept : { leaf: { type: "break" }, marks: [] };
    case "mention":
      return readMention(node) ?? kept;
  }
  return kept;
}

function simpleMarks(marks: AdfMark[]): boolean {
  const types = marks.map((mark) => mark.type);
  if (types.some((type) => !SIMPLE_MARKS.has(type))) return false;
  if (types.includes("code") && types.some((type) => type !== "code" && type !== "link")) {
    return false;
  }
  return marks.every((mark) => {
    if (mark.type !== "link") return mark.attrs === undefined;
    const attrs = isRecord(mark.attrs) ? mark.attrs : {};
    const extra = Object.keys(attrs).filter((key) => key !== "href" && key !== "title");
    return typeof attrs.href === "string" && extra.length === 0 &&
      (attrs.title === undefined || typeof attrs.title === "string");
  });
}

function readMention(node: AdfNode): Marked | undefined {
  const attrs = isRecord(node.attrs) ? node.attrs : {};
  const label = attrs.text;
  if (typeof attrs.id !== "string" || !/^\S+$/.test(attrs.id) || node.marks?.length) {
    return undefined;
  }
  if (label !== undefined && (typeof label !== "string" || !/^@./.test(label))) return undefined;
  const name = typeof label === "string" ? label.slice(1) : "";
  const leaf = mentionNode({ kind: "accountid", id: attrs.id, name });
  return { leaf: withExtra(leaf, "adf", restAttrs(node, ["id", "text"])), marks: [] };
}

/** Nests marked leaves into mdast wrappers; the mark shared by the longest run wraps first. */
function group(items: Marked[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let index = 0; index < items.length;) {
    const marks = items[index].marks.map((mark) => JSON.stringify(mark));
    if (marks.length === 0) {
      out.push(items[index++].leaf);
      continue;
    }
    const spans = marks.map((key) => runLength(items, index, key));
    const best = spans.indexOf(Math.max(...spans));
    const run = items.slice(index, index + spans[best]).map((item) => ({
      leaf: item.leaf,
      marks: item.marks.filter((mark) => JSON.stringify(mark) !== marks[best]),
    }));
    out.push(wrap(items[index].marks[best], group(run)));
    index += spans[best];
  }
  return out;
}

function runLength(items: Marked[], start: number, key: string): number {
  let end = start;
  while (end < items.length && items[end].marks.some((mark) => JSON.stringify(mark) === key)) end++;
  return end - start;
}

function wrap(mark: AdfMark, children: PhrasingContent[]): PhrasingContent {
  if (mark.type === "link") {
    const title = typeof mark.attrs?.title === "string" ? mark.attrs.title : null;
    return { type: "link", url: String(mark.attrs?.href), title, children };
  }
  return {
    type: mark.type === "em" ? "emphasis" : mark.type === "strong" ? "strong" : "delete",
    children,
  };
}
