import assert from "node:assert/strict";
import { readBody } from "../../../src/http/_response_body.ts";

function chunked(parts: number[]): Response {
  return new Response(ReadableStream.from(parts.map((n) => new Uint8Array(n).fill(n))));
}

Deno.test("readBody reads a body up to maxBytes and refuses a longer one", async () => {
  assert.equal((await readBody(chunked([3, 4]), 7))?.length, 7);
  assert.equal(await readBody(chunked([3, 4, 1]), 7), undefined);
  assert.deepEqual([...(await readBody(chunked([2, 1]), 10))!], [2, 2, 1]);
});

Deno.test("readBody refuses by Content-Length before reading, and reads whole without a limit", async () => {
  const declared = new Response("0123456789", { headers: { "content-length": "10" } });
  assert.equal(await readBody(declared, 9), undefined);
  assert.equal((await readBody(new Response("0123456789")))?.length, 10);
  const exact = new Response("0123456789", { headers: { "content-length": "10" } });
  assert.equal(new TextDecoder().decode(await readBody(exact, 10)), "0123456789");
});

/** A byte stream (as fetched bodies are) giving `parts`, each n bytes of value n. */
function bytes(parts: number[], headers?: HeadersInit): Response {
  const left = [...parts];
  const body = new ReadableStream({
    type: "bytes",
    pull(controller) {
      const n = left.shift();
      if (n === undefined) {
        controller.close();
        // A pending BYOB read ends only when answered.
        controller.byobRequest?.respond(0);
      } else controller.enqueue(new Uint8Array(n).fill(n));
    },
  });
  return new Response(body, { headers });
}

Deno.test("readBody reads a byte stream with a Content-Length into one buffer of that size", async () => {
  const body = await readBody(bytes([3, 4, 5], { "content-length": "12" }), 12);
  assert.deepEqual([...body!], [3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5]);
  assert.equal(body!.buffer.byteLength, 12);
});

Deno.test("readBody reads a byte stream longer or shorter than its Content-Length, or without one", async () => {
  // With a limit: the one-buffer reader, grown past a Content-Length that was too small.
  const longer = await readBody(bytes([3, 4], { "content-length": "5" }), 1_000_000);
  assert.deepEqual([...longer!], [3, 3, 3, 4, 4, 4, 4]);
  const shorter = await readBody(bytes([2], { "content-length": "5" }), 1_000_000);
  assert.deepEqual([...shorter!], [2, 2]);
  const unknown = await readBody(bytes([70_000, 70_000]), 1_000_000);
  assert.equal(unknown!.length, 140_000);
  assert.equal(unknown![139_999], 70_000 % 256);
  assert.equal(await readBody(bytes([3, 4]), 6), undefined);
  assert.equal(await readBody(bytes([3, 4], { "content-length": "7" }), 6), undefined);
  assert.equal(await readBody(bytes([3, 4], { "content-length": "3" }), 6), undefined);
});

Deno.test("readBody grows its buffer for a plain stream longer than a read, under a limit", async () => {
  const body = await readBody(chunked([70_000, 70_000, 3]), 1_000_000);
  assert.equal(body!.length, 140_003);
  assert.equal(body![69_999], 70_000 % 256);
  assert.equal(body![140_002], 3);
});

Deno.test("readBody reserves at most 64 MiB for a Content-Length, whatever it claims", async () => {
  const claims = await readBody(bytes([3, 4], { "content-length": String(2 ** 40) }), 2 ** 41);
  assert.deepEqual([...claims!], [3, 3, 3, 4, 4, 4, 4]);
  assert.equal(claims!.buffer.byteLength, 64 * 1024 * 1024);
});
