/**
 * The fake's bulk issue create (both flavours) and Cloud's bulk changelog fetch over real
 * loopback HTTP: per-item results and errors, the all-refused 400, paging and field filters.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

/** POSTs a JSON body to the fake as Alice. */
async function post(site: FakeSite, path: string, body: unknown) {
  const res = await fetch(site.origin + path, {
    method: "POST",
    headers: { authorization: AUTH[site.flavour], "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // deno-lint-ignore no-explicit-any
  return { status: res.status, body: await res.json() as any };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`fake ${flavour}: issue/bulk creates each item and reports the refused ones`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const fields = (summary: string, typeId = "10002") => ({
      fields: { project: { key: "DEMO" }, summary, issuetype: { id: typeId } },
    });
    const some = await post(site, `${api}/issue/bulk`, {
      issueUpdates: [fields("One"), fields(""), fields("Three")],
    });
    assert.equal(some.status, 201);
    assert.deepEqual(some.body.issues.map((i: { key: string }) => i.key), ["DEMO-6", "DEMO-7"]);
    assert.deepEqual(some.body.errors, [{
      status: 400,
      elementErrors: {
        errorMessages: [],
        errors: { summary: "You must specify a summary of the issue." },
      },
      failedElementNumber: 1,
    }]);
    const none = await post(site, `${api}/issue/bulk`, { issueUpdates: [fields("Kid", "10004")] });
    assert.equal(none.status, 400);
    assert.deepEqual(none.body.issues, []);
    assert.equal(none.body.errors[0].failedElementNumber, 0);
    assert.equal(site.state.issues.filter((i) => i.key === "DEMO-8").length, 0);
  });
}

Deno.test("fake cloud: changelog/bulkfetch pages histories across issues and filters fields", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const demo3 = site.state.issues.find((i) => i.key === "DEMO-3")!;
  demo3.changelog.push(
    {
      id: "30000",
      author: "bob",
      created: "2024-03-01T10:00:00.000Z",
      items: [{
        field: "labels",
        fieldId: "labels",
        from: null,
        fromString: "",
        to: null,
        toString: "ui",
      }],
    },
    {
      id: "30001",
      author: "bob",
      created: "2024-03-02T10:00:00.000Z",
      items: [{
        field: "status",
        fieldId: "status",
        from: "10000",
        fromString: "To Do",
        to: "3",
        toString: "In Progress",
      }],
    },
  );
  const path = "/rest/api/3/changelog/bulkfetch";
  const first = await post(site, path, {
    issueIdsOrKeys: ["DEMO-2", "demo-3", "NOPE-1"],
    maxResults: 2,
  });
  assert.equal(first.status, 200);
  assert.deepEqual(
    first.body.issueChangeLogs.map((
      l: { issueId: string; changeHistories: unknown[] },
    ) => [l.issueId, l.changeHistories.length]),
    [["10002", 1], [demo3.id, 1]],
  );
  assert.equal(typeof first.body.nextPageToken, "string");
  const second = await post(site, path, {
    issueIdsOrKeys: ["DEMO-2", "demo-3", "NOPE-1"],
    maxResults: 2,
    nextPageToken: first.body.nextPageToken,
  });
  assert.deepEqual(
    second.body.issueChangeLogs[0].changeHistories.map((h: { id: string }) => h.id),
    ["30001"],
  );
  assert.equal(second.body.nextPageToken, undefined);
  const status = await post(site, path, { issueIdsOrKeys: ["DEMO-3"], fieldIds: ["status"] });
  assert.deepEqual(
    status.body.issueChangeLogs[0].changeHistories.map((h: { id: string }) => h.id),
    ["30001"],
  );
  const bad = await post(site, path, { issueIdsOrKeys: [] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errorMessages, [
    "issueIdsOrKeys must contain between 1 and 1000 items.",
  ]);
});
