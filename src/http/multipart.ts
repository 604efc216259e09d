/**
 * A `multipart/form-data` body that streams its file part, so an upload from disk is never held
 * in memory whole (the Web `FormData` needs the file as one `Blob`).
 *
 * @module
 */

/** A file to upload: its name, type and bytes (or a stream of them). */
export interface UploadContent {
  filename: string;
  mimeType: string;
  /** The bytes, or a stream of them (e.g. an open file's `readable`). */
  content: Uint8Array | ReadableStream<Uint8Array>;
}

/** The file part of a form. */
export interface FormFile extends UploadContent {
  /** The form field name (`file` for Atlassian's attachment uploads). */
  field: string;
}

/** A form to send: its body and the Content-Type header naming its boundary. */
export interface MultipartBody {
  body: ReadableStream<Uint8Array>;
  contentType: string;
}

/** A quoted header parameter value (quotes and line breaks percent-encoded, as browsers do). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}"`;
}

/** Builds a form of text `fields` (in order) and one file, which comes first. */
export function multipartBody(file: FormFile, fields: [string, string][] = []): MultipartBody {
  const boundary = `----mcp-atlassian-${crypto.randomUUID()}`;
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${
      quoted(file.filename)
    }\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = encoder.encode(
    fields.map(([name, value]) =>
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}`
    ).join("") + `\r\n--${boundary}--\r\n`,
  );
  const content = file.content;
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    if (content instanceof Uint8Array) yield content;
    else yield* content;
    yield tail;
  }
  return {
    body: ReadableStream.from(parts()),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
