/**
 * The `attachments` argument of `jira_create_customer_request`: a JSON array of
 * `{filename, content_base64, mime_type?}` (`base64` is accepted for `content_base64`, the
 * Python server's name), checked and decoded before anything is created.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { UploadFile } from "../../../jira/service_desk.ts";
import { decodeBase64File, MAX_FILE_BYTES } from "../../files/base64.ts";
import { jsonArray } from "../../schemas.ts";

/** Atlassian takes at most this many temporary files in one upload. */
export const MAX_ATTACHMENTS = 60;

const EXAMPLE =
  '[{"filename": "log.txt", "content_base64": "aGVsbG8=", "mime_type": "text/plain"}]';

/** Decodes and checks the files of an `attachments` argument (`maxBytes` per file). */
export function parseAttachments(text: string, maxBytes = MAX_FILE_BYTES): UploadFile[] {
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
    const bytes = decodeBase64File(`${which} (${filename})`, raw, maxBytes);
    return { filename, mimeType: mime.trim(), bytes };
  });
}
