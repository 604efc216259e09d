/**
 * Files sent in the protocol as base64 text: the 50 MiB cap per file, checked on the encoded
 * length before anything is decoded, the decoding itself, and downloaded files' bytes that
 * become their base64 text only as they are sent (`Base64Bytes`).
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { ToolError } from "../../errors.ts";

/** The largest file, in bytes, one attachment may be (50 MiB, the Python server's cap). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Standard base64 text: its alphabet, and at most two `=` of padding at the end. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded size of base64 text, without decoding it. */
function decodedSize(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** The sentence refusing a file over the cap. */
export function overCap(which: string, size: number, maxBytes = MAX_FILE_BYTES): ToolError {
  return new ToolError(
    `${which} is ${size} bytes; one file may be at most ${maxBytes} bytes.`,
    "Attach a smaller file, or split it.",
  );
}

/**
 * Checks base64 text (whitespace allowed) and decodes it; `which` names the file in the refusal
 * (e.g. `attachments item 2 (log.txt)`). Empty text, text that is not standard base64 and a file
 * over `maxBytes` are refused before decoding.
 */
export function decodeBase64File(
  which: string,
  raw: unknown,
  maxBytes = MAX_FILE_BYTES,
): Uint8Array {
  const content = typeof raw === "string" ? raw.replace(/\s+/g, "") : "";
  if (!content) {
    throw new ToolError(`${which} has no content_base64.`, "Send the file's bytes as base64.");
  }
  if (content.length % 4 !== 0 || !BASE64.test(content)) {
    throw new ToolError(
      `${which} is not valid base64.`,
      "Encode the file's bytes as standard base64 (A-Z, a-z, 0-9, +, / and = padding).",
    );
  }
  const size = decodedSize(content);
  if (size > maxBytes) throw overCap(which, size, maxBytes);
  const bytes = Buffer.from(content, "base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A file's bytes as an answer carries them: as JSON (`toJSON`) they are their base64 text, made
 * only when asked, so an answer holds the bytes and not also their text; the stdio transport
 * writes that text in pieces (`pieces`) and never has it whole. The text is made by V8
 * (`toBase64`), in its heap: node:buffer's base64 strings live outside it, where short-lived
 * pieces pile up (about the whole text) before a collection frees them.
 */
export class Base64Bytes {
  /** Carries `bytes`. */
  constructor(readonly bytes: Uint8Array) {}

  /**
   * The base64 text, which JSON.stringify writes in place of this object; inside
   * `stringifyStandingIn`, the text standing in for it instead.
   */
  toJSON(): string {
    return standIn ? standIn(this) : this.bytes.toBase64();
  }

  /** The base64 text in consecutive pieces of `chars` characters (a multiple of 4). */
  *pieces(chars: number): Generator<string> {
    const step = (chars / 4) * 3;
    for (let at = 0; at < this.bytes.length; at += step) {
      yield this.bytes.subarray(at, at + step).toBase64();
    }
  }
}

/** While `stringifyStandingIn` runs: the text a file is written as in place of its base64. */
let standIn: ((file: Base64Bytes) => string) | undefined;

/**
 * JSON.stringify of `value`, each `Base64Bytes` in it written as `stand(file)` in place of its
 * base64 text, which is then never made.
 */
export function stringifyStandingIn(
  value: unknown,
  stand: (file: Base64Bytes) => string,
): string {
  standIn = stand;
  try {
    return JSON.stringify(value);
  } finally {
    standIn = undefined;
  }
}
