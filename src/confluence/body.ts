/**
 * Page bodies between the formats tools accept (Markdown, wiki, storage) and what Confluence
 * stores (storage XHTML).
 *
 * @module
 */
import { markdownToStorage, type StorageOptions, storageToMarkdown } from "../content/mod.ts";

/** The formats `content_format` accepts. */
export const CONTENT_FORMATS = ["markdown", "wiki", "storage"] as const;

/** One of {@link CONTENT_FORMATS}. */
export type ContentFormat = typeof CONTENT_FORMATS[number];

/**
 * Converts tool input to a body Confluence accepts, with its representation. `options` (heading
 * anchors, table layout) apply to Markdown only: wiki and storage are sent as they are.
 */
export function toConfluenceBody(
  content: string,
  format: ContentFormat,
  options: StorageOptions = {},
): { body: string; representation: "storage" | "wiki" } {
  if (format === "wiki") return { body: content, representation: "wiki" };
  if (format === "storage") return { body: content, representation: "storage" };
  return { body: markdownToStorage(content, options), representation: "storage" };
}

/** A stored body as Markdown, or untouched storage when asked for raw. */
export function fromConfluenceBody(storage: string, convertToMarkdown: boolean): string {
  return convertToMarkdown ? storageToMarkdown(storage) : storage;
}
