/**
 * The fake's issue links, link types, remote link creation and watcher changes over real
 * loopback HTTP, on both flavours: Jira's link direction, duplicates, hidden and deleted ends,
 * validation and permission errors with Atlassian's bodies.
 */
import assert from "node:assert/strict";
import { type FakeAtlassian, type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: {
    alice: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
    bob: `Basic ${btoa("bob@example.com:bob-api-token")}`,
  },
  datacenter: { alice: "Bearer dc-personal-token", bob: "Bearer bob-personal-token" },
};

interface Answer {
  status: number;
  text: string;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** Calls the fake as Alice (or `as`), with a JSON body when one is given. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown; as?: "alice" | "bob" } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    authorization: AUTH[site.flavour][init.as ?? "alice"],
  };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, text, body };
}

async function withFake(fn: (fake: FakeAtlassian) => Promise<void>): Promise<void> {
  const fake = await startFakeAtlassian({ now: () => new Date("2024-04-01T12:00:00.000Z") });
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

/** The `issuelinks` of an issue as `[id, "outward"|"inward", other key, type]`. */
async function linksOf(site: FakeSite, api: string, key: string, as?: "alice" | "bob") {
  const res = await call(site, `${api}/issue/${key}?fields=issuelinks`, { as });
  assert.equal(res.status, 200, res.text);
  // deno-lint-ignore no-explicit-any
  return res.body.fields.issuelinks.map((l: any) => [
    l.id,
    l.outwardIssue ? "outward" : "inward",
    (l.outwardIssue ?? l.inwardIssue).key,
    l.type.name,
  ]);
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`fake ${flavour}: issue links read the way Jira creates them`, async () => {
    await withFake(async (fake) => {
      const site = fake[flavour];
      const types = await call(site, `${api}/issueLinkType`);
      assert.deepEqual(types.body.issueLinkTypes[0], {
        id: "10000",
        name: "Blocks",
        inward: "is blocked by",
        outward: "blocks",
        self: `${site.origin}${api}/issueLinkType/10000`,
      });
      const link = {
        type: { name: "Blocks" },
        inwardIssue: { key: "DEMO-3" },
        outwardIssue: { key: "DEMO-5" },
      };
      const made = await call(site, `${api}/issueLink`, { method: "POST", body: link });
      assert.equal(made.status, 201);
      assert.equal(made.text, "", "201 without a body");
      assert.deepEqual(await linksOf(site, api, "DEMO-3"), [
        ["10401", "inward", "OPS-1", "Relates"],
        ["10402", "outward", "DEMO-5", "Blocks"],
      ]);
      assert.deepEqual(await linksOf(site, api, "DEMO-5"), [
        ["10402", "inward", "DEMO-3", "Blocks"],
      ]);
      const read = await call(site, `${api}/issueLink/10402`);
      assert.equal(read.body.inwardIssue.key, "DEMO-3");
      assert.equal(read.body.outwardIssue.key, "DEMO-5");
      assert.equal(read.body.type.outward, "blocks");
      assert.equal(read.body.outwardIssue.fields.summary, "Order history page");

      const twice = await call(site, `${api}/issueLink`, { method: "POST", body: link });
      assert.equal(twice.status, 201, "a duplicate is accepted");
      assert.equal(site.state.issueLinks.length, 3, "but not stored twice");

      const unknown = await call(site, `${api}/issueLink`, {
        method: "POST",
        body: { ...link, type: { name: "blocks" } },
      });
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body, {
        errorMessages: ["No issue link type with name 'blocks' found."],
        errors: {},
      });
      const noIssue = await call(site, `${api}/issueLink`, {
        method: "POST",
        body: { ...link, outwardIssue: { key: "DEMO-99" } },
      });
      assert.equal(noIssue.status, 404);
    });
  });

  Deno.test(`fake ${flavour}: a link's comment is rich text in the route's format`, async () => {
    await withFake(async (fake) => {
      const site = fake[flavour];
      const body = (comment: unknown) => ({
        type: { id: "10003" },
        inwardIssue: { key: "DEMO-3" },
        outwardIssue: { key: "DEMO-4" },
        comment: { body: comment },
      });
      const wiki = await call(site, `${api}/issueLink`, {
        method: "POST",
        body: body("Related *work*"),
      });
      if (flavour === "cloud") {
        assert.equal(wiki.status, 400, "v3 takes ADF only");
        assert.match(wiki.body.errors.comment, /Atlassian Document/);
        assert.equal(site.state.issueLinks.length, 2, "no link without its comment");
      } else {
        assert.equal(wiki.status, 201);
        const issue = site.state.issues.find((i) => i.key === "DEMO-3")!;
        assert.equal(issue.comments.at(-1)!.body, "Related *work*");
      }
      const empty = await call(site, `${api}/issueLink`, { method: "POST", body: body("") });
      assert.equal(empty.status, 400);
    });
  });

  Deno.test(`fake ${flavour}: links to hidden or deleted issues are left out`, async () => {
    await withFake(async (fake) => {
      const site = fake[flavour];
      // Link 10401 is OPS-1 relates to DEMO-3; Bob cannot browse OPS.
      assert.deepEqual(await linksOf(site, api, "DEMO-3"), [
        ["10401", "inward", "OPS-1", "Relates"],
      ]);
      assert.deepEqual(await linksOf(site, api, "DEMO-3", "bob"), []);
      const hidden = await call(site, `${api}/issueLink/10401`, { as: "bob" });
      assert.equal(hidden.status, 404);
      assert.deepEqual(hidden.body.errorMessages, ["No issue link with id '10401' exists."]);
      assert.equal((await call(site, `${api}/issueLink/abc`)).status, 400);

      // Link 10400 is DEMO-4 blocks DEMO-2: deleting DEMO-4 hides it.
      assert.deepEqual(await linksOf(site, api, "DEMO-2"), [
        ["10400", "inward", "DEMO-4", "Blocks"],
      ]);
      assert.equal((await call(site, `${api}/issue/DEMO-4`, { method: "DELETE" })).status, 204);
      assert.deepEqual(await linksOf(site, api, "DEMO-2"), []);
      assert.equal((await call(site, `${api}/issueLink/10400`)).status, 404);

      const removed = await call(site, `${api}/issueLink/10401`, { method: "DELETE" });
      assert.equal(removed.status, 204);
      assert.deepEqual(await linksOf(site, api, "DEMO-3"), []);
      assert.equal((await call(site, `${api}/issueLink/10401`, { method: "DELETE" })).status, 404);
    });
  });

  Deno.test(`fake ${flavour}: remote links are created, or updated by global id`, async () => {
    await withFake(async (fake) => {
      const site = fake[flavour];
      const path = `${api}/issue/DEMO-3/remotelink`;
      const missing = await call(site, path, {
        method: "POST",
        body: { object: { url: "https://example.com" } },
      });
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.body, {
        errorMessages: [],
        errors: { title: "'title' is required." },
      });
      const link = {
        globalId: "system=https://example.com/doc",
        object: { url: "https://example.com/doc", title: "Doc" },
      };
      const made = await call(site, path, { method: "POST", body: link });
      assert.equal(made.status, 201);
      assert.deepEqual(made.body, { id: 10301, self: `${site.origin}${path}/10301` });
      const updated = await call(site, path, {
        method: "POST",
        body: { ...link, object: { ...link.object, title: "Doc v2" } },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.id, 10301);
      const listed = await call(site, path);
      assert.deepEqual(
        // deno-lint-ignore no-explicit-any
        listed.body.map((l: any) => [l.id, l.object.title]),
        [[10301, "Doc v2"]],
      );
    });
  });

  Deno.test(`fake ${flavour}: watchers are added as a bare JSON string and removed`, async () => {
    await withFake(async (fake) => {
      const site = fake[flavour];
      const cloud = flavour === "cloud";
      const path = `${api}/issue/DEMO-3/watchers`;
      const bob = cloud ? "557058:bob" : "bob";
      const alice = cloud ? "557058:alice" : "alice";
      const watchers = () => site.state.issues.find((i) => i.key === "DEMO-3")!.watchers;

      assert.equal((await call(site, path, { method: "POST", body: bob })).status, 204);
      assert.deepEqual(watchers(), ["bob"]);
      const object = await call(site, path, { method: "POST", body: { accountId: bob } });
      assert.equal(object.status, 400);
      const nobody = await call(site, path, { method: "POST", body: "nobody" });
      assert.equal(nobody.status, 404);
      // Only the project lead manages other users' watching; anyone may watch themselves.
      const byBob = await call(site, path, { method: "POST", body: alice, as: "bob" });
      assert.equal(byBob.status, cloud ? 403 : 401);
      assert.deepEqual(byBob.body.errorMessages, [
        "You do not have the permission to manage the watcher list.",
      ]);
      const self = await call(site, `${api}/issue/DEMO-5/watchers`, { method: "POST", as: "bob" });
      assert.equal(self.status, 204);
      assert.ok(site.state.issues.find((i) => i.key === "DEMO-5")!.watchers.includes("bob"));

      const query = cloud ? "accountId" : "username";
      assert.equal((await call(site, path, { method: "DELETE" })).status, 400);
      const removed = await call(site, `${path}?${query}=${encodeURIComponent(bob)}`, {
        method: "DELETE",
      });
      assert.equal(removed.status, 204);
      assert.deepEqual(watchers(), []);
      const again = await call(site, `${path}?${query}=${encodeURIComponent(bob)}`, {
        method: "DELETE",
      });
      assert.equal(again.status, 204, "removing a non-watcher changes nothing");
    });
  });
}
