/**
 * The hub's conventions on top of plain mdast, shared by every format.
 *
 * - A mention is a `link` whose url is `accountid:ID`, `userkey:KEY` or `username:NAME`; its text
 *   is the display name (may be empty). Markdown shows it as `@[Name](accountid:ID)`.
 * - A panel is a `blockquote` with `data.panel = { type, title }`. Markdown shows it as a
 *   GFM-alert-style blockquote whose first line is `[!TYPE] Optional title`.
 * - A node may carry `data.extra = { format, attrs }`: attributes of the source format that
 *   markdown cannot show. Markdown shows them as a carrier comment (see `placeholder.ts`).
 *
 * @module
 */

import type { Blockquote, Html, Link, Nodes, Paragraph, PhrasingContent, Text } from "./_mdast.ts";
import type { Format } from "./placeholder.ts";

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

interface HubData {
  extra?: { format: Format; attrs: Record<string, unknown> };
  panel?: Panel;
}

const MENTION_URL = /^(accountid|userkey|username):(\S+)$/;

function hubData(node: Nodes): HubData {
  return (node.data ?? {}) as HubData;
}

function setHubData(node: Nodes, patch: HubData): void {
  node.data = { ...node.data, ...patch } as Nodes["data"];
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

/** The plain text of a node and its descendants (alt text for images). */
export function plainText(node: Nodes): string {
  if ("value" in node && node.type !== "html") return node.value;
  if (node.type === "image") return node.alt ?? "";
  if ("children" in node) return node.children.map((child) => plainText(child as Nodes)).join("");
  return "";
}
