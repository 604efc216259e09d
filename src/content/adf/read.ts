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
import {
  containerNode,
  html,
  mentionNode,
  panelNode,
  paragraph,
  shownNode,
  text,
  withExtra,
} from "../_hub.ts";
import { isRecord, placeholder } from "../placeholder.ts";
import { plainBlocks, plainPhrasing } from "../visible.ts";
import {
  type AdfMark,
  type AdfNode,
  canonicalAdf,
  isDefaultAttr,
  sameJson,
  sortMarks,
  trimEdges,
  writeBlocks,
} from "./write.ts";

interface Marked {
  leaf: PhrasingContent;
  marks: AdfMark[];
}

const SIMPLE_MARKS = new Set(["link", "em", "strong", "strike", "code"]);
/** Block marks a carrier can hold (`"marks"`), so the block itself stays plain markdown. */
const BLOCK_MARKS = new Set(["alignment", "indentation", "breakout"]);
/** Nodes whose children are ordinary blocks: shown as containers. */
const CONTAINERS = new Set([
  "expand",
  "nestedExpand",
  "layoutSection",
  "layoutColumn",
  "bodiedExtension",
  "bodiedSyncBlock",
]);
/** Attributes that identify a node for the editor only; the products regenerate them. */
const IDENTITY = new Set(["localId"]);

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

/**
 * One block: its markdown form when writing that form back gives the same node (checked
 * directly against the writer, not through markdown text), else the node shown: a container
 * for nodes whose children are blocks, a shown placeholder holding its visible text, or (with
 * no visible text at all) an opaque placeholder.
 *
 * One check covers the whole block, its child blocks read unchecked (`readTrusted`); only when
 * it fails are the children read again with a check each, so that what markdown cannot hold is
 * shown on its own. Checking every level at once would write each block once per level above it.
 */
function readBlock(node: AdfNode): BlockContent[] {
  if (INLINE_AT_TOP.has(node.type)) return [paragraph(readInlines([node]))];
  let hasChildBlocks = false;
  const whole = readNative(node, (child) => {
    hasChildBlocks = true;
    return readTrusted(child);
  });
  if (whole && sameAdf(writeBlocks(whole), [node])) return whole;
  const checked = hasChildBlocks ? readNative(node, readBlock) : undefined;
  if (checked && sameAdf(writeBlocks(checked), [node])) return checked;
  return shownBlock(node);
}

/** A block within a block being checked whole: its markdown form unchecked, else shown. */
function readTrusted(node: AdfNode): BlockContent[] {
  if (INLINE_AT_TOP.has(node.type)) return [paragraph(readInlines([node]))];
  return readNative(node, readTrusted) ?? shownBlock(node);
}

/** How child blocks are read: with a check each (`readBlock`) or not (`readTrusted`). */
type ReadChild = (node: AdfNode) => BlockContent[];

function readNative(node: AdfNode, readChild: ReadChild): BlockContent[] | undefined {
  return nativeBlock(node, readChild) ?? containerBlock(node, readChild);
}

/** A shown placeholder holding the node and its visible text, else an opaque placeholder. */
function shownBlock(node: AdfNode): BlockContent[] {
  const visible = visibleBlocks(node);
  const original = JSON.stringify(node);
  return [
    visible.length ? shownNode("adf", original, visible) : html(placeholder("adf", original)),
  ];
}

const INLINE_AT_TOP = new Set(["text", "emoji", "date", "status", "mention", "inlineCard"]);

function isEmpty(attrs: Record<string, unknown> | undefined): boolean {
  return attrs !== undefined && Object.keys(attrs).length === 0;
}

/**
 * Whether the written blocks are the node read: compared in their canonical forms, unless they
 * are already the same data, as they mostly are (then so are their canonical forms, which are
 * not built).
 */
function sameAdf(actual: AdfNode[], expected: AdfNode[]): boolean {
  return sameData(actual, expected) || sameJson(canonicalAdf(actual), canonicalAdf(expected));
}

/**
 * Whether `a` and `b` are the same JSON data, keys in any order: strings, finite numbers,
 * booleans, null, ordinary arrays and objects. Stricter than `sameJson` (which ignores undefined
 * values): it says false for anything the canonical form could fail on, leaving `sameAdf` to
 * decide (or throw) as without this shortcut: other values (`undefined`, NaN, class instances,
 * cycles), arrays and objects with their own `toString` or `valueOf` (text that cannot be read
 * as text) and null in a list (a mark that cannot be sorted). Only data nested so deep that the
 * canonical form, but not this walk, would overflow the stack is now judged the same.
 */
function sameData(a: unknown, b: unknown): boolean {
  try {
    return sameValue(a, b);
  } catch {
    return false; // e.g. a cycle overflowing the stack
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" || typeof a === "boolean" || a === null) return a === b;
  if (typeof a === "number") return a === b && Number.isFinite(a);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || !isOrdinary(a, Array.prototype) || !isOrdinary(b, Array.prototype)) {
      return false;
    }
    if (a.length !== b.length) return false;
    for (let at = 0; at < a.length; at++) {
      if (a[at] === null || !sameValue(a[at], b[at])) return false;
    }
    return true;
  }
  if (!isOrdinary(a, Object.prototype) || !isOrdinary(b, Object.prototype)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !sameValue(a[key], b[key])) return false;
  return true;
}

/** An object made from `prototype` itself, without a `toString` or `valueOf` of its own. */
function isOrdinary(value: unknown, prototype: object): value is Record<string, unknown> {
  return typeof value === "object" && value !== null &&
    Object.getPrototypeOf(value) === prototype &&
    !Object.hasOwn(value, "toString") && !Object.hasOwn(value, "valueOf");
}

function contentOf(node: AdfNode): AdfNode[] {
  return Array.isArray(node.content) ? node.content.filter(isNode) : [];
}

/** The attributes of `node` other than `shown` (those markdown expresses), ids and defaults. */
function restAttrs(node: AdfNode, shown: string[]): Record<string, unknown> | undefined {
  if (!isRecord(node.attrs)) return undefined;
  return Object.fromEntries(
    Object.entries(node.attrs).filter(([key, value]) =>
      !shown.includes(key) && !IDENTITY.has(key) && !isDefaultAttr(node.type, key, value)
    ),
  );
}

/** `restAttrs`, plus the node's block marks under `"marks"`; undefined when it has other marks. */
function blockExtra(node: AdfNode, shown: string[]) {
  const rest = restAttrs(node, shown) ?? {};
  const marks = Array.isArray(node.marks) ? node.marks : [];
  if (marks.some((mark) => !BLOCK_MARKS.has(mark?.type))) return undefined;
  return marks.length ? { ...rest, marks } : rest;
}

function nativeBlock(node: AdfNode, readChild: ReadChild): BlockContent[] | undefined {
  const attrs = isRecord(node.attrs) ? node.attrs : {};
  const extra = (...shown: string[]) => blockExtra(node, shown);
  switch (node.type) {
    case "paragraph": {
      const children = trimEdges(readInlines(contentOf(node)));
      const attrs = extra();
      if (children.length === 0 && isEmpty(attrs)) return [];
      return attrs && [withExtra(paragraph(children), "adf", attrs)];
    }
    case "heading": {
      if (![1, 2, 3, 4, 5, 6].includes(attrs.level as number) || !extra("level")) return undefined;
      const depth = attrs.level as Heading["depth"];
      const children = trimEdges(readInlines(contentOf(node)));
      const heading: Heading = { type: "heading", depth, children };
      return [withExtra(heading, "adf", extra("level"))];
    }
    case "codeBlock":
      return readCodeBlock(node, extra("language"));
    case "blockquote": {
      const quote: Blockquote = { type: "blockquote", children: readChildren(node, readChild) };
      return [withExtra(quote, "adf", extra())];
    }
    case "panel":
      return readPanel(node, extra("panelType"), readChild);
    case "rule":
      return [withExtra({ type: "thematicBreak" }, "adf", extra())];
    case "bulletList":
    case "orderedList":
      return readList(node, readChild);
    case "taskList":
      return readTaskList(node);
    case "table":
      return readTable(node);
    case "mediaSingle":
      return readMediaSingle(node);
  }
  return undefined;
}

function readChildren(node: AdfNode, readChild: ReadChild): BlockContent[] {
  return contentOf(node).flatMap(readChild);
}

/** A panel; a first paragraph that is only bold text is its title (as the writer puts it). */
function readPanel(node: AdfNode, rest: Record<string, unknown> | undefined, readChild: ReadChild) {
  if (!rest) return undefined;
  const [first, ...others] = contentOf(node);
  const title = first && boldLine(first);
  const body = title !== undefined ? others : contentOf(node);
  const panel = panelNode(
    { type: String(node.attrs?.panelType), title: title ?? "" },
    body.flatMap(readChild),
  );
  return [withExtra(panel, "adf", rest)];
}

/** The text of a paragraph that is exactly one bold run without line breaks, else undefined. */
function boldLine(node: AdfNode): string | undefined {
  const [only, ...more] = contentOf(node);
  if (node.type !== "paragraph" || node.attrs || node.marks || more.length) return undefined;
  const marks = only?.marks ?? [];
  if (only?.type !== "text" || marks.length !== 1 || marks[0].type !== "strong") return undefined;
  const value = String(only.text ?? "");
  return value.trim() && !/\n/.test(value) && value === value.trim() ? value : undefined;
}

function readCodeBlock(node: AdfNode, rest: Record<string, unknown> | undefined) {
  const parts = contentOf(node);
  if (!rest || parts.some((part) => part.type !== "text" || part.marks?.length)) return undefined;
  const language = node.attrs?.language;
  const lang = typeof language === "string" && language ? language : null;
  const value = parts.map((part) => String(part.text ?? "")).join("");
  const code: Code = { type: "code", lang, meta: null, value };
  return [withExtra(code, "adf", rest)];
}

function readList(node: AdfNode, readChild: ReadChild): BlockContent[] | undefined {
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
      children: readChildren(item, readChild),
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

/** Which cells are headers: the first row (markdown's own), none, the first column, or both. */
const HEADER_PATTERNS = {
  row: (row: number, _column: number) => row === 0,
  none: () => false,
  column: (_row: number, column: number) => column === 0,
  both: (row: number, column: number) => row === 0 || column === 0,
};

function readTable(node: AdfNode): BlockContent[] | undefined {
  const rows = contentOf(node);
  if (rows.length === 0 || rows.some((row) => row.type !== "tableRow" || row.attrs)) {
    return undefined;
  }
  const grid = rows.map(contentOf);
  const header = (Object.keys(HEADER_PATTERNS) as Array<keyof typeof HEADER_PATTERNS>).find(
    (name) =>
      grid.every((cells, r) =>
        cells.every((cell, c) =>
          cell.type === (HEADER_PATTERNS[name](r, c) ? "tableHeader" : "tableCell")
        )
      ),
  );
  if (!header) return undefined;
  const colwidths = columnWidths(grid);
  const converted = grid.map((cells) => cells.map((cell) => readCell(cell, !!colwidths)));
  if (converted.some((cells) => cells.some((cell) => !cell))) return undefined;
  const children = converted.map((cells): TableRow => ({
    type: "tableRow",
    children: cells as TableCell[],
  }));
  const table: Table = { type: "table", align: children[0].children.map(() => null), children };
  const extra: Record<string, unknown> = restAttrs(node, []) ?? {};
  if (header === "none" || header === "column") extra.headerRow = false;
  if (header === "column" || header === "both") extra.headerColumn = true;
  if (colwidths) extra.colwidths = colwidths;
  return [withExtra(table, "adf", extra)];
}

/**
 * The width of each column when every cell has exactly one `colwidth` and the cells of a column
 * agree: one `colwidths` list on the table instead of a carrier in every cell.
 */
function columnWidths(grid: AdfNode[][]): number[] | undefined {
  const widths: number[] = [];
  for (const cells of grid) {
    for (const [column, cell] of cells.entries()) {
      const attrs = restAttrs(cell, []) ?? {};
      const width = Array.isArray(attrs.colwidth) && attrs.colwidth.length === 1
        ? attrs.colwidth[0]
        : undefined;
      if (typeof width !== "number" || (widths[column] ?? width) !== width) return undefined;
      widths[column] = width;
    }
  }
  return widths.length > 0 ? widths : undefined;
}

function readCell(cell: AdfNode, hoisted: boolean) {
  const content = contentOf(cell);
  const only = content.length === 1 ? content[0] : undefined;
  if (content.length > 1 || (only && (only.type !== "paragraph" || only.attrs || only.marks))) {
    return undefined;
  }
  const children = only ? trimEdges(readInlines(contentOf(only))) : [];
  const tableCell: TableCell = { type: "tableCell", children };
  return withExtra(tableCell, "adf", restAttrs(cell, hoisted ? ["colwidth"] : []));
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

/**
 * A node whose children are ordinary blocks, as a container: the node without its content, and
 * its content read as blocks. An expand's title comes first, as a bold line.
 */
function containerBlock(node: AdfNode, readChild: ReadChild): BlockContent[] | undefined {
  if (!CONTAINERS.has(node.type)) return undefined;
  const { content: _content, ...shell } = node;
  const children = readChildren(node, readChild);
  const title = node.attrs?.title;
  if (typeof title === "string" && title.trim() && node.type.endsWith("xpand")) {
    children.unshift(paragraph([{ type: "strong", children: [text(title)] }]));
  }
  return [containerNode("adf", JSON.stringify(shell), children)];
}

/**
 * What a person sees of a block markdown cannot hold, as plain markdown without comments: a
 * table's cell texts, a card's link, a caption, the text of anything else.
 */
export function visibleBlocks(node: AdfNode): BlockContent[] {
  switch (node.type) {
    case "table":
      return visibleTable(node);
    case "decisionList": {
      const children = contentOf(node).map((item): ListItem => ({
        type: "listItem",
        spread: false,
        checked: null,
        children: [paragraph(plainPhrasing(readInlines(contentOf(item))))],
      }));
      return children.length
        ? [{ type: "list", ordered: false, start: null, spread: false, children }]
        : [];
    }
    case "media": {
      const alt = node.attrs?.alt;
      return typeof alt === "string" && alt.trim() ? [paragraph([text(alt)])] : [];
    }
    case "blockCard":
    case "embedCard": {
      const url = node.attrs?.url;
      return typeof url === "string"
        ? [paragraph([{ type: "link", url, title: null, children: [text(url)] }])]
        : [];
    }
  }
  const content = contentOf(node);
  const blocks =
    content.some((child) => INLINE_AT_TOP.has(child.type) || child.type === "hardBreak")
      ? [paragraph(readInlines(content))]
      : content.flatMap(readBlock);
  const title = node.attrs?.title;
  if (typeof title === "string" && title.trim()) {
    blocks.unshift(paragraph([{ type: "strong", children: [text(title)] }]));
  }
  return plainBlocks(blocks).filter((block) =>
    block.type !== "paragraph" || block.children.length > 0
  );
}

/** A table with every cell's text visible, for tables markdown cannot hold as they are. */
function visibleTable(node: AdfNode): BlockContent[] {
  const rows = contentOf(node).map((row): TableRow => ({
    type: "tableRow",
    children: contentOf(row).map((cell): TableCell => ({
      type: "tableCell",
      children: flatCell(plainBlocks(contentOf(cell).flatMap(readBlock))),
    })),
  }));
  const width = Math.max(0, ...rows.map((row) => row.children.length));
  if (width === 0) return [];
  return [{ type: "table", align: Array(width).fill(null), children: rows }];
}

/** The blocks of a cell as one line of phrasing content (blocks joined by spaces). */
function flatCell(blocks: BlockContent[]): PhrasingContent[] {
  return blocks.flatMap((block, index) => {
    const inline: PhrasingContent[] = block.type === "paragraph" || block.type === "heading"
      ? block.children
      : [text(plainBlock(block))];
    return index > 0 ? [text(" "), ...inline] : inline;
  });
}

function plainBlock(block: BlockContent): string {
  const walk = (node: unknown): string => {
    if (!isRecord(node)) return "";
    if (typeof node.value === "string" && node.type !== "html") return node.value;
    const children = Array.isArray(node.children) ? node.children : [];
    return children.map(walk).join(node.type === "list" || node.type === "listItem" ? " " : "");
  };
  return walk(block);
}

function readInlines(nodes: AdfNode[]): PhrasingContent[] {
  return group(nodes.map(readInline));
}

function readInline(node: AdfNode): Marked {
  const marks = Array.isArray(node.marks) ? sortMarks(node.marks) : [];
  const simple = marks.filter((mark) => simpleMark(mark));
  const other = marks.filter((mark) => !simpleMark(mark));
  const value = typeof node.text === "string" && !/[\r\n]/.test(node.text) ? node.text : undefined;
  if (node.type === "text" && value !== undefined && validCode(simple)) {
    const code = simple.some((mark) => mark.type === "code");
    const leaf: PhrasingContent = code ? { type: "inlineCode", value } : text(value);
    const rest = simple.filter((mark) => mark.type !== "code");
    if (other.length === 0) return { leaf, marks: rest };
    const kept = code ? [...other, { type: "code" }] : other;
    return {
      leaf: shownNode("adf", JSON.stringify({ ...node, marks: kept }), [leaf]),
      marks: rest,
    };
  }
  if (node.type === "hardBreak" && !marks.length && isEmpty(restAttrs(node, []) ?? {})) {
    return { leaf: { type: "break" }, marks: [] };
  }
  if (node.type === "mention" && !marks.length) {
    const mention = readMention(node);
    if (mention) return mention;
  }
  const bare: AdfNode = { ...node };
  if (other.length) bare.marks = other;
  else delete bare.marks;
  const visible = visibleInline(node);
  const original = JSON.stringify(bare);
  const leaf = visible.length
    ? shownNode("adf", original, visible)
    : html(placeholder("adf", original));
  return { leaf, marks: simple };
}

function simpleMark(mark: AdfMark): boolean {
  if (!SIMPLE_MARKS.has(mark.type)) return false;
  if (mark.type !== "link") return mark.attrs === undefined;
  const attrs = isRecord(mark.attrs) ? mark.attrs : {};
  const extra = Object.keys(attrs).filter((key) => key !== "href" && key !== "title");
  return typeof attrs.href === "string" && extra.length === 0 &&
    (attrs.title === undefined || typeof attrs.title === "string");
}

/** Markdown code spans take no other formatting than a link. */
function validCode(marks: AdfMark[]): boolean {
  const types = marks.map((mark) => mark.type);
  return !types.includes("code") || types.every((type) => type === "code" || type === "link");
}

/**
 * What a person sees of an inline node markdown cannot hold, as plain markdown: an emoji's
 * character, a date, a status's text, a card's link, a placeholder's prompt, a text's text.
 */
export function visibleInline(node: AdfNode): PhrasingContent[] {
  const attrs = isRecord(node.attrs) ? node.attrs : {};
  const str = (value: unknown) => typeof value === "string" && value ? value : undefined;
  switch (node.type) {
    case "text": {
      if (!str(node.text)) return [];
      const value = (node.text as string).replace(/\r\n?|\n/g, " ");
      const code = node.marks?.some((mark) => mark.type === "code");
      return [code ? { type: "inlineCode", value } : text(value)];
    }
    case "emoji": {
      const shown = str(attrs.text) ?? str(attrs.shortName);
      return shown ? [text(shown)] : [];
    }
    case "date": {
      const date = isoDate(attrs.timestamp);
      return date ? [text(date)] : [];
    }
    case "status":
      return str(attrs.text) ? [text(attrs.text as string)] : [];
    case "mention": {
      const name = str(attrs.text);
      return name ? [text(name.startsWith("@") ? name : `@${name}`)] : [];
    }
    case "inlineCard": {
      const url = str(attrs.url);
      if (url) return [{ type: "link", url, title: null, children: [text(url)] }];
      const data = isRecord(attrs.data) ? attrs.data : {};
      const name = str(data.name) ?? str(data.url);
      return name ? [text(name)] : [];
    }
    case "placeholder":
      return str(attrs.text) ? [{ type: "emphasis", children: [text(attrs.text as string)] }] : [];
    case "mediaInline":
      return str(attrs.alt) ? [text(attrs.alt as string)] : [];
    case "hardBreak":
      return [{ type: "break" }];
  }
  return plainPhrasing(readInlines(contentOf(node)));
}

/** An ADF date's timestamp (milliseconds since the epoch, as a string) as `YYYY-MM-DD` (UTC). */
function isoDate(timestamp: unknown): string | undefined {
  const ms = Number(timestamp);
  if ((typeof timestamp !== "string" && typeof timestamp !== "number") || !Number.isFinite(ms)) {
    return undefined;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function readMention(node: AdfNode): Marked | undefined {
  const attrs = isRecord(node.attrs) ? node.attrs : {};
  const label = attrs.text;
  if (typeof attrs.id !== "string" || !/^\S+$/.test(attrs.id)) return undefined;
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
