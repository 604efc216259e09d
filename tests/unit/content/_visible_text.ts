/**
 * An independent extractor of the text a person sees in a rich-text body, for ADF JSON,
 * Confluence storage XHTML and Jira wiki markup. It is the yardstick of the converters in
 * `src/content/`, so it imports nothing from there: the rules below come from the formats'
 * documentation (Atlassian's ADF node and mark reference, "Confluence Storage Format", Jira's
 * "Text formatting notation help").
 *
 * Each function returns the visible pieces in document order, whitespace-collapsed and
 * trimmed, empty pieces dropped. A piece is one run of text between two pieces of markup (a text
 * node, a table cell, a link body, an emoji, a date, a status, ...), so it can be looked for
 * as a whole in the Markdown the converters produce.
 *
 * Instructional text (ADF `placeholder`, storage `ac:placeholder`) counts as visible: the editor
 * shows it to the person filling in a page made from a template. Icons without a text form (a
 * storage emoticon without `ac:emoji-fallback`, Jira's graphical emoticons such as `(y)`) and
 * images without alt text count as no text.
 *
 * @module
 */

import { characterEntities } from "character-entities";
import { fromXml } from "xast-util-from-xml";

type Json = Record<string, unknown>;

/** Collapses whitespace runs to one space and trims (how pieces and Markdown are compared). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function pieces(texts: string[]): string[] {
  return texts.map(collapseWhitespace).filter((piece) => piece.length > 0);
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

/**
 * What a person reading the Markdown sees of it, to look pieces up in: every `<!--...-->`
 * comment removed, backslash escapes and character references resolved, whitespace collapsed.
 */
export function markdownAsSeen(md: string): string {
  const seen = md
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&([A-Za-z][A-Za-z0-9]*);/g, (entity, name: string) => {
      return (characterEntities as Record<string, string>)[name] ?? entity;
    });
  return collapseWhitespace(seen);
}

// ---------------------------------------------------------------------------------------------
// ADF

/** ISO `YYYY-MM-DD` (UTC) of an ADF date's `timestamp` (milliseconds since the epoch). */
export function adfDate(timestamp: unknown): string | undefined {
  const millis = Number(timestamp);
  if (typeof timestamp !== "string" || !Number.isFinite(millis)) return undefined;
  return new Date(millis).toISOString().slice(0, 10);
}

/** What an ADF node shows from its attributes (before its content). */
function adfAttrText(type: string, attrs: Json): string[] {
  switch (type) {
    case "emoji":
      return text(attrs.text ?? attrs.shortName);
    case "date":
      return text(adfDate(attrs.timestamp));
    case "status":
    case "placeholder":
      return text(attrs.text);
    case "mention":
      return typeof attrs.text === "string" ? [attrs.text.replace(/^@/, "")] : [];
    case "inlineCard":
    case "blockCard":
    case "embedCard":
      return text(attrs.url);
    case "expand":
    case "nestedExpand":
      return text(attrs.title);
    case "media":
    case "mediaInline":
      return text(attrs.alt);
  }
  return [];
}

function adfTexts(node: unknown): string[] {
  if (!isJson(node) || typeof node.type !== "string") return [];
  const own = node.type === "text"
    ? text(node.text)
    : adfAttrText(node.type, isJson(node.attrs) ? node.attrs : {});
  const children = Array.isArray(node.content) ? node.content.flatMap(adfTexts) : [];
  return [...own, ...children];
}

/** The text pieces a person sees in an ADF document (or node). */
export function adfVisibleText(doc: unknown): string[] {
  return pieces(adfTexts(doc));
}

// ---------------------------------------------------------------------------------------------
// Confluence storage format

interface XmlNode {
  type: string;
  name?: string;
  value?: string;
  attributes?: Record<string, string | null | undefined>;
  children?: XmlNode[];
}

const NAMESPACES = 'xmlns:ac="http://atlassian.com/content" ' +
  'xmlns:ri="http://atlassian.com/resource/identifier" xmlns:at="http://atlassian.com/template"';
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
/** Macro parameters a person sees, by macro name (titles, the status lozenge, an issue key). */
const SHOWN_PARAMETERS: Record<string, string[]> = {
  status: ["title"],
  expand: ["title"],
  info: ["title"],
  note: ["title"],
  tip: ["title"],
  warning: ["title"],
  panel: ["title"],
  code: ["title"],
  noformat: ["title"],
  jira: ["key"],
};
/** Macros whose `ac:plain-text-body` is shown as it is written. */
const SHOWN_PLAIN_BODIES = new Set(["code", "noformat"]);
/** Elements that only carry data (task ids and states). */
const HIDDEN = new Set(["ac:task-id", "ac:task-uuid", "ac:task-status"]);
/** Resource identifiers whose attribute names what a link without a body shows. */
const LINK_TARGET_TEXT: Record<string, string> = {
  "ri:page": "ri:content-title",
  "ri:blog-post": "ri:content-title",
  "ri:attachment": "ri:filename",
  "ri:url": "ri:value",
  "ri:space": "ri:space-key",
};

/**
 * Parses a storage fragment into an XML tree (HTML named entities such as `&nbsp;` decoded,
 * `ac:`/`ri:`/`at:` prefixes declared). Throws when the fragment is not well-formed.
 */
export function parseStorage(xhtml: string): XmlNode[] {
  const decoded = xhtml.replace(/&([A-Za-z][A-Za-z0-9]*);/g, (entity, name: string) => {
    const character = (characterEntities as Record<string, string>)[name];
    return XML_ENTITIES.has(name) || character === undefined ? entity : character;
  });
  const root = fromXml(`<root ${NAMESPACES}>${decoded}</root>`) as unknown as XmlNode;
  return root.children?.[0]?.children ?? [];
}

function attribute(node: XmlNode, name: string): string | undefined {
  return node.attributes?.[name] ?? undefined;
}

function elements(nodes: XmlNode[] | undefined, name: string): XmlNode[] {
  return (nodes ?? []).filter((node) => node.type === "element" && node.name === name);
}

function storageTexts(nodes: XmlNode[] | undefined, macro: string): string[] {
  return (nodes ?? []).flatMap((node) => storageNodeTexts(node, macro));
}

function storageNodeTexts(node: XmlNode, macro: string): string[] {
  if (node.type === "text" || node.type === "cdata") return text(node.value);
  if (node.type !== "element" || !node.name || HIDDEN.has(node.name)) return [];
  const children = node.children;
  switch (node.name) {
    case "ac:structured-macro":
      return storageTexts(children, attribute(node, "ac:name") ?? "");
    case "ac:parameter": {
      const shown = SHOWN_PARAMETERS[macro] ?? [];
      return shown.includes(attribute(node, "ac:name") ?? "") ? storageTexts(children, "") : [];
    }
    case "ac:plain-text-body":
      return SHOWN_PLAIN_BODIES.has(macro) ? storageTexts(children, "") : [];
    case "time":
      return text(attribute(node, "datetime"));
    case "ac:emoticon":
      return text(attribute(node, "ac:emoji-fallback"));
    case "ac:link":
      return linkTexts(node);
    case "a":
      return hasText(children) ? storageTexts(children, "") : text(attribute(node, "href"));
    case "ac:image":
      return [...text(attribute(node, "ac:alt")), ...storageTexts(children, "")];
  }
  return node.name.startsWith("ri:") ? [] : storageTexts(children, "");
}

function hasText(nodes: XmlNode[] | undefined): boolean {
  return storageTexts(nodes, "").some((piece) => piece.trim().length > 0);
}

/** A link shows its body; without one, the page title, file name or URL it points to. */
function linkTexts(link: XmlNode): string[] {
  const bodies = [
    ...elements(link.children, "ac:link-body"),
    ...elements(link.children, "ac:plain-text-link-body"),
  ];
  if (bodies.some((body) => hasText(body.children))) {
    return bodies.flatMap((body) => storageTexts(body.children, ""));
  }
  const targets = (link.children ?? []).flatMap((child) => {
    const name = LINK_TARGET_TEXT[child.name ?? ""];
    return name ? text(attribute(child, name)) : [];
  });
  return targets.length > 0 ? targets : text(attribute(link, "ac:anchor"));
}

/** The text pieces a person sees in a Confluence storage-format body. */
export function storageVisibleText(xhtml: string): string[] {
  return pieces(storageTexts(parseStorage(xhtml), ""));
}

// ---------------------------------------------------------------------------------------------
// Jira wiki markup

/** Separates pieces while the notation is removed (a private-use character). */
const CUT = "\ue000";
const PRE_BLOCK = /^\{(code|noformat)(?::([^}]*))?\}(.*)$/;
const EFFECT =
  /(^|[\s\ue000|([{,.;:!?])(\*|_|-|\+|\^|~|\?\?)(?=[^\s\ue000])(.*?[^\s\ue000])\2(?=$|[\s\ue000|)\]},.;:!?'"])/g;

/** The `title=` parameter of a `{panel}`, `{code}` or `{noformat}` macro, if any. */
function macroTitle(parameters: string | undefined): string[] {
  const title = /(?:^|\|)title=([^|}]*)/.exec(parameters ?? "");
  return title ? [title[1]] : [];
}

/** Jira's graphical emoticons: each renders as an icon, not as text. */
const EMOTICONS = /:\)|:\(|:P|:D|;\)|\((?:y|n|i|\/|x|!|\+|-|\?|on|off|\*[rgby]?|flag|flagoff)\)/g;
/** Escaped characters are moved to the private use area while the notation is removed. */
const ESCAPED = 0xe000;

function wikiInline(line: string): string {
  let out = line
    .replace(/\\\\/g, CUT)
    .replace(
      /\\([\x20-\x7e])/g,
      (_, char: string) => String.fromCharCode(ESCAPED + char.charCodeAt(0)),
    )
    .replace(/\{\{(.*?)\}\}/g, `${CUT}$1${CUT}`)
    .replace(EMOTICONS, CUT)
    .replace(/\[~[^\]]*\]/g, CUT)
    .replace(/\[([^\]|]*)\|[^\]]*\]/g, `${CUT}$1${CUT}`)
    .replace(/\[[\^#]?([^\]]*)\]/g, `${CUT}$1${CUT}`)
    .replace(/![^\s!|]+(?:\|[^!\n]*)?!/g, CUT)
    .replace(/\{[a-zA-Z]+(?::[^}]*)?\}/g, CUT);
  for (let previous = ""; previous !== out;) {
    previous = out;
    out = out.replace(EFFECT, `$1${CUT}$3${CUT}`);
  }
  return out.replace(
    /[\ue020-\ue07e]/g,
    (char) => String.fromCharCode(char.charCodeAt(0) - ESCAPED),
  );
}

function wikiLine(line: string): string {
  const block = line
    .replace(/^h[1-6]\.\s+/, "")
    .replace(/^bq\.\s+/, "")
    .replace(/^(?:[*#]+|-)\s+/, "");
  if (/^-{4,}\s*$/.test(block)) return "";
  if (block.startsWith("|")) return wikiInline(block).split(/\|\|?/).join(CUT);
  return wikiInline(block);
}

/** The text pieces a person sees in Jira wiki markup. */
export function wikiVisibleText(wiki: string): string[] {
  const out: string[] = [];
  let pre: string | undefined;
  for (const line of wiki.replace(/\r\n?/g, "\n").split("\n")) {
    if (pre !== undefined) {
      const end = line.indexOf(`{${pre}}`);
      out.push(end < 0 ? line : line.slice(0, end));
      if (end >= 0) pre = undefined;
      continue;
    }
    const open = PRE_BLOCK.exec(line);
    if (open) {
      out.push(...macroTitle(open[2]));
      pre = open[1];
      const end = open[3].indexOf(`{${pre}}`);
      out.push(end < 0 ? open[3] : open[3].slice(0, end));
      if (end >= 0) pre = undefined;
      continue;
    }
    const panel = /^\{panel(?::([^}]*))?\}(.*)$/.exec(line);
    if (panel) {
      out.push(...macroTitle(panel[1]), wikiLine(panel[2]));
    } else {
      out.push(wikiLine(line));
    }
  }
  return pieces(out.flatMap((line) => line.split(CUT)));
}
