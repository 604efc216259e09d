/**
 * Jira wiki markup blocks <-> hub mdast (inline syntax is `inline.ts`, tables `tables.ts`, the
 * natively shown macros `macros.ts`; the rules are in `mod.ts`).
 *
 * @module
 */

import type {
  BlockContent,
  Blockquote,
  Html,
  List,
  ListItem,
  Nodes,
  PhrasingContent,
  Root,
  RootContent,
} from "../_mdast.ts";
import {
  containerNode,
  containerOf,
  extraOf,
  html,
  isBlockList,
  panelOf,
  paragraph,
  plainText,
  shownOf,
  withExtra,
} from "../_hub.ts";
import { placeholder, readPlaceholder } from "../placeholder.ts";
import { hasBreak, readWikiInline, writeWikiInline } from "./inline.ts";
import {
  macroName,
  NATIVE_MACROS,
  type NativeBlock,
  openingTag,
  readNativeMacro,
} from "./macros.ts";
import { shownWiki, unchanged } from "./shown.ts";
import { isTableRow, readTable, writeTable } from "./tables.ts";

interface Read {
  nodes: BlockContent[];
  next: number;
}

const MACRO_TAG = /^\{([a-zA-Z][\w-]*)(?::[^}\n]*)?\}/;
/** Macros that never have a body: `{toc}` is the whole of it. */
const BODILESS = new Set(["anchor", "toc"]);
const HEADING = /^h([1-6])\.(?:\s+(.*))?$/;
const QUOTE_LINE = /^bq\.\s+(.*)$/;
const RULE = /^-{4,}\s*$/;
const LIST_LINE = /^([*#]+|-)\s+(.*)$/;
const TASK = /^\[( |x|X)\] /;

/** Converts Jira wiki markup to the hub tree. */
export function wikiToMdast(wiki: string): Root {
  return { type: "root", children: readFlow(wiki.replace(/\r\n?/g, "\n")) };
}

/** Converts the hub tree to Jira wiki markup. */
export function mdastToWiki(root: Root): string {
  return writeBlocks(root.children);
}

function readFlow(wiki: string): BlockContent[] {
  const lines = wiki.split("\n");
  const out: BlockContent[] = [];
  let index = 0;
  while (index < lines.length) {
    if (!lines[index].trim()) {
      index++;
      continue;
    }
    const read = readMacro(lines, index) ?? readLine(lines[index], index) ??
      readTableLines(lines, index) ?? readList(lines, index) ?? readParagraph(lines, index);
    out.push(...read.nodes);
    index = read.next;
  }
  return out;
}

function keep(original: string): BlockContent {
  return html(placeholder("wiki", original));
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || QUOTE_LINE.test(line) || RULE.test(line) || isTableRow(line) ||
    LIST_LINE.test(line) || macroStart(line) !== undefined;
}

/** The macro tag a line starts with, when it starts a block: a native macro, or a tag alone. */
function macroStart(line: string): { tag: string; name: string; lone: boolean } | undefined {
  const match = MACRO_TAG.exec(line);
  if (!match) return undefined;
  const lone = !line.slice(match[0].length).trim();
  return lone || NATIVE_MACROS.has(match[1]) ? { tag: match[0], name: match[1], lone } : undefined;
}

function readLine(line: string, index: number): Read | undefined {
  const heading = HEADING.exec(line);
  if (heading) {
    const depth = Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6;
    return {
      nodes: [{ type: "heading", depth, children: readWikiInline(heading[2] ?? "") }],
      next: index + 1,
    };
  }
  const quote = QUOTE_LINE.exec(line);
  if (quote) {
    return {
      nodes: [{ type: "blockquote", children: [paragraph(readWikiInline(quote[1]))] }],
      next: index + 1,
    };
  }
  return RULE.test(line) ? { nodes: [{ type: "thematicBreak" }], next: index + 1 } : undefined;
}

/**
 * Block macros: `{code}`, `{noformat}`, `{quote}`, `{panel}` natively; another macro with a body
 * whose tags stand on lines of their own is a container; one without a body is kept opaque.
 * Anything else around a macro body (text after the closing tag, ...) is a shown placeholder.
 */
function readMacro(lines: string[], index: number): Read | undefined {
  const start = macroStart(lines[index]);
  if (!start) return undefined;
  const { tag, name, lone } = start;
  const closing = `{${name}}`;
  const rest = lines.slice(index).join("\n");
  const close = BODILESS.has(name) ? -1 : rest.indexOf(closing, tag.length);
  if (close < 0) return lone ? { nodes: [keep(lines[index])], next: index + 1 } : undefined;
  const lineEnd = rest.indexOf("\n", close);
  const end = lineEnd < 0 ? rest.length : lineEnd;
  const next = index + rest.slice(0, end).split("\n").length;
  const inner = rest.slice(tag.length, close);
  const body = inner.replace(/^\n/, "").replace(/\n$/, "");
  const tail = rest.slice(close + closing.length, end).trim();
  const native = readNativeMacro(tag, body, readFlow);
  // A `{quote}` that would be written back as a `bq.` line keeps its tag.
  if (native && !extraOf(native, "wiki") && quoteLine(native) !== undefined) {
    withExtra(native, "wiki", { macro: tag });
  }
  const framed = lone && inner.startsWith("\n") && inner.endsWith("\n");
  if (!tail && native) return { nodes: [native], next };
  if (!tail && framed) return { nodes: [containerNode("wiki", tag, readFlow(body))], next };
  const visible = [...(native ? [native] : readFlow(body)), ...readFlow(tail)];
  return { nodes: [shownWiki(rest.slice(0, end), visible)], next };
}

/**
 * A paragraph: lines up to a blank line or a block. Written back, its line breaks are new lines;
 * a one-line paragraph whose breaks are `\\` carries `{"break":"\\\\"}` to keep them so.
 */
function readParagraph(lines: string[], index: number): Read {
  let next = index + 1;
  while (next < lines.length && lines[next].trim() && !startsBlock(lines[next])) next++;
  const node = paragraph(readWikiInline(lines.slice(index, next).join("\n")));
  const breaks = next === index + 1 && hasBreak(node) ? { break: "\\\\" } : undefined;
  return { nodes: [withExtra(node, "wiki", breaks)], next };
}

function readTableLines(lines: string[], index: number): Read | undefined {
  if (!isTableRow(lines[index])) return undefined;
  let next = index;
  while (next < lines.length && isTableRow(lines[next])) next++;
  return { nodes: [readTable(lines.slice(index, next))], next };
}

/** A list; one written with `-` bullets (which do not nest) carries `{"bullet":"-"}`. */
function readList(lines: string[], index: number): Read | undefined {
  if (!LIST_LINE.test(lines[index])) return undefined;
  const root: List[] = [];
  let dashes = true;
  let next = index;
  let last: ListItem | undefined;
  const stack: Array<{ list: List; marker: string }> = [];
  while (next < lines.length && lines[next].trim()) {
    const match = LIST_LINE.exec(lines[next]);
    if (!match) {
      if (!last || startsBlock(lines[next])) break;
      const body = last.children[0];
      if (body?.type === "paragraph") {
        body.children.push({ type: "break" }, ...readWikiInline(lines[next]));
      }
      next++;
      continue;
    }
    dashes &&= match[1] === "-";
    const markers = match[1] === "-" ? "*" : match[1];
    while (stack.length > markers.length || !markers.startsWith(stackMarkers(stack))) stack.pop();
    while (stack.length < markers.length) {
      const marker = markers[stack.length];
      const list: List = {
        type: "list",
        ordered: marker === "#",
        start: marker === "#" ? 1 : null,
        spread: false,
        children: [],
      };
      const parent = stack.at(-1)?.list.children.at(-1);
      if (parent) parent.children.push(list);
      else root.push(list);
      stack.push({ list, marker });
    }
    const item = listItem(match[2]);
    stack[stack.length - 1].list.children.push(item);
    last = item;
    next++;
  }
  if (dashes) withExtra(root[0], "wiki", { bullet: "-" });
  return { nodes: root, next };
}

function stackMarkers(stack: Array<{ marker: string }>): string {
  return stack.map((entry) => entry.marker).join("");
}

function listItem(content: string): ListItem {
  const children = readWikiInline(content);
  const first = children[0];
  const task = first?.type === "text" ? TASK.exec(first.value) : null;
  if (task && first?.type === "text") first.value = first.value.slice(task[0].length);
  const body = children.filter((child) => child.type !== "text" || child.value);
  const checked = task ? task[1] !== " " : null;
  return { type: "listItem", spread: false, checked, children: [paragraph(body)] };
}

function writeBlocks(nodes: RootContent[]): string {
  return nodes.map(writeBlock).filter((block) => block !== "").join("\n\n");
}

function writeBlock(node: RootContent): string {
  switch (node.type) {
    case "paragraph": {
      const context = extraOf(node, "wiki")?.break === "\\\\" ? "line" : "text";
      return escapeLines(writeWikiInline(node.children, context));
    }
    case "heading":
      return `h${node.depth}. ${writeWikiInline(node.children, "line")}`;
    case "thematicBreak":
      return "----";
    case "blockquote":
      return writeQuote(node);
    case "code":
      return `${openingTag(node)}\n${node.value}\n{${macroName(node)}}`;
    case "list":
      return writeList(node, "");
    case "table":
      return writeTable(node);
    case "html":
      return writeHtml(node);
  }
  return escapeLines(writeWikiInline([{ type: "text", value: plainText(node as Nodes) }]));
}

/** A line of a paragraph that would read as a block (list, heading, table, ...) is escaped. */
function escapeLines(value: string): string {
  return value.split("\n").map((line) => {
    if (/^h[1-6]\.|^bq\./.test(line)) return `${line.slice(0, 2)}\\${line.slice(2)}`;
    return startsBlock(line) && !/^\\/.test(line) ? `\\${line}` : line;
  }).join("\n");
}

/**
 * A shown placeholder (its original while the visible part is unchanged, else that part), a
 * container (its tags around its children), an opaque placeholder, or raw text.
 */
function writeHtml(node: Html): string {
  const shown = shownOf(node);
  if (shown) {
    const children = shown.children as Nodes[];
    const flow = isBlockList(children);
    if (unchanged(shown, flow ? readFlow : readWikiInline)) return shown.original;
    return flow
      ? writeBlocks(children as RootContent[])
      : writeBlock(paragraph(children as PhrasingContent[]));
  }
  const container = containerOf(node);
  if (container) {
    const inner = writeBlocks(container.children);
    const name = MACRO_TAG.exec(container.shell)?.[1];
    if (container.format !== "wiki" || !name) return inner;
    return `${container.shell}\n${inner ? inner + "\n" : ""}{${name}}`;
  }
  const found = readPlaceholder(node.value);
  if (found) return found.format === "wiki" ? found.original : "";
  return /^<!--[\s\S]*-->$/.test(node.value.trim()) ? "" : escapeLines(writeWikiInline([node]));
}

/** A panel or `{quote}` in the tag it had (or composes); a plain one-line quote as `bq.`. */
function writeQuote(node: Blockquote): string {
  const line = extraOf(node, "wiki") ? undefined : quoteLine(node);
  if (line !== undefined) return `bq. ${line}`;
  return `${openingTag(node)}\n${writeBlocks(node.children)}\n{${macroName(node)}}`;
}

/** The line a plain quote of one one-line paragraph is written as after `bq.`, if it is one. */
function quoteLine(node: NativeBlock): string | undefined {
  if (node.type !== "blockquote" || panelOf(node) || node.children.length !== 1) return undefined;
  const only = node.children[0];
  const line = only.type === "paragraph" ? writeBlock(only) : "\n";
  return line.includes("\n") ? undefined : line;
}

function writeList(list: List, prefix: string): string {
  const dashed = extraOf(list, "wiki")?.bullet === "-" && !prefix && !list.ordered &&
    list.children.every((item) => item.children.every((child) => child.type !== "list"));
  const marker = dashed ? "-" : prefix + (list.ordered ? "#" : "*");
  return list.children.map((item) => {
    const [first, ...rest] = item.children;
    const task = typeof item.checked === "boolean" ? (item.checked ? "\\[x\\] " : "\\[ \\] ") : "";
    const inline = first?.type === "paragraph" || first?.type === "heading";
    const lines = [`${marker} ${task}${inline ? writeWikiInline(first.children) : ""}`];
    for (const child of inline ? rest : item.children) {
      lines.push(child.type === "list" ? writeList(child, marker) : writeBlock(child));
    }
    return lines.join("\n");
  }).join("\n");
}
