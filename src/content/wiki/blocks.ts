/**
 * Jira wiki markup blocks <-> hub mdast (inline syntax is `inline.ts`; the rules are in `mod.ts`).
 *
 * @module
 */

import type {
  BlockContent,
  List,
  ListItem,
  Nodes,
  Root,
  RootContent,
  Table,
  TableRow,
} from "../_mdast.ts";
import { html, panelNode, panelOf, paragraph, plainText } from "../_hub.ts";
import { placeholder, readPlaceholder } from "../placeholder.ts";
import { readWikiInline, splitUnescaped, writeWikiInline } from "./inline.ts";

interface Read {
  nodes: BlockContent[];
  next: number;
}

/** Panel background colours of the Atlassian palette, by hub panel type. */
const PANEL_COLORS: Record<string, string> = {
  info: "#deebff",
  note: "#eae6ff",
  success: "#e3fcef",
  tip: "#e3fcef",
  warning: "#fffae6",
  error: "#ffebe6",
};
const COLOR_PANELS: Record<string, string> = {
  "#deebff": "info",
  "#eae6ff": "note",
  "#e3fcef": "success",
  "#fffae6": "warning",
  "#ffebe6": "error",
};
/** Languages Jira's `{code}` does not know, mapped to the nearest one it does. */
const CODE_LANGUAGES: Record<string, string> = {
  ts: "javascript",
  typescript: "javascript",
  tsx: "javascript",
  js: "javascript",
  jsx: "javascript",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  py: "python",
  rb: "ruby",
  yml: "yaml",
  kt: "java",
  kotlin: "java",
  cs: "c#",
  csharp: "c#",
  cpp: "c++",
};
const BLOCK_MACRO = /^\{(code|noformat|quote|panel)(?::([^}\n]*))?\}/;
const LONE_MACRO = /^\{([a-zA-Z][\w-]*)(?::[^}\n]*)?\}\s*$/;
const HEADING = /^h([1-6])\.(?:\s+(.*))?$/;
const QUOTE_LINE = /^bq\.\s+(.*)$/;
const RULE = /^-{4,}\s*$/;
const LIST_LINE = /^([*#]+|-)\s+(.*)$/;
const TASK = /^\[( |x|X)\] /;
const IMAGE = /^!([^\s!|]+)\|[^!\n]*!/;

/** Converts Jira wiki markup to the hub tree. */
export function wikiToMdast(wiki: string): Root {
  return { type: "root", children: readBlocks(wiki.replace(/\r\n?/g, "\n").split("\n")) };
}

/** Converts the hub tree to Jira wiki markup. */
export function mdastToWiki(root: Root): string {
  return writeBlocks(root.children);
}

function readBlocks(lines: string[]): BlockContent[] {
  const out: BlockContent[] = [];
  let index = 0;
  while (index < lines.length) {
    if (!lines[index].trim()) {
      index++;
      continue;
    }
    const read = readMacro(lines, index) ?? readLine(lines[index], index) ??
      readTable(lines, index) ??
      readList(lines, index) ?? readParagraph(lines, index);
    out.push(...read.nodes);
    index = read.next;
  }
  return out;
}

function keep(original: string): BlockContent {
  return html(placeholder("wiki", original));
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || QUOTE_LINE.test(line) || RULE.test(line) || line.startsWith("|") ||
    LIST_LINE.test(line) || BLOCK_MACRO.test(line) || LONE_MACRO.test(line);
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

/** `{code}`, `{noformat}`, `{quote}`, `{panel}` blocks and other macros standing on their own line. */
function readMacro(lines: string[], index: number): Read | undefined {
  const open = BLOCK_MACRO.exec(lines[index]) ?? LONE_MACRO.exec(lines[index]);
  if (!open) return undefined;
  const closing = `{${open[1]}}`;
  const rest = lines.slice(index).join("\n");
  const close = rest.indexOf(closing, open[0].length);
  if (close < 0) {
    return LONE_MACRO.test(lines[index])
      ? { nodes: [keep(lines[index])], next: index + 1 }
      : undefined;
  }
  const lineEnd = rest.indexOf("\n", close);
  const end = lineEnd < 0 ? rest.length : lineEnd;
  const next = index + rest.slice(0, end).split("\n").length;
  const tail = rest.slice(close + closing.length, end);
  const body = rest.slice(open[0].length, close).replace(/^\n/, "").replace(/\n$/, "");
  const native = tail.trim() ? undefined : macroBlock(open[1], open[2], body);
  return { nodes: native ?? [keep(rest.slice(0, end))], next };
}

function macroBlock(
  name: string,
  params: string | undefined,
  body: string,
): BlockContent[] | undefined {
  if (name === "noformat" && params === undefined) {
    return [{ type: "code", lang: "noformat", meta: null, value: body }];
  }
  if (name === "code" && (params === undefined || /^[\w#+.-]+$/.test(params))) {
    return [{ type: "code", lang: params ?? null, meta: null, value: body }];
  }
  if (name === "quote" && params === undefined) {
    return [{ type: "blockquote", children: readBlocks(body.split("\n")) }];
  }
  if (name !== "panel") return undefined;
  const settings = Object.fromEntries(
    splitUnescaped(params ?? "", "|").filter(Boolean).map((pair) => pair.split("=", 2)),
  );
  const { title, bgColor, ...others } = settings;
  const type = bgColor === undefined ? "panel" : COLOR_PANELS[bgColor.toLowerCase()];
  if (!type || Object.keys(others).length) return undefined;
  return [panelNode({ type, title: title ?? "" }, readBlocks(body.split("\n")))];
}

function readParagraph(lines: string[], index: number): Read {
  let next = index + 1;
  while (next < lines.length && lines[next].trim() && !startsBlock(lines[next])) next++;
  return { nodes: [paragraph(readWikiInline(lines.slice(index, next).join("\n")))], next };
}

function readTable(lines: string[], index: number): Read | undefined {
  if (!lines[index].startsWith("|")) return undefined;
  let next = index;
  while (next < lines.length && lines[next].startsWith("|")) next++;
  const rows = lines.slice(index, next).map(readRow);
  const width = rows[0].length;
  const valid = rows.every((row, position) =>
    row.length === width && row.every((cell) => cell.header === (position === 0))
  );
  if (!valid || width === 0) return { nodes: [keep(lines.slice(index, next).join("\n"))], next };
  const children: TableRow[] = rows.map((row) => ({
    type: "tableRow",
    children: row.map((cell) => ({
      type: "tableCell",
      children: readWikiInline(cell.content.trim()),
    })),
  }));
  const table: Table = { type: "table", align: rows[0].map(() => null), children };
  return { nodes: [table], next };
}

/**
 * Splits a table row into cells; a bar inside a link, `{{code}}` or an image, or after a
 * backslash, does not split.
 */
function readRow(line: string): Array<{ header: boolean; content: string }> {
  const cells: Array<{ header: boolean; content: string }> = [];
  let index = 0;
  while (index < line.length && line[index] === "|") {
    const header = line.startsWith("||", index);
    index += header ? 2 : 1;
    let content = "";
    while (index < line.length && line[index] !== "|") {
      const span = protectedSpan(line.slice(index));
      content += span;
      index += span.length;
    }
    if (content || index < line.length) cells.push({ header, content });
  }
  return cells;
}

/** The text at the start of `rest` that a cell separator cannot cut: an escape, link, code, image. */
function protectedSpan(rest: string): string {
  if (rest.startsWith("\\")) return rest.slice(0, 2);
  const closer = rest.startsWith("{{") ? "}}" : rest.startsWith("[") ? "]" : undefined;
  const close = closer ? rest.indexOf(closer, 1) : -1;
  if (close > 0) return rest.slice(0, close + closer!.length);
  return IMAGE.exec(rest)?.[0] ?? rest[0];
}

function readList(lines: string[], index: number): Read | undefined {
  if (!LIST_LINE.test(lines[index])) return undefined;
  const root: List[] = [];
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
    case "paragraph":
      return escapeLines(writeWikiInline(node.children));
    case "heading":
      return `h${node.depth}. ${writeWikiInline(node.children)}`;
    case "thematicBreak":
      return "----";
    case "blockquote":
      return writeQuote(node);
    case "code":
      return writeCode(node.lang, node.value);
    case "list":
      return writeList(node, "");
    case "table":
      return writeTable(node);
    case "html": {
      const found = readPlaceholder(node.value);
      if (found) return found.format === "wiki" ? found.original : "";
      return /^<!--[\s\S]*-->$/.test(node.value.trim()) ? "" : escapeLines(writeWikiInline([node]));
    }
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

function writeQuote(node: Extract<RootContent, { type: "blockquote" }>): string {
  const panel = panelOf(node);
  const inner = writeBlocks(node.children);
  if (panel) {
    const params = [
      ...(panel.title ? [`title=${panel.title.replace(/[|}]/g, "")}`] : []),
      ...(PANEL_COLORS[panel.type] ? [`bgColor=${PANEL_COLORS[panel.type]}`] : []),
    ];
    return `{panel${params.length ? ":" + params.join("|") : ""}}\n${inner}\n{panel}`;
  }
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.type === "paragraph" && !inner.includes("\n")) return `bq. ${inner}`;
  return `{quote}\n${inner}\n{quote}`;
}

function writeCode(lang: string | null | undefined, value: string): string {
  if (lang === "noformat") return `{noformat}\n${value}\n{noformat}`;
  const language = lang ? CODE_LANGUAGES[lang.toLowerCase()] ?? lang : "";
  return `{code${language ? ":" + language : ""}}\n${value}\n{code}`;
}

function writeList(list: List, prefix: string): string {
  const marker = prefix + (list.ordered ? "#" : "*");
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

function writeTable(table: Table): string {
  return table.children.map((row, index) => {
    const separator = index === 0 ? "||" : "|";
    const cells = row.children.map((cell) => writeWikiInline(cell.children, true) || " ");
    return separator + cells.join(separator) + separator;
  }).join("\n");
}
