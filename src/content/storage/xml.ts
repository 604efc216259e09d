/**
 * A small XML layer for Confluence storage format: parsing a fragment (HTML named entities and
 * `ac:`/`ri:` prefixes included) into a tree that remembers each node's original text, canonical
 * serialization, and tree comparison.
 *
 * @module
 */

import { fromXml } from "xast-util-from-xml";
import { characterEntities } from "character-entities";
import { normalForm } from "./normal.ts";

/** An element; `source` is its original text and `start` its offset when it was parsed. */
export interface XElement {
  type: "element";
  name: string;
  attributes: Record<string, string>;
  children: XNode[];
  source?: string;
  start?: number;
}

/** Character data; `cdata` marks a CDATA section; `source` and `start` as on elements. */
export interface XText {
  type: "text";
  value: string;
  cdata?: boolean;
  source?: string;
  start?: number;
}

/** Text written verbatim (a restored placeholder). */
export interface XRaw {
  type: "raw";
  value: string;
}

/** A parsed comment, processing instruction or doctype, kept only as its original text. */
export interface XOther {
  type: "other";
  source: string;
  start?: number;
}

/** Any node of the tree. */
export type XNode = XElement | XText | XRaw | XOther;

interface XastNode {
  type: string;
  name?: string;
  value?: string;
  attributes?: Record<string, string | null | undefined>;
  children?: XastNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const OPEN = '<root xmlns:ac="http://atlassian.com/content" ' +
  'xmlns:ri="http://atlassian.com/resource/identifier" xmlns:at="http://atlassian.com/template">';
const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const TOKEN =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);|&/g;
const LAYOUT = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "th",
  "td",
  "colgroup",
  "col",
  "blockquote",
  "hr",
  "pre",
  "div",
  "ac:structured-macro",
  "ac:parameter",
  "ac:rich-text-body",
  "ac:plain-text-body",
  "ac:task-list",
  "ac:task",
  "ac:task-id",
  "ac:task-uuid",
  "ac:task-status",
  "ac:task-body",
  "ac:layout",
  "ac:layout-section",
  "ac:layout-cell",
]);

/**
 * Parses a storage fragment; returns undefined when it is not well-formed.
 *
 * Whitespace-only text that contains a line break and stands next to a block-level element is
 * dropped (it is layout, not content).
 */
export function parseXml(xhtml: string): XNode[] | undefined {
  const { text, toOriginal } = toNumericEntities(xhtml);
  let tree: XastNode;
  try {
    tree = fromXml(OPEN + text + "</root>") as XastNode;
  } catch {
    return undefined;
  }
  const source = (node: XastNode) => {
    const start = toOriginal((node.position?.start.offset ?? 0) - OPEN.length);
    const end = toOriginal((node.position?.end.offset ?? 0) - OPEN.length);
    return { start, text: xhtml.slice(start, end) };
  };
  const root = tree.children?.find((child) => child.type === "element");
  return dropLayout((root?.children ?? []).map((child) => convert(child, source)));
}

/** Rewrites named HTML entities as numeric references and maps offsets back to the input. */
function toNumericEntities(xhtml: string) {
  const shifts: Array<{ at: number; delta: number }> = [];
  let delta = 0;
  const text = xhtml.replace(TOKEN, (match: string, name: string | undefined, offset: number) => {
    const replacement = entity(match, name);
    if (replacement !== match) {
      delta += match.length - replacement.length;
      shifts.push({ at: offset + match.length - delta, delta });
    }
    return replacement;
  });
  const toOriginal = (offset: number) => {
    let shift = 0;
    for (const entry of shifts) {
      if (entry.at > offset) break;
      shift = entry.delta;
    }
    return offset + shift;
  };
  return { text, toOriginal };
}

function entity(match: string, name: string | undefined): string {
  if (match.startsWith("<")) return match;
  if (name === undefined) return "&amp;";
  if (name.startsWith("#") || XML_ENTITIES.has(name)) return match;
  const value = (characterEntities as Record<string, string>)[name];
  if (value === undefined) return "&amp;" + match.slice(1);
  return [...value].map((char) => `&#${char.codePointAt(0)};`).join("");
}

function convert(
  node: XastNode,
  source: (node: XastNode) => { start: number; text: string },
): XNode {
  if (node.type === "element") {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(node.attributes ?? {})) {
      if (typeof value === "string") attributes[key] = value;
    }
    const children = (node.children ?? []).map((child) => convert(child, source));
    const { start, text } = source(node);
    return { type: "element", name: node.name ?? "", attributes, children, source: text, start };
  }
  if (node.type === "text" || node.type === "cdata") {
    const { start, text: original } = source(node);
    const text: XText = { type: "text", value: node.value ?? "", source: original, start };
    if (node.type === "cdata") text.cdata = true;
    return text;
  }
  const { start, text } = source(node);
  return { type: "other", source: text, start };
}

function dropLayout(nodes: XNode[]): XNode[] {
  const isLayout = (node: XNode | undefined) => node?.type === "element" && LAYOUT.has(node.name);
  const anyLayout = nodes.some(isLayout);
  return nodes.filter((node, index) => {
    if (node.type === "element") node.children = dropLayout(node.children);
    if (node.type !== "text" || node.cdata || node.value.trim() || !node.value.includes("\n")) {
      return true;
    }
    const previous = index > 0 ? isLayout(nodes[index - 1]) : anyLayout;
    const next = index < nodes.length - 1 ? isLayout(nodes[index + 1]) : anyLayout;
    return !previous && !next;
  });
}

/** The original text of a parsed node (or the canonical text of a built one). */
export function sourceOf(node: XNode): string {
  if (node.type === "raw") return node.value;
  return node.source ?? serializeXml([node]);
}

/** Serializes nodes canonically: double-quoted attributes, ` />` for empty elements, `&nbsp;`. */
export function serializeXml(nodes: XNode[]): string {
  return nodes.map(serializeNode).join("");
}

function serializeNode(node: XNode): string {
  switch (node.type) {
    case "raw":
      return node.value;
    case "other":
      return node.source;
    case "text":
      return node.cdata
        ? `<![CDATA[${node.value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`
        : escapeText(node.value);
  }
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeText(value).replaceAll('"', "&quot;")}"`)
    .join("");
  if (node.children.length === 0) return `<${node.name}${attributes} />`;
  return `<${node.name}${attributes}>${serializeXml(node.children)}</${node.name}>`;
}

function escapeText(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll("\u00a0", "&nbsp;");
}

/**
 * True when `actual` (built) and `expected` (parsed) are the same content: the same tree once both
 * are in normal form (see `normal.ts`: ids Confluence regenerates, whitespace between blocks and
 * at the ends of lines, parameter order do not count), elements and attributes compared in any
 * attribute order, text whether CDATA or not, split or not, and every raw node equal to the
 * original text of the node(s) it stands for.
 */
export function sameXml(actual: XNode[], expected: XNode[]): boolean {
  return sameTree(normalForm(actual), normalForm(expected));
}

/** {@link sameXml} for trees already in normal form. */
export function sameTree(actual: XNode[], expected: XNode[]): boolean {
  const a = mergeText(actual);
  const b = mergeText(expected);
  let at = 0;
  for (const node of a) {
    const matched = node.type === "raw" ? rawMatch(node.value, b, at) : sameNode(node, b[at]) && 1;
    if (!matched) return false;
    at += matched;
  }
  return at === b.length;
}

/** How many nodes of `expected` from `at` on the raw text stands for (0 when none). */
function rawMatch(raw: string, expected: XNode[], at: number): number {
  let text = "";
  for (let end = at; end < expected.length && raw.startsWith(text); end++) {
    text += sourceOf(expected[end]);
    if (text === raw) return end - at + 1;
  }
  return 0;
}

function sameNode(actual: XNode, expected: XNode | undefined): boolean {
  if (!expected) return false;
  if (actual.type === "text" || actual.type === "other") {
    return expected.type === actual.type && sourceOrValue(actual) === sourceOrValue(expected);
  }
  if (actual.type !== "element" || expected.type !== "element") return false;
  if (actual.name !== expected.name) return false;
  const keys = Object.keys(actual.attributes);
  return keys.length === Object.keys(expected.attributes).length &&
    keys.every((key) => actual.attributes[key] === expected.attributes[key]) &&
    sameTree(actual.children, expected.children);
}

function sourceOrValue(node: XNode): string {
  if (node.type === "text") return node.value;
  return sourceOf(node);
}

function mergeText(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (node.type === "text" && previous?.type === "text") {
      const source = previous.source !== undefined && node.source !== undefined
        ? previous.source + node.source
        : undefined;
      out[out.length - 1] = { type: "text", value: previous.value + node.value, source };
    } else {
      out.push(node);
    }
  }
  return out;
}
