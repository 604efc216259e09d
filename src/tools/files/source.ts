/**
 * Where an uploaded file comes from: base64 text in the arguments, or a file in the attachments
 * folder, opened afresh for each send of the upload and streamed from disk.
 *
 * @module
 */
import type { OpenedStream, UploadContent } from "../../http/mod.ts";
import { decodeBase64File, MAX_FILE_BYTES } from "./base64.ts";
import {
  type FileAccess,
  type GrantedFile,
  grantedFile,
  openGranted,
  type PathUse,
} from "./folder.ts";
import { isMimeType, mimeTypeOf } from "./kinds.ts";
import { ToolError } from "../../errors.ts";

/** A file ready to upload: checked (size within the cap); a path is opened only when sent. */
export interface UploadSource {
  filename: string;
  mimeType: string;
  size: number;
  /** The file's name, type and content (bytes, or how to open the file for each send). */
  content: UploadContent;
}

/** A checked file, opened for one send; `close()` is safe after its stream closed it. */
async function openStream(file: GrantedFile, which: string): Promise<OpenedStream> {
  const { readable, handle } = await openGranted(file, which);
  return {
    readable,
    close: () => {
      try {
        handle.close();
      } catch {
        // Its stream already closed it at the end of the bytes.
      }
    },
  };
}

// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * Refuses a file name a multipart header cannot carry as it is: a double quote or a control
 * character would be percent-encoded, so the file would be renamed and never match its name.
 */
function checkName(which: string, filename: string): void {
  const shown = filename.replace(CONTROL, "?");
  if (filename.includes('"') || shown !== filename) {
    throw new ToolError(
      `${which} names the file "${shown}", which has a double quote or a control character that an upload cannot carry.`,
      "Rename the file without double quotes or line breaks (e.g. with filename).",
    );
  }
}

/** A file sent as base64 (`which` names it in refusals), decoded now. */
export function base64Source(
  which: string,
  text: string,
  filename: string,
  mimeType?: string,
): UploadSource {
  checkName(which, filename);
  if (mimeType !== undefined && mimeType.trim() && !isMimeType(mimeType)) {
    throw new ToolError(
      `${which} has mime_type ${JSON.stringify(mimeType)}, which is not a MIME type.`,
      "Pass a type/subtype such as image/png, or leave mime_type out.",
    );
  }
  const bytes = decodeBase64File(which, text);
  const type = mimeTypeOf(filename, mimeType);
  return {
    filename,
    mimeType: type,
    size: bytes.length,
    content: { filename, mimeType: type, content: bytes },
  };
}

/** A file in the attachments folder, named by `given`; `filename` renames it on upload. */
export async function pathSource(
  config: FileAccess,
  given: string,
  use: PathUse,
  filename?: string,
): Promise<UploadSource> {
  const file = await grantedFile(config, given, use, MAX_FILE_BYTES);
  const name = filename ?? file.name;
  checkName(`${use.parameter} "${given}"`, name);
  const type = mimeTypeOf(name);
  return {
    filename: name,
    mimeType: type,
    size: file.size,
    content: {
      filename: name,
      mimeType: type,
      content: () => openStream(file, `${use.parameter} "${given}"`),
    },
  };
}
