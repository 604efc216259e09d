/**
 * The `attachments` argument of `jira_create_customer_request`: a JSON array of
 * `{filename, content_base64, mime_type?}` (`base64` is accepted for `content_base64`, the
 * Python server's name), checked and decoded before anything is created.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { UploadFile } from "../../../jira/service_desk.ts";
import { jsonArray } from "../../schemas.ts";

/** The largest file, in bytes, one attachment may be (50 MiB). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

/** Atlassian takes at most this many temporary files in one upload. */
export const MAX_ATTACHMENTS = 60;

const EXAMPLE =
  '[{"filename": "log.txt", "content_base64": "aGVsbG8=", "mime_type": "text/plain"}]';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded size of base64 text, without decoding it. */
function decodedSize(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes and checks the files of an `attachments` argument (`maxBytes` per file). */
export function parseAttachments(text: string, maxBytes = MAX_ATTACHMENT_BYTES): UploadFile[] {
  const items = jsonArray("attachments", text, EXAMPLE, MAX_ATTACHMENTS);
  return items.map((item, i) => {
    const which = `attachments item ${i + 1}`;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new ToolError(`${which} is not an object.`, `Pass e.g. ${EXAMPLE}.`);
    }
    const o = item as Record<string, unknown>;
    const filename = typeof o.filename === "string" ? o.filename.trim() : "";
    if (!filename) throw new ToolError(`${which} has no filename.`, `Pass e.g. ${EXAMPLE}.`);
    const raw = o.content_base64 ?? o.base64;
    const mime = o.mime_type ?? "application/octet-stream";
    if (typeof mime !== "string" || !mime.trim()) {
      throw new ToolError(
        `${which} (${filename}) has a mime_type that is not text.`,
        `Pass e.g. "text/plain".`,
      );
    }
    const content = typeof raw === "string" ? raw.replace(/\s+/g, "") : "";
    if (!content) {
      throw new ToolError(`${which} (${filename}) has no content_base64.`, `Pass e.g. ${EXAMPLE}.`);
    }
    if (content.length % 4 !== 0 || !BASE64.test(content)) {
      throw new ToolError(
        `${which} (${filename}) is not valid base64.`,
        "Encode the file's bytes as standard base64 (A-Z, a-z, 0-9, +, / and = padding).",
      );
    }
    const size = decodedSize(content);
    if (size > maxBytes) {
      throw new ToolError(
        `${which} (${filename}) is ${size} bytes; one file may be at most ${maxBytes} bytes.`,
        "Attach a smaller file, or split it.",
      );
    }
    const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
    return { filename, mimeType: mime.trim(), bytes };
  });
}
