/**
 * The lossless placeholder scheme: content that markdown cannot express travels through the
 * markdown as an HTML comment that carries the original exactly.
 *
 * - `<!--adf:{...}-->` one ADF node as compact JSON;
 * - `<!--storage:<ac:structured-macro ...>...</ac:structured-macro>-->` one storage XML node as
 *   it was written;
 * - `<!--wiki:{toc}-->` a piece of wiki markup as it was written;
 * - `<!--adf-attrs:{...}-->` / `<!--storage-attrs:{...}-->` a "carrier": the attributes of a
 *   node that is otherwise shown as plain markdown (ids, layout, macro parameters, ...).
 * - `<!--adf:{...}-->visible<!--/adf-->` a "shown" placeholder: the original node, then what a
 *   person sees of it as plain markdown (an emoji's character, a date, a status's text), then the
 *   close `<!--/adf-->`. Inline, all three sit in one paragraph; for blocks, each comment is a
 *   line of its own. The visible part holds no comments.
 * - `<!--adf-begin:{...}-->` ... `<!--adf-end-->` a "container": the node without its children
 *   (an expand, a layout column, a bodied macro), around its children written as markdown.
 *
 * The payload is written verbatim except for five characters that would break the comment or
 * the markdown around it: `%` `|` CR LF and the `>` of `-->` (and a final `-`) are written as
 * `%25` `%7C` `%0D` `%0A` `%3E` (`%2D`). Decoding reverses exactly that, so the original comes
 * back byte for byte.
 *
 * @module
 */

/** The formats a placeholder or carrier can come from. */
export type Format = "adf" | "storage" | "wiki";

/** A decoded placeholder: the format it restores into and the original serialized content. */
export interface Placeholder {
  format: Format;
  original: string;
}

/** A decoded carrier: the format it applies to and the attributes it carries. */
export interface Carrier {
  format: Format;
  attrs: Record<string, unknown>;
}

const PATTERN = /^<!--(adf|storage|wiki)(-attrs)?:([\s\S]*)-->$/;
const BEGIN = /^<!--(adf|storage|wiki)-begin:([\s\S]*)-->$/;
const CLOSE = /^<!--(\/(adf|storage|wiki)|(adf|storage|wiki)-end)-->$/;

function encode(payload: string): string {
  return payload
    .replace(/[%|\r\n]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"))
    .replace(/-->/g, "--%3E")
    .replace(/-$/, "%2D");
}

function decode(payload: string): string {
  return payload.replace(/%([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** Returns the comment that carries `original` (one serialized node) for `format`. */
export function placeholder(format: Format, original: string): string {
  return `<!--${format}:${encode(original)}-->`;
}

/** Returns the comment that carries the attributes `attrs` of a node for `format`. */
export function carrier(format: Format, attrs: Record<string, unknown>): string {
  return `<!--${format}-attrs:${encode(JSON.stringify(attrs))}-->`;
}

/** Returns the comment that opens a container: `shell` is the node without its children. */
export function containerBegin(format: Format, shell: string): string {
  return `<!--${format}-begin:${encode(shell)}-->`;
}

/** Returns the comment that closes a shown placeholder (`<!--/adf-->`). */
export function shownClose(format: Format): string {
  return `<!--/${format}-->`;
}

/** Returns the comment that closes a container (`<!--adf-end-->`). */
export function containerEnd(format: Format): string {
  return `<!--${format}-end-->`;
}

/** Decodes a container's opening comment into its format and shell, or undefined. */
export function readContainerBegin(html: string): Placeholder | undefined {
  const match = BEGIN.exec(html.trim());
  return match ? { format: match[1] as Format, original: decode(match[2]) } : undefined;
}

/** What a closing comment closes: a shown placeholder or a container of a format, or undefined. */
export function readClose(html: string): { format: Format; container: boolean } | undefined {
  const match = CLOSE.exec(html.trim());
  if (!match) return undefined;
  return match[2]
    ? { format: match[2] as Format, container: false }
    : { format: match[3] as Format, container: true };
}

/** Decodes a placeholder comment, or returns undefined when `html` is not one. */
export function readPlaceholder(html: string): Placeholder | undefined {
  const match = PATTERN.exec(html.trim());
  if (!match || match[2]) return undefined;
  return { format: match[1] as Format, original: decode(match[3]) };
}

/** Decodes a carrier comment, or returns undefined when `html` is not a well-formed one. */
export function readCarrier(html: string): Carrier | undefined {
  const match = PATTERN.exec(html.trim());
  if (!match || !match[2]) return undefined;
  try {
    const attrs = JSON.parse(decode(match[3]));
    return isRecord(attrs) ? { format: match[1] as Format, attrs } : undefined;
  } catch {
    return undefined;
  }
}

/** True for a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
