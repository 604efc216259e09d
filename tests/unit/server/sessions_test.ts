import { deepEqual, equal } from "node:assert/strict";
import { type Closable, type SessionOwner, SessionTable } from "../../../src/server/sessions.ts";

function transport(closed: string[], id: string): Closable {
  return { close: () => Promise.resolve(void closed.push(id)) };
}

const SERVER: SessionOwner = { identity: "server", fingerprint: "server" };
const owner = (fingerprint: string, identity = "alice"): SessionOwner => ({
  identity,
  fingerprint,
});

Deno.test("SessionTable closes sessions idle past the limit and keeps used ones", async () => {
  let now = 0;
  const closed: string[] = [];
  const table = new SessionTable({ idleMs: 1000, max: 10 }, () => now);
  table.add("a", transport(closed, "a"), SERVER);
  table.add("b", transport(closed, "b"), SERVER);
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
  table.add("a", transport([], "a"), SERVER);
  equal(table.full, false);
  equal(table.refusal(SERVER), undefined);
  table.add("b", transport([], "b"), SERVER);
  equal(table.full, true);
  equal(table.refusal(SERVER)?.status, 503);
  equal(table.refusal(owner("t1"))?.status, 503);
  table.delete("a");
  equal(table.full, false);
  await table.closeAll();
});

Deno.test("SessionTable caps the sessions of one credential fingerprint, not the server's own", async () => {
  const table = new SessionTable({ max: 10, perCredential: 2 });
  const closed: string[] = [];
  table.add("a1", transport(closed, "a1"), owner("token-a"));
  table.add("a2", transport(closed, "a2"), owner("token-a"));
  const refused = table.refusal(owner("token-a"));
  equal(refused?.status, 429);
  equal(
    refused?.error,
    "Too many open sessions (2) with these credentials: close one (DELETE) or reuse an open one.",
  );
  // The same identity with a refreshed token, another token, and the server are not affected.
  equal(table.refusal(owner("token-a2")), undefined);
  equal(table.refusal(owner("token-b", "bob")), undefined);
  for (const id of ["s1", "s2", "s3"]) table.add(id, transport(closed, id), SERVER);
  equal(table.refusal(SERVER), undefined);
  deepEqual([table.countOf("token-a"), table.countOf("server")], [2, 3]);
  // A closed session frees its place; an unknown or repeated delete changes nothing.
  table.delete("a1");
  table.delete("a1");
  table.delete("nope");
  equal(table.countOf("token-a"), 1);
  equal(table.refusal(owner("token-a")), undefined);
  equal(table.use("a2")?.owner.fingerprint, "token-a");
  await table.closeAll();
  equal(table.countOf("token-a"), 0);
});

Deno.test("SessionTable without an idle limit never sweeps", async () => {
  let now = 0;
  const closed: string[] = [];
  const table = new SessionTable({ idleMs: Infinity }, () => now);
  table.add("a", transport(closed, "a"), SERVER);
  now = 1e12;
  await table.sweep();
  equal(closed.length, 0);
  await table.closeAll();
  equal(closed.join(), "a");
});
