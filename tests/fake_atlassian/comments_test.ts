/**
 * The fake's Confluence comment, label and user-search routes over real loopback HTTP: Cloud v2
 * footer and inline comments (replies, anchor checks, resolution with versions), Data Center v1
 * comments (inline fields Data Center requires), the Data Center resolve call, label writes and
 * their refusals, Cloud CQL user search and Data Center group members.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

/** Calls the fake as Alice, JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers: {
      authorization: AUTH[site.flavour],
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const storage = (value: string) => ({ representation: "storage", value });

Deno.test("fake cloud: footer comments, replies and inline comments through REST v2", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const v2 = "/wiki/api/v2";
  const top = await call(site, `${v2}/pages/1003/footer-comments?body-format=storage`);
  assert.equal(top.status, 200);
  assert.deepEqual(top.body.results.map((c: { id: string }) => c.id), ["60001"]);
  assert.equal(top.body.results[0].version.authorId, "557058:bob");
  const replies = await call(site, `${v2}/footer-comments/60001/children`);
  assert.equal(replies.body.results[0].parentCommentId, "60001");
  assert.equal(top.body.results[0].pageId, "1003");
  assert.equal("pageId" in replies.body.results[0], false, "ChildrenCommentModel has no pageId");

  const created = await call(site, `${v2}/footer-comments`, {
    method: "POST",
    body: { pageId: "1003", body: storage("<p>Hi</p>") },
  });
  assert.equal(created.status, 201);
  const both = await call(site, `${v2}/footer-comments`, {
    method: "POST",
    body: { pageId: "1003", parentCommentId: "60001", body: storage("<p>x</p>") },
  });
  assert.equal(both.status, 400);
  assert.equal(both.body.errors[0].code, "INVALID_REQUEST_PARAMETER");
  const broken = await call(site, `${v2}/footer-comments`, {
    method: "POST",
    body: { pageId: "1003", body: storage("<p>open") },
  });
  assert.equal(broken.status, 400);

  const wrongCount = await call(site, `${v2}/inline-comments`, {
    method: "POST",
    body: {
      pageId: "1003",
      body: storage("<p>x</p>"),
      inlineCommentProperties: {
        textSelection: "the",
        textSelectionMatchCount: 1,
        textSelectionMatchIndex: 0,
      },
    },
  });
  assert.equal(wrongCount.status, 400);
  assert.match(wrongCount.body.errors[0].title, /textSelectionMatchCount/);
  const inline = await call(site, `${v2}/inline-comments`, {
    method: "POST",
    body: {
      pageId: "1003",
      body: storage("<p>x</p>"),
      inlineCommentProperties: {
        textSelection: "the",
        textSelectionMatchCount: 3,
        textSelectionMatchIndex: 2,
      },
    },
  });
  assert.equal(inline.status, 201);
  assert.equal(inline.body.resolutionStatus, "open");
  assert.equal(inline.body.properties.inlineOriginalSelection, "the");

  const id = inline.body.id;
  const stale = await call(site, `${v2}/inline-comments/${id}`, {
    method: "PUT",
    body: { version: { number: 1 }, resolved: true },
  });
  assert.equal(stale.status, 409);
  const resolved = await call(site, `${v2}/inline-comments/${id}`, {
    method: "PUT",
    body: { version: { number: 2 }, body: storage("<p>x</p>"), resolved: true },
  });
  assert.equal(resolved.status, 200);
  assert.equal(resolved.body.resolutionStatus, "resolved");
  assert.equal(resolved.body.resolutionLastModifierId, "557058:alice");
  const reopened = await call(site, `${v2}/inline-comments/${id}`, {
    method: "PUT",
    body: { version: { number: 3 }, resolved: false },
  });
  assert.equal(reopened.body.resolutionStatus, "reopened");
  const open = await call(site, `${v2}/pages/1003/inline-comments?resolution-status=resolved`);
  assert.deepEqual(open.body.results, []);
  const notInline = await call(site, `${v2}/inline-comments/60001`);
  assert.equal(notInline.status, 404);
});

Deno.test("fake datacenter: comments are v1 content; inline ones need Data Center's fields", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const api = "/confluence/rest/api";
  const all = await call(
    site,
    `${api}/content/1003/child/comment?depth=all&location=footer&expand=ancestors,history`,
  );
  assert.deepEqual(all.body.results.map((c: { id: string }) => c.id), ["60001", "60002"]);
  assert.deepEqual(all.body.results[1].ancestors.map((a: { id: string }) => a.id), ["60001"]);
  assert.equal(all.body.results[1].history.createdBy.displayName, "Alice Admin");
  const roots = await call(site, `${api}/content/1003/child/comment`);
  assert.deepEqual(roots.body.results.map((c: { id: string }) => c.id), ["60001", "60003"]);

  const one = await call(site, `${api}/content/60003?expand=extensions.resolution,container`);
  assert.equal(one.body.type, "comment");
  assert.equal(one.body.extensions.location, "inline");
  assert.equal(one.body.extensions.resolution.status, "open");
  assert.equal(one.body.container.id, "1003");

  const missing = await call(site, `${api}/content`, {
    method: "POST",
    body: {
      type: "comment",
      container: { id: "1003", type: "page" },
      body: { storage: storage("<p>x</p>") },
      extensions: { location: "inline", inlineProperties: { originalSelection: "the" } },
    },
  });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.message, "Could not create content with type comment");
  assert.deepEqual(
    missing.body.data.errors.map((e: { message: { key: string } }) => e.message.key),
    ["numMatches", "matchIndex", "lastFetchTime", "serializedHighlights"],
  );
  const reply = await call(site, `${api}/content`, {
    method: "POST",
    body: {
      type: "comment",
      container: { id: "1003", type: "page" },
      ancestors: [{ id: "60003" }],
      body: { storage: storage("<p>The public one.</p>") },
    },
  });
  assert.equal(reply.status, 200);
  assert.equal(reply.body.extensions.location, "inline");

  const resolve = "/confluence/rest/inlinecomments/1.0/comments/60003/resolve/true/dangling/false";
  const done = await call(site, resolve, { method: "PUT", body: { id: 60003 } });
  assert.equal(done.status, 200);
  assert.equal(done.body.resolveProperties.resolved, true);
  const unknown = await call(site, resolve.replace("60003", "99999"), { method: "PUT", body: {} });
  assert.equal(unknown.status, 404);
});

for (const flavour of ["cloud", "datacenter"] as const) {
  const api = flavour === "cloud" ? "/wiki/rest/api" : "/confluence/rest/api";

  Deno.test(`fake ${flavour}: labels are added and removed with Confluence's refusals`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const added = await call(site, `${api}/content/1003/label`, {
      method: "POST",
      body: [{ prefix: "global", name: "Drill" }],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(added.body.results.map((l: { name: string }) => l.name), [
      "ops",
      "runbook",
      "drill",
    ]);
    const bad = await call(site, `${api}/content/1003/label`, {
      method: "POST",
      body: { prefix: "global", name: "two words" },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.statusCode, 400);
    assert.equal(
      (await call(site, `${api}/content/1003/label/ops`, { method: "DELETE" })).status,
      204,
    );
    const gone = await call(site, `${api}/content/1003/label/ops`, { method: "DELETE" });
    assert.equal(gone.status, 404);
    assert.deepEqual(site.state.pages.find((p) => p.id === "1003")!.labels, ["runbook", "drill"]);
  });
}

Deno.test("fake: Cloud searches users with CQL, Data Center lists group members", async () => {
  await using fake = await startFakeAtlassian();
  const cloud = await call(
    fake.cloud,
    `/wiki/rest/api/search/user?cql=${encodeURIComponent('user.fullname ~ "bob"')}`,
  );
  assert.deepEqual(
    cloud.body.results.map((r: { user: { displayName: string } }) => r.user.displayName),
    ["Bob Builder"],
  );
  const unparsable = await call(fake.cloud, `/wiki/rest/api/search/user?cql=fullname%20is%20bob`);
  assert.equal(unparsable.status, 400);
  const members = await call(fake.datacenter, "/confluence/rest/api/group/confluence-users/member");
  assert.deepEqual(members.body.results.map((u: { username: string }) => u.username), [
    "alice",
    "bob",
  ]);
  const none = await call(fake.datacenter, "/confluence/rest/api/group/nobody/member");
  assert.equal(none.status, 404);
  assert.equal(none.body.message, "Group not found: nobody");
});
