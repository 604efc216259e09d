/**
 * The fake's page-version routes over real loopback HTTP: Cloud v2 `GET /pages/{id}/versions`
 * (sort order, cursor pages, Atlassian's 400 for a bad sort) and `GET /pages/{id}?version=N`,
 * and Data Center v1 `GET /rest/api/content/{id}?status=historical&version=N` for old, current
 * and missing versions, each version keeping its own body and author.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

/** GETs a path of the fake as Alice. */
// deno-lint-ignore no-explicit-any
async function get(site: FakeSite, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, { headers: { authorization: AUTH[site.flavour] } });
  return { status: res.status, body: await res.json() };
}

Deno.test("fake cloud lists page versions newest first in cursor pages, each with its body", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const v2 = "/wiki/api/v2/pages/1002";
  const first = await get(site, `${v2}/versions?sort=-modified-date&limit=2`);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.results.map((v: { number: number }) => v.number), [3, 2]);
  assert.equal(first.body.results[1].message, "Add services table");
  assert.equal(first.body.results[1].authorId, site.state.users[1].accountId);
  const next = await get(site, first.body._links.next);
  assert.deepEqual(next.body.results.map((v: { number: number }) => v.number), [1]);
  assert.equal(next.body._links.next, undefined);
  const oldest = await get(site, `${v2}/versions?sort=modified-date`);
  assert.deepEqual(oldest.body.results.map((v: { number: number }) => v.number), [1, 2, 3]);
  const bad = await get(site, `${v2}/versions?sort=number`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].title, "Invalid value for sort: number");

  const v1 = await get(site, `${v2}?version=1&body-format=storage`);
  assert.equal(v1.body.body.storage.value, "<p>Draft.</p>");
  assert.equal(v1.body.status, "historical");
  assert.equal(v1.body.version.message, "Initial draft");
  const missing = await get(site, `${v2}?version=9`);
  assert.equal(missing.status, 404);
});

Deno.test("fake data center reads old and current versions with status=historical", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const content = "/confluence/rest/api/content/1002";
  const old = await get(site, `${content}?status=historical&version=2&expand=body.storage,version`);
  assert.equal(old.status, 200);
  assert.equal(old.body.status, "historical");
  assert.equal(old.body.version.by.displayName, "Bob Builder");
  assert.equal(old.body.version.message, "Add services table");
  assert.ok(!old.body.body.storage.value.includes("Request flow"));
  const current = await get(site, `${content}?status=historical&version=3&expand=version`);
  assert.equal(current.body.status, "current");
  assert.equal(current.body.version.number, 3);
  assert.equal(current.body.body, undefined, "no body unless expanded");
  const missing = await get(site, `${content}?status=historical&version=7`);
  assert.equal(missing.status, 404);
  assert.equal(
    missing.body.message,
    "No content found with id: ContentId{id=1002} and version: 7",
  );
});
