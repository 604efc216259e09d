/**
 * A list of files to upload in one string argument (`jira_update_issue`'s `attachments`): a JSON
 * array whose items are paths in the attachments folder or `{filename, content_base64,
 * mime_type?}` objects, or, as in the Python server, comma-separated paths. Every file is
 * checked before anything is uploaded.
 *
 * @module
 */
import { ToolError } from "../../errors.ts";
import { commaList, jsonArray } from "../schemas.ts";
import type { FileAccess } from "./folder.ts";
import { base64Source, pathSource, type UploadSource } from "./source.ts";

/** The most files one argument uploads. */
const MAX_UPLOADS = 20;

const EXAMPLE = '[{"filename": "log.txt", "content_base64": "aGVsbG8="}] or ["report.pdf"]';

/** What the server does with paths when no folder is set: the alternative a refusal names. */
const INSTEAD = 'send each file as {"filename": ..., "content_base64": ...}';

/** Checks the files of an argument named `parameter`, in order. */
export async function uploadSources(
  config: FileAccess,
  parameter: string,
  text: string,
): Promise<UploadSource[]> {
  const items: unknown[] = text.trim().startsWith("[")
    ? jsonArray(parameter, text, EXAMPLE, MAX_UPLOADS)
    : commaList(text);
  if (!items.length) throw new ToolError(`${parameter} names no file.`, `Pass e.g. ${EXAMPLE}.`);
  if (items.length > MAX_UPLOADS) {
    throw new ToolError(
      `${parameter} names ${items.length} files; one call uploads at most ${MAX_UPLOADS}.`,
      `Split them into calls of up to ${MAX_UPLOADS}.`,
    );
  }
  const sources: UploadSource[] = [];
  for (const [i, item] of items.entries()) {
    const which = `${parameter} item ${i + 1}`;
    if (typeof item === "string") {
      sources.push(await pathSource(config, item, { parameter: which, instead: INSTEAD }));
      continue;
    }
    const o = (item && typeof item === "object" && !Array.isArray(item) ? item : {}) as Record<
      string,
      unknown
    >;
    const filename = typeof o.filename === "string" ? o.filename.trim() : "";
    if (!filename) {
      throw new ToolError(
        `${which} is neither a path nor a file with a filename.`,
        `Pass e.g. ${EXAMPLE}.`,
      );
    }
    const mime = typeof o.mime_type === "string" ? o.mime_type : undefined;
    sources.push(
      base64Source(
        `${which} (${filename})`,
        String(o.content_base64 ?? o.base64 ?? ""),
        filename,
        mime,
      ),
    );
  }
  return sources;
}
