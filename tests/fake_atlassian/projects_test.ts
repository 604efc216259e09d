/**
 * The fake's project routes over real loopback HTTP: versions (create, read, update, with
 * Jira's field errors), components, archived projects in listings, and the Data Center project
 * picker.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};
const BOB_CLOUD = `Basic ${btoa("bob@example.com:bob-api-token")}`;

/** Calls the fake as Alice (or with `auth`), JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: { method?: string; body?: unknown; auth?: string } = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers: {
      authorization: init.auth ?? AUTH[site.flavour],
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`fake ${flavour}: versions are created, read and updated with Jira's errors`, async () => {
    await using fake = await startFakeAtlassian({ now: () => new Date("2024-06-01T12:00:00Z") });
    const site = fake[flavour];
    const listed = await call(site, `${api}/project/DEMO/versions`);
    assert.deepEqual(listed.body.map((v: { name: string }) => v.name), ["1.0", "1.1"]);
    assert.equal(listed.body[1].overdue, true, "unreleased and past its release date");
    assert.equal(listed.body[1].userReleaseDate, "30/Apr/24");
    assert.equal(listed.body[0].projectId, 10000);

    const created = await call(site, `${api}/version`, {
      method: "POST",
      body: { projectId: 10001, name: "2024.2", releaseDate: "2024-07-01" },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.overdue, false);
    const read = await call(site, `${api}/version/${created.body.id}`);
    assert.equal(read.body.name, "2024.2");
    const byKey = await call(site, `${api}/version`, {
      method: "POST",
      body: { project: "OPS", name: "2024.3" },
    });
    assert.equal(byKey.status, 201, "the deprecated project key still works");

    const failures: [unknown, Record<string, string>][] = [
      [{ projectId: 10000, name: "1.0" }, {
        name: "A version with this name already exists in this project.",
      }],
      [{ projectId: 10000, name: " " }, { name: "You must specify a valid version name" }],
      [{ projectId: 10000, name: "x".repeat(256) }, {
        name: "The version name must not exceed 255 characters.",
      }],
      [{ projectId: 10000, name: "x", startDate: "2024-02-30" }, {
        startDate: 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".',
      }],
      [{ projectId: 10000, name: "x", startDate: "2024-03-02", releaseDate: "2024-03-01" }, {
        startDate: "The start date must be before the release date.",
      }],
      [{ name: "x" }, { project: "Project must be specified to create a version." }],
    ];
    for (const [body, errors] of failures) {
      const refused = await call(site, `${api}/version`, { method: "POST", body });
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.deepEqual(refused.body, { errorMessages: [], errors });
    }
    const unknown = await call(site, `${api}/version`, {
      method: "POST",
      body: { projectId: 99999, name: "x" },
    });
    assert.equal(unknown.status, 404);

    const updated = await call(site, `${api}/version/10101`, {
      method: "PUT",
      body: { released: true, description: "Shipped" },
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(
      [updated.body.name, updated.body.released, updated.body.description, updated.body.overdue],
      ["1.1", true, "Shipped", false],
    );
    const renamed = await call(site, `${api}/version/10101`, {
      method: "PUT",
      body: { name: "1.0" },
    });
    assert.equal(renamed.status, 400);
    assert.equal(site.state.versions.find((v) => v.id === "10101")!.name, "1.1", "unchanged");
    const missing = await call(site, `${api}/version/1`, { method: "PUT", body: { name: "y" } });
    assert.deepEqual(missing.body.errorMessages, ["Could not find version for id '1'"]);
  });

  Deno.test(`fake ${flavour}: components, and what another user may see`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const components = await call(site, `${api}/project/DEMO/components`);
    assert.deepEqual(components.body.map((c: { name: string }) => c.name), ["Frontend", "API"]);
    assert.equal(components.body[0].lead.displayName, "Bob Builder");
    if (flavour === "cloud") {
      // Bob cannot browse OPS: its versions and its project are not found.
      const ops = await call(site, `${api}/project/OPS/versions`, { auth: BOB_CLOUD });
      assert.equal(ops.status, 404);
      const version = await call(site, `${api}/version/10102`, { auth: BOB_CLOUD });
      assert.equal(version.status, 404);
    }
  });

  Deno.test(`fake ${flavour}: archived projects are listed only when asked for`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    site.state.projects[1].archived = true;
    const keys = (body: { key: string }[]) => body.map((p) => p.key);
    if (flavour === "cloud") {
      const live = await call(site, `${api}/project/search`);
      assert.deepEqual(keys(live.body.values), ["DEMO"]);
      const both = await call(site, `${api}/project/search?status=live&status=archived`);
      assert.deepEqual(keys(both.body.values), ["DEMO", "OPS"]);
      assert.equal(both.body.values[1].archived, true);
    } else {
      const live = await call(site, `${api}/project`);
      assert.deepEqual(keys(live.body), ["DEMO"]);
      const both = await call(site, `${api}/project?includeArchived=true`);
      assert.deepEqual(keys(both.body), ["DEMO", "OPS"]);
      assert.deepEqual(both.body.map((p: { archived: boolean }) => p.archived), [false, true]);
    }
  });
}

Deno.test("fake datacenter: the project picker matches word prefixes of keys and names", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const picker = (query: string) => call(site, `/rest/api/2/projects/picker?${query}`);
  const byWord = await picker("query=proj");
  assert.deepEqual(byWord.body.projects.map((p: { key: string }) => p.key), ["DEMO"]);
  assert.equal(byWord.body.header, "Showing 1 of 1 matching projects");
  assert.equal(byWord.body.projects[0].html, "Demo Project (DEMO)");
  const inside = await picker("query=ration");
  assert.deepEqual(inside.body.projects, [], "not a word prefix");
  assert.equal((await picker("query=")).body.total, 0, "an empty query matches nothing");
  const empty = await picker("query=&allowEmptyQuery=true&maxResults=1");
  assert.deepEqual([empty.body.total, empty.body.projects.length], [2, 1]);
  assert.equal((await picker("query=o&maxResults=-1")).body.projects.length, 0);
});
