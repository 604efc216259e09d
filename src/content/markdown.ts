/**
 * Markdown <-> hub mdast: CommonMark + GFM parsing and serializing, plus the hub's markdown forms.
 *
 * - Mentions: `@[Display Name](accountid:ID)` (also `userkey:` / `username:`; the name may be
 *   empty). `[~accountid:ID]` in text is accepted as input too.
 * - Panels: a GFM-alert-style blockquote whose first line is `[!TYPE]`, optionally followed by a
 *   title: `> [!INFO] Heads up` then `> body...`. TYPE is INFO, NOTE, TIP, WARNING, SUCCESS,
 *   ERROR (and PANEL for plain wiki panels).
 * - Placeholders and carriers: HTML comments, see `placeholder.ts`. A carrier on a line of its
 *   own describes the block after it; at the start of a list item or table cell it describes that
 *   item or cell; right after a link, image or mention it describes that node.
 * - Shown placeholders `<!--adf:{...}-->visible<!--/adf-->` and containers
 *   `<!--adf-begin:{...}-->` ... `<!--adf-end-->` become single hub nodes (`shownNode`,
 *   `containerNode`). A close without its opening comment is dropped; an opening comment without
 *   its close stays an ordinary comment.
 *
 * Raw HTML blocks are not recognised (every HTML comment is read as inline content), so that a
 * placeholder at the start of a line never swallows the text after it.
 *
 * @module
 */

import { fromMarkdown } from "mdast-util-from-markdown";
import {
  defaultHandlers,
  type Info,
  type Options,
  type State,
  toMarkdown,
  type Unsafe,
} from "mdast-util-to-markdown";
import { gfmFromMarkdown, gfmToMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type {
  Blockquote,
  Html,
  Link,
  ListItem,
  Nodes,
  Paragraph,
  Parents,
  PhrasingContent,
  Root,
  RootContent,
  TableCell,
} from "./_mdast.ts";
import {
  anyExtraOf,
  containerNode,
  containerOf,
  html,
  isBlockList,
  isMention,
  mentionNode,
  panelNode,
  panelOf,
  paragraph,
  plainText,
  shownNode,
  shownOf,
  text,
  withExtra,
} from "./_hub.ts";
import {
  type Carrier,
  carrier,
  containerEnd,
  type Format,
  readCarrier,
  readClose,
  readContainerBegin,
  readPlaceholder,
  shownClose,
} from "./placeholder.ts";

type Definitions = Map<string, { url: string; title?: string | null }>;

const PARSE = {
  extensions: [gfm(), { disable: { null: ["htmlFlow"] } }],
  mdastExtensions: [gfmFromMarkdown()],
};

const STRINGIFY: Options = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: "-",
  emphasis: "*",
  strong: "*",
  rule: "-",
  fences: true,
  listItemIndent: "one",
  join: [
    (left, right, parent) =>
      isPanelMarker(left, parent) && right.type === "paragraph" ? 0 : undefined,
  ],
  handlers: { link: Object.assign(writeLink, { peek: peekLink }) },
};

function writeLink(node: Link, parent: Parents | undefined, state: State, info: Info): string {
  return (isMention(node) ? "@" : "") + defaultHandlers.link(node, parent, state, info);
}

/**
 * The first character `writeLink` gives, without writing the link: the serializer asks each
 * handler for the character a node starts with (to escape the text before it), and without a
 * `peek` it would write the whole link, escaping its text and address, only to look at that.
 */
function peekLink(node: Link, parent: Parents | undefined, state: State): string {
  return isMention(node) ? "@" : defaultHandlers.link.peek(node, parent, state);
}

/**
 * The serializer's escaping (`state.safe`) tries every unsafe pattern (about 90) on every text,
 * checking for each whether it applies where the text stands, then running its regex: most of
 * what serializing costs. A pattern can only match where its character occurs, so trying only
 * those whose character is in the text (with what surrounds it) escapes exactly the same. Which
 * characters occur is one pass over the text; the patterns for each set of them are kept.
 */
function trySafeOnlyPresent(state: State): void {
  const all = state.unsafe;
  const safe = state.safe.bind(state);
  const index = patternIndex(all);
  state.safe = (input, config) => {
    const present = presentBits(index.bitOf, config.before, input, config.after);
    let subset = index.subsets.get(present);
    if (!subset) {
      subset = all.filter((_, at) => index.bits[at] < 0 || hasBit(present, index.bits[at]));
      index.subsets.set(present, subset);
    }
    state.unsafe = subset;
    try {
      return safe(input, config);
    } finally {
      state.unsafe = all;
    }
  };
}

/** The unsafe patterns by the characters they escape. */
interface PatternIndex {
  /** By ASCII code: the bit (0-52) standing for that character, or -1 when it has none. */
  bitOf: Int8Array;
  /** By pattern: the bit of its character, or -1 when it has none (then always tried). */
  bits: number[];
  /** The patterns that may match (in order), by the bits of the characters present. */
  subsets: Map<number, Unsafe[]>;
}

/** The highest bit; characters beyond it share it (a pattern then tried for naught costs little). */
const LAST_BIT = 52;

/**
 * The index of the serializer's patterns. Each character has a bit of its own, but for the
 * control characters (escaped in autolinks only), which come last and so may share the last bit.
 */
function patternIndex(patterns: Unsafe[]): PatternIndex {
  const ascii = (character: string) =>
    character.length === 1 && character.charCodeAt(0) < 128 ? character.charCodeAt(0) : -1;
  const control = (code: number) =>
    (code < 32 && !"\t\n\r".includes(String.fromCharCode(code))) || code === 127;
  const codes = [...new Set(patterns.map((pattern) => ascii(pattern.character)))]
    .filter((code) => code >= 0)
    .sort((a, b) => Number(control(a)) - Number(control(b)));
  const bitOf = new Int8Array(128).fill(-1);
  codes.forEach((code, at) => bitOf[code] = Math.min(at, LAST_BIT));
  const bits = patterns.map((pattern) => {
    const code = ascii(pattern.character);
    return code < 0 ? -1 : bitOf[code];
  });
  return { bitOf, bits, subsets: new Map() };
}

/** The bits of the patterns' characters that occur in `texts` (`safe` escapes in all three). */
function presentBits(bitOf: Int8Array, ...texts: (string | null | undefined)[]): number {
  let low = 0;
  let high = 0;
  for (const text of texts) {
    if (!text) continue;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      const bit = code < 128 ? bitOf[code] : -1;
      if (bit >= 32) high |= 1 << (bit - 32);
      else if (bit >= 0) low |= 1 << bit;
    }
  }
  return high * 2 ** 32 + (low >>> 0);
}

function hasBit(bits: number, bit: number): boolean {
  return Math.floor(bits / 2 ** bit) % 2 === 1;
}

/**
 * The serializer's state, configured with STRINGIFY once and reused by every serialization.
 * `toMarkdown` builds its state afresh on every call (copying the default handlers, joins and
 * unsafe patterns, merging the GFM extensions into them, making a dispatcher and closures),
 * which costs about as much as serializing a short comment and leaves V8 new objects to learn.
 * The state is made by `toMarkdown` itself (a root handler keeps it), so it is exactly the one
 * each call would build; `stringifyMarkdown` then does what `toMarkdown` does with it.
 */
const SERIALIZER: State = configuredState();

function configuredState(): State {
  let made: State | undefined;
  const keep: Options = {
    handlers: {
      root: (_node, _parent, state) => {
        made = state;
        return "";
      },
    },
  };
  toMarkdown({ type: "root", children: [] }, {
    ...STRINGIFY,
    extensions: [...STRINGIFY.extensions!, keep],
  });
  const state = made!;
  // The dispatcher looks handlers up in this object: the root handler `toMarkdown` would use.
  state.handlers.root = defaultHandlers.root;
  trySafeOnlyPresent(state);
  return state;
}

const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);
const PANEL_MARKER = /^\[!([A-Za-z]+)\][ \t]*/;
const WIKI_MENTION = /\[~accountid:([^\]\s]+)\]/g;

/** Parses markdown (CommonMark + GFM) into the hub tree, resolving the hub's markdown forms. */
export function parseMarkdown(md: string): Root {
  const root = fromMarkdown(md, PARSE) as Root;
  const definitions: Definitions = new Map();
  collectDefinitions(root, definitions);
  normalizeParent(root, definitions);
  return root;
}

/** Whether `stringifyMarkdown` is running (its state is in use). */
let serializing = false;

/** Serializes a hub tree to markdown, writing mentions, panels and carriers in markdown form. */
export function stringifyMarkdown(root: Root): string {
  // One state serves every call, so a handler that serialized again from inside would start the
  // stacks of the serialization it is in over: refused, not garbled.
  if (serializing) throw new Error("stringifyMarkdown cannot be called while it serializes");
  serializing = true;
  try {
    const state = SERIALIZER;
    // A serialization changes only these; they start as `toMarkdown` starts them (also after one
    // that threw).
    state.stack = [];
    state.indexStack = [];
    state.bulletCurrent = undefined;
    state.bulletLastUsed = undefined;
    const tree: Root = { type: "root", children: expandFlow(root.children) };
    const result = state.handle(tree, undefined, state, {
      before: "\n",
      after: "\n",
      now: { line: 1, column: 1 },
      lineShift: 0,
    });
    // Like `toMarkdown`, ends what is not empty with a line ending.
    const last = result.charCodeAt(result.length - 1);
    return result && last !== 10 && last !== 13 ? result + "\n" : result;
  } finally {
    serializing = false;
  }
}

/** Sends blocks through markdown and back: what a read-then-write round trip will see. */
export function viaMarkdown(nodes: RootContent[]): RootContent[] {
  return parseMarkdown(stringifyMarkdown({ type: "root", children: nodes })).children;
}

/**
 * True when two lists of hub nodes (blocks, or phrasing content) read the same as markdown: how a
 * writer tells an untouched visible part of a shown placeholder from an edited one.
 */
export function sameMarkdown(a: Nodes[], b: Nodes[]): boolean {
  const print = (nodes: Nodes[]) =>
    stringifyMarkdown({ type: "root", children: asBlocks(nodes) }).trim();
  return print(a) === print(b);
}

function asBlocks(nodes: Nodes[]): RootContent[] {
  return isBlockList(nodes) ? nodes as RootContent[] : [paragraph(nodes as PhrasingContent[])];
}

function collectDefinitions(node: Nodes, definitions: Definitions): void {
  if (node.type === "definition") definitions.set(node.identifier, node);
  if ("children" in node) node.children.forEach((child) => collectDefinitions(child, definitions));
}

function normalizeParent(parent: Parents, definitions: Definitions): void {
  delete parent.position;
  if (parent.type === "blockquote") takePanelMarker(parent);
  if (parent.type === "listItem" || parent.type === "tableCell") takeLeadingCarrier(parent);
  if (FLOW_PARENTS.has(parent.type)) {
    parent.children = normalizeFlow(parent.children as RootContent[]) as typeof parent.children;
  } else if (parent.type !== "list" && parent.type !== "table" && parent.type !== "tableRow") {
    const children = parent.children as PhrasingContent[];
    parent.children = normalizePhrasing(children, definitions) as typeof parent.children;
  }
  for (const child of parent.children) {
    if ("children" in child) normalizeParent(child, definitions);
    else delete child.position;
  }
  if (FLOW_PARENTS.has(parent.type)) {
    parent.children = groupWrapped(
      parent.children as RootContent[],
      true,
    ) as typeof parent.children;
  } else if (parent.type !== "list" && parent.type !== "table" && parent.type !== "tableRow") {
    const children = parent.children as PhrasingContent[];
    parent.children = groupWrapped(children, false) as typeof parent.children;
  }
}

/**
 * Gathers shown placeholders (an opening placeholder, its visible nodes, its close) and, in flow
 * content, containers (a begin comment, blocks, its end) into single hub nodes. The visible part
 * of a shown placeholder holds no comments, so its opening is the nearest placeholder before the
 * close; containers nest.
 */
function groupWrapped<T extends RootContent | PhrasingContent>(children: T[], flow: boolean): T[] {
  const out: Nodes[] = [];
  const begins: Array<{ at: number; format: Format; shell: string }> = [];
  for (const node of children) {
    const value = node.type === "html" ? node.value : "";
    const begin = flow && value ? readContainerBegin(value) : undefined;
    const close = value ? readClose(value) : undefined;
    if (begin) {
      begins.push({ at: out.length, format: begin.format, shell: begin.original });
      out.push(node);
    } else if (close?.container) {
      const open = begins.findLastIndex((entry) => entry.format === close.format);
      if (open < 0 || !flow) continue;
      const [{ at, format, shell }] = begins.splice(open);
      const inner = out.splice(at + 1) as RootContent[];
      out[at] = containerNode(format, shell, inner as Parameters<typeof containerNode>[2]);
    } else if (close) {
      const floor = begins.at(-1)?.at ?? -1;
      const at = out.findLastIndex((n, i) => i > floor && isOpenPlaceholder(n, close.format));
      if (at < 0) continue;
      const inner = out.splice(at + 1) as PhrasingContent[];
      out[at] = shownNode(close.format, readPlaceholder((out[at] as Html).value)!.original, inner);
    } else {
      out.push(node);
    }
  }
  return out as T[];
}

function isOpenPlaceholder(node: Nodes, format: Format): boolean {
  if (node.type !== "html" || shownOf(node) || containerOf(node)) return false;
  return readPlaceholder(node.value)?.format === format;
}

function normalizeFlow(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let pending: Carrier | undefined;
  for (const child of children.flatMap(unfoldFootnote)) {
    const node = liftLoneComment(child);
    const found = node.type === "html" ? readCarrier(node.value) : undefined;
    if (found) {
      pending = found;
      continue;
    }
    if (pending) withExtra(node, pending.format, pending.attrs);
    pending = node.type === "paragraph" ? takeLastLineCarrier(node) : undefined;
    if (node.type !== "paragraph" || node.children.length > 0) out.push(node);
  }
  return out;
}

/**
 * A carrier alone on the last line of a paragraph describes the next block: in a tight list item
 * a nested block's carrier cannot be separated from the paragraph above by a blank line.
 */
function takeLastLineCarrier(node: Paragraph): Carrier | undefined {
  const last = node.children.at(-1);
  const before = node.children.at(-2);
  const found = last?.type === "html" ? readCarrier(last.value) : undefined;
  if (!found || (before && (before.type !== "text" || !before.value.endsWith("\n")))) {
    return undefined;
  }
  node.children.pop();
  if (before?.type === "text") before.value = before.value.slice(0, -1);
  if (before?.type === "text" && !before.value) node.children.pop();
  return found;
}

function unfoldFootnote(node: RootContent): RootContent[] {
  if (node.type === "definition") return [];
  if (node.type !== "footnoteDefinition") return [node];
  const [first, ...rest] = node.children;
  const label = text(`[^${node.label ?? node.identifier}]: `);
  if (first?.type === "paragraph") return [paragraph([label, ...first.children]), ...rest];
  return [paragraph([label]), ...node.children];
}

/** A paragraph holding only one of the hub's comments is that comment, as a block. */
function liftLoneComment(node: RootContent): RootContent {
  if (node.type !== "paragraph") return node;
  const meaningful = node.children.filter((c) => !(c.type === "text" && !c.value.trim()));
  const only = meaningful.length === 1 ? meaningful[0] : undefined;
  if (only?.type !== "html") return node;
  const value = only.value;
  const structural = readPlaceholder(value) || readCarrier(value) || readContainerBegin(value) ||
    readClose(value);
  return structural ? html(value.trim()) : node;
}

function normalizePhrasing(
  children: PhrasingContent[],
  definitions: Definitions,
): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const child of children) {
    const node = resolveReference(child, definitions);
    const found = node.type === "html" ? readCarrier(node.value) : undefined;
    const previous = out.at(-1);
    if (found) {
      if (previous?.type === "link" || previous?.type === "image") {
        withExtra(previous, found.format, found.attrs);
      }
    } else if (node.type === "text") {
      out.push(...splitWikiMentions(node.value));
    } else {
      if (isMention(node) && previous?.type === "text" && previous.value.endsWith("@")) {
        previous.value = previous.value.slice(0, -1);
        if (!previous.value) out.pop();
      }
      out.push(node);
    }
  }
  return out;
}

function resolveReference(node: PhrasingContent, definitions: Definitions): PhrasingContent {
  if (node.type === "footnoteReference") return text(`[^${node.label ?? node.identifier}]`);
  if (node.type !== "linkReference" && node.type !== "imageReference") return node;
  const target = definitions.get(node.identifier);
  if (!target) return text(plainText(node));
  const title = target.title ?? null;
  if (node.type === "imageReference") {
    return { type: "image", url: target.url, title, alt: node.alt };
  }
  return { type: "link", url: target.url, title, children: node.children };
}

function splitWikiMentions(value: string): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of value.matchAll(WIKI_MENTION)) {
    if (match.index > last) out.push(text(value.slice(last, match.index)));
    out.push(mentionNode({ kind: "accountid", id: match[1], name: "" }));
    last = match.index + match[0].length;
  }
  if (last < value.length) out.push(text(value.slice(last)));
  return out;
}

function takePanelMarker(quote: Blockquote): void {
  const first = quote.children[0];
  const head = first?.type === "paragraph" ? first.children[0] : undefined;
  const match = head?.type === "text" ? PANEL_MARKER.exec(head.value) : null;
  if (first?.type !== "paragraph" || !match) return;
  const [line, rest] = splitFirstLine(first.children);
  const title = plainText(paragraph(line)).slice(match[0].length).trim();
  const body = rest.length > 0
    ? [paragraph(rest), ...quote.children.slice(1)]
    : quote.children.slice(1);
  quote.children = body;
  quote.data = { ...quote.data, ...panelNode({ type: match[1], title }, body).data };
}

function splitFirstLine(children: PhrasingContent[]): [PhrasingContent[], PhrasingContent[]] {
  for (const [index, child] of children.entries()) {
    if (child.type === "break") return [children.slice(0, index), children.slice(index + 1)];
    const cut = child.type === "text" ? child.value.indexOf("\n") : -1;
    if (cut >= 0 && child.type === "text") {
      const before = child.value.slice(0, cut);
      const after = child.value.slice(cut + 1).trimStart();
      return [
        [...children.slice(0, index), text(before)],
        [...(after ? [text(after)] : []), ...children.slice(index + 1)],
      ];
    }
  }
  return [children, []];
}

function takeLeadingCarrier(parent: ListItem | TableCell): void {
  const host = parent.type === "listItem" ? parent.children[0] : parent;
  if (host?.type !== "paragraph" && host?.type !== "tableCell") return;
  const first = host.children[0];
  const found = first?.type === "html" ? readCarrier(first.value) : undefined;
  if (!found) return;
  host.children.shift();
  const next = host.children[0];
  if (next?.type === "text") {
    next.value = next.value.replace(/^[ \t]+/, "");
    if (!next.value) host.children.shift();
  }
  if (parent.type === "listItem" && host.children.length === 0) parent.children.shift();
  withExtra(parent, found.format, found.attrs);
}

/** The first-line marker of a panel is written without a blank line after it. */
function isPanelMarker(node: Nodes, parent: Nodes): boolean {
  if (parent.type !== "blockquote" || node.type !== "paragraph") return false;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  return only?.type === "html" && PANEL_MARKER.test(only.value);
}

function carrierHtml(node: Nodes) {
  const extra = anyExtraOf(node);
  return extra ? html(carrier(extra.format, extra.attrs)) : undefined;
}

function expandFlow(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    const wrapped = expandWrapped(node, true);
    if (wrapped) return wrapped as RootContent[];
    const comment = node.type === "listItem" ? undefined : carrierHtml(node);
    return comment ? [comment, expandNode(node)] : [expandNode(node)];
  });
}

function expandPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    const wrapped = expandWrapped(node, false);
    if (wrapped) return wrapped as PhrasingContent[];
    const comment = node.type === "link" || node.type === "image" ? carrierHtml(node) : undefined;
    const expanded = expandNode(node) as PhrasingContent;
    return comment ? [expanded, comment] : [expanded];
  });
}

/**
 * A shown placeholder or container written out: opening comment, children, close. Blocks in flow
 * content put each comment on a line of its own; phrasing keeps all three in one run (in flow
 * content, as one paragraph). A container in phrasing content shows its children's text.
 */
function expandWrapped(node: Nodes, flow: boolean): Nodes[] | undefined {
  const shown = shownOf(node);
  const container = containerOf(node);
  const wrapped = shown ?? container;
  if (!wrapped) return undefined;
  const open = html((node as Html).value);
  const close = html(shown ? shownClose(wrapped.format) : containerEnd(wrapped.format));
  const children = wrapped.children as Nodes[];
  if (isBlockList(children) || (container && flow)) {
    if (!flow) return [text(plainText(node))];
    return [open, ...expandFlow(asBlocks(children)), close];
  }
  const run = [open, ...expandPhrasing(children as PhrasingContent[]), close] as PhrasingContent[];
  return flow ? [paragraph(run)] : run;
}

function expandNode<T extends Nodes>(node: T): T {
  if (!("children" in node)) return node;
  const panel = panelOf(node);
  if (panel) {
    const marker = `[!${panel.type.toUpperCase()}]${panel.title ? " " + panel.title : ""}`;
    const children = [paragraph([html(marker.replace(/\s+/g, " "))]), ...node.children];
    return { ...node, children: expandFlow(children as RootContent[]) };
  }
  if (node.type === "listItem") return { ...node, children: withLeadingCarrier(node) };
  if (node.type === "tableCell") {
    const comment = carrierHtml(node);
    const children = expandPhrasing(node.children);
    return { ...node, children: comment ? leadWith(comment, children) : children };
  }
  if (FLOW_PARENTS.has(node.type)) {
    return { ...node, children: expandFlow(node.children as RootContent[]) };
  }
  if (node.type === "list" || node.type === "table" || node.type === "tableRow") {
    return { ...node, children: node.children.map((child) => expandNode(child)) };
  }
  return { ...node, children: expandPhrasing(node.children as PhrasingContent[]) };
}

function withLeadingCarrier(item: ListItem): RootContent[] {
  const children = expandFlow(item.children);
  const comment = carrierHtml(item);
  if (!comment) return children;
  const [first, ...rest] = children;
  if (first?.type === "paragraph") {
    return [{ ...first, children: leadWith(comment, first.children) }, ...rest];
  }
  return [paragraph([comment]), ...children];
}

function leadWith(comment: PhrasingContent, children: PhrasingContent[]): PhrasingContent[] {
  const [first, ...rest] = children;
  if (!first) return [comment];
  if (first.type === "text") return [comment, text(" " + first.value), ...rest];
  return [comment, text(" "), ...children];
}
