/**
 * The fake's Confluence administration routes over real loopback HTTP: page restrictions on both
 * flavours (read by operation, replaced whole, refused to users who cannot edit), group lookups
 * and memberships, and on Cloud the permission check, space permissions, page views and
 * templates.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  alice: {
    cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
    datacenter: "Bearer dc-personal-token",
  },
  bob: {
    cloud: `Basic ${btoa("bob@example.com:bob-api-token")}`,
    datacenter: "Bearer bob-personal-token",
  },
};

/** Calls the fake (as Alice unless `as` says otherwise), JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown; as?: "alice" | "bob" } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers: {
      authorization: AUTH[init.as ?? "alice"][site.flavour],
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`fake ${flavour}: page restrictions are read by operation and replaced whole`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const api = flavour === "cloud" ? "/wiki/rest/api" : "/confluence/rest/api";
    const seeded = await call(site, `${api}/content/1002/restriction/byOperation`);
    assert.equal(seeded.status, 200);
    const update = seeded.body.update.restrictions;
    assert.deepEqual(update.user.results.map((u: { displayName: string }) => u.displayName), [
      "Alice Admin",
    ]);
    assert.deepEqual(update.group.results.map((g: { name: string }) => g.name), [
      "confluence-administrators",
    ]);
    assert.deepEqual(seeded.body.read.restrictions.user.results, []);

    const bob = flavour === "cloud" ? { accountId: "557058:bob" } : { username: "bob" };
    const admins = flavour === "cloud"
      ? { id: "8b2f5a1c-0d3e-4f6a-9b7c-000000000002" }
      : { name: "confluence-administrators" };
    const body = [
      { operation: "read", restrictions: { user: [{ type: "known", ...bob }], group: [] } },
      { operation: "update", restrictions: { user: [], group: [{ type: "group", ...admins }] } },
    ];
    const denied = await call(site, `${api}/content/1002/restriction`, {
      method: "PUT",
      body,
      as: "bob",
    });
    assert.equal(denied.status, flavour === "cloud" ? 404 : 403);
    assert.equal(typeof denied.body.message, "string");
    const set = await call(site, `${api}/content/1002/restriction`, { method: "PUT", body });
    assert.equal(set.status, 200);
    assert.equal(set.body.results.length, 2);
    const after = await call(site, `${api}/content/1002/restriction/byOperation`, { as: "bob" });
    assert.deepEqual(
      after.body.read.restrictions.user.results.map((u: { displayName: string }) => u.displayName),
      ["Bob Builder"],
    );
    assert.deepEqual(after.body.update.restrictions.user.results, []);
    // Alice is no longer among the viewers: the page is hidden from her.
    const hidden = await call(site, `${api}/content/1002/restriction/byOperation`, { as: "alice" });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.statusCode, 404);

    const unknownUser = await call(site, `${api}/content/1003/restriction`, {
      method: "PUT",
      body: [{
        operation: "read",
        restrictions: {
          user: [{
            type: "known",
            ...(flavour === "cloud" ? { accountId: "x:1" } : { username: "x" }),
          }],
        },
      }],
    });
    assert.equal(unknownUser.status, 400);
    const badOp = await call(site, `${api}/content/1003/restriction`, {
      method: "PUT",
      body: [{ operation: "fly", restrictions: {} }],
    });
    assert.equal(badOp.status, 400);
  });

  Deno.test(`fake ${flavour}: group memberships and group lookup`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const api = flavour === "cloud" ? "/wiki/rest/api" : "/confluence/rest/api";
    const who = flavour === "cloud" ? "accountId=557058%3Aalice" : "username=alice";
    const mine = await call(site, `${api}/user/memberof?${who}`);
    assert.deepEqual(mine.body.results.map((g: { name: string }) => g.name), [
      "confluence-users",
      "confluence-administrators",
    ]);
    if (flavour === "cloud") {
      const picked = await call(site, `${api}/group/picker?query=ADMIN`);
      assert.equal(picked.body.results[0].id, "8b2f5a1c-0d3e-4f6a-9b7c-000000000002");
      const byId = await call(site, `${api}/group/by-id?id=8b2f5a1c-0d3e-4f6a-9b7c-000000000001`);
      assert.equal(byId.body.name, "confluence-users");
      assert.equal((await call(site, `${api}/group/by-id?id=nope`)).status, 404);
    } else {
      assert.equal(
        (await call(site, `${api}/group/confluence-users`)).body.name,
        "confluence-users",
      );
      assert.equal((await call(site, `${api}/group/nope`)).status, 404);
    }
  });
}

Deno.test("fake cloud: permission check, space permissions, page views and templates", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const check = (id: string, body: unknown, as?: "bob") =>
    call(site, `/wiki/rest/api/content/${id}/permission/check`, { method: "POST", body, as });
  const bobUpdate = { subject: { type: "user", identifier: "557058:bob" }, operation: "update" };
  const no = await check("1002", bobUpdate);
  assert.equal(no.body.hasPermission, false);
  assert.equal(no.body.errors.length, 1);
  assert.equal((await check("1003", bobUpdate)).body.hasPermission, true);
  assert.equal((await check("1003", bobUpdate, "bob")).body.hasPermission, true);
  const notAdmin = await check("1003", {
    subject: { type: "user", identifier: "557058:alice" },
    operation: "read",
  }, "bob");
  assert.equal(notAdmin.status, 403);
  assert.equal((await check("1003", { ...bobUpdate, operation: "fly" })).status, 400);

  const perms = await call(site, "/wiki/api/v2/spaces/98302/permissions?limit=5");
  assert.equal(perms.body.results.length, 5);
  assert.ok(perms.body._links.next);
  const rest = await call(site, perms.body._links.next.replace(/^\/wiki\/api\/v2/, "/wiki/api/v2"));
  assert.deepEqual(rest.body.results.map((r: { principal: { id: string } }) => r.principal.id), [
    "8b2f5a1c-0d3e-4f6a-9b7c-000000000002",
    "557058:alice",
  ]);
  assert.equal((await call(site, "/wiki/api/v2/spaces/1/permissions")).status, 404);

  assert.deepEqual((await call(site, "/wiki/rest/api/analytics/content/1002/views")).body, {
    id: 1002,
    count: 57,
  });
  assert.equal((await call(site, "/wiki/rest/api/analytics/content/999/views")).status, 404);

  const global = await call(site, "/wiki/rest/api/template/page");
  assert.deepEqual(global.body.results.map((t: { name: string }) => t.name), ["Meeting notes"]);
  assert.equal(global.body.results[0].body.storage, undefined);
  const docs = await call(site, "/wiki/rest/api/template/page?spaceKey=DOCS");
  assert.deepEqual(docs.body.results.map((t: { templateId: string }) => t.templateId), ["65602"]);
  assert.equal((await call(site, "/wiki/rest/api/template/page?spaceKey=NOPE")).status, 404);
  const one = await call(site, "/wiki/rest/api/template/65602?expand=body.storage");
  assert.match(one.body.body.storage.value, /ac:name="info"/);
  assert.equal(one.body.space.key, "DOCS");
  assert.equal((await call(site, "/wiki/rest/api/template/1")).status, 403);
});
