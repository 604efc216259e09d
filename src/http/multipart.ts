/**
 * A `multipart/form-data` body that streams its file part, so an upload from disk is never held
 * in memory whole (the Web `FormData` needs the file as one `Blob`). The body is made afresh for
 * each send, so a resend (after a credentials refresh, a retry of a refused connection, a
 * 307/308 redirect) carries the whole file again.
 *
 * @module
 */

/** A body opened for one send: `close()` releases what it holds (e.g. an open file). */
export interface OpenedBody {
  body: BodyInit;
  close(): void;
}

/** A request body made afresh by `open()` for each send of the request. */
export class ReplayableBody {
  /** `open` makes the body for one send. */
  constructor(readonly open: () => Promise<OpenedBody>) {}
}

/** A stream of a file's bytes, opened for one send; `close()` releases it. */
export interface OpenedStream {
  readable: ReadableStream<Uint8Array>;
  close(): void;
}

/** A file to upload: its name, type and bytes (or how to open a stream of them for each send). */
export interface UploadContent {
  filename: string;
  mimeType: string;
  /** The bytes, or a function opening a fresh stream of them (e.g. the file on disk). */
  content: Uint8Array | (() => Promise<OpenedStream>);
}

/** The file part of a form. */
export interface FormFile extends UploadContent {
  /** The form field name (`file` for Atlassian's attachment uploads). */
  field: string;
}

/** A form to send: its body and the Content-Type header naming its boundary. */
export interface MultipartBody {
  body: ReplayableBody;
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
  const body = new ReplayableBody(async () => {
    if (content instanceof Uint8Array) {
      return { body: new Blob([head, content as Uint8Array<ArrayBuffer>, tail]), close() {} };
    }
    const opened = await content();
    async function* parts(): AsyncGenerator<Uint8Array> {
      yield head;
      yield* opened.readable;
      yield tail;
    }
    return { body: ReadableStream.from(parts()), close: () => opened.close() };
  });
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
