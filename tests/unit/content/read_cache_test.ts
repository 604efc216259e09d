import { deepEqual, equal } from "node:assert/strict";
import { ReadCache } from "../../../src/content/read_cache.ts";

/** A conversion that counts its calls. */
function counting(value: string, ok = true) {
  const calls = { n: 0 };
  return { calls, convert: () => (calls.n++, { value, ok }) };
}

Deno.test("ReadCache converts an unchanged text once", () => {
  const cache = new ReadCache(1000);
  const { calls, convert } = counting("# Title\n");
  equal(cache.read("a", convert), "# Title\n");
  equal(cache.read("a", convert), "# Title\n");
  equal(calls.n, 1);
});

Deno.test("ReadCache keeps no fallback, so its warning is logged on every read", () => {
  const cache = new ReadCache(1000);
  const { calls, convert } = counting("<!--adf:...-->", false);
  cache.read("a", convert);
  cache.read("a", convert);
  equal(calls.n, 2);
  equal(cache.size, 0);
});

Deno.test("ReadCache evicts the least recently used beyond its size, and skips texts too large", () => {
  const cache = new ReadCache(80); // 10 characters per entry: "k1" + 8
  const read = (key: string) => cache.read(key, () => ({ value: "x".repeat(8), ok: true }));
  for (const key of ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"]) read(key);
  equal(cache.size, 8);
  read("k1"); // now the most recent
  read("k9"); // evicts k2, the least recent
  const { calls, convert } = counting("x".repeat(8));
  cache.read("k1", convert);
  cache.read("k2", convert);
  deepEqual(calls.n, 1, "k1 was kept, k2 was evicted");
  const big = counting("y".repeat(20)); // 22 characters > 80 / 8
  cache.read("kb", big.convert);
  cache.read("kb", big.convert);
  equal(big.calls.n, 2);
});
