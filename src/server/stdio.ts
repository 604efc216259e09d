/**
 * The stdio transport: messages read from stdin as lines, and each message written through one
 * reused buffer, a piece at a time. A file an answer carries (`Base64Bytes`) becomes base64 one
 * piece at a time as it is written, so neither its whole base64 text nor the message's JSON text
 * nor their encoded bytes ever exist. The bytes written are those of `JSON.stringify(message)`
 * and a line break, as the SDK writes them. Messages go out one at a time, in the order they were
 * sent.
 *
 * @module
 */
import { type JSONRPCMessage, JSONRPCMessageSchema, type Transport } from "../sdk.ts";
import { type Base64Bytes, stringifyStandingIn } from "../tools/files/base64.ts";

/** Characters encoded at a time: a multiple of 4, so base64 pieces join without padding. */
const PIECE = 64 * 1024;

/** What stands for a file in the JSON text until the file is written: the mark and its index. */
const MARK = `\u0000${crypto.randomUUID()}:`;

/** A mark as it appears in the JSON text (quoted, its NUL escaped); its index is captured. */
const QUOTED_MARK = new RegExp(
  `"${JSON.stringify(MARK).slice(1, -1).replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}(\\d+)"`,
);

const ENCODER = new TextEncoder();

/** Writes bytes, resolving once they are written (their buffer may then be reused). */
export type WriteBytes = (bytes: Uint8Array) => Promise<void>;

/** Writes JSON-RPC messages as lines through `write`, encoding them piece by piece. */
export class MessageWriter {
  // A piece of PIECE characters takes at most 3 UTF-8 bytes each (a surrogate pair: 4 for 2).
  readonly #buffer = new Uint8Array(3 * PIECE);
  #used = 0;

  /** Writes through `write`. */
  constructor(readonly write: WriteBytes) {}

  /** Writes `message` and a line break; resolves once all of it is written. */
  async send(message: JSONRPCMessage): Promise<void> {
    const files: Base64Bytes[] = [];
    const text = stringifyStandingIn(message, (file) => `${MARK}${files.push(file) - 1}`) + "\n";
    const parts = files.length ? text.split(QUOTED_MARK) : [text];
    for (const [i, part] of parts.entries()) {
      if (i % 2 === 0) {
        await this.#add(part);
        continue;
      }
      await this.#add('"');
      for (const piece of files[Number(part)].pieces(PIECE)) await this.#add(piece);
      await this.#add('"');
    }
    await this.#flush();
  }

  /** Encodes `text` into the buffer, writing the buffer whenever the next piece might not fit. */
  async #add(text: string): Promise<void> {
    for (let at = 0; at < text.length;) {
      let end = Math.min(text.length, at + PIECE);
      // A surrogate pair stays in one piece (alone, each half would become U+FFFD).
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      if (this.#used + 3 * (end - at) > this.#buffer.length) await this.#flush();
      const into = this.#buffer.subarray(this.#used);
      this.#used += ENCODER.encodeInto(text.slice(at, end), into).written;
      at = end;
    }
  }

  async #flush(): Promise<void> {
    if (!this.#used) return;
    const used = this.#used;
    this.#used = 0;
    await this.write(this.#buffer.subarray(0, used));
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The most written to stdout at once, on this thread: a message answering a call (a few KiB) is
 * then on its way without the asynchronous write's hand-over to another thread (0.08-0.12 ms less
 * a call on average over 8 interleaved sessions of the bench's latency rows). The trade-off: a
 * write that finds the pipe nearly full (a client that reads slowly or not at all, with more than
 * about 48 KiB of a 64 KiB pipe unread) blocks the whole isolate, its fetches and timers too,
 * until the client reads. Larger pieces (a file) are written asynchronously.
 */
const SYNC_WRITE = 16 * 1024;

/**
 * Writes bytes to stdout, resolving once they are written. Straight to `Deno.stdout`, the only
 * writer of stdout: through `process.stdout`, a 40 MiB file's answer left about 5 MiB more
 * behind at its peak (measured).
 */
async function writeStdout(bytes: Uint8Array): Promise<void> {
  let done = bytes.length <= SYNC_WRITE ? Deno.stdout.writeSync(bytes) : 0;
  while (done < bytes.length) done += await Deno.stdout.write(bytes.subarray(done));
}

/** Where messages are read from: `Deno.stdin`, or a stand-in in tests. */
export interface ByteReader {
  /** Reads into `into`; resolves to the number of bytes read, or null at the end. */
  read(into: Uint8Array): Promise<number | null>;
}

/** Bytes read from stdin at a time. */
const READ_SIZE = 64 * 1024;

/**
 * Splits bytes into lines (without their `\n` and a `\r` before it), refusing a line longer than
 * `maxBytes`. A line is decoded once, when its end arrives (a byte order mark is kept, as the
 * SDK's transport keeps it); the bytes given are not kept (a line's unfinished part is copied),
 * so the caller may reuse its buffer. A refusal loses the chunk it came in: the transport ends
 * the session then.
 */
export class LineSplitter {
  readonly #parts: Uint8Array[] = [];
  #bytes = 0;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  /** Lines of at most `maxBytes` bytes. */
  constructor(readonly maxBytes: number) {}

  /** The lines that `chunk` completes. Throws when a line grows past `maxBytes`. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, from)) {
      this.#grow(end - from);
      lines.push(this.#line(chunk.subarray(from, end)));
      from = end + 1;
    }
    if (from < chunk.length) {
      this.#grow(chunk.length - from);
      this.#parts.push(chunk.slice(from));
    }
    return lines;
  }

  #grow(bytes: number): void {
    this.#bytes += bytes;
    if (this.#bytes > this.maxBytes) {
      this.#parts.length = 0;
      this.#bytes = 0;
      throw new Error(
        `A message on stdin was longer than ${this.maxBytes} bytes, the longest this server reads.`,
      );
    }
  }

  #line(last: Uint8Array): string {
    let bytes = last;
    if (this.#parts.length) {
      bytes = new Uint8Array(this.#bytes);
      let at = 0;
      for (const part of [...this.#parts, last]) {
        bytes.set(part, at);
        at += part.length;
      }
      this.#parts.length = 0;
    }
    this.#bytes = 0;
    const line = this.#decoder.decode(bytes);
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  }
}

/**
 * The stdio transport: reads JSON-RPC lines of up to `maxMessageBytes` bytes straight from
 * `Deno.stdin` (the SDK's transport reads through `process.stdin`'s Node stream machinery:
 * about a tenth of the server's CPU per call in a profile) and writes messages piece by piece
 * (`MessageWriter`). A line that is not a JSON-RPC message is reported through `onerror` and
 * skipped, as the SDK's transport does; a line too long ends the session. The session also ends
 * when stdin ends; once it is closed, no more messages are delivered (a read already waiting on
 * stdin is left to the process's exit).
 */
export class StdioTransport implements Transport {
  /** Called once, when the session ends. */
  onclose?: () => void;
  /** Called with what went wrong reading a message. */
  onerror?: (error: Error) => void;
  /** Called with each message read. */
  onmessage?: (message: JSONRPCMessage) => void;
  #queue: Promise<void> = Promise.resolve();
  readonly #writer = new MessageWriter(writeStdout);
  readonly #lines: LineSplitter;
  #reading = false;
  #closed = false;

  /** Reads from `input` (stdin) messages of at most `maxMessageBytes` bytes. */
  constructor(maxMessageBytes: number, readonly input: ByteReader = Deno.stdin) {
    this.#lines = new LineSplitter(maxMessageBytes);
  }

  /** Starts reading; resolves at once. */
  start(): Promise<void> {
    if (this.#reading) throw new Error("The stdio transport was started twice.");
    this.#reading = true;
    this.#read();
    return Promise.resolve();
  }

  /** Reads until stdin ends, a read fails or the session is closed, then ends it; never rejects. */
  async #read(): Promise<void> {
    const buffer = new Uint8Array(READ_SIZE);
    try {
      for (
        let n = await this.input.read(buffer);
        n !== null && !this.#closed;
        n = await this.input.read(buffer)
      ) {
        for (const line of this.#lines.push(buffer.subarray(0, n))) {
          if (this.#closed) return;
          this.#deliver(line);
        }
      }
    } catch (error) {
      if (!this.#closed) this.#report(error);
    } finally {
      try {
        await this.close();
      } catch (error) {
        this.#report(error);
      }
    }
  }

  /** Reads one message: what is wrong with it, or what handling it threw, goes to `onerror`. */
  #deliver(line: string): void {
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch (error) {
      this.#report(error);
      return;
    }
    try {
      this.onmessage?.(message);
    } catch (error) {
      this.#report(error);
    }
  }

  #report(error: unknown): void {
    try {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // An error handler that fails has nothing left to tell it to.
    }
  }

  /** Sends one message after those sent before it. */
  send(message: JSONRPCMessage): Promise<void> {
    const sent = this.#queue.then(() => this.#writer.send(message));
    this.#queue = sent.catch(() => {});
    return sent;
  }

  /** Ends the session (once): nothing more is delivered. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.onclose?.();
    }
    return Promise.resolve();
  }
}
