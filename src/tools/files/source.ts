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
import { mimeTypeOf } from "./kinds.ts";

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

/** A file sent as base64 (`which` names it in refusals), decoded now. */
export function base64Source(
  which: string,
  text: string,
  filename: string,
  mimeType?: string,
): UploadSource {
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
