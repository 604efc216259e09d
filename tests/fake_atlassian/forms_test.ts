/**
 * The fake's Jira Forms API: through the fake `api.atlassian.com` with the site's Basic
 * credentials or an OAuth token, the forms of DEMO-1 (open and submitted), Atlassian's error
 * bodies, answers kept as Atlassian keeps them, and the Cloud site's `/_edge/tenant_info`.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { CHANGE_FORM_ID, REVIEW_FORM_ID } from "./_jira_forms.ts";
import { CLOUD_ID_1, CLOUD_ID_2, startFakeAtlassian } from "./mod.ts";

const BASIC = { authorization: `Basic ${btoa("alice@example.com:cloud-api-token")}` };

Deno.test("fake Forms API lists, reads and saves forms through api.atlassian.com", async () => {
  await using fake = await startFakeAtlassian();
  const base = `${fake.oauth.apiOrigin}/jira/forms/cloud/${CLOUD_ID_1}`;
  const get = (path: string, headers: HeadersInit = BASIC) => fetch(base + path, { headers });

  const list = await get("/issue/DEMO-1/form");
  equal(list.status, 200);
  const forms = await list.json();
  deepEqual(forms.map((f: { id: string }) => f.id), [CHANGE_FORM_ID, REVIEW_FORM_ID]);
  deepEqual([forms[1].submitted, forms[1].lock, forms[1].internal], [true, true, true]);
  deepEqual(await (await get("/issue/DEMO-2/form")).json(), []);

  const form = await (await get(`/issue/DEMO-1/form/${CHANGE_FORM_ID}`)).json();
  equal(form.design.settings.name, "Change request");
  equal(form.state.status, "o");
  equal(form.design.questions["5"].choices[1].label, "Medium");

  const unknown = await get("/issue/DEMO-2/form/00000000-0000-4000-8000-000000000000");
  equal(unknown.status, 404);
  const body = await unknown.json();
  equal(body.errors[0].code, "FORM_NOT_FOUND");
  equal(body.errors[0].detail, "The provided form ID was not found.");
  equal((await (await get("/issue/NOPE-9/form")).json()).errors[0].code, "ISSUE_NOT_FOUND");

  const put = (formId: string, answers: unknown) =>
    fetch(`${base}/issue/DEMO-1/form/${formId}`, {
      method: "PUT",
      headers: { ...BASIC, "content-type": "application/json" },
      body: JSON.stringify({ answers }),
    });
  const saved = await put(CHANGE_FORM_ID, {
    "2": { text: "12" },
    "4": { date: Date.parse("2025-03-01T14:30:00Z") },
    "6": { choices: ["1", "3"] },
  });
  equal(saved.status, 200);
  const after = (await saved.json()).state.answers;
  deepEqual(after["4"], { date: "2025-03-01" }, "the time of a date-time is dropped");
  deepEqual(after["6"], { choices: ["1", "3"] });
  equal(after["1"].text, "Move checkout to the new payment provider", "other answers stay");

  const bad = await put(CHANGE_FORM_ID, { "5": { choices: ["9"] } });
  equal(bad.status, 400);
  equal((await bad.json()).errors[0].code, "INVALID_ANSWER");
  const submitted = await put(REVIEW_FORM_ID, { "2": { text: "changed" } });
  equal(submitted.status, 409);
  equal((await submitted.json()).errors[0].code, "FORM_SUBMITTED");

  const wrong = await get("/issue/DEMO-1/form", {
    authorization: `Basic ${btoa("alice@example.com:nope")}`,
  });
  equal(wrong.status, 401);
  await wrong.body?.cancel();
  const { accessToken } = fake.oauth.issueToken({ user: "alice" });
  const bearer = await get("/issue/DEMO-1/form", { authorization: `Bearer ${accessToken}` });
  equal(bearer.status, 200);
  equal((await bearer.json()).length, 2);
  ok(fake.oauth.apiRequests.some((r) => r.forwardedTo === "cloud" && r.token === accessToken));
});

Deno.test("fake Cloud sites answer their cloud id at /_edge/tenant_info without credentials", async () => {
  await using fake = await startFakeAtlassian();
  deepEqual(await (await fetch(`${fake.cloud.origin}/_edge/tenant_info`)).json(), {
    cloudId: CLOUD_ID_1,
  });
  deepEqual(await (await fetch(`${fake.cloud2.origin}/_edge/tenant_info`)).json(), {
    cloudId: CLOUD_ID_2,
  });
  const dc = await fetch(`${fake.datacenter.origin}/_edge/tenant_info`);
  equal(dc.status, 404);
  await dc.body?.cancel();
});
