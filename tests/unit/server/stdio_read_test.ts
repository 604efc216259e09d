/**
 * Reading stdio messages: lines split wherever the reads cut them (inside a line break, a
 * `\r\n`, a multi-byte character), a line too long refused, a line that is not JSON-RPC reported
 * and skipped, and the session ended when the input ends.
 */
import { deepEqual, equal, match, throws } from "node:assert/strict";
import type { JSONRPCMessage } from "../../../src/sdk.ts";
import { type ByteReader, LineSplitter, StdioTransport } from "../../../src/server/stdio.ts";

const encoder = new TextEncoder();

/** An input that hands out `chunks` one read at a time (each at most the reader's buffer). */
function input(chunks: Uint8Array[]): ByteReader {
  const queue = [...chunks];
  return {
    read(into) {
      const next = queue.shift();
      if (!next) return Promise.resolve(null);
      into.set(next);
      return Promise.resolve(next.length);
    },
  };
}

/** The bytes of `text` cut after every `size` bytes. */
function cut(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
  return chunks;
}

Deno.test("lines come out whole wherever the reads cut them", () => {
  const text = 'first é😀\r\n{"b":2}\n\nlast\n';
  for (let size = 1; size <= encoder.encode(text).length; size++) {
    const splitter = new LineSplitter(100);
    const lines = cut(text, size).flatMap((chunk) => splitter.push(chunk));
    deepEqual(lines, ["first é😀", '{"b":2}', "", "last"], `cut every ${size} bytes`);
  }
});

Deno.test("a line longer than the limit is refused, and the splitter starts afresh", () => {
  const splitter = new LineSplitter(8);
  deepEqual(splitter.push(encoder.encode("12345678\n")), ["12345678"]);
  deepEqual(splitter.push(encoder.encode("12345")), []);
  throws(() => splitter.push(encoder.encode("6789\n")), /longer than 8 bytes/);
  deepEqual(splitter.push(encoder.encode("ok\n")), ["ok"]);
});

Deno.test("the transport delivers messages, reports lines that are not JSON-RPC, and ends with its input", async () => {
  const ping = { jsonrpc: "2.0", id: 1, method: "ping" } as const;
  const note = { jsonrpc: "2.0", method: "notifications/initialized" } as const;
  const lines = [JSON.stringify(ping), "not json", '{"no":"jsonrpc"}', JSON.stringify(note), ""];
  const transport = new StdioTransport(1000, input(cut(lines.join("\n"), 7)));
  const messages: JSONRPCMessage[] = [];
  const errors: Error[] = [];
  let closes = 0;
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => {
      closes++;
      resolve();
    };
  });
  transport.onmessage = (message) => messages.push(message);
  transport.onerror = (error) => errors.push(error);
  await transport.start();
  await closed;
  await transport.close();
  deepEqual(messages, [ping, note]);
  equal(errors.length, 2);
  match(errors[0].message, /JSON/);
  equal(closes, 1);
});

Deno.test("a message longer than the limit ends the session with one sentence", async () => {
  const transport = new StdioTransport(10, input([encoder.encode(`${"x".repeat(20)}\n`)]));
  const errors: Error[] = [];
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  transport.onerror = (error) => errors.push(error);
  await transport.start();
  await closed;
  deepEqual(errors.map((error) => error.message), [
    "A message on stdin was longer than 10 bytes, the longest this server reads.",
  ]);
});

/** Starts `transport` and resolves, once it has ended, to the errors it reported. */
async function run(transport: StdioTransport): Promise<string[]> {
  const errors: string[] = [];
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  transport.onerror = (error) => errors.push(error.message);
  await transport.start();
  await closed;
  return errors;
}

Deno.test("a failing read is reported and ends the session", async () => {
  const failing: ByteReader = { read: () => Promise.reject(new Error("Bad file descriptor")) };
  deepEqual(await run(new StdioTransport(100, failing)), ["Bad file descriptor"]);
});

Deno.test("a message whose handling throws is reported, and the messages after it are delivered", async () => {
  const pings = [1, 2, 3].map((id) => JSON.stringify({ jsonrpc: "2.0", id, method: "ping" }));
  const transport = new StdioTransport(1000, input([encoder.encode(pings.join("\n") + "\n")]));
  const ids: unknown[] = [];
  transport.onmessage = (message) => {
    if ("id" in message && message.id === 2) throw new Error("handler failed");
    ids.push("id" in message ? message.id : undefined);
  };
  deepEqual(await run(transport), ["handler failed"]);
  deepEqual(ids, [1, 3]);
});

Deno.test("a transport starts once", async () => {
  const transport = new StdioTransport(100, input([]));
  await run(transport);
  throws(() => transport.start(), /started twice/);
});
