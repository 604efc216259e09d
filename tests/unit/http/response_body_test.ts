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
