/**
 * Jira wiki markup inline syntax <-> hub phrasing content.
 *
 * Read natively: `*strong*`, `_emphasis_`, `-strike-` (also the `{*}x{*}` forms), `{{code}}`,
 * `[text|url]`, `[url]`, `[#anchor]`, `[~accountid:ID]`, `[~username]`, images `!a.png!` (options
 * other than `alt=` in a carrier `{"options":"thumbnail"}` after the image), `\\` and line breaks.
 *
 * Markup markdown has no form for is a shown placeholder, its text visible after it: `+inserted+`,
 * `^sup^`, `~sub~`, `??citation??`, `{color:red}text{color}` and other macros with a body,
 * emoticons (`(y)` shows 👍), attachment links `[^file.pdf]`, issue links `[PROJ-1]` and other
 * links Markdown cannot point at. A macro without body or text (`{anchor:top}`) is an opaque
 * `<!--wiki:...-->` placeholder.
 *
 * @module
 */

import type { Html, Nodes, PhrasingContent } from "../_mdast.ts";
import {
  extraOf,
  html,
  mentionNode,
  mentionOf,
  plainText,
  shownOf,
  text,
  withExtra,
} from "../_hub.ts";
import { placeholder, readPlaceholder } from "../placeholder.ts";
import { emoticonAt } from "./emoticons.ts";
import { shownWiki, unchanged } from "./shown.ts";

interface Span {
  nodes: PhrasingContent[];
  end: number;
}

const EMPHASIS: Record<string, "strong" | "emphasis" | "delete" | undefined> = {
  "*": "strong",
  "_": "emphasis",
  "-": "delete",
  "+": undefined,
  "^": undefined,
  "~": undefined,
};
const MARKS = new Set(Object.keys(EMPHASIS));
const URL = /^([a-z][a-z0-9+.-]*:|#)/i;
const IMAGE = /^!([^\s!|]+)(?:\|([^!\n]*))?!/;
const MACRO = /^\{([a-zA-Z][\w-]*)(?::[^}\n]*)?\}/;
/** Macros that never have a body: `{anchor:top}` is the whole of it. */
const BODILESS = new Set(["anchor", "toc"]);
/** Macros whose body is shown as it is written, not read as markup. */
const RAW_BODY = new Set(["code", "noformat"]);

/** `--` and `---` are Jira's en and em dashes, never strikethrough marks. */
const inDashRun = (source: string, index: number) =>
  source[index] === "-" && (source[index - 1] === "-" || source[index + 1] === "-");
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Parses wiki inline markup. */
export function readWikiInline(source: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let plain = "";
  let index = 0;
  const flush = () => {
    if (plain) out.push(text(plain));
    plain = "";
  };
  while (index < source.length) {
    const span = readSpan(source, index);
    if (span) {
      flush();
      out.push(...span.nodes);
      index = span.end;
    } else if (source[index] === "\\" && /[^\p{L}\p{N}\s\\]/u.test(source[index + 1] ?? "a")) {
      plain += source[index + 1];
      index += 2;
    } else {
      plain += source[index++];
    }
  }
  flush();
  return out;
}

/**
 * Parses the content of a table cell. Markdown cells cannot break lines, so a cell with `\\`
 * breaks is a shown placeholder whose visible part has spaces for them.
 */
export function readWikiCell(content: string): PhrasingContent[] {
  const children = readWikiInline(content);
  if (!children.some(hasBreak)) return children;
  return [shownWiki(content, children.map(withoutBreaks))];
}

/** True when `node` is or holds a line break (not counting shown placeholders' visible parts). */
export function hasBreak(node: Nodes): boolean {
  return node.type === "break" ||
    ("children" in node && node.children.some((child) => hasBreak(child as Nodes)));
}

function withoutBreaks(node: PhrasingContent): PhrasingContent {
  if (node.type === "break") return text(" ");
  if (!("children" in node)) return node;
  return { ...node, children: node.children.map(withoutBreaks) } as PhrasingContent;
}

function keep(original: string): PhrasingContent {
  return html(placeholder("wiki", original));
}

function readSpan(source: string, index: number): Span | undefined {
  const char = source[index];
  const rest = source.slice(index);
  if (rest.startsWith("\\\\")) return { nodes: [{ type: "break" }], end: index + 2 };
  if (char === "\n") return { nodes: [{ type: "break" }], end: index + 1 };
  const emoticon = emoticonAt(source, index);
  if (emoticon) {
    return {
      nodes: [shownWiki(emoticon.code, [text(emoticon.emoji)])],
      end: index + emoticon.code.length,
    };
  }
  if (rest.startsWith("{{")) return readCode(source, index);
  if (char === "{") return readBraced(source, index);
  if (char === "[") return readLink(source, index);
  if (char === "!") return readImage(rest, index);
  if (rest.startsWith("??")) return readDelimited(source, index, "??");
  if (MARKS.has(char)) return readDelimited(source, index, char);
  return undefined;
}

function readCode(source: string, index: number): Span | undefined {
  const close = source.indexOf("}}", index + 2);
  if (close < 0) return undefined;
  return { nodes: [{ type: "inlineCode", value: source.slice(index + 2, close) }], end: close + 2 };
}

/** `{*}strong{*}` forms, `{macro}...{macro}` spans (body shown) and lone `{macro}` tags. */
function readBraced(source: string, index: number): Span | undefined {
  const mark = /^\{([*_\-+^~])\}/.exec(source.slice(index));
  if (mark) {
    const close = source.indexOf(mark[0], index + 3);
    if (close <= index + 3) return undefined;
    const end = close + 3;
    return {
      nodes: emphasis(mark[1], source.slice(index + 3, close), source.slice(index, end)),
      end,
    };
  }
  const macro = MACRO.exec(source.slice(index));
  if (!macro) return undefined;
  const [tag, name] = macro;
  const closing = `{${name}}`;
  const close = BODILESS.has(name) ? -1 : source.indexOf(closing, index + tag.length);
  if (close < 0) return { nodes: [keep(tag)], end: index + tag.length };
  const end = close + closing.length;
  const body = source.slice(index + tag.length, close);
  const visible = RAW_BODY.has(name) ? [text(body)] : readWikiInline(body);
  return { nodes: [shownWiki(source.slice(index, end), visible)], end };
}

function emphasis(mark: string, inner: string, original: string): PhrasingContent[] {
  const type = EMPHASIS[mark];
  const children = readWikiInline(inner);
  return [type ? { type, children } : shownWiki(original, children)];
}

function readDelimited(source: string, index: number, mark: string): Span | undefined {
  const width = mark.length;
  if (isWordChar(source[index - 1]) || isSpace(source[index + width])) return undefined;
  if (inDashRun(source, index)) return undefined;
  for (
    let close = source.indexOf(mark, index + width + 1);
    close > 0;
    close = source.indexOf(mark, close + 1)
  ) {
    if (source[close - 1] === "\n") return undefined;
    const closes = !isSpace(source[close - 1]) && source[close - 1] !== "\\" &&
      !isWordChar(source[close + width]) && !inDashRun(source, close);
    if (closes) {
      const end = close + width;
      if (source.slice(index, end).includes("\n\n")) return undefined;
      return {
        nodes: emphasis(mark, source.slice(index + width, close), source.slice(index, end)),
        end,
      };
    }
  }
  return undefined;
}

function readLink(source: string, index: number): Span | undefined {
  let close = index + 1;
  while (close < source.length && source[close] !== "]" && source[close] !== "\n") {
    close += source[close] === "\\" ? 2 : 1;
  }
  if (source[close] !== "]") return undefined;
  const inner = source.slice(index + 1, close);
  const end = close + 1;
  const original = source.slice(index, end);
  if (inner.startsWith("~")) return { nodes: [readMention(inner.slice(1), original)], end };
  const parts = splitUnescaped(inner, "|");
  const target = parts.at(-1)?.trim() ?? "";
  // What Jira shows: the label, else the target without its `#` (anchor) or `^` (attachment).
  const label = parts.length > 1 ? readWikiInline(parts[0]) : [text(target.replace(/^[#^]/, ""))];
  if (parts.length > 2 || !URL.test(target)) return { nodes: [shownWiki(original, label)], end };
  return { nodes: [{ type: "link", url: target, title: null, children: label }], end };
}

function readMention(user: string, original: string): PhrasingContent {
  if (!user) return keep(original);
  if (/\s|\|/.test(user)) return shownWiki(original, [text(user)]);
  const accountId = /^accountid:(.+)$/.exec(user);
  if (accountId) return mentionNode({ kind: "accountid", id: accountId[1], name: "" });
  return mentionNode({ kind: "username", id: user, name: "" });
}

/**
 * `!file.png!` and `!url|options!`: an image; its `alt=` option is its alt text, the other options
 * (`thumbnail`, `width=300`, ...) go in a carrier.
 */
function readImage(rest: string, index: number): Span | undefined {
  const match = IMAGE.exec(rest);
  if (!match || !/[./:]/.test(match[1])) return undefined;
  const end = index + match[0].length;
  const options = match[2] === undefined ? [] : match[2].split(",");
  const alt = options.find((option) => /^\s*alt=/.test(option));
  const others = options.filter((option) => option !== alt);
  const image = {
    type: "image" as const,
    url: match[1],
    alt: alt === undefined ? null : alt.slice(alt.indexOf("=") + 1),
    title: null,
  };
  const carried = others.length ? { options: others.join(",").trim() } : undefined;
  return { nodes: [withExtra(image, "wiki", carried)], end };
}

/** Splits on `separator` where it is not escaped with a backslash. */
export function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let index = 0; index < value.length; index++) {
    if (value[index] === "\\" && index + 1 < value.length) {
      current += value[index] + value[++index];
    } else if (value[index] === separator) {
      parts.push(current);
      current = "";
    } else {
      current += value[index];
    }
  }
  return [...parts, current];
}

/**
 * Where inline content is written: `text` (a paragraph or list item: a line break is a new line),
 * `line` (a heading, or a paragraph whose breaks were written `\\`: a break is `\\`), `cell` (a
 * table cell or link text: a break is `\\` and `|` is escaped).
 */
export type InlineContext = "text" | "line" | "cell";

/** Writes hub phrasing content as wiki markup. */
export function writeWikiInline(nodes: PhrasingContent[], context: InlineContext = "text"): string {
  const parts = nodes.map((node) => ({ node, out: writeNode(node, context) }));
  return parts.map(({ node, out }, index) => {
    const mark = node.type === "strong"
      ? "*"
      : node.type === "emphasis"
      ? "_"
      : node.type === "delete"
      ? "-"
      : "";
    if (!mark) return out;
    const before = parts[index - 1]?.out.at(-1);
    const after = parts[index + 1]?.out[0];
    const simple = out && !isSpace(out[0]) && !isSpace(out.at(-1)) && !isWordChar(before) &&
      !isWordChar(after);
    return simple ? `${mark}${out}${mark}` : `{${mark}}${out}{${mark}}`;
  }).join("");
}

function writeNode(node: PhrasingContent, context: InlineContext): string {
  switch (node.type) {
    case "text":
      return escapeText(node.value.replace(/\n/g, " "), context);
    case "strong":
    case "emphasis":
    case "delete":
      return writeWikiInline(node.children, context);
    case "inlineCode":
      return `{{${node.value}}}`;
    case "break":
      return context === "text" ? "\n" : "\\\\";
    case "link":
      return writeLink(node);
    case "image":
      return writeImage(node);
    case "html":
      return writeHtml(node, context);
  }
  return escapeText(plainText(node), context);
}

function writeLink(node: Extract<PhrasingContent, { type: "link" }>): string {
  const mention = mentionOf(node);
  if (mention) {
    return mention.kind === "accountid" ? `[~accountid:${mention.id}]` : `[~${mention.id}]`;
  }
  const label = writeWikiInline(node.children, "cell");
  const bare = node.url.startsWith("#") ? node.url.slice(1) : node.url;
  return !label || plainText(node) === bare
    ? `[${node.url}]`
    : `[${label.replace(/(?<!\\)]/g, "\\]")}|${node.url}]`;
}

function writeImage(node: Extract<PhrasingContent, { type: "image" }>): string {
  const carried = extraOf(node, "wiki")?.options;
  const options = [
    ...(node.alt ? [`alt=${node.alt}`] : []),
    ...(typeof carried === "string" ? [carried] : []),
  ];
  return `!${node.url}${options.length ? "|" + options.join(", ") : ""}!`;
}

function writeHtml(node: Html, context: InlineContext): string {
  const shownNode = shownOf(node);
  if (shownNode) {
    return unchanged(shownNode, context === "cell" ? readWikiCell : readWikiInline)
      ? shownNode.original
      : writeWikiInline(shownNode.children as PhrasingContent[], context);
  }
  const value = node.value;
  const found = readPlaceholder(value);
  if (found) return found.format === "wiki" ? found.original : "";
  return /^<!--[\s\S]*-->$/.test(value.trim()) ? "" : escapeText(value, context);
}

/**
 * Escapes the characters of plain text that wiki markup would otherwise read as markup; the `}`
 * or `]` that closes an escaped `{` or `[` is escaped too (`\{unit\}`).
 */
function escapeText(value: string, context: InlineContext): string {
  let out = "";
  const open = { "}": false, "]": false };
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    let escape = needsEscape(value, index, context);
    if (char === "}" || char === "]") {
      escape = escape || open[char];
      open[char] = false;
    }
    if (escape && char === "{") open["}"] = true;
    if (escape && char === "[") open["]"] = true;
    out += escape ? `\\${char}` : char;
  }
  return out;
}

function needsEscape(value: string, index: number, context: InlineContext): boolean {
  const char = value[index];
  const before = value[index - 1];
  const after = value[index + 1];
  if (char === "[" || (char === "|" && context === "cell")) return true;
  if (char === "{") return /[a-zA-Z{*_\-+^~]/.test(after ?? "");
  if (char === "!") return /[./:]/.test(IMAGE.exec(value.slice(index))?.[1] ?? "");
  if (char === "\\") return false;
  if (char === "?" && after === "?") return true;
  if (!MARKS.has(char) || inDashRun(value, index)) return false;
  const opens = !isWordChar(before) && !isSpace(after);
  const closes = !isSpace(before) && !isWordChar(after);
  return opens || (closes && before !== undefined);
}
