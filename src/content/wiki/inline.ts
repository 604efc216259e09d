/**
 * Jira wiki markup inline syntax <-> hub phrasing content.
 *
 * Read: `*strong*`, `_emphasis_`, `-strike-` (also the `{*}x{*}` forms), `{{code}}`,
 * `[text|url]`, `[url]`, `[~accountid:ID]`, `[~username]`, `!image.png!`, `!url|alt=text!`,
 * `\\` and line breaks. Anything else with markup meaning (`+underline+`, `^sup^`, `~sub~`,
 * `??cite??`, `{color:red}..{color}`, `[PROJ-1]`, `!img|thumbnail!`, ...) becomes an inline
 * `<!--wiki:...-->` placeholder holding the original text.
 *
 * @module
 */

import type { PhrasingContent } from "../_mdast.ts";
import { html, mentionNode, mentionOf, plainText, text } from "../_hub.ts";
import { placeholder, readPlaceholder } from "../placeholder.ts";

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
const URL = /^[a-z][a-z0-9+.-]*:/i;
const IMAGE = /^!([^\s!|]+)(?:\|([^!\n]*))?!/;
const MACRO = /^\{([a-zA-Z][\w-]*)(?::[^}\n]*)?\}/;

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

function keep(original: string): PhrasingContent {
  return html(placeholder("wiki", original));
}

function readSpan(source: string, index: number): Span | undefined {
  const char = source[index];
  const rest = source.slice(index);
  if (rest.startsWith("\\\\")) return { nodes: [{ type: "break" }], end: index + 2 };
  if (char === "\n") return { nodes: [{ type: "break" }], end: index + 1 };
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

/** `{*}strong{*}` forms, and other `{macro}` / `{macro}...{macro}` spans (kept as placeholders). */
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
  const closing = `{${macro[1]}}`;
  const close = source.indexOf(closing, index + macro[0].length);
  const end = close < 0 ? index + macro[0].length : close + closing.length;
  return { nodes: [keep(source.slice(index, end))], end };
}

function emphasis(mark: string, inner: string, original: string): PhrasingContent[] {
  const type = EMPHASIS[mark];
  if (!type) return [keep(original)];
  return [{ type, children: readWikiInline(inner) }];
}

function readDelimited(source: string, index: number, mark: string): Span | undefined {
  const width = mark.length;
  if (isWordChar(source[index - 1]) || isSpace(source[index + width])) return undefined;
  for (
    let close = source.indexOf(mark, index + width + 1);
    close > 0;
    close = source.indexOf(mark, close + 1)
  ) {
    if (source[close - 1] === "\n") return undefined;
    const closes = !isSpace(source[close - 1]) && source[close - 1] !== "\\" &&
      !isWordChar(source[close + width]);
    if (closes) {
      const end = close + width;
      if (source.slice(index, end).includes("\n\n")) return undefined;
      const original = source.slice(index, end);
      return {
        nodes: mark === "??"
          ? [keep(original)]
          : emphasis(mark, source.slice(index + width, close), original),
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
  if (parts.length > 2 || !URL.test(target)) return { nodes: [keep(original)], end };
  const children = parts.length === 2 ? readWikiInline(parts[0]) : [text(target)];
  return { nodes: [{ type: "link", url: target, title: null, children }], end };
}

function readMention(user: string, original: string): PhrasingContent {
  if (/\s|\|/.test(user) || !user) return keep(original);
  const accountId = /^accountid:(.+)$/.exec(user);
  if (accountId) return mentionNode({ kind: "accountid", id: accountId[1], name: "" });
  return mentionNode({ kind: "username", id: user, name: "" });
}

function readImage(rest: string, index: number): Span | undefined {
  const match = IMAGE.exec(rest);
  if (!match || !/[./:]/.test(match[1])) return undefined;
  const end = index + match[0].length;
  const alt = match[2] === undefined ? null : /^alt=([^|,]*)$/.exec(match[2])?.[1];
  if (alt === undefined) return { nodes: [keep(match[0])], end };
  return { nodes: [{ type: "image", url: match[1], alt, title: null }], end };
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

/** Writes hub phrasing content as wiki markup; `inTable` also escapes `|`. */
export function writeWikiInline(nodes: PhrasingContent[], inTable = false): string {
  const parts = nodes.map((node) => ({ node, out: writeNode(node, inTable) }));
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

function writeNode(node: PhrasingContent, inTable: boolean): string {
  switch (node.type) {
    case "text":
      return escapeText(node.value.replace(/\n/g, " "), inTable);
    case "strong":
    case "emphasis":
    case "delete":
      return writeWikiInline(node.children, inTable);
    case "inlineCode":
      return `{{${node.value}}}`;
    case "break":
      return "\n";
    case "link":
      return writeLink(node);
    case "image":
      return node.alt ? `!${node.url}|alt=${node.alt}!` : `!${node.url}!`;
    case "html":
      return writeHtml(node.value, inTable);
  }
  return escapeText(plainText(node), inTable);
}

function writeLink(node: Extract<PhrasingContent, { type: "link" }>): string {
  const mention = mentionOf(node);
  if (mention) {
    return mention.kind === "accountid" ? `[~accountid:${mention.id}]` : `[~${mention.id}]`;
  }
  const label = writeWikiInline(node.children, true);
  return !label || plainText(node) === node.url
    ? `[${node.url}]`
    : `[${label.replace(/]/g, "\\]")}|${node.url}]`;
}

function writeHtml(value: string, inTable: boolean): string {
  const found = readPlaceholder(value);
  if (found) return found.format === "wiki" ? found.original : "";
  return /^<!--[\s\S]*-->$/.test(value.trim()) ? "" : escapeText(value, inTable);
}

/** Escapes the characters of plain text that wiki markup would otherwise read as markup. */
function escapeText(value: string, inTable: boolean): string {
  let out = "";
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    out += needsEscape(value, index, inTable) ? `\\${char}` : char;
  }
  return out;
}

function needsEscape(value: string, index: number, inTable: boolean): boolean {
  const char = value[index];
  const before = value[index - 1];
  const after = value[index + 1];
  if (char === "[" || (char === "|" && inTable)) return true;
  if (char === "{") return /[a-zA-Z{*_\-+^~]/.test(after ?? "");
  if (char === "!") return /[./:]/.test(IMAGE.exec(value.slice(index))?.[1] ?? "");
  if (char === "\\") return false;
  if (char === "?" && after === "?") return true;
  if (!MARKS.has(char)) return false;
  const opens = !isWordChar(before) && !isSpace(after);
  const closes = !isSpace(before) && !isWordChar(after);
  return opens || (closes && before !== undefined);
}
