/**
 * The fake's Confluence page-tree routes over real loopback HTTP: a space's pages through Cloud
 * v2 cursors, moves through Cloud's v1 REST (parent, siblings, other space, loops refused) and
 * Data Center's movepage.action (XSRF header, actionErrors), Cloud copies (attachments on
 * request, title clashes refused), trashed pages read back by status, and the big-tree seed.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";
import { seedBigTree } from "./_confluence_tree.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

/** Calls the fake as Alice, JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers: {
      authorization: AUTH[site.flavour],
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

Deno.test("fake cloud: space pages page through v2 cursors, including the big tree", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  seedBigTree(site.state, 30);
  const first = await call(site, "/wiki/api/v2/spaces/98301/pages?depth=all&limit=20");
  assert.equal(first.status, 200);
  assert.equal(first.body.results.length, 20);
  assert.equal(first.body.results[0].parentId, null);
  const next = await call(site, first.body._links.next);
  assert.equal(next.body.results.length, 15, "4 seeded DOCS pages + 31 big-tree pages");
  assert.equal(next.body._links.next, undefined);
  const roots = await call(site, "/wiki/api/v2/spaces/98301/pages?depth=root");
  assert.deepEqual(roots.body.results.map((p: { id: string }) => p.id), ["1001"]);
  assert.equal((await call(site, "/wiki/api/v2/spaces/1/pages")).status, 404);
  assert.equal((await call(site, "/wiki/api/v2/spaces/98301/pages?depth=some")).status, 400);
  site.state.pages.find((p) => p.id === "1004")!.status = "trashed";
  const trashed = await call(site, "/wiki/api/v2/spaces/98301/pages?status=trashed&limit=250");
  assert.deepEqual(trashed.body.results.map((p: { id: string }) => p.id), ["1004"]);
  const both = await call(
    site,
    "/wiki/api/v2/spaces/98301/pages?status=current&status=trashed&limit=250",
  );
  assert.equal(both.body.results.length, 35, "a repeated status parameter takes each value");
});

Deno.test("fake cloud: v1 move under a parent, beside a sibling, into another space", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const page = (id: string) => site.state.pages.find((p) => p.id === id)!;
  const moved = await call(site, "/wiki/rest/api/content/1004/move/append/1003", { method: "PUT" });
  assert.equal(moved.status, 200);
  assert.deepEqual(moved.body, { pageId: "1004" });
  assert.equal(page("1004").parentId, "1003");
  assert.equal(page("1004").versions.length, 2, "a move writes no version");

  await call(site, "/wiki/rest/api/content/1003/move/before/1002", { method: "PUT" });
  assert.deepEqual([page("1003").position, page("1002").position], [0, 1]);

  const loop = await call(site, "/wiki/rest/api/content/1003/move/append/1004", { method: "PUT" });
  assert.equal(loop.status, 400);
  assert.match(loop.body.message, /child of itself/);

  const cross = await call(site, "/wiki/rest/api/content/1003/move/append/2001", { method: "PUT" });
  assert.equal(cross.status, 200);
  assert.equal(page("1003").spaceKey, "HR");
  assert.equal(page("1004").spaceKey, "HR", "children move along");
  assert.equal(
    (await call(site, "/wiki/rest/api/content/9/move/append/1001", { method: "PUT" })).status,
    404,
  );
  assert.equal(
    (await call(site, "/wiki/rest/api/content/1002/move/inside/1001", { method: "PUT" })).status,
    400,
  );
});

Deno.test("fake datacenter: movepage.action wants the XSRF header and reports actionErrors", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const action =
    "/confluence/pages/movepage.action?pageId=1004&spaceKey=DOCS&targetId=1003&position=append";
  const noToken = await call(site, action, { method: "POST" });
  assert.equal(noToken.status, 403);
  assert.match(noToken.text, /XSRF check failed/);
  const token = { "X-Atlassian-Token": "no-check" };
  const moved = await call(site, action, { method: "POST", headers: token });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.page.id, "1004");
  assert.equal(site.state.pages.find((p) => p.id === "1004")!.parentId, "1003");
  const refused = await call(
    site,
    "/confluence/pages/movepage.action?pageId=1003&spaceKey=DOCS&targetId=1004&position=append",
    { method: "POST", headers: token },
  );
  assert.equal(refused.status, 200);
  assert.match(refused.body.actionErrors[0], /child of itself/);
  const wrongSpace = await call(
    site,
    "/confluence/pages/movepage.action?pageId=1003&spaceKey=HR&targetId=1002&position=below",
    { method: "POST", headers: token },
  );
  assert.match(wrongSpace.body.actionErrors[0], /not in the given space/);
});

Deno.test("fake cloud: v1 copy with and without attachments; trashed pages read by status", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const copy = (body: unknown) =>
    call(site, "/wiki/rest/api/content/1002/copy", { method: "POST", body });
  const withFiles = await copy({
    copyAttachments: true,
    pageTitle: "Architecture (copy)",
    destination: { type: "parent_page", value: "1003" },
  });
  assert.equal(withFiles.status, 200);
  const id = withFiles.body.id;
  assert.equal(withFiles.body.space.key, "DOCS");
  assert.equal(site.state.attachments.filter((a) => a.pageId === id).length, 1);
  assert.deepEqual(site.state.pages.find((p) => p.id === id)!.labels, []);
  const bare = await copy({ pageTitle: "Arch", destination: { type: "space", value: "HR" } });
  assert.equal(bare.status, 200);
  assert.equal(site.state.pages.find((p) => p.id === bare.body.id)!.parentId, null);
  assert.equal(site.state.attachments.filter((a) => a.pageId === bare.body.id).length, 0);
  assert.equal(
    (await copy({ pageTitle: "Arch", destination: { type: "space", value: "HR" } })).status,
    400,
  );
  assert.equal((await copy({ pageTitle: "X" })).status, 400);

  assert.equal((await call(site, "/wiki/api/v2/pages/1004", { method: "DELETE" })).status, 204);
  assert.equal((await call(site, "/wiki/api/v2/pages/1004")).status, 404);
  const trashed = await call(site, "/wiki/api/v2/pages/1004?status=current&status=trashed");
  assert.equal(trashed.body.status, "trashed");
});
