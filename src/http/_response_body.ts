/**
 * What a successful request resolves to: the raw answer, nothing (204/205/empty), or JSON that
 * parsed and, when the request named one, has the expected shape. Anything else (an HTML login
 * page, text, broken JSON, JSON of another shape) is an `unexpected_answer` error, never a result.
 *
 * @module
 */
import type { z } from "zod";
import { type ErrorContext, unexpectedAnswer } from "./errors/mod.ts";
import { shapeProblem } from "./expect.ts";

const DECODER = new TextDecoder();

/** A body's bytes as text (UTF-8, a bad sequence as U+FFFD). */
export function bodyText(bytes: Uint8Array): string {
  return DECODER.decode(bytes);
}

/** The value a 2xx answer with `bytes` as its body resolves to (`raw`: a `RawBody`). */
export function decodeBody<T>(
  ctx: ErrorContext,
  res: Response,
  bytes: Uint8Array,
  options: { raw?: boolean; expect?: z.ZodType },
): T {
  if (options.raw) return { status: res.status, headers: res.headers, bytes } as T;
  const empty = bytes.length === 0 || res.status === 204 || res.status === 205;
  let value: unknown = undefined;
  if (!empty) {
    const type = res.headers.get("content-type") ?? "";
    const text = bodyText(bytes);
    if (!/[/+]json\b/i.test(type)) {
      throw unexpectedAnswer(
        ctx,
        /html/i.test(type) || /^\s*</.test(text)
          ? { kind: "html" }
          : { kind: "text", contentType: type },
      );
    }
    try {
      value = JSON.parse(text);
    } catch {
      throw unexpectedAnswer(ctx, { kind: "unparsable_json" });
    }
  }
  if (options.expect) {
    const problem = shapeProblem(options.expect, value);
    if (problem) {
      throw unexpectedAnswer(ctx, {
        kind: "shape",
        expected: options.expect.description ?? "the expected answer",
        problem,
      });
    }
  }
  return value as T;
}

/** How much a body of unknown length is first read into, and read at once past its end. */
const CHUNK = 64 * 1024;

/**
 * The most a Content-Length reserves before any byte arrives (a larger body grows past it as it
 * arrives): a header claiming gigabytes must not allocate them. Above the 50 MiB file cap.
 */
const FIRST_BUFFER_MAX = 64 * 1024 * 1024;

/**
 * Reads a body whole, or, with `maxBytes`, at most that many bytes: undefined when it is longer
 * (by its Content-Length, before reading, or as it arrives). With a limit (files), the body goes
 * into one buffer: of its Content-Length when it has one (up to 64 MiB), else grown as it arrives
 * (also when the Content-Length was that of a compressed body); a byte stream (a fetched body) is
 * read straight into that buffer.
 */
export async function readBody(
  res: Response,
  maxBytes = Infinity,
): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array();
  // Without a limit (JSON answers, errors), Deno's own reader is quickest.
  if (maxBytes === Infinity) return new Uint8Array(await res.arrayBuffer());
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await res.body.cancel();
    return undefined;
  }
  const reader = chunkReader(res.body);
  let buffer: Uint8Array = new Uint8Array(
    Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, FIRST_BUFFER_MAX) : CHUNK,
  );
  let length = 0;
  for (;;) {
    const inPlace = reader.byob && length < buffer.length;
    const { value, done } = await reader.read(
      inPlace ? buffer.subarray(length) : new Uint8Array(CHUNK),
    );
    // A BYOB read takes the buffer it fills and hands it back in `value`, also at the end.
    if (inPlace) buffer = new Uint8Array(value!.buffer);
    if (done) break;
    if (length + value.length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    if (!inPlace) {
      if (length + value.length > buffer.length) {
        const grown = new Uint8Array(
          Math.min(maxBytes, Math.max(buffer.length * 2, length + value.length)),
        );
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(value, length);
    }
    length += value.length;
  }
  return buffer.subarray(0, length);
}

/** A stream's reader: a BYOB one (reading into the view given) when the stream allows it. */
function chunkReader(body: ReadableStream<Uint8Array>): {
  byob: boolean;
  read(into: Uint8Array): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
} {
  try {
    const reader = body.getReader({ mode: "byob" });
    return { byob: true, read: (into) => reader.read(into), cancel: () => reader.cancel() };
  } catch {
    // Not a byte stream (a Response built from a string or a plain stream).
    const reader = body.getReader();
    return { byob: false, read: () => reader.read(), cancel: () => reader.cancel() };
  }
}
