/**
 * The stdio transport: the SDK's, reading messages of up to `maxBufferSize` bytes, and writing
 * each answer in pieces, so an answer that carries a file (long base64 strings) is never held a
 * second and third time as one JSON text and its encoded bytes. Messages go out one at a time,
 * in the order they were sent.
 *
 * @module
 */
import process from "node:process";
import { type JSONRPCMessage, StdioServerTransport } from "../sdk.ts";
import { BASE64 } from "../tools/files/base64.ts";

/** Strings longer than this (base64 file content) are written piece by piece. */
const PIECE = 1 << 20;

/** Writes one piece, waiting when stdout asks to. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const flushed = process.stdout.write(text, (error) => error && reject(error));
    if (flushed) resolve();
    else process.stdout.once("drain", () => resolve());
  });
}

/** The SDK's stdio transport with answers written in pieces. */
export class PiecewiseStdioTransport extends StdioServerTransport {
  #queue: Promise<void> = Promise.resolve();
  readonly #mark = `\u0000${crypto.randomUUID()}:`;

  /** Reads stdin and writes stdout; messages read may be up to `maxBufferSize` bytes. */
  constructor(maxBufferSize: number) {
    super(process.stdin, process.stdout, { maxBufferSize });
  }

  /** Sends one message after those sent before it. */
  override send(message: JSONRPCMessage): Promise<void> {
    const sent = this.#queue.then(() => this.#write(message));
    this.#queue = sent.catch(() => {});
    return sent;
  }

  async #write(message: JSONRPCMessage): Promise<void> {
    const long: string[] = [];
    const text = JSON.stringify(message, (_key, value) => {
      if (typeof value !== "string" || value.length <= PIECE || !BASE64.test(value)) return value;
      return `${this.#mark}${long.push(value) - 1}`;
    }) + "\n";
    if (!long.length) return await write(text);
    // The marks come back JSON-escaped: "\u0000<uuid>:<index>".
    const escaped = JSON.stringify(this.#mark).slice(1, -1);
    const parts = text.split(
      new RegExp(`"${escaped.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}(\\d+)"`),
    );
    for (const [i, part] of parts.entries()) {
      if (i % 2 === 0) {
        if (part) await write(part);
        continue;
      }
      const value = long[Number(part)];
      await write('"');
      for (let at = 0; at < value.length; at += PIECE) await write(value.slice(at, at + PIECE));
      await write('"');
    }
  }
}
