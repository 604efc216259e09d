/**
 * The hub's conventions on top of plain mdast, shared by every format.
 *
 * - A mention is a `link` whose url is `accountid:ID`, `userkey:KEY` or `username:NAME`; its text
 *   is the display name (may be empty). Markdown shows it as `@[Name](accountid:ID)`.
 * - A panel is a `blockquote` with `data.panel = { type, title }`. Markdown shows it as a
 *   GFM-alert-style blockquote whose first line is `[!TYPE] Optional title`.
 * - A node may carry `data.extra = { format, attrs }`: attributes of the source format that
 *   markdown cannot show. Markdown shows them as a carrier comment (see `placeholder.ts`).
 * - A shown placeholder is an `html` node (its value the placeholder comment) with
 *   `data.shown = { format, original, children }`: `children` are what a person sees of the
 *   original, as plain markdown. A writer of `format` restores `original` while the children are
 *   unchanged (`sameMarkdown`); any other writer, or an edited visible part, writes the children.
 * - A container is an `html` node with `data.container = { format, shell, children }`: `shell`
 *   is a node of `format` without its children, `children` are those children as hub blocks. A
 *   writer of `format` puts the written children back into the shell; any other writer writes the
 *   children alone.
 *
 * @module
 */

import type {
  BlockContent,
  Blockquote,
  Html,
  Link,
  Nodes,
  Paragraph,
  PhrasingContent,
  Text,
} from "./_mdast.ts";
import { containerBegin, type Format, placeholder } from "./placeholder.ts";

/** The kinds of user id the products use: Cloud account ids, DC user keys and user names. */
export type MentionKind = "accountid" | "userkey" | "username";

/** A user mention as the hub sees it. */
export interface Mention {
  kind: MentionKind;
  id: string;
  name: string;
}

/** A panel (info/note/warning/... box) as the hub sees it; `type` is lower case. */
export interface Panel {
  type: string;
  title: string;
}

/** A shown placeholder as the hub sees it (see the module doc). */
export interface Shown {
  format: Format;
  original: string;
  /** Phrasing content for an inline node, block content for a block. */
  children: PhrasingContent[] | BlockContent[];
}

/** A container as the hub sees it (see the module doc). */
export interface Container {
  format: Format;
  shell: string;
  children: BlockContent[];
}

interface HubData {
  extra?: { format: Format; attrs: Record<string, unknown> };
  panel?: Panel;
  shown?: Shown;
  container?: Container;
}

const MENTION_URL = /^(accountid|userkey|username):(\S+)$/;

function hubData(node: Nodes): HubData {
  return (node.data ?? {}) as HubData;
}

function setHubData(node: Nodes, patch: HubData): void {
  node.data = { ...node.data, ...patch } as Nodes["data"];
}

/** True when `node` is a link standing for a mention (`mentionOf` without building the mention). */
export function isMention(node: Nodes): boolean {
  return node.type === "link" && MENTION_URL.test(node.url);
}

/** Returns the mention a link stands for, if it is one. */
export function mentionOf(node: Nodes): Mention | undefined {
  if (node.type !== "link") return undefined;
  const match = MENTION_URL.exec(node.url);
  if (!match) return undefined;
  return { kind: match[1] as MentionKind, id: match[2], name: plainText(node) };
}

/** Builds the hub node for a mention. */
export function mentionNode(mention: Mention): Link {
  const children: PhrasingContent[] = mention.name ? [text(mention.name)] : [];
  return { type: "link", url: `${mention.kind}:${mention.id}`, children };
}

/** Returns the panel a blockquote stands for, if it is one. */
export function panelOf(node: Nodes): Panel | undefined {
  return node.type === "blockquote" ? hubData(node).panel : undefined;
}

/** Builds the hub node for a panel. */
export function panelNode(panel: Panel, children: Blockquote["children"]): Blockquote {
  const node: Blockquote = { type: "blockquote", children };
  setHubData(node, { panel: { type: panel.type.toLowerCase(), title: panel.title } });
  return node;
}

/** Returns the attributes `node` carries for `format`, if any. */
export function extraOf(node: Nodes, format: Format): Record<string, unknown> | undefined {
  const extra = hubData(node).extra;
  return extra?.format === format ? extra.attrs : undefined;
}

/** Returns the carrier of `node` whatever its format, if any. */
export function anyExtraOf(node: Nodes): HubData["extra"] {
  return hubData(node).extra;
}

/** Attaches the attributes `attrs` of `format` to `node` (nothing when `attrs` is empty). */
export function withExtra<T extends Nodes>(
  node: T,
  format: Format,
  attrs: Record<string, unknown> | undefined,
): T {
  if (attrs && Object.keys(attrs).length > 0) setHubData(node, { extra: { format, attrs } });
  return node;
}

/**
 * Builds a shown placeholder: `original` (one serialized node of `format`) with `children`, what
 * a person sees of it as plain markdown (no placeholders inside).
 */
export function shownNode(
  format: Format,
  original: string,
  children: PhrasingContent[] | BlockContent[],
): Html {
  const node = html(placeholder(format, original));
  setHubData(node, { shown: { format, original, children } });
  return node;
}

/** Returns the shown placeholder a node stands for, if it is one. */
export function shownOf(node: Nodes): Shown | undefined {
  return node.type === "html" ? hubData(node).shown : undefined;
}

/** Builds a container: `shell` (a node of `format` without its children) around `children`. */
export function containerNode(format: Format, shell: string, children: BlockContent[]): Html {
  const node = html(containerBegin(format, shell));
  setHubData(node, { container: { format, shell, children } });
  return node;
}

/** Returns the container a node stands for, if it is one. */
export function containerOf(node: Nodes): Container | undefined {
  return node.type === "html" ? hubData(node).container : undefined;
}

const BLOCK_TYPES = new Set([
  "paragraph",
  "heading",
  "thematicBreak",
  "blockquote",
  "list",
  "table",
  "code",
  "definition",
  "footnoteDefinition",
]);

/**
 * True when `nodes` are blocks rather than phrasing content (the children of a shown
 * placeholder are one or the other).
 */
export function isBlockList(nodes: readonly Nodes[]): boolean {
  return nodes.some((node) => BLOCK_TYPES.has(node.type) || containerOf(node) !== undefined);
}

/** Builds a text node. */
export function text(value: string): Text {
  return { type: "text", value };
}

/** Builds an html node (used for placeholders and carriers). */
export function html(value: string): Html {
  return { type: "html", value };
}

/** Builds a paragraph. */
export function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: "paragraph", children };
}

/** The plain text of a node and its descendants (alt text for images, shown parts of placeholders). */
export function plainText(node: Nodes): string {
  const wrapped = shownOf(node) ?? containerOf(node);
  if (wrapped) return wrapped.children.map((child) => plainText(child as Nodes)).join("");
  if ("value" in node && node.type !== "html") return node.value;
  if (node.type === "image") return node.alt ?? "";
  if ("children" in node) return node.children.map((child) => plainText(child as Nodes)).join("");
  return "";
}
