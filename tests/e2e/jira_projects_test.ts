/**
 * The `jira_projects` toolset through the real entry point over stdio, against the fake
 * Atlassian, on Cloud and Data Center: projects, issue types, create fields, components and
 * versions; version creates (one, a batch with failing items, a dropped answer) and updates;
 * progress notifications; and the refusals: project allowlist, read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, type Step } from "./_harness.ts";

const TOOLS = [
  "jira_get_project_issue_types",
  "jira_get_create_fields",
  "jira_get_project_versions",
  "jira_get_project_components",
  "jira_get_all_projects",
  "jira_search_projects",
  "jira_get_project_fields",
  "jira_create_version",
  "jira_batch_create_versions",
  "jira_update_version",
];

const WRITES = ["jira_create_version", "jira_batch_create_versions", "jira_update_version"];

/**
 * Checks the progress notifications a call received. Tools send them before each step, never
 * right before the answer: the SDK client handles a notification a microtask later than a
 * response, so one arriving in the same read as the answer would find its handler gone.
 */
function assertSteps(steps: Step[], expected: [number, number][]): void {
  deepEqual(steps.map((s) => [s.progress, s.total]), expected);
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`jira_projects tools work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";
    const session = await connectStdio(site.env);
    const { client } = session;
    const posts = () =>
      site.requests.filter((r) => r.method === "POST" && r.path === `${api}/version`).length;
    try {
      await t.step("lists every tool of the toolset", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of TOOLS) ok(names.includes(name), name);
      });

      await t.step("jira_get_project_issue_types lists the creatable types", async () => {
        const answer = await call(client, "jira_get_project_issue_types", { project_key: "OPS" });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.map((t: { name: string }) => t.name), ["Task", "Bug", "Sub-task"]);
        deepEqual(answer.json[2].subtask, true);
        ok(site.requests.some((r) => r.path === `${api}/issue/createmeta/OPS/issuetypes`));
        ok(!answer.text.includes('"self"'), "no raw Atlassian JSON");
      });

      await t.step("jira_get_create_fields lists one type's fields, by id or by name", async () => {
        const byId = await call(client, "jira_get_create_fields", {
          project_key: "DEMO",
          issue_type_id: "10004",
        });
        equal(byId.isError, false, byId.text);
        deepEqual(byId.json.issue_type, { id: "10004", name: "Sub-task" });
        const parent = byId.json.fields.find((f: { field_id: string }) => f.field_id === "parent");
        equal(parent.required, true);
        const priority = byId.json.fields.find((f: { field_id: string }) =>
          f.field_id === "priority"
        );
        equal(priority.default, "Medium");
        ok(priority.allowed_values.includes("High"), byId.text);
        const byName = await call(client, "jira_get_create_fields", {
          project_key: "DEMO",
          issue_type_id: "bug",
        });
        equal(byName.json.issue_type.id, "10003", byName.text);
        const points = byName.json.fields.find((f: { field_id: string }) =>
          f.field_id === "customfield_10016"
        );
        equal(points.custom, true);
        equal(points.required, false);
        const unknown = await call(client, "jira_get_create_fields", {
          project_key: "OPS",
          issue_type_id: "Epic",
        });
        equal(unknown.isError, true);
        match(unknown.text, /Project OPS has no issue type "Epic"/);
        match(unknown.text, /Task \(10002\), Bug \(10003\), Sub-task \(10004\)/);
      });

      await t.step("jira_get_project_versions and _components list trimmed views", async () => {
        const versions = await call(client, "jira_get_project_versions", { project_key: "DEMO" });
        equal(versions.isError, false, versions.text);
        deepEqual(versions.json[1], {
          id: "10101",
          name: "1.1",
          description: "Saved cards",
          start_date: "2024-03-01",
          release_date: "2024-04-30",
          released: false,
          archived: false,
          overdue: true,
          project_id: 10000,
        });
        const components = await call(client, "jira_get_project_components", {
          project_key: "DEMO",
        });
        deepEqual(components.json, [
          {
            id: "10200",
            name: "Frontend",
            description: "Checkout pages",
            lead: "Bob Builder",
            assignee_type: "COMPONENT_LEAD",
          },
          { id: "10201", name: "API", assignee_type: "PROJECT_DEFAULT" },
        ]);
        const missing = await call(client, "jira_get_project_versions", { project_key: "NOPE" });
        equal(missing.isError, true);
        match(missing.text, /No project could be found with key 'NOPE'/);
      });

      await t.step("jira_get_all_projects hides archived projects unless asked", async () => {
        site.state.projects.push({
          id: "10002",
          key: "OLD",
          name: "Legacy shop",
          description: "Retired.",
          lead: "alice",
          issueTypeIds: ["10002"],
          members: ["alice"],
          archived: true,
        });
        const live = await call(client, "jira_get_all_projects", {});
        equal(live.isError, false, live.text);
        deepEqual(live.json.projects.map((p: { key: string }) => p.key), ["DEMO", "OPS"]);
        equal(live.json.projects[0].description, "Checkout and payments work.");
        equal(live.json.count, 2);
        const all = await call(client, "jira_get_all_projects", { include_archived: true });
        deepEqual(all.json.projects.map((p: { key: string }) => p.key), ["DEMO", "OPS", "OLD"]);
        equal(all.json.projects[2].archived, true);
        const sent = site.requests.findLast((r) => r.path.startsWith(`${api}/project`))!;
        if (flavour === "cloud") {
          equal(sent.path, `${api}/project/search`);
          deepEqual(sent.query.getAll("status"), ["live", "archived"]);
        } else {
          equal(sent.path, `${api}/project`);
          equal(sent.query.get("includeArchived"), "true");
        }
      });

      await t.step("jira_search_projects finds by name and leaves out given ids", async () => {
        const found = await call(client, "jira_search_projects", { query: "op" });
        equal(found.isError, false, found.text);
        deepEqual(
          found.json,
          [{ key: "OPS", name: "Operations", id: "10001", type: "software" }]
            .map((p) => flavour === "cloud" ? p : { key: p.key, name: p.name, id: p.id }),
        );
        const excluded = await call(client, "jira_search_projects", {
          query: "op",
          current_project_ids: "10001",
        });
        deepEqual(excluded.json, []);
        const limited = await call(client, "jira_search_projects", { query: "", max_results: 1 });
        equal(limited.json.length, 1, limited.text);
        const path = flavour === "cloud" ? `${api}/project/search` : `${api}/projects/picker`;
        equal(site.requests.findLast((r) => r.path.includes("project"))!.path, path);
      });

      await t.step(
        "jira_get_project_fields merges every type's fields, with progress",
        async () => {
          const answer = await callWithProgress(client, "jira_get_project_fields", {
            project_key: "DEMO",
          });
          equal(answer.isError, false, answer.text);
          deepEqual(answer.json.issue_types, ["Epic", "Story", "Task", "Bug", "Sub-task"]);
          const fields = new Map<string, Record<string, unknown>>(
            answer.json.fields.map((f: { field_id: string }) => [f.field_id, f]),
          );
          deepEqual(fields.get("summary"), {
            field_id: "summary",
            name: "Summary",
            type: "string",
            required: true,
          });
          deepEqual(fields.get("customfield_10014")!.issue_types, ["Story", "Task", "Bug"]);
          const parent = fields.get("parent")!;
          if (flavour === "cloud") {
            equal(parent.required, false);
            deepEqual(parent.required_for, ["Sub-task"]);
            deepEqual(parent.issue_types, ["Story", "Task", "Bug", "Sub-task"]);
          } else {
            equal(parent.required, true);
            deepEqual(parent.issue_types, ["Sub-task"]);
          }
          assertSteps(answer.steps, [[0, 5], [1, 5], [2, 5], [3, 5], [4, 5]]);
          equal(answer.steps[3].message, "Reading the fields of Bug");
        },
      );

      await t.step("jira_create_version creates once and refuses what Jira would", async () => {
        const created = await call(client, "jira_create_version", {
          project_key: "DEMO",
          name: "2.0",
          start_date: "2024-05-01",
          release_date: "2024-06-28",
          description: "Wallets",
        });
        equal(created.isError, false, created.text);
        match(created.json.message, /^Created version "2\.0" \(id \d+\) in DEMO\.$/);
        equal(created.json.version.release_date, "2024-06-28");
        const stored = site.state.versions.find((v) => v.name === "2.0")!;
        deepEqual(
          [stored.projectId, stored.startDate, stored.description],
          ["10000", "2024-05-01", "Wallets"],
        );
        const sent = site.requests.findLast((r) => r.path === `${api}/version`)!;
        equal((sent.body as { projectId: number }).projectId, 10000);
        const before = posts();
        const taken = await call(client, "jira_create_version", {
          project_key: "DEMO",
          name: "1.0",
        });
        equal(taken.isError, true);
        match(taken.text, /already has a version "1\.0" \(id 10100\)/);
        const badDate = await call(client, "jira_create_version", {
          project_key: "DEMO",
          name: "2.1",
          release_date: "2024-02-30",
        });
        equal(badDate.isError, true);
        match(
          badDate.text,
          /^Not created: release_date is not a date written yyyy-mm-dd: "2024-02-30"\./,
        );
        const order = await call(client, "jira_create_version", {
          project_key: "DEMO",
          name: "2.1",
          start_date: "2024-07-01",
          release_date: "2024-06-01",
        });
        equal(order.isError, true);
        match(
          order.text,
          /^Not created: The start date 2024-07-01 is after the release date 2024-06-01\./,
        );
        equal(posts(), before, "refused before any write");
      });

      await t.step("a create whose answer is lost is found and reported as created", async () => {
        site.fault({ match: /\/version$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_create_version", {
          project_key: "OPS",
          name: "2024.2",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /\(found after the connection dropped\)\.$/);
        equal(site.state.versions.filter((v) => v.name === "2024.2").length, 1);
      });

      await t.step("jira_batch_create_versions checks every item before writing", async () => {
        const before = posts();
        const refused = await call(client, "jira_batch_create_versions", {
          project_key: "DEMO",
          versions: JSON.stringify([
            { name: "3.0" },
            { name: "1.1" },
            { name: "3.1", releaseDate: "next week" },
            { name: "3.0" },
            { name: "3.2", owner: "bob" },
            "3.3",
          ]),
        });
        equal(refused.isError, true);
        match(refused.text, /^Nothing was created: 5 problems in versions: /);
        match(refused.text, /versions\[1\]: project DEMO already has a version "1\.1"/);
        match(refused.text, /versions\[2\]: releaseDate is not a date written yyyy-mm-dd/);
        match(refused.text, /versions\[3\] repeats the name "3\.0" of versions\[0\]/);
        match(refused.text, /versions\[4\] has an unknown attribute "owner"/);
        match(refused.text, /versions\[5\] is not an object/);
        equal(posts(), before, "nothing written");
      });

      await t.step("jira_batch_create_versions reports each item, with progress", async () => {
        site.fault({
          match: /\/version$/,
          method: "POST",
          status: 400,
          body: { errorMessages: [], errors: { name: "The version name is reserved." } },
        });
        // The array itself, not JSON text: both forms are accepted.
        const answer = await callWithProgress(client, "jira_batch_create_versions", {
          project_key: "DEMO",
          versions: [
            { name: "4.0" },
            { name: "4.1", start_date: "2024-08-01", release_date: "2024-08-30" },
            { name: "4.2", description: "Later" },
          ],
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Created 2 of 3 versions in DEMO; 1 failed.");
        deepEqual(
          answer.json.created.map((c: { index: number; name: string }) => [c.index, c.name]),
          [
            [1, "4.1"],
            [2, "4.2"],
          ],
        );
        equal(answer.json.failed.length, 1);
        equal(answer.json.failed[0].index, 0);
        match(answer.json.failed[0].error, /The version name is reserved/);
        equal(answer.json.not_attempted, undefined);
        const ids = answer.json.created.map((c: { id: string }) => c.id);
        deepEqual(
          site.state.versions.filter((v) => ids.includes(v.id)).map((v) => v.name),
          ["4.1", "4.2"],
        );
        equal(site.state.versions.find((v) => v.name === "4.1")!.releaseDate, "2024-08-30");
        assertSteps(answer.steps, [[0, 3], [1, 3], [2, 3]]);
        equal(answer.steps[2].message, "Creating 4.2 in DEMO");
      });

      await t.step("a failure that is not the item's stops the batch, saying so", async () => {
        site.fault({ match: /\/version$/, method: "POST", status: 403 });
        const before = posts();
        const answer = await call(client, "jira_batch_create_versions", {
          project_key: "OPS",
          versions: '[{"name": "5.0"}, {"name": "5.1"}]',
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          "Created 0 of 2 versions in OPS; 1 failed; stopped after a failure, 1 not attempted.",
        );
        deepEqual(answer.json.not_attempted, [{ index: 1, name: "5.1" }]);
        equal(posts(), before + 1);
        ok(!site.state.versions.some((v) => v.name.startsWith("5.")));
      });

      await t.step("jira_update_version changes only what is given", async () => {
        const answer = await call(client, "jira_update_version", {
          version_id: 10101,
          name: "1.1.0",
          released: true,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'Updated version "1.1.0" (id 10101): name, released.');
        const stored = site.state.versions.find((v) => v.id === "10101")!;
        deepEqual(
          [stored.name, stored.released, stored.description, stored.releaseDate],
          ["1.1.0", true, "Saved cards", "2024-04-30"],
        );
        const sent = site.requests.findLast((r) => r.method === "PUT")!;
        equal(sent.path, `${api}/version/10101`);
        deepEqual(sent.body, { name: "1.1.0", released: true });
        const nothing = await call(client, "jira_update_version", { version_id: "10101" });
        equal(nothing.isError, true);
        match(nothing.text, /^Nothing to update/);
        const unknown = await call(client, "jira_update_version", {
          version_id: "99999",
          archived: true,
        });
        equal(unknown.isError, true);
        match(unknown.text, /Could not find version for id '99999'/);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`jira_projects tools hold JIRA_PROJECTS_FILTER on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    try {
      const all = await call(client, "jira_get_all_projects", { include_archived: true });
      deepEqual(all.json.projects.map((p: { key: string }) => p.key), ["DEMO"], all.text);
      if (flavour === "cloud") {
        const sent = site.requests.findLast((r) => r.path.endsWith("/project/search"))!;
        deepEqual(sent.query.getAll("keys"), ["DEMO"], "narrowed by Jira itself");
      }
      const search = await call(client, "jira_search_projects", { query: "" });
      deepEqual(search.json.map((p: { key: string }) => p.key), ["DEMO"], search.text);
      const outside: [string, Record<string, unknown>][] = [
        ["jira_get_project_issue_types", { project_key: "OPS" }],
        ["jira_get_create_fields", { project_key: "OPS", issue_type_id: "10002" }],
        ["jira_get_project_versions", { project_key: "OPS" }],
        ["jira_get_project_components", { project_key: "OPS" }],
        ["jira_get_project_fields", { project_key: "ops" }],
        ["jira_create_version", { project_key: "OPS", name: "x" }],
        ["jira_batch_create_versions", { project_key: "OPS", versions: '[{"name": "x"}]' }],
        ["jira_update_version", { version_id: "10102", archived: true }],
      ];
      for (const [name, args] of outside) {
        const before = site.requests.length;
        const answer = await call(client, name, args);
        equal(answer.isError, true, name);
        match(answer.text, /Project OPS is outside the projects this server may use/, name);
        ok(
          site.requests.slice(before).every((r) => r.method === "GET"),
          `${name} wrote nothing`,
        );
      }
      const inside = await call(client, "jira_update_version", {
        version_id: "10100",
        description: "GA",
      });
      equal(inside.isError, false, inside.text);
      equal(site.state.versions.find((v) => v.id === "10100")!.description, "GA");
    } finally {
      await session.close();
    }
  });
}

/** One valid call of every tool, with its write request if it has one. */
const EVERY_CALL: [string, Record<string, unknown>, { method: string; match: RegExp }?][] = [
  ["jira_get_project_issue_types", { project_key: "DEMO" }],
  ["jira_get_create_fields", { project_key: "DEMO", issue_type_id: "10002" }],
  ["jira_get_project_versions", { project_key: "DEMO" }],
  ["jira_get_project_components", { project_key: "DEMO" }],
  ["jira_get_all_projects", {}],
  ["jira_search_projects", { query: "demo" }],
  ["jira_get_project_fields", { project_key: "DEMO" }],
  ["jira_create_version", { project_key: "DEMO", name: "9.0" }, {
    method: "POST",
    match: /\/version$/,
  }],
  [
    "jira_batch_create_versions",
    { project_key: "DEMO", versions: '[{"name": "9.1"}]' },
    { method: "POST", match: /\/version$/ },
  ],
  ["jira_update_version", { version_id: "10100", description: "x" }, {
    method: "PUT",
    match: /\/version\/10100$/,
  }],
];

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: jira_projects tools fail clearly on an answer that is not Jira's`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      for (const [tool, args, write] of EVERY_CALL) {
        await t.step(`${tool}: JSON of another shape for every request`, async () => {
          site.reset();
          site.fault({ match: /./, status: 200, body: { unexpected: true }, times: Infinity });
          const answer = await call(client, tool, args);
          equal(answer.isError, true, `${tool}: ${answer.text}`);
          match(answer.text, /JSON that is not/);
          ok(!/"message":"(Created|Updated)/.test(answer.text), answer.text);
        });
        if (!write) continue;
        await t.step(`${tool}: an applied write answered with an HTML page is found`, async () => {
          site.reset();
          site.fault({
            ...write,
            status: 200,
            body: "<!DOCTYPE html><html><body>Sign in</body></html>",
            headers: { "content-type": "text/html;charset=UTF-8" },
            apply: true,
          });
          const answer = await call(client, tool, args);
          equal(answer.isError, false, `${tool}: ${answer.text}`);
          match(answer.text, /found after an unexpected answer/);
        });
      }
    } finally {
      await session.close();
    }
  });
}

Deno.test("read-only mode hides the version writes and refuses them by name", async () => {
  await using fake = await startFakeAtlassian();
  const session = await connectStdio({ ...fake.datacenter.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    for (const name of TOOLS) equal(names.includes(name), !WRITES.includes(name), name);
    for (const name of WRITES) {
      const answer = await call(session.client, name, {
        project_key: "DEMO",
        name: "x",
        versions: '[{"name": "x"}]',
        version_id: "10100",
      });
      equal(answer.text, `Unknown tool: ${name}`);
    }
    equal(fake.datacenter.requests.filter((r) => r.method !== "GET").length, 0);
  } finally {
    await session.close();
  }
});
