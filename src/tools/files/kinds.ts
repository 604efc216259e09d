/**
 * What a downloaded file is and how an answer carries it: images as MCP `ImageContent`, other
 * files as `EmbeddedResource` blobs, each with its MIME type, as the Python server decides.
 *
 * @module
 */
import { extname } from "node:path";
import type { ContentItem } from "../answer.ts";
import { Base64Bytes } from "./base64.ts";

/** The image types a vision model takes (the Python server's list). */
const IMAGE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/svg+xml",
  "image/bmp",
]);

/** Types that say nothing about the file, so its name decides. */
const VAGUE_TYPES = new Set([
  "",
  "application/octet-stream",
  "application/binary",
  "multipart/form-data",
]);

/** MIME types by file extension, for uploads without one and vague downloads. */
const BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".bmp": "image/bmp",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".log": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".json": "application/json",
  ".xml": "application/xml",
  ".html": "text/html",
  ".zip": "application/zip",
};

/** A `type/subtype` of header token characters (RFC 9110), without parameters. */
const MIME_TYPE = /^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** Whether `given` is a MIME type (`type/subtype`, parameters allowed after `;`). */
export function isMimeType(given: string): boolean {
  return MIME_TYPE.test(given.split(";")[0].trim().toLowerCase());
}

/**
 * The file's MIME type: `given` unless it is vague or not a `type/subtype`, else from the name's
 * extension.
 */
export function mimeTypeOf(filename: string, given?: string): string {
  const type = (given ?? "").split(";")[0].trim().toLowerCase();
  if (!VAGUE_TYPES.has(type) && MIME_TYPE.test(type)) return type;
  return BY_EXTENSION[extname(filename).toLowerCase()] ?? "application/octet-stream";
}

/** Whether a file is an image a vision model takes (by its type, or its name if that is vague). */
export function isImage(filename: string, given?: string): boolean {
  return IMAGE_TYPES.has(mimeTypeOf(filename, given));
}

/** A downloaded file as an answer item: `ImageContent` when `asImage`, else a resource blob. */
export function fileItem(
  uri: string,
  mimeType: string,
  bytes: Uint8Array,
  asImage: boolean,
): ContentItem {
  const data = new Base64Bytes(bytes);
  if (asImage) return { type: "image", data, mimeType };
  return { type: "resource", resource: { uri, mimeType, blob: data } };
}

/** The resource URI of an attachment, as the Python server names it. */
export function attachmentUri(owner: string, filename: string): string {
  return `attachment:///${encodeURIComponent(owner)}/${encodeURIComponent(filename)}`;
}
