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
    const text = new TextDecoder().decode(bytes);
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

/**
 * Reads a body whole, or, with `maxBytes`, at most that many bytes: undefined when it is longer
 * (by its Content-Length, before reading, or as it arrives). A body with a Content-Length is
 * read into one buffer of that size.
 */
export async function readBody(res: Response, maxBytes?: number): Promise<Uint8Array | undefined> {
  if (maxBytes === undefined || !res.body) return new Uint8Array(await res.arrayBuffer());
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await res.body.cancel();
    return undefined;
  }
  let buffer = new Uint8Array(Number.isSafeInteger(declared) ? declared : 64 * 1024);
  let length = 0;
  for await (const chunk of res.body) {
    if (length + chunk.length > maxBytes) {
      // Leaving the loop early cancels the rest of the body.
      return undefined;
    }
    if (length + chunk.length > buffer.length) {
      const grown = new Uint8Array(
        Math.min(maxBytes, Math.max(buffer.length * 2, length + chunk.length)),
      );
      grown.set(buffer.subarray(0, length));
      buffer = grown;
    }
    buffer.set(chunk, length);
    length += chunk.length;
  }
  return buffer.subarray(0, length);
}
