/**
 * `jira_get_field_options` through the real entry point over stdio, against the fake Atlassian,
 * on Cloud (field contexts and their options) and Data Center (create-screen allowed values):
 * a select field, a cascading select, the filters and the compact mode; and the refusals:
 * ambiguous context, unknown context, missing project/issue type on Data Center, a field without
 * options, the project allowlist, and read-only mode (a read tool: still listed and working).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

const TOOL = "jira_get_field_options";

const SEVERITY = [
  { id: "10300", value: "Critical" },
  { id: "10301", value: "Major" },
  { id: "10302", value: "Minor" },
  { id: "10303", value: "Trivial", disabled: true },
];

const REGION_DEMO = [
  {
    id: "10310",
    value: "Europe",
    children: [{ id: "10312", value: "France" }, { id: "10313", value: "Germany" }],
  },
  {
    id: "10311",
    value: "Americas",
    children: [{ id: "10314", value: "Canada" }, { id: "10315", value: "Brazil" }],
  },
];

Deno.test("jira_get_field_options works end to end on cloud", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio(site.env);
  const { client } = session;
  try {
    await t.step("is listed in the jira_fields toolset", async () => {
      const tool = (await client.listTools()).tools.find((x) => x.name === TOOL);
      ok(tool, "listed");
      equal(tool.annotations?.readOnlyHint, true);
    });

    await t.step("lists a select field's options from its global context", async () => {
      const answer = await call(client, TOOL, { field_id: "customfield_10030" });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json, {
        field_id: "customfield_10030",
        context: { id: "10130", name: "Default Configuration Scheme for Severity" },
        total: 4,
        options: SEVERITY,
      });
      ok(site.requests.some((r) => r.path === "/rest/api/3/field/customfield_10030/context"));
      ok(
        site.requests.some((r) =>
          r.path === "/rest/api/3/field/customfield_10030/context/10130/option"
        ),
      );
    });

    await t.step("nests cascading children; contains, return_limit, values_only", async () => {
      const full = await call(client, TOOL, { field_id: "customfield_10031", context_id: "10140" });
      equal(full.isError, false, full.text);
      deepEqual(full.json.context, { id: "10140", name: "Region for DEMO" });
      deepEqual(full.json.options, REGION_DEMO);
      const filtered = await call(client, TOOL, {
        field_id: "customfield_10031",
        context_id: 10140,
        contains: "GER",
      });
      deepEqual(filtered.json.options, [{
        ...REGION_DEMO[0],
        children: [REGION_DEMO[0].children[1]],
      }]);
      const values = await call(client, TOOL, {
        field_id: "customfield_10031",
        context_id: "10140",
        values_only: true,
        return_limit: 1,
      });
      deepEqual(values.json, {
        field_id: "customfield_10031",
        context: { id: "10140", name: "Region for DEMO" },
        total: 2,
        values: ["Europe", "Europe > France", "Europe > Germany"],
      });
    });

    await t.step("reads every page of options", async () => {
      site.reset();
      // Jira may answer fewer options than asked for: the first page stops after two of four.
      site.fault({
        match: "/context/10130/option",
        status: 200,
        body: {
          maxResults: 2,
          startAt: 0,
          total: 4,
          isLast: false,
          values: [
            { id: "10300", value: "Critical", disabled: false },
            { id: "10301", value: "Major", disabled: false },
          ],
        },
      });
      const answer = await call(client, TOOL, { field_id: "customfield_10030", values_only: true });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json.values, ["Critical", "Major", "Minor", "Trivial"]);
      const pages = site.requests.filter((r) => r.path.endsWith("/context/10130/option"));
      deepEqual(pages.map((r) => r.query.get("startAt")), ["0", "2"]);
      equal(pages[0].query.get("maxResults"), "100");
    });

    await t.step("refuses an ambiguous or unknown context, listing the contexts", async () => {
      const ambiguous = await call(client, TOOL, { field_id: "customfield_10031" });
      equal(ambiguous.isError, true);
      match(ambiguous.text, /customfield_10031 has 2 contexts and none is global/);
      match(ambiguous.text, /Region for DEMO \(10140\), Region for OPS \(10141\)/);
      const unknown = await call(client, TOOL, {
        field_id: "customfield_10030",
        context_id: "999",
      });
      equal(unknown.isError, true);
      match(unknown.text, /customfield_10030 has no context 999/);
      match(unknown.text, /Default Configuration Scheme for Severity \(10130\)/);
    });

    await t.step("reports Jira's refusal of a field without options or unknown", async () => {
      const points = await call(client, TOOL, { field_id: "customfield_10016" });
      equal(points.isError, true);
      match(points.text, /doesn't support options/);
      const summary = await call(client, TOOL, { field_id: "summary" });
      equal(summary.isError, true);
      match(summary.text, /custom field was not found/);
    });
  } finally {
    await session.close();
  }
});

Deno.test("jira_get_field_options works end to end on datacenter", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.datacenter;
  const session = await connectStdio(site.env);
  const { client } = session;
  try {
    await t.step("lists a select field's allowed values on a create screen", async () => {
      const answer = await call(client, TOOL, {
        field_id: "customfield_10030",
        project_key: "DEMO",
        issue_type: "bug",
      });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json, {
        field_id: "customfield_10030",
        project_key: "DEMO",
        issue_type: "Bug",
        total: 4,
        options: SEVERITY,
      });
      ok(
        site.requests.some((r) => r.path === "/rest/api/2/issue/createmeta/DEMO/issuetypes/10003"),
      );
      ok(!site.requests.some((r) => r.path.includes("/context")));
    });

    await t.step("nests cascading children per project; filters and compacts", async () => {
      const demo = await call(client, TOOL, {
        field_id: "customfield_10031",
        project_key: "DEMO",
        issue_type: "10003",
      });
      deepEqual(demo.json.options, REGION_DEMO, demo.text);
      const ops = await call(client, TOOL, {
        field_id: "customfield_10031",
        project_key: "OPS",
        issue_type: "Bug",
        values_only: true,
      });
      deepEqual(ops.json.values, ["Asia", "Asia > Japan"], ops.text);
      const filtered = await call(client, TOOL, {
        field_id: "customfield_10031",
        project_key: "DEMO",
        issue_type: "Bug",
        contains: "americas",
        values_only: true,
      });
      deepEqual(filtered.json.values, ["Americas", "Americas > Canada", "Americas > Brazil"]);
    });

    await t.step("requires project_key and issue_type, before any request", async () => {
      site.reset();
      const answer = await call(client, TOOL, { field_id: "customfield_10030" });
      equal(answer.isError, true);
      match(answer.text, /project_key and issue_type are required/);
      equal(site.requests.length, 0);
    });

    await t.step("refuses a field missing from the create screen or an unknown type", async () => {
      const missing = await call(client, TOOL, {
        field_id: "customfield_10030",
        project_key: "DEMO",
        issue_type: "Story",
      });
      equal(missing.isError, true);
      match(missing.text, /customfield_10030 is not on the create screen of Story in DEMO/);
      const type = await call(client, TOOL, {
        field_id: "customfield_10030",
        project_key: "OPS",
        issue_type: "Epic",
      });
      equal(type.isError, true);
      match(type.text, /Project OPS has no issue type "Epic"/);
    });
  } finally {
    await session.close();
  }
});

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: jira_get_field_options holds the project allowlist`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    try {
      const answer = await call(session.client, TOOL, {
        field_id: "customfield_10031",
        context_id: "10141",
        project_key: "OPS",
        issue_type: "Bug",
      });
      equal(answer.isError, true);
      match(answer.text, /OPS/);
      equal(site.requests.length, 0);
      const allowed = await call(session.client, TOOL, {
        field_id: "customfield_10031",
        context_id: "10140",
        project_key: "DEMO",
        issue_type: "Bug",
        values_only: true,
      });
      equal(allowed.isError, false, allowed.text);
      equal(allowed.json.values[0], "Europe");
    } finally {
      await session.close();
    }
  });
}

Deno.test("read-only mode keeps jira_get_field_options (a read)", async () => {
  await using fake = await startFakeAtlassian();
  const session = await connectStdio({ ...fake.datacenter.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    ok(names.includes(TOOL));
    const answer = await call(session.client, TOOL, {
      field_id: "customfield_10030",
      project_key: "DEMO",
      issue_type: "Bug",
      values_only: true,
    });
    deepEqual(answer.json.values, ["Critical", "Major", "Minor", "Trivial"], answer.text);
  } finally {
    await session.close();
  }
});
