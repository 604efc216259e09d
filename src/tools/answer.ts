/**
 * Turns a handler's value into the tool's answer: no nulls, no empty fields, compact JSON, and
 * the files of the download tools after their summary.
 *
 * @module
 */
import type { CallToolResult, TextContent } from "../sdk.ts";
import type { Base64Bytes } from "./files/base64.ts";

/** Removes null, undefined, empty strings, empty arrays and empty objects, recursively. */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(prune).filter((v) => v !== undefined);
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(value)) {
      const v = prune(raw);
      if (v === undefined) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0) continue;
      out[key] = v;
    }
    return out;
  }
  if (value === null || value === undefined || value === "") return undefined;
  return value;
}

/** Renders an answer: strings as they are, everything else as pruned compact JSON. */
export function renderAnswer(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(prune(value) ?? {});
}

/**
 * An image or a file as an answer carries it: MCP `ImageContent` or an `EmbeddedResource` blob,
 * the base64 text as `Base64Bytes` (which JSON writes as that text).
 */
export type ContentItem =
  | { type: "image"; data: Base64Bytes; mimeType: string }
  | { type: "resource"; resource: { uri: string; mimeType: string; blob: Base64Bytes } };

/**
 * A tool's result as this server makes it: a `CallToolResult` of text and files, the files'
 * base64 as `Base64Bytes`. Sent as JSON it is that `CallToolResult`.
 */
export interface ToolResult {
  content: (TextContent | ContentItem)[];
  isError?: CallToolResult["isError"];
}

/**
 * An answer that carries files: its summary (rendered like any answer) comes first, then each
 * item as it is, as the Python server answers its download tools.
 */
export class ContentAnswer {
  /** The summary and the items that follow it. */
  constructor(readonly summary: unknown, readonly items: readonly ContentItem[]) {}
}
