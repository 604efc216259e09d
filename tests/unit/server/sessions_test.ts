import { equal } from "node:assert/strict";
import { SessionTable } from "../../../src/server/sessions.ts";
import type { WebStandardStreamableHTTPServerTransport } from "../../../src/sdk.ts";

function transport(closed: string[], id: string): WebStandardStreamableHTTPServerTransport {
  return {
    close: () => Promise.resolve(void closed.push(id)),
  } as unknown as WebStandardStreamableHTTPServerTransport;
}

Deno.test("SessionTable closes sessions idle past the limit and keeps used ones", async () => {
  let now = 0;
  const closed: string[] = [];
  const table = new SessionTable({ idleMs: 1000, max: 10 }, () => now);
  table.add("a", transport(closed, "a"));
  table.add("b", transport(closed, "b"));
  now = 900;
  table.use("b");
  now = 1500;
  await table.sweep();
  equal(closed.join(), "a");
  equal(table.use("a"), undefined);
  equal(table.size, 1);
  await table.closeAll();
  equal(closed.join(), "a,b");
});

Deno.test("SessionTable reports when it is full", async () => {
  const table = new SessionTable({ max: 2 });
  table.add("a", transport([], "a"));
  equal(table.full, false);
  table.add("b", transport([], "b"));
  equal(table.full, true);
  table.delete("a");
  equal(table.full, false);
  await table.closeAll();
});
