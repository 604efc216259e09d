/**
 * The fake's custom field contexts and options over real loopback HTTP: Cloud's context and
 * option listings (paging, filters, cascading children, Atlassian's error bodies) and the
 * allowed values of select-like fields on create screens, in both flavours.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";

const AUTH = {
  cloud: `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  datacenter: "Bearer dc-personal-token",
};

// deno-lint-ignore no-explicit-any
async function get(site: FakeSite, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(site.origin + path, { headers: { authorization: AUTH[site.flavour] } });
  return { status: res.status, body: await res.json() };
}

Deno.test("fake lists field contexts and their options on cloud", async () => {
  await using fake = await startFakeAtlassian();
  const cloud = fake.cloud;
  const contexts = await get(cloud, "/rest/api/3/field/customfield_10031/context");
  assert.equal(contexts.status, 200);
  assert.deepEqual(contexts.body.values.map((c: { id: string }) => c.id), ["10140", "10141"]);
  assert.equal(contexts.body.values[0].isGlobalContext, false);
  const global = await get(
    cloud,
    "/rest/api/2/field/customfield_10031/context?isGlobalContext=true",
  );
  assert.deepEqual(global.body.values, []);
  const points = await get(cloud, "/rest/api/3/field/customfield_10016/context");
  assert.equal(points.body.values[0].isGlobalContext, true);

  const page = await get(
    cloud,
    "/rest/api/3/field/customfield_10031/context/10140/option?startAt=1&maxResults=2",
  );
  assert.equal(page.body.total, 6);
  assert.equal(page.body.isLast, false);
  assert.ok(page.body.nextPage.includes("startAt=3"));
  assert.deepEqual(page.body.values, [
    { id: "10311", value: "Americas", disabled: false },
    { id: "10312", value: "France", disabled: false, optionId: "10310" },
  ]);
  const only = await get(
    cloud,
    "/rest/api/3/field/customfield_10031/context/10140/option?onlyOptions=true",
  );
  assert.deepEqual(only.body.values.map((o: { value: string }) => o.value), ["Europe", "Americas"]);

  const unknownField = await get(cloud, "/rest/api/3/field/customfield_99999/context");
  assert.equal(unknownField.status, 404);
  assert.deepEqual(unknownField.body, {
    errorMessages: ["The custom field was not found."],
    errors: {},
  });
  const system = await get(cloud, "/rest/api/3/field/summary/context");
  assert.equal(system.status, 404);
  const noOptions = await get(cloud, "/rest/api/3/field/customfield_10016/context/10116/option");
  assert.equal(noOptions.status, 400);
  assert.deepEqual(noOptions.body.errorMessages, ["The custom field doesn't support options."]);
  const otherContext = await get(cloud, "/rest/api/3/field/customfield_10030/context/10140/option");
  assert.equal(otherContext.status, 404);
  assert.deepEqual(otherContext.body.errorMessages, ["The context was not found."]);
  const dc = await get(fake.datacenter, "/rest/api/2/field/customfield_10030/context");
  assert.equal(dc.status, 404);
});

Deno.test("fake shows select options as allowed values on Bug create screens", async () => {
  await using fake = await startFakeAtlassian();
  for (const site of [fake.cloud, fake.datacenter]) {
    const api = site.flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";
    const bug = await get(site, `${api}/issue/createmeta/OPS/issuetypes/10003?maxResults=200`);
    const items = bug.body.fields ?? bug.body.values;
    const region = items.find((f: { fieldId: string }) => f.fieldId === "customfield_10031");
    assert.equal(region.schema.type, "option-with-child");
    assert.equal(region.allowedValues[0].value, "Asia");
    assert.equal(region.allowedValues[0].children[0].value, "Japan");
    const severity = items.find((f: { fieldId: string }) => f.fieldId === "customfield_10030");
    assert.equal(severity.allowedValues[3].disabled, true);
    const task = await get(site, `${api}/issue/createmeta/OPS/issuetypes/10002?maxResults=200`);
    const taskItems = task.body.fields ?? task.body.values;
    assert.ok(!taskItems.some((f: { fieldId: string }) => f.fieldId === "customfield_10030"));
  }
});
