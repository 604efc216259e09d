/**
 * The normal form of storage XML: what "the same content" means for a read -> write round trip.
 *
 * Storage that differs only in ways a reader of the page cannot see, or that Confluence
 * regenerates, has one normal form:
 * - ids Confluence regenerates are dropped: `ac:macro-id`, `ac:schema-version`, `local-id`,
 *   `ac:local-id`; so are macro parameters set to their documented default (code:
 *   `linenumbers=false`, `collapse=false`, `firstline=1`, `breakoutMode=default`);
 * - macro parameters are in name order (their order means nothing);
 * - `b`, `i`, `s` are `strong`, `em`, `del`;
 * - whitespace: none between blocks; none at the start and end of a paragraph, heading, table
 *   cell or list item's text (and no line break there either); none around a line break; a run
 *   of whitespace holding a newline is one newline; bold, italic and struck text start and end
 *   with no whitespace or line break (they move outside), and empty ones are dropped;
 * - bold, italic or struck text directly inside or right next to the same is one run of it;
 * - a list's only item holding only one plain paragraph holds that paragraph's content;
 * - text standing at the top level, in a macro body, quote or layout cell is a paragraph (with
 *   the inline elements around it); images standing there alone stay block images.
 *
 * Preformatted content (`pre`, `code`, macro parameters and plain-text bodies) is kept as it is.
 * Normalizing a node depends on that node alone, never on where it stands, so a placeholder's
 * original read again on its own normalizes as it did in its page. Parsed elements keep their
 * original text (`source`); text nodes that changed lose theirs.
 *
 * @module
 */

import type { XElement, XNode, XText } from "./xml.ts";

/** Attributes Confluence regenerates on write: never carried, never compared. */
export const REGENERATED_ATTRIBUTES = new Set([
  "ac:macro-id",
  "ac:schema-version",
  "local-id",
  "ac:local-id",
]);

/** Documented default values of macro parameters, by macro name then parameter name. */
const DEFAULT_PARAMETERS: Record<string, Record<string, string>> = {
  code: { linenumbers: "false", collapse: "false", firstline: "1", breakoutMode: "default" },
};

/** True when parameter `name` of macro `macro` is set to its documented default `value`. */
export function isDefaultParameter(macro: string, name: string, value: string): boolean {
  return DEFAULT_PARAMETERS[macro]?.[name] === value;
}

/** Elements read as inline content (anything else in a flow is a block). */
const INLINE = new Set([
  "strong",
  "b",
  "em",
  "i",
  "del",
  "s",
  "strike",
  "u",
  "ins",
  "sub",
  "sup",
  "small",
  "big",
  "mark",
  "font",
  "code",
  "a",
  "br",
  "span",
  "time",
  "ac:link",
  "ac:image",
  "ac:emoticon",
  "ac:inline-comment-marker",
  "ac:placeholder",
]);

/** Other names of the same emphasis. */
const ALIASES: Record<string, string> = { b: "strong", i: "em", s: "del" };
const EMPHASIS = new Set(["strong", "em", "del"]);
/** Content kept exactly as written. */
const VERBATIM = new Set(["pre", "code", "ac:parameter", "ac:plain-text-body", "time"]);
/** Elements whose content is a section of a page: inline content there is a paragraph. */
const SECTIONS = new Set(["ac:rich-text-body", "blockquote", "ac:layout-cell"]);
/** Elements whose content is one run of inline content. */
const LINE = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6"]);
/** Elements whose content is text-free structure (nothing but child elements). */
const STRUCTURE = new Set([
  "ul",
  "ol",
  "table",
  "colgroup",
  "thead",
  "tbody",
  "tfoot",
  "tr",
  "ac:task-list",
  "ac:task",
  "ac:layout",
  "ac:layout-section",
  "ac:structured-macro",
]);
const BLANK = /^[ \t\r\n]*$/;

/** True for text and the elements read as inline content. */
export function isInline(node: XNode): boolean {
  if (node.type !== "element") return node.type === "text" || node.type === "raw";
  return INLINE.has(node.name) || (node.name === "ac:structured-macro" && !hasBody(node));
}

/** True for a macro with a body (a bodiless one, like a status or an anchor, is inline). */
function hasBody(macro: XElement): boolean {
  return macro.children.some((child) =>
    child.type === "element" &&
    (child.name === "ac:rich-text-body" || child.name === "ac:plain-text-body")
  );
}

/** The normal form of a fragment (a flow of blocks and inline runs); the input is not changed. */
export function normalForm(nodes: XNode[]): XNode[] {
  return flow(nodes.map(normalNode), true);
}

function normalNode(node: XNode): XNode {
  if (node.type === "text") return collapseNewlines(node);
  if (node.type !== "element") return node;
  const name = ALIASES[node.name] ?? node.name;
  const attributes = Object.fromEntries(
    Object.entries(node.attributes).filter(([key]) => !REGENERATED_ATTRIBUTES.has(key)),
  );
  const out: XElement = { ...node, name, attributes };
  const plainEmphasis = EMPHASIS.has(name) && Object.keys(attributes).length === 0;
  if (VERBATIM.has(name)) return out;
  const children = node.children.map(normalNode);
  if (LINE.has(name)) out.children = trimRun(inlineRun(children));
  else if (name === "ac:structured-macro") out.children = macroChildren(out, children);
  else if (STRUCTURE.has(name)) out.children = children.filter((child) => !isBlank(child));
  else if (plainEmphasis) out.children = inlineRun(unnested(out, children));
  else if (INLINE.has(name)) out.children = inlineRun(children);
  else out.children = flow(children, SECTIONS.has(name));
  if (name === "ul" || name === "ol") unwrapOnlyItem(out);
  return out;
}

/**
 * Blocks and trimmed inline runs; blank runs between blocks are dropped. In `sections`, a run
 * holding text is a paragraph.
 */
function flow(nodes: XNode[], sections: boolean): XNode[] {
  const out: XNode[] = [];
  let run: XNode[] = [];
  const flush = () => {
    const trimmed = trimRun(inlineRun(run));
    const images = trimmed.every((node) => isBlank(node) || isImage(node));
    const text = trimmed.some((node) => node.type === "text" && !isBlank(node));
    if (images) out.push(...trimmed.filter(isImage));
    else if (sections && text) out.push(paragraphOf(trimmed));
    else out.push(...trimmed);
    run = [];
  };
  for (const node of nodes) {
    if (isInline(node) || node.type === "other") {
      run.push(node);
    } else {
      flush();
      out.push(node);
    }
  }
  flush();
  return out;
}

function isImage(node: XNode): boolean {
  return node.type === "element" && node.name === "ac:image";
}

function paragraphOf(children: XNode[]): XElement {
  return { type: "element", name: "p", attributes: {}, children };
}

/**
 * Inline content: emphasis without edge whitespace, not directly inside or next to the same
 * emphasis (markdown cannot write `~~~~`), no whitespace around line breaks.
 */
function inlineRun(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    if (!isEmphasis(node)) {
      out.push(node);
      continue;
    }
    const [lead, inner, trail] = splitEdges(node.children);
    const previous = out.at(-1);
    if (lead.length || !(previous && isEmphasis(previous) && previous.name === node.name)) {
      out.push(...lead, ...(inner.length > 0 ? [{ ...node, children: inner }] : []));
    } else {
      out[out.length - 1] = {
        ...previous,
        source: undefined,
        children: mergeText([...previous.children, ...inner]),
      };
    }
    out.push(...trail);
  }
  return aroundBreaks(mergeText(out));
}

/** An emphasis's content without the same emphasis directly inside it. */
function unnested(emphasis: XElement, children: XNode[]): XNode[] {
  return mergeText(
    children.flatMap((child) =>
      isEmphasis(child) && child.name === emphasis.name ? child.children : [child]
    ),
  );
}

function isEmphasis(node: XNode): node is XElement {
  return node.type === "element" && EMPHASIS.has(node.name) &&
    Object.keys(node.attributes).length === 0;
}

function isBreak(node: XNode | undefined): boolean {
  return node?.type === "element" && node.name === "br" &&
    Object.keys(node.attributes).length === 0;
}

function isBlank(node: XNode): boolean {
  return node.type === "text" && BLANK.test(node.value);
}

/**
 * The whitespace and line breaks an emphasis starts with, its content without them, and those it
 * ends with.
 */
function splitEdges(children: XNode[]): [XNode[], XNode[], XNode[]] {
  const inner = [...children];
  const lead: XNode[] = [];
  const trail: XNode[] = [];
  for (let head = inner[0]; head !== undefined; head = inner[0]) {
    const space = head.type === "text" ? /^[ \t\n]*/.exec(head.value)![0] : "";
    if (!isBreak(head) && !space) break;
    lead.push(...(space ? textOf(space) : [head]));
    const rest = head.type === "text" ? head.value.slice(space.length) : "";
    if (rest) inner[0] = retext(head as XText, rest);
    else inner.shift();
  }
  for (let tail = inner.at(-1); tail !== undefined; tail = inner.at(-1)) {
    const space = tail.type === "text" ? /[ \t\n]*$/.exec(tail.value)![0] : "";
    if (!isBreak(tail) && !space) break;
    trail.unshift(...(space ? textOf(space) : [tail]));
    const rest = tail.type === "text" ? tail.value.slice(0, tail.value.length - space.length) : "";
    if (rest) inner[inner.length - 1] = retext(tail as XText, rest);
    else inner.pop();
  }
  return [lead, inner, trail];
}

function textOf(value: string): XText[] {
  return value ? [{ type: "text", value }] : [];
}

function aroundBreaks(nodes: XNode[]): XNode[] {
  return nodes.map((node, index) => {
    if (node.type !== "text") return node;
    let value = node.value;
    if (isBreak(nodes[index - 1])) value = value.replace(/^[ \t\n]+/, "");
    if (isBreak(nodes[index + 1])) value = value.replace(/[ \t\n]+$/, "");
    return retext(node, value);
  }).filter((node) => !(node.type === "text" && !node.value));
}

/** A run without whitespace and line breaks at its two ends. */
function trimRun(nodes: XNode[]): XNode[] {
  const out = [...nodes];
  while (out.length > 0 && (isBlank(out[0]) || isBreak(out[0]))) out.shift();
  while (out.length > 0 && (isBlank(out.at(-1)!) || isBreak(out.at(-1)))) out.pop();
  const first = out[0];
  if (first?.type === "text") out[0] = retext(first, first.value.replace(/^[ \t\n]+/, ""));
  const last = out.at(-1);
  if (last?.type === "text") {
    out[out.length - 1] = retext(last, last.value.replace(/[ \t\n]+$/, ""));
  }
  return out;
}

function collapseNewlines(node: XText): XText {
  return retext(node, node.value.replace(/[ \t]*\r?\n[ \t\r\n]*/g, "\n"));
}

/** The same text node with another value; it loses its original text when the value changed. */
function retext(node: XText, value: string): XText {
  if (value === node.value) return node;
  const { source: _source, ...rest } = node;
  return { ...rest, value };
}

function mergeText(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    const previous = out.at(-1);
    if (node.type === "text" && previous?.type === "text") {
      out[out.length - 1] = { type: "text", value: previous.value + node.value };
    } else {
      out.push(node);
    }
  }
  return out;
}

/** Parameters in name order without defaults, then the body; no whitespace between. */
function macroChildren(macro: XElement, children: XNode[]): XNode[] {
  const name = macro.attributes["ac:name"] ?? "";
  const isParameter = (node: XNode): node is XElement =>
    node.type === "element" && node.name === "ac:parameter";
  const parameters = children.filter(isParameter)
    .filter((node) => !isDefaultParameter(name, node.attributes["ac:name"] ?? "", plain(node)))
    .sort((a, b) => compare(a.attributes["ac:name"] ?? "", b.attributes["ac:name"] ?? ""));
  const rest = children.filter((node) => !isParameter(node) && !isBlank(node));
  return [...parameters, ...rest];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plain(element: XElement): string {
  return element.children.map((node) => node.type === "text" ? node.value : "\u0000").join("");
}

/** `<ul><li><p>x</p></li></ul>` holds what `<ul><li>x</li></ul>` does. */
function unwrapOnlyItem(list: XElement): void {
  const [item, ...others] = list.children;
  if (others.length > 0 || item?.type !== "element" || item.name !== "li") return;
  const [only, ...rest] = item.children;
  const plainParagraph = only?.type === "element" && only.name === "p" &&
    Object.keys(only.attributes).length === 0;
  if (rest.length > 0 || !plainParagraph) return;
  list.children = [{ ...item, children: only.children }];
}
