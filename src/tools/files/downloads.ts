/**
 * Downloading several files into one answer: one after another, each within the 50 MiB cap
 * (checked on the size Atlassian reports, then while the bytes arrive), and all of them within
 * `MAX_ANSWER_BYTES`; a file that fails is reported and the others still come.
 *
 * @module
 */
import { ToolError } from "../../errors.ts";
import type { ContentItem } from "../answer.ts";
import type { Progress } from "../define.ts";
import { itemFailure } from "../run.ts";
import { MAX_FILE_BYTES } from "./base64.ts";
import { fileItem, mimeTypeOf } from "./kinds.ts";

/**
 * The most file bytes one answer carries: one file at the cap, or several smaller ones (base64
 * makes the message a third larger).
 */
const MAX_ANSWER_BYTES = MAX_FILE_BYTES;

/** A file to download. */
export interface Downloadable {
  filename: string;
  /** The type Atlassian gives; a vague one is replaced by the name's. */
  mimeType?: string;
  /** The size Atlassian reports, when it does. */
  size?: number;
  /** The resource URI the answer names it by. */
  uri: string;
  /** Reads its bytes, refusing a body over `maxBytes`. */
  fetch(maxBytes: number): Promise<Uint8Array>;
}

/** What downloading gave: the answer items, and per file what came and what failed. */
export interface Downloaded {
  items: ContentItem[];
  downloaded: { filename: string; mime_type: string; size: number }[];
  failed: { filename: string; error: string }[];
}

/** Downloads `files` in order, as images (`ImageContent`) or resource blobs. */
export async function downloadFiles(
  files: readonly Downloadable[],
  asImage: boolean,
  progress?: Progress,
): Promise<Downloaded> {
  const out: Downloaded = { items: [], downloaded: [], failed: [] };
  let total = 0;
  for (const [i, file] of files.entries()) {
    await progress?.(i, files.length, `Downloading ${file.filename}`);
    const left = MAX_ANSWER_BYTES - total;
    try {
      if ((file.size ?? 0) > MAX_FILE_BYTES) {
        throw new ToolError(
          `${file.filename} is ${file.size} bytes; one file may be at most ${MAX_FILE_BYTES}.`,
        );
      }
      if ((file.size ?? 0) > left) {
        throw new ToolError(
          `${file.filename} does not fit: this answer already carries ${total} bytes and holds at most ${MAX_ANSWER_BYTES}.`,
          "Download it on its own.",
        );
      }
      const bytes = await file.fetch(left);
      const mimeType = mimeTypeOf(file.filename, file.mimeType);
      out.items.push(fileItem(file.uri, mimeType, bytes, asImage));
      out.downloaded.push({ filename: file.filename, mime_type: mimeType, size: bytes.length });
      total += bytes.length;
    } catch (error) {
      out.failed.push({ filename: file.filename, error: itemFailure(error) });
    }
  }
  return out;
}
