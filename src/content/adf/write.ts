/**
 * Hub mdast -> ADF, and the normal form in which two ADF fragments are compared.
 *
 * @module
 */

import type {
  BlockContent,
  Html,
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
  containerOf,
  extraOf,
  isBlockList,
  mentionOf,
  panelOf,
  plainText,
  shownOf,
} from "../_hub.ts";
import { sameMarkdown } from "../markdown.ts";
import { isRecord, readPlaceholder } from "../placeholder.ts";
import { visibleBlocks, visibleInline } from "./read.ts";

/** An ADF mark (strong, em, link, ...). */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** An ADF node. ADF has many node types; their attributes are kept loosely typed. */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
  [key: string]: unknown;
}

/** An ADF document: the value of a Jira Cloud rich-text field or a Confluence ADF body. */
export interface AdfDoc {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

type Attrs = Record<string, unknown>;

const MARK_ORDER = [
  "link",
  "em",
  "strong",
  "textColor",
  "backgroundColor",
  "strike",
  "subsup",
  "underline",
  "code",
];
const INLINE_TYPES = new Set([
  "text",
  "hardBreak",
  "mention",
  "emoji",
  "date",
  "status",
  "inlineCard",
  "mediaInline",
  "inlineExtension",
  "placeholder",
]);
const BLOCKQUOTE = new Set([
  "paragraph",
  "orderedList",
  "bulletList",
  "codeBlock",
  "mediaSingle",
  "mediaGroup",
  "extension",
]);
const LIST_ITEM = new Set([...BLOCKQUOTE, "taskList"].filter((type) => type !== "mediaGroup"));
const PANEL = new Set([...BLOCKQUOTE, "heading", "taskList", "rule", "blockCard", "decisionList"]);
const TABLE_CELL = new Set([
  ...PANEL,
  "panel",
  "blockquote",
  "embedCard",
  "nestedExpand",
]);
const DOC = new Set([
  ...TABLE_CELL,
  "table",
  "expand",
  "bodiedExtension",
  "layoutSection",
  "syncBlock",
  "bodiedSyncBlock",
].filter((type) => type !== "nestedExpand"));
/** Attribute values the schema gives by default: the same as leaving them out. */
const DEFAULT_ATTRS: Record<string, Attrs> = {
  table: { isNumberColumnEnabled: false, layout: "default" },
  orderedList: { order: 1 },
  mention: { accessLevel: "" },
  hardBreak: { text: "\n" },
  codeBlock: { language: "" },
  expand: { title: "" },
  nestedExpand: { title: "" },
};
const PANEL_TYPES: Record<string, string> = {
  info: "info",
  note: "note",
  tip: "tip",
  warning: "warning",
  error: "error",
  success: "success",
  custom: "custom",
  important: "note",
  caution: "error",
};

/** Converts the hub tree to a schema-valid ADF document. */
export function mdastToAdf(root: Root): AdfDoc {
  return { type: "doc", version: 1, content: fit(writeBlocks(root.children), DOC) };
}

/** Converts hub blocks to ADF nodes without adapting them to a parent (used to verify reads). */
export function writeBlocks(nodes: RootContent[]): AdfNode[] {
  return nodes.flatMap(writeBlock);
}

/** Sorts marks into the order the ADF schema (and so every ADF editor) keeps them in. */
export function sortMarks(marks: AdfMark[]): AdfMark[] {
  const rank = (mark: AdfMark) => {
    const index = MARK_ORDER.indexOf(mark.type);
    return index < 0 ? MARK_ORDER.length : index;
  };
  return [...marks].sort((a, b) => rank(a) - rank(b));
}

/** True when `value` is the schema's default for attribute `key` of a `type` node. */
export function isDefaultAttr(type: string, key: string, value: unknown): boolean {
  const defaults = DEFAULT_ATTRS[type];
  return defaults !== undefined && key in defaults && defaults[key] === value;
}

/**
 * The normal form two ADF fragments are compared in (see the module doc of `mod.ts`), by
 * `sameJson`, which ignores the order of keys: so the form keeps the nodes' own objects and order
 * where it can (copying is most of what comparing costs).
 */
export function canonicalAdf(nodes: AdfNode[]): unknown[] {
  return mergeTexts(nodes.map(canonicalNode).filter((node) => !isEmptyParagraph(node)));
}

function isEmptyParagraph(node: AdfNode): boolean {
  return node.type === "paragraph" && !node.attrs && !node.marks && !node.content?.length;
}

function canonicalNode(node: AdfNode): AdfNode {
  const out: AdfNode = { type: node.type };
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === "attrs" && isRecord(value)) {
      const names = Object.keys(value);
      const kept = names.filter((name) =>
        name !== "localId" && !isDefaultAttr(node.type, name, value[name])
      );
      if (kept.length === names.length && kept.length > 0) out.attrs = value;
      else if (kept.length > 0) {
        out.attrs = Object.fromEntries(kept.map((name) => [name, value[name]]));
      }
    } else if (key === "marks" && Array.isArray(value)) {
      // Sorted keys, so that `mergeTexts` can tell equal marks by their JSON text.
      if (value.length > 0) out.marks = sortMarks(value).map((mark) => sortKeys(mark) as AdfMark);
    } else if (key === "content" && Array.isArray(value)) {
      const content = canonicalAdf(value.filter(isRecord) as AdfNode[]) as AdfNode[];
      out.content = TEXTBLOCKS.has(node.type) ? trimEdges(content) : content;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Whether two JSON values are equal whatever the order of their objects' keys: what comparing
 * their JSON texts with sorted keys would tell (keys holding `undefined` count as absent).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let at = 0; at < a.length; at++) if (!sameJson(a[at], b[at])) return false;
    return true;
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  let defined = 0;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    if (!Object.hasOwn(b, key) || !sameJson(a[key], b[key])) return false;
    defined++;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined) defined--;
  return defined === 0;
}

const TEXTBLOCKS = new Set(["paragraph", "heading"]);

/** Spaces and tabs at the start and end of a paragraph or heading are not shown: not content. */
export function trimEdges<T extends { type: string; text?: string; value?: string }>(
  nodes: T[],
): T[] {
  const out = [...nodes];
  const trim = (index: number, how: (value: string) => string) => {
    const node = out[index];
    const key = node?.type === "text" ? (node.text !== undefined ? "text" : "value") : undefined;
    if (!key) return;
    const value = how(String(node[key]));
    if (!value) out.splice(index, 1);
    else if (value !== node[key]) out[index] = { ...node, [key]: value };
  };
  const blank = (character: string | undefined) => character === " " || character === "\t";
  trim(out.length - 1, (value) => blank(value.at(-1)) ? value.replace(/[ \t]+$/, "") : value);
  trim(0, (value) => value.replace(/^[ \t]+/, ""));
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function mergeTexts(nodes: AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (
      previous?.type === "text" && node.type === "text" &&
      JSON.stringify(previous.marks) === JSON.stringify(node.marks)
    ) {
      out[out.length - 1] = { ...previous, text: `${previous.text}${node.text}` };
    } else {
      out.push(node);
    }
  }
  return out;
}

/** The node's ADF attributes: those from its carrier, overridden by those markdown shows. */
function attrsOf(node: RootContent, shown: Attrs = {}): Attrs | undefined {
  const attrs = { ...extraOf(node, "adf"), ...shown };
  return Object.keys(attrs).length > 0 ? attrs : undefined;
}

/** Builds a node; a carrier's `"marks"` (alignment, indentation, breakout) become its marks. */
function build(type: string, attrs: Attrs | undefined, content?: AdfNode[]): AdfNode {
  const node: AdfNode = { type };
  const { marks, ...rest } = attrs ?? {};
  if (Object.keys(rest).length > 0) node.attrs = rest;
  if (content) node.content = content;
  if (Array.isArray(marks) && marks.length > 0) node.marks = marks;
  return node;
}

function writeBlock(node: RootContent): AdfNode[] {
  switch (node.type) {
    case "paragraph":
      return writeParagraph(node);
    case "heading": {
      const attrs = attrsOf(node, { level: node.depth });
      return splitBlocks(writeInlines(node.children), (run) => build("heading", attrs, run));
    }
    case "thematicBreak":
      return [build("rule", attrsOf(node))];
    case "code": {
      const attrs = attrsOf(node, node.lang ? { language: node.lang } : {});
      return [build("codeBlock", attrs, node.value ? [{ type: "text", text: node.value }] : [])];
    }
    case "blockquote":
      return [writeQuote(node)];
    case "list":
      return [
        node.children.some((item) => typeof item.checked === "boolean")
          ? writeTasks(node)
          : writeList(node),
      ];
    case "table":
      return [writeTable(node)];
    case "html":
      return writeHtml(node, true, []);
  }
  return [];
}

function writeParagraph(node: Paragraph): AdfNode[] {
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === "image" && /^https?:\/\//i.test(only.url)) {
    const media: Attrs = { type: "external", url: only.url };
    if (only.alt) media.alt = only.alt;
    return [build("mediaSingle", { layout: "center" }, [build("media", media)])];
  }
  const attrs = attrsOf(node);
  return splitBlocks(writeInlines(node.children), (run) => build("paragraph", attrs, run));
}

/** Wraps runs of inline nodes with `make`, letting block nodes (moved placeholders) stand alone. */
function splitBlocks(nodes: AdfNode[], make: (run: AdfNode[]) => AdfNode): AdfNode[] {
  const out: AdfNode[] = [];
  let run: AdfNode[] = [];
  const flush = () => {
    if (run.length > 0) out.push(make(run));
    run = [];
  };
  for (const node of nodes) {
    if (INLINE_TYPES.has(node.type) || !DOC.has(node.type)) {
      run.push(node);
    } else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

function writeQuote(node: Extract<RootContent, { type: "blockquote" }>): AdfNode {
  const panel = panelOf(node);
  const blocks = writeBlocks(node.children);
  if (!panel) return build("blockquote", attrsOf(node), nonEmpty(fit(blocks, BLOCKQUOTE)));
  const title: AdfNode[] = panel.title
    ? [
      build("paragraph", undefined, [{
        type: "text",
        text: panel.title,
        marks: [{ type: "strong" }],
      }]),
    ]
    : [];
  const attrs = attrsOf(node, { panelType: PANEL_TYPES[panel.type] ?? "info" });
  return build("panel", attrs, nonEmpty(fit([...title, ...blocks], PANEL)));
}

function writeList(list: List): AdfNode {
  const attrs = attrsOf(list, list.ordered ? { order: list.start ?? 1 } : {});
  const items = list.children.map((item) =>
    build("listItem", attrsOf(item), nonEmpty(fit(writeBlocks(item.children), LIST_ITEM)))
  );
  return build(list.ordered ? "orderedList" : "bulletList", attrs, items);
}

function writeTasks(list: List): AdfNode {
  const extra = extraOf(list, "adf") ?? {};
  return build("taskList", { ...extra, localId: localId(extra) }, list.children.flatMap(writeTask));
}

function writeTask(item: ListItem): AdfNode[] {
  const extra = extraOf(item, "adf") ?? {};
  const state = item.checked ? "DONE" : "TODO";
  const inline: AdfNode[] = [];
  const nested: AdfNode[] = [];
  for (const child of item.children) {
    if (child.type === "list") {
      nested.push(writeTasks(child));
      continue;
    }
    if (inline.length > 0) inline.push({ type: "hardBreak" });
    const content = child.type === "paragraph"
      ? writeInlines(child.children)
      : [{ type: "text", text: plainText(child) }];
    inline.push(...content.filter((node) => INLINE_TYPES.has(node.type)));
  }
  const attrs = { ...extra, localId: localId(extra), state };
  return [
    build("taskItem", attrs, mergeTexts(inline.filter((n) => n.type !== "text" || n.text))),
    ...nested,
  ];
}

function localId(extra: Attrs): string {
  return typeof extra.localId === "string" ? extra.localId : crypto.randomUUID();
}

function writeTable(table: Table): AdfNode {
  const { headerRow, headerColumn, colwidths, ...attrs } = extraOf(table, "adf") ?? {};
  // The carrier says when the first row is not a header row, or the first column is one.
  const isHeader = (row: number, column: number) =>
    (row === 0 && headerRow !== false) || (column === 0 && headerColumn === true);
  const widths = Array.isArray(colwidths) ? colwidths : [];
  const rows = table.children.map((row, r) =>
    build(
      "tableRow",
      undefined,
      row.children.map((cell, c) => {
        const paragraphs = splitBlocks(writeInlines(cell.children), (run) =>
          build("paragraph", undefined, run));
        const type = isHeader(r, c) ? "tableHeader" : "tableCell";
        const width = typeof widths[c] === "number" ? { colwidth: [widths[c]] } : {};
        return build(type, attrsOf(cell, width), nonEmpty(fit(paragraphs, TABLE_CELL)));
      }),
    )
  );
  return build("table", attrs, rows);
}

function nonEmpty(content: AdfNode[]): AdfNode[] {
  return content.length > 0 ? content : [build("paragraph", undefined, [])];
}

/**
 * Adapts blocks to a parent that only allows `allowed`: unwraps, downgrades or drops them. Node
 * types this module does not know (restored placeholders) are left where they were.
 */
function fit(nodes: AdfNode[], allowed: ReadonlySet<string>): AdfNode[] {
  return nodes.flatMap((node) => {
    if (allowed.has(node.type) || !(DOC.has(node.type) || INLINE_TYPES.has(node.type))) {
      return [node];
    }
    const content = node.content ?? [];
    switch (node.type) {
      case "heading":
        return [build("paragraph", undefined, content)];
      case "taskList":
        return fit([build("bulletList", undefined, content.flatMap(taskToItem))], allowed);
      case "table":
        return fit(
          content.flatMap((row) => row.content ?? []).flatMap((cell) => cell.content ?? []),
          allowed,
        );
      case "paragraph":
        return [];
    }
    return INLINE_TYPES.has(node.type) ? [] : fit(content, allowed);
  });
}

function taskToItem(node: AdfNode): AdfNode[] {
  if (node.type !== "taskItem") return [];
  return [build("listItem", undefined, [build("paragraph", undefined, node.content ?? [])])];
}

function writeInlines(nodes: PhrasingContent[], marks: AdfMark[] = []): AdfNode[] {
  return mergeTexts(nodes.flatMap((node) => writeInline(node, marks)));
}

function writeInline(node: PhrasingContent, marks: AdfMark[]): AdfNode[] {
  switch (node.type) {
    case "text":
      return node.value ? [textNode(node.value.replace(/\n/g, " "), marks)] : [];
    case "emphasis":
      return writeInlines(node.children, [...marks, { type: "em" }]);
    case "strong":
      return writeInlines(node.children, [...marks, { type: "strong" }]);
    case "delete":
      return writeInlines(node.children, [...marks, { type: "strike" }]);
    case "inlineCode":
      return [textNode(node.value, [...marks.filter((m) => m.type === "link"), { type: "code" }])];
    case "break":
      return [{ type: "hardBreak" }];
    case "link":
      return writeLink(node, marks);
    case "image":
      return [
        textNode(node.alt || node.url, [...withoutLink(marks), linkMark(node.url, node.title)]),
      ];
    case "html":
      return writeHtml(node, false, marks);
  }
  return [];
}

function writeLink(node: Extract<PhrasingContent, { type: "link" }>, marks: AdfMark[]): AdfNode[] {
  const mention = mentionOf(node);
  if (mention) {
    const shown: Attrs = { id: mention.id };
    if (mention.name) shown.text = `@${mention.name}`;
    return [build("mention", attrsOf(node, shown))];
  }
  const inner = [...withoutLink(marks), linkMark(node.url, node.title)];
  const content = writeInlines(node.children, inner);
  return content.length > 0 ? content : [textNode(node.url, inner)];
}

function withoutLink(marks: AdfMark[]): AdfMark[] {
  return marks.filter((mark) => mark.type !== "link");
}

function linkMark(href: string, title: string | null | undefined): AdfMark {
  return { type: "link", attrs: title ? { href, title } : { href } };
}

function textNode(value: string, marks: AdfMark[]): AdfNode {
  const unique = marks.filter((mark, i) => marks.findIndex((m) => m.type === mark.type) === i);
  return unique.length > 0
    ? { type: "text", text: value, marks: sortMarks(unique) }
    : { type: "text", text: value };
}

/**
 * Writes an html node: a container as its shell around its written children; a shown
 * placeholder as its original while its visible part is unchanged, else as that visible part;
 * a placeholder as its original. Other formats' placeholders give their visible part (or
 * nothing), other comments nothing, other raw HTML its text.
 */
function writeHtml(node: Html, block: boolean, marks: AdfMark[]): AdfNode[] {
  const container = containerOf(node);
  if (container) {
    const shell = container.format === "adf" ? parseNode(container.shell) : undefined;
    return shell ? [fillShell(shell, container.children)] : writeBlocks(container.children);
  }
  const shown = shownOf(node);
  const found = readPlaceholder(node.value);
  const original = found?.format === "adf" ? parseNode(found.original) : undefined;
  if (shown && !(original && unchanged(original, shown.children))) {
    return isBlockList(shown.children)
      ? writeBlocks(shown.children as BlockContent[])
      : inBlock(writeInlines(shown.children as PhrasingContent[], marks), block);
  }
  if (original && !INLINE_TYPES.has(original.type)) return [original];
  if (original) return inBlock([withMarks(original, marks)], block);
  if (found || /^<!--[\s\S]*-->$/.test(node.value.trim())) return [];
  return inBlock([{ type: "text", text: node.value }], block);
}

/** Inline nodes standing where a block is expected go into a paragraph. */
function inBlock(nodes: AdfNode[], block: boolean): AdfNode[] {
  if (!block) return nodes;
  return splitBlocks(nodes, (run) => build("paragraph", undefined, run));
}

/** True when a shown placeholder's visible part is still what the reader showed for `original`. */
function unchanged(original: AdfNode, children: Nodes[]): boolean {
  const expected = INLINE_TYPES.has(original.type) || original.type === "text"
    ? visibleInline(original)
    : visibleBlocks(original);
  return JSON.stringify(children) === JSON.stringify(expected) || sameMarkdown(children, expected);
}

/** A restored inline node takes the marks markdown gave it around the placeholder too. */
function withMarks(node: AdfNode, marks: AdfMark[]): AdfNode {
  if (marks.length === 0 || !INLINE_TYPES.has(node.type)) return node;
  const all = [...marks, ...(node.marks ?? [])];
  const unique = all.filter((mark, i) => all.findIndex((m) => m.type === mark.type) === i);
  return { ...node, marks: sortMarks(unique) };
}

/** Allowed children of the containers the reader makes. */
const CONTAINER_CONTENT: Record<string, ReadonlySet<string>> = {
  expand: new Set([...DOC].filter((type) => !["expand", "layoutSection"].includes(type))),
  nestedExpand: PANEL,
  layoutColumn: new Set([...DOC].filter((type) => type !== "layoutSection")),
  bodiedExtension: new Set([...DOC].filter((type) => type !== "bodiedExtension")),
  bodiedSyncBlock: new Set([...DOC].filter((type) => type !== "bodiedSyncBlock")),
};

/**
 * A container's shell with its children written into it. An expand's first line, when bold and
 * the shell had a title, is the title. Blocks written between layout columns join the column
 * before them.
 */
function fillShell(shell: AdfNode, children: BlockContent[]): AdfNode {
  let blocks = children;
  const node: AdfNode = { ...shell };
  const first = blocks[0];
  const title = node.attrs?.title;
  if (node.type.endsWith("xpand") && typeof title === "string" && title && isBoldLine(first)) {
    node.attrs = { ...node.attrs, title: plainText(first) };
    blocks = blocks.slice(1);
  }
  const written = writeBlocks(blocks);
  if (node.type === "layoutSection") {
    node.content = written.reduce<AdfNode[]>((columns, block) => {
      const last = columns.at(-1);
      if (block.type === "layoutColumn" || !last) columns.push(block);
      else last.content = [...last.content ?? [], block];
      return columns;
    }, []);
    return node;
  }
  const allowed = CONTAINER_CONTENT[node.type];
  node.content = allowed ? nonEmpty(fit(written, allowed)) : written;
  return node;
}

function isBoldLine(block: Nodes | undefined): block is Paragraph {
  if (block?.type !== "paragraph" || block.children.length !== 1) return false;
  const only = block.children[0];
  return only.type === "strong" && only.children.every((child) => child.type === "text");
}

function parseNode(json: string): AdfNode | undefined {
  try {
    const node = JSON.parse(json);
    return isRecord(node) && typeof node.type === "string" ? node as AdfNode : undefined;
  } catch {
    return undefined;
  }
}
