/**
 * Confluence storage format (in normal form) -> hub mdast: the reader. `check.ts` checks what it
 * reads once against the writer.
 *
 * Every text a person sees stays visible: what markdown shows natively is read natively (with
 * carriers for attributes); anything else becomes a container (a node whose children are blocks,
 * written around them), a shown placeholder (the original, then its visible text as plain
 * markdown) or, when nothing of it is visible, an opaque placeholder.
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
  plainText,
  shownNode,
  shownOf,
  text,
  withExtra,
} from "../_hub.ts";
import { placeholder, readPlaceholder } from "../placeholder.ts";
import { isInline, normalForm } from "./normal.ts";
import {
  Coverage,
  HEADER_PATTERNS,
  headerCarrier,
  type HeaderPattern,
  isPatternHeader,
  spanOf,
} from "./table.ts";
import { breaksAsHtml, flatten, plainBlocks, plainPhrasing } from "../visible.ts";
import { PANEL_NAMES, plainParameter, titleMeta, USER_ATTRIBUTES } from "./vocabulary.ts";
import { parseXml, serializeXml, sourceOf, type XElement, type XNode } from "./xml.ts";

/** Blocks read from some storage nodes; a container's can be rebuilt from its children's. */
export interface Item {
  nodes: XNode[];
  blocks: BlockContent[];
  inner?: { items: Item[]; rebuild: (children: BlockContent[]) => BlockContent };
}

/** The emoji each Confluence emoticon without an `ac:emoji-fallback` shows. */
const EMOTICONS: Record<string, string> = {
  smile: "🙂",
  sad: "🙁",
  cheeky: "😛",
  laugh: "😃",
  wink: "😉",
  "thumbs-up": "👍",
  "thumbs-down": "👎",
  information: "ℹ️",
  tick: "✅",
  cross: "❌",
  warning: "⚠️",
  plus: "➕",
  minus: "➖",
  question: "❓",
  "light-on": "💡",
  "light-off": "💡",
  "yellow-star": "⭐",
  "red-star": "⭐",
  "green-star": "⭐",
  "blue-star": "⭐",
};
/** What a link without a body shows: the attribute naming its target. */
const LINK_TARGETS: Record<string, string> = {
  "ri:page": "ri:content-title",
  "ri:blog-post": "ri:content-title",
  "ri:attachment": "ri:filename",
  "ri:space": "ri:space-key",
  "ri:content-entity": "ri:content-id",
};
const MENTION_KINDS = Object.entries(USER_ATTRIBUTES) as Array<
  [keyof typeof USER_ATTRIBUTES, string]
>;
const LAYOUTS = new Set(["ac:layout", "ac:layout-section", "ac:layout-cell"]);
const EMPHASIS: Record<string, "strong" | "emphasis" | "delete"> = {
  strong: "strong",
  em: "emphasis",
  del: "delete",
};

/**
 * Reads a flow of normalized storage nodes: blocks, and inline runs as paragraphs. In a `tight`
 * flow (a list item, a task) the first run is written without `<p>`.
 */
export function readItems(nodes: XNode[], tight = false): Item[] {
  const items: Item[] = [];
  let run: XNode[] = [];
  const flush = () => {
    if (run.length > 0) items.push(readRun(run, tight));
    run = [];
  };
  for (const node of nodes) {
    if (isInline(node) || node.type !== "element") {
      run.push(node);
    } else {
      flush();
      items.push(readBlock(node));
    }
  }
  flush();
  return items;
}

/** The blocks of a flow of normalized storage nodes (see {@link readItems}). */
export function readFlow(nodes: XNode[], tight = false): BlockContent[] {
  return readItems(nodes, tight).flatMap((item) => item.blocks);
}

/**
 * What a person sees of an original (one or more storage nodes as written) read as a flow, as
 * plain blocks: what the reader shows as the visible part of a placeholder for it.
 */
export function visibleOf(original: string): BlockContent[] {
  const nodes = parseXml(original);
  return nodes ? plainBlocks(readFlow(normalForm(nodes))) : [];
}

/** A shown placeholder of `nodes` (written as they were) or, with nothing visible, an opaque one. */
export function shownOrOpaque(
  nodes: XNode[],
  visible: PhrasingContent[] | BlockContent[],
): BlockContent & PhrasingContent {
  const original = nodes.map(sourceOf).join("");
  if (visible.length === 0) return html(placeholder("storage", original));
  return shownNode("storage", original, visible);
}

function readRun(run: XNode[], tight: boolean): Item {
  const phrasing = readInlines(run);
  const only = phrasing.length === 1 ? phrasing[0] : undefined;
  // Markdown shows a lone placeholder as a block of its own.
  if (only && isOpaque(only)) return { nodes: run, blocks: [only] };
  // An element standing alone outside a paragraph is a block (a Jira issue, a coloured span).
  if (only && shownOf(only) && !tight) {
    return { nodes: run, blocks: [shownOrOpaque(run, plainBlocks([paragraph(phrasing)]))] };
  }
  // Block images: one paragraph each (written without `<p>`).
  if (phrasing.every((node) => node.type === "image")) {
    return { nodes: run, blocks: phrasing.map((image) => paragraph([image])) };
  }
  return { nodes: run, blocks: [paragraph(phrasing)] };
}

function isOpaque(node: PhrasingContent): node is PhrasingContent & BlockContent {
  return node.type === "html" && !shownOf(node) && readPlaceholder(node.value) !== undefined;
}

function readBlock(el: XElement): Item {
  const nodes = [el];
  if (LAYOUTS.has(el.name)) return container(el, el, []);
  if (el.name === "ac:structured-macro") return readMacro(el);
  const native = nativeBlock(el);
  if (native) return { nodes, blocks: [native] };
  return { nodes, blocks: [shownOrOpaque(nodes, visibleBlock(el))] };
}

/** What a person sees of a block the reader cannot show natively. */
function visibleBlock(el: XElement): BlockContent[] {
  switch (el.name) {
    case "pre":
      return [{ type: "code", lang: null, meta: null, value: textContent(el) }];
    case "table":
      return visibleTable(el);
    case "ul":
    case "ol":
    case "ac:task-list":
      return [visibleList(el)];
    case "ac:adf-extension": {
      const contents = descendants(el, "ac:adf-content");
      const shown = contents.length > 0 ? contents : descendants(el, "ac:adf-fallback");
      return plainBlocks(shown.flatMap((part) => readFlow(part.children)));
    }
  }
  return plainBlocks(readFlow(el.children));
}

/** A list markdown can show of a list the reader cannot read natively: one item per child. */
function visibleList(el: XElement): List {
  const tasks = el.name === "ac:task-list";
  const children = el.children.flatMap((child): ListItem[] => {
    if (child.type !== "element") return [];
    const body = tasks ? descendants(child, "ac:task-body")[0] : child;
    const status = tasks ? descendants(child, "ac:task-status")[0] : undefined;
    const blocks = plainBlocks(readFlow(body?.children ?? []));
    const checked = status ? textContent(status) === "complete" : null;
    return [{ type: "listItem", spread: false, checked, children: blocks }];
  });
  const spread = children.some((item) => item.children.length > 1);
  return { type: "list", ordered: el.name === "ol", start: null, spread, children };
}

function nativeBlock(el: XElement): BlockContent | undefined {
  const attrs = el.attributes;
  const heading = /^h([1-6])$/.exec(el.name);
  if (heading) {
    const children = readInlines(el.children);
    const depth = Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6;
    return children.length
      ? withExtra({ type: "heading", depth, children }, "storage", attrs)
      : undefined;
  }
  switch (el.name) {
    case "p": {
      const children = readInlines(el.children);
      const lone = children.length === 1 ? children[0] : undefined;
      // Markdown shows a paragraph holding only a placeholder as the placeholder alone.
      if (!children.length || (lone && isOpaque(lone))) return undefined;
      // Markdown shows an image alone as a block image; `p` says it stands in a paragraph.
      const extra = lone?.type === "image" ? { ...attrs, p: true } : attrs;
      return withExtra(paragraph(children), "storage", extra);
    }
    case "hr":
      return el.children.length
        ? undefined
        : withExtra({ type: "thematicBreak" }, "storage", attrs);
    case "blockquote":
      return withExtra({ type: "blockquote", children: readFlow(el.children) }, "storage", attrs);
    case "ul":
    case "ol":
      return readList(el);
    case "ac:task-list":
      return readTasks(el);
    case "table":
      return readTable(el);
  }
  return undefined;
}

function elements(nodes: XNode[]): XElement[] | undefined {
  const found = nodes.filter((node) => node.type === "element");
  return found.length === nodes.length ? found : undefined;
}

function descendants(el: XElement, name: string): XElement[] {
  return el.children.flatMap((child) => {
    if (child.type !== "element") return [];
    return child.name === name ? [child] : descendants(child, name);
  });
}

function textContent(node: XNode): string {
  if (node.type === "text") return node.value;
  return node.type === "element" ? node.children.map(textContent).join("") : "";
}

function readList(el: XElement): BlockContent | undefined {
  const items = elements(el.children);
  if (!items?.length || items.some((item) => item.name !== "li")) return undefined;
  const { start, ...attrs } = el.attributes;
  const ordered = el.name === "ol";
  if (ordered && start !== undefined && !/^[0-9]{1,9}$/.test(start)) return undefined;
  const spread = items.every((item) => {
    const head = item.children[0];
    return head?.type === "element" && head.name === "p";
  });
  const children = items.map((item) => {
    const listItem: ListItem = {
      type: "listItem",
      spread,
      checked: null,
      children: readFlow(item.children, true),
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
  return withExtra(list, "storage", extra);
}

function readTasks(el: XElement): BlockContent | undefined {
  const tasks = elements(el.children);
  if (!tasks?.length) return undefined;
  const children: ListItem[] = [];
  for (const task of tasks) {
    const parts = elements(task.children) ?? [];
    const status = parts.find((part) => part.name === "ac:task-status");
    const body = parts.find((part) => part.name === "ac:task-body");
    const plain = task.name === "ac:task" && Object.keys(task.attributes).length === 0 &&
      parts.length === task.children.length && body && !Object.keys(body.attributes).length;
    if (!plain || !status || !/^(in)?complete$/.test(textContent(status))) return undefined;
    const ids = parts.filter((part) => part !== status && part !== body);
    const textOnly = (part: XElement) => part.children.every((child) => child.type === "text");
    if (ids.some((part) => Object.keys(part.attributes).length || !textOnly(part))) {
      return undefined;
    }
    const item: ListItem = {
      type: "listItem",
      spread: false,
      checked: textContent(status) === "complete",
      children: readFlow(body.children, true),
    };
    const extra = Object.fromEntries(ids.map((part) => [part.name, textContent(part)]));
    children.push(withExtra(item, "storage", extra));
  }
  const list: List = { type: "list", ordered: false, start: null, spread: false, children };
  return withExtra(list, "storage", el.attributes);
}

// --- tables ------------------------------------------------------------------------------------

interface Placed {
  cell: XElement;
  row: number;
  column: number;
}

function readTable(el: XElement): BlockContent | undefined {
  const parts = elements(el.children);
  const colgroup = parts?.[0]?.name === "colgroup" ? parts[0] : undefined;
  const tbody = parts?.at(-1);
  if (!parts || parts.length !== (colgroup ? 2 : 1) || tbody?.name !== "tbody") return undefined;
  if (Object.keys(tbody.attributes).length) return undefined;
  const grid = placeCells(tbody);
  if (!grid) return undefined;
  const cells = grid.flat().filter((slot): slot is Placed => slot !== undefined);
  const header = headerPattern(cells);
  const forms = new Map(cells.map((placed) => [placed, cellForm(placed.cell)]));
  const votes = [...forms.values()];
  const wrap = votes.filter((form) => form === "wrapped").length >
    votes.filter((form) => form === "bare").length;
  const children: TableRow[] = grid.map((row) => ({
    type: "tableRow",
    children: row.map((slot) =>
      slot ? readCell(slot, forms.get(slot)!, header, wrap) : { type: "tableCell", children: [] }
    ),
  }));
  const extra: Record<string, unknown> = { ...el.attributes };
  if (colgroup) Object.assign(extra, columnsOf(colgroup));
  Object.assign(extra, headerCarrier(header));
  if (wrap) extra.p = true;
  const table: Table = { type: "table", align: grid[0].map(() => null), children };
  return withExtra(table, "storage", extra);
}

/** The cells in grid slots (undefined for slots a spanning cell covers), if the grid is square. */
function placeCells(tbody: XElement): Array<Array<Placed | undefined>> | undefined {
  const rows = elements(tbody.children);
  if (!rows?.length) return undefined;
  const coverage = new Coverage();
  const grid: Array<Array<Placed | undefined>> = [];
  for (const [index, row] of rows.entries()) {
    const cells = elements(row.children);
    if (row.name !== "tr" || Object.keys(row.attributes).length || !cells?.length) return undefined;
    const slots: Array<Placed | undefined> = [];
    for (const cell of cells) {
      const span = spanOf(cell.attributes);
      if ((cell.name !== "th" && cell.name !== "td") || !span) return undefined;
      while (coverage.has(index, slots.length)) slots.push(undefined);
      coverage.add(index, slots.length, span);
      slots.push({ cell, row: index, column: slots.length });
    }
    while (coverage.has(index, slots.length)) slots.push(undefined);
    grid.push(slots);
  }
  return grid.every((row) => row.length === grid[0].length) ? grid : undefined;
}

/** The header pattern that leaves the fewest cells to say otherwise. */
function headerPattern(cells: Placed[]): HeaderPattern {
  const misses = (pattern: HeaderPattern) =>
    cells.filter(({ cell, row, column }) =>
      (cell.name === "th") !== isPatternHeader(pattern, row, column)
    ).length;
  return HEADER_PATTERNS.reduce((best, pattern) => misses(pattern) < misses(best) ? pattern : best);
}

/** How a cell holds its content: one plain paragraph, inline content, or blocks markdown cannot. */
type CellForm = "wrapped" | "bare" | "blocks";

function cellForm(cell: XElement): CellForm {
  const [only, ...rest] = cell.children;
  const paragraphOnly = only?.type === "element" && only.name === "p" && !rest.length &&
    !Object.keys(only.attributes).length;
  if (!paragraphOnly && !cell.children.every(isInline)) return "blocks";
  // A cell holding nothing but a placeholder is written as that placeholder alone.
  const phrasing = readInlines(paragraphOnly ? only.children : cell.children);
  if (phrasing.length === 1 && phrasing[0].type === "html") return "blocks";
  return paragraphOnly ? "wrapped" : "bare";
}

function readCell(placed: Placed, form: CellForm, header: HeaderPattern, wrap: boolean): TableCell {
  const { cell, row, column } = placed;
  const extra: Record<string, unknown> = { ...cell.attributes };
  if ((cell.name === "th") !== isPatternHeader(header, row, column)) extra.th = cell.name === "th";
  if (form !== "blocks" && (form === "wrapped") !== wrap) extra.p = form === "wrapped";
  const children = form === "blocks"
    ? [shownOrOpaque(cell.children, flatten(plainBlocks(readFlow(cell.children))))]
    : breaksAsHtml(
      readInlines(form === "wrapped" ? (cell.children[0] as XElement).children : cell.children),
    );
  return withExtra({ type: "tableCell", children }, "storage", extra);
}

/** Column widths (`"widths"`) when every column only sets one, else the colgroup as written. */
function columnsOf(colgroup: XElement): Record<string, unknown> {
  const cols = elements(colgroup.children) ?? [];
  const widths = cols.map((col) => {
    const style = col.attributes.style;
    const only = col.name === "col" && !col.children.length &&
      Object.keys(col.attributes).length === 1;
    return only ? /^width: ([^;]+);$/.exec(style ?? "")?.[1] : undefined;
  });
  const simple = !Object.keys(colgroup.attributes).length && cols.length > 0 &&
    cols.length === colgroup.children.length && widths.every((width) => width !== undefined);
  return simple ? { widths } : { colgroup: serializeXml([colgroup]) };
}

/** A table markdown can show, its cells flattened, for a table the reader cannot read natively. */
function visibleTable(el: XElement): BlockContent[] {
  const rows = descendants(el, "tr").map((row) =>
    row.children.flatMap((cell) =>
      cell.type === "element" && (cell.name === "th" || cell.name === "td")
        ? [flatten(plainBlocks(readFlow(cell.children)))]
        : []
    )
  ).filter((row) => row.length > 0);
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (width === 0) return plainBlocks(readFlow(el.children));
  const table: Table = {
    type: "table",
    align: Array(width).fill(null),
    children: rows.map((row) => ({
      type: "tableRow",
      children: Array.from({ length: width }, (_, index) => ({
        type: "tableCell",
        children: row[index] ?? [],
      })),
    })),
  };
  return [table];
}

// --- macros ------------------------------------------------------------------------------------

/** A macro's plain parameters (by name) and its one body element, if it has that shape. */
function macroParts(el: XElement) {
  const parts = elements(el.children);
  if (!parts) return undefined;
  const params: Record<string, string> = {};
  const bodies: XElement[] = [];
  for (const part of parts) {
    const name = part.attributes["ac:name"];
    const plain = part.name === "ac:parameter" && name !== undefined &&
      Object.keys(part.attributes).length === 1 && part.children.every((c) => c.type === "text");
    if (plain) params[name] = textContent(part);
    else if (part.name === "ac:parameter") return undefined;
    else bodies.push(part);
  }
  return bodies.length > 1 ? undefined : { params, body: bodies[0] };
}

function readMacro(el: XElement): Item {
  const nodes = [el];
  const name = el.attributes["ac:name"] ?? "";
  const parts = macroParts(el);
  const body = parts?.body;
  if (name === "code" && parts && (!body || body.name === "ac:plain-text-body")) {
    return { nodes, blocks: [readCode(el, parts.params, body)] };
  }
  if (PANEL_NAMES.has(name) && parts && body?.name === "ac:rich-text-body") {
    const { "ac:name": _name, ...attrs } = el.attributes;
    const { title, ...params } = parts.params;
    const extra = Object.keys(params).length ? { ...attrs, params } : attrs;
    const panel = panelNode({ type: name, title: title ?? "" }, readFlow(body.children));
    return { nodes, blocks: [withExtra(panel, "storage", extra)] };
  }
  const richBody = el.children.find((child): child is XElement =>
    child.type === "element" && child.name === "ac:rich-text-body"
  );
  if (richBody) return container(el, richBody, titleLine(plainParameter(el, "title")));
  return { nodes, blocks: [shownOrOpaque(nodes, visibleMacro(el, parts?.params ?? {}, body))] };
}

/** What a person sees of a macro without a rich-text body: its inline text or plain-text body. */
function visibleMacro(
  el: XElement,
  params: Record<string, string>,
  body: XElement | undefined,
): BlockContent[] {
  const inline = inlineMacro(el);
  if (inline.length) return [paragraph(inline)];
  if (body?.name !== "ac:plain-text-body") return [];
  const meta = params.title === undefined ? undefined : titleMeta(params.title);
  return [{ type: "code", ...codeInfoWords(undefined, meta), value: textContent(body) }];
}

/** A code block's `lang` and `meta` as markdown reads them from its info string. */
function codeInfoWords(language: string | undefined, meta: string | undefined) {
  if (language) return { lang: language, meta: meta ?? null };
  const words = meta?.split(" ") ?? [];
  return { lang: words[0] ?? null, meta: words.slice(1).join(" ") || null };
}

function readCode(el: XElement, params: Record<string, string>, body: XElement | undefined) {
  const { "ac:name": _name, ...attrs } = el.attributes;
  const { language, title, ...rest } = params;
  const meta = title === undefined ? undefined : titleMeta(title);
  if (title !== undefined && meta === undefined) rest.title = title;
  const code: Code = {
    type: "code",
    ...codeInfoWords(language, meta),
    value: body ? textContent(body) : "",
  };
  const extra = Object.keys(rest).length ? { ...attrs, params: rest } : attrs;
  return withExtra(code, "storage", extra);
}

/** A macro's title as a bold first line of its container. */
function titleLine(title: string | undefined): BlockContent[] {
  return title ? [paragraph([{ type: "strong", children: [text(title)] }])] : [];
}

/** A container: `el` without the children of `body`, around those children read as blocks. */
function container(el: XElement, body: XElement, lead: BlockContent[]): Item {
  const shell = serializeXml([emptied(el, body)]);
  const items = readItems(body.children);
  const rebuild = (children: BlockContent[]) =>
    containerNode("storage", shell, [...lead, ...children]);
  return {
    nodes: [el],
    blocks: [rebuild(items.flatMap((item) => item.blocks))],
    inner: { items, rebuild },
  };
}

function emptied(el: XElement, body: XElement): XElement {
  if (el === body) {
    return { type: "element", name: el.name, attributes: el.attributes, children: [] };
  }
  const children = el.children.map((child) => child === body ? emptied(body, body) : child);
  return { type: "element", name: el.name, attributes: el.attributes, children };
}

/** What an inline macro shows (a status's title, an issue's key); empty for others. */
function inlineMacro(el: XElement): PhrasingContent[] {
  const params = macroParts(el)?.params ?? {};
  const shown = el.attributes["ac:name"] === "status"
    ? params.title
    : el.attributes["ac:name"] === "jira"
    ? params.key
    : undefined;
  return shown ? [text(shown)] : [];
}

// --- inline content ----------------------------------------------------------------------------

/** Reads inline content (text and inline elements; blocks in it are flattened). */
export function readInlines(nodes: XNode[]): PhrasingContent[] {
  return nodes.flatMap(readInline);
}

function readInline(node: XNode): PhrasingContent[] {
  if (node.type === "text") return node.value ? [text(node.value)] : [];
  if (node.type !== "element") return [shownOrOpaque([node], [])];
  // `<br>` rather than `\` for line breaks: markdown cannot end a line with a `\` break.
  return [nativeInline(node) ?? shownOrOpaque([node], breaksAsHtml(visibleInline(node)))];
}

function nativeInline(el: XElement): PhrasingContent | undefined {
  const plain = Object.keys(el.attributes).length === 0;
  const emphasis = EMPHASIS[el.name];
  if (emphasis && plain && el.children.every(isInline)) {
    return { type: emphasis, children: readInlines(el.children) };
  }
  switch (el.name) {
    case "code":
      return plain && el.children.every((c) => c.type === "text")
        ? { type: "inlineCode", value: textContent(el) }
        : undefined;
    case "br":
      return plain && !el.children.length ? { type: "break" } : undefined;
    case "a":
      return readAnchor(el);
    case "ac:link":
      return readMention(el);
    case "ac:image":
      return readImage(el);
  }
  return undefined;
}

/** What a person sees of an inline element the reader cannot show natively. */
function visibleInline(el: XElement): PhrasingContent[] {
  const attrs = el.attributes;
  switch (el.name) {
    case "ac:emoticon": {
      const emoji = attrs["ac:emoji-fallback"] ?? EMOTICONS[attrs["ac:name"] ?? ""] ??
        attrs["ac:emoji-shortname"];
      return emoji ? [text(emoji)] : [];
    }
    case "time": {
      const date = attrs.datetime ?? textContent(el);
      return date ? [text(date)] : [];
    }
    case "ac:placeholder": {
      const instruction = textContent(el).trim();
      return instruction ? [{ type: "emphasis", children: [text(instruction)] }] : [];
    }
    case "ac:link":
      return visibleLink(el);
    case "ac:image":
      return visibleImage(el);
    case "ac:structured-macro": {
      const inline = inlineMacro(el);
      return inline.length
        ? inline
        : flatten(readMacro(el).blocks.flatMap((b) => plainBlocks([b])));
    }
    case "code":
      return [{ type: "inlineCode", value: textContent(el) }];
  }
  if (!el.children.every(isInline)) return flatten(plainBlocks(readFlow(el.children)));
  const children = plainPhrasing(readInlines(el.children));
  const emphasis = EMPHASIS[el.name];
  return emphasis && children.length ? [{ type: emphasis, children }] : children;
}

function readAnchor(el: XElement): PhrasingContent | undefined {
  const { href, title, ...rest } = el.attributes;
  if (href === undefined || !el.children.every(isInline)) return undefined;
  const link = {
    type: "link" as const,
    url: href,
    title: title ?? null,
    children: readInlines(el.children),
  };
  return withExtra(link, "storage", rest);
}

function readMention(el: XElement): PhrasingContent | undefined {
  const [user, ...others] = elements(el.children) ?? [];
  if (user?.name !== "ri:user" || others.length || user.children.length) return undefined;
  const found = MENTION_KINDS.find(([, attribute]) => user.attributes[attribute] !== undefined);
  if (!found) return undefined;
  const [kind, attribute] = found;
  const { [attribute]: id, ...rest } = user.attributes;
  if (Object.keys(rest).some((key) => !key.startsWith("ri:"))) return undefined;
  if (Object.keys(el.attributes).some((key) => !key.startsWith("ac:"))) return undefined;
  const node = mentionNode({ kind, id, name: "" });
  return withExtra(node, "storage", { ...el.attributes, ...rest });
}

/** A link shows its body; without one, what it points to (page title, file name, URL, ...). */
function visibleLink(el: XElement): PhrasingContent[] {
  const parts = elements(el.children.filter((c) => !(c.type === "text" && !c.value.trim()))) ?? [];
  const body = parts.find((part) => part.name === "ac:link-body");
  const plainBody = parts.find((part) => part.name === "ac:plain-text-link-body");
  const shown = body
    ? plainPhrasing(readInlines(body.children))
    : plainBody && textContent(plainBody)
    ? [text(textContent(plainBody))]
    : [];
  const user = parts.find((part) => part.name === "ri:user");
  const kind = user && MENTION_KINDS.find(([, attribute]) => user.attributes[attribute]);
  if (user && kind) {
    return [
      mentionNode({
        kind: kind[0],
        id: user.attributes[kind[1]],
        name: plainText(paragraph(shown)),
      }),
    ];
  }
  if (shown.length) return shown;
  const url = parts.find((part) => part.name === "ri:url")?.attributes["ri:value"];
  if (url) return [{ type: "link", url, title: null, children: [text(url)] }];
  const target = parts.map((part) => part.attributes[LINK_TARGETS[part.name] ?? ""])
    .find(Boolean) ?? el.attributes["ac:anchor"];
  return target ? [text(target)] : [];
}

function imageTarget(el: XElement) {
  const [target, ...others] = elements(el.children) ?? [];
  if (!target || others.length) return undefined;
  const { "ri:filename": filename, "ri:value": value, ...rest } = target.attributes;
  const url = target.name === "ri:attachment"
    ? filename
    : target.name === "ri:url"
    ? value
    : undefined;
  return url === undefined ? undefined : { target, url, rest };
}

function readImage(el: XElement): PhrasingContent | undefined {
  const found = imageTarget(el);
  if (!found || found.target.children.length) return undefined;
  if (Object.keys(found.rest).some((key) => !key.startsWith("ri:"))) return undefined;
  const { "ac:alt": alt, "ac:title": title, ...attrs } = el.attributes;
  if (Object.keys(attrs).some((key) => !key.startsWith("ac:"))) return undefined;
  const image: Image = { type: "image", url: found.url, alt: alt ?? null, title: title ?? null };
  return withExtra(image, "storage", { ...attrs, ...found.rest });
}

function visibleImage(el: XElement): PhrasingContent[] {
  const alt = el.attributes["ac:alt"] ?? null;
  const target = elements(el.children)?.[0];
  const url = target?.attributes["ri:filename"] ?? target?.attributes["ri:value"];
  if (url) return [{ type: "image", url, alt, title: el.attributes["ac:title"] ?? null }];
  return alt ? [text(alt)] : [];
}
