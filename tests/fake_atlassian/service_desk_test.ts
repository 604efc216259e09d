/**
 * The fake's Jira Service Management over real loopback HTTP, on both flavours: the HELP desk
 * appears only once installed, requests are validated as Atlassian does (required fields, select
 * ids, the on-behalf customer) with the Service Management error body, comments need `public`,
 * temporary files need multipart and the XSRF header, request comments are the issue's comments
 * (an internal note has `jsdPublic: false` on Cloud), and an issue that is not a request is 404.
 */
import assert from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "./mod.ts";
import { installServiceDesk } from "./_jira_servicedesk.ts";

const SD = "/rest/servicedeskapi";

/** Alice's Authorization header on a site. */
function auth(site: FakeSite): string {
  return site.flavour === "cloud"
    ? `Basic ${btoa("alice@example.com:cloud-api-token")}`
    : "Bearer dc-personal-token";
}

/** Calls a site as Alice: JSON for plain bodies, as it is for `FormData`. */
async function call(site: FakeSite, method: string, path: string, body?: unknown, headers = {}) {
  const form = body instanceof FormData;
  const res = await fetch(site.origin + path, {
    method,
    headers: {
      authorization: auth(site),
      "x-atlassian-token": "no-check",
      ...(body === undefined || form ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`fake ${flavour} service desk: desks, requests, comments, attachments`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const none = await call(site, "GET", `${SD}/servicedesk`);
    assert.deepEqual([none.status, none.body.values], [200, []]);
    installServiceDesk(site.state);

    const desks = await call(site, "GET", `${SD}/servicedesk`);
    assert.deepEqual(desks.body.values.map((d: { projectKey: string }) => d.projectKey), ["HELP"]);
    const byKey = await call(site, "GET", `${SD}/servicedesk/projectKey:HELP`);
    assert.equal(byKey.body.id, "1");
    const unknown = await call(site, "GET", `${SD}/servicedesk/9`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.errorMessage, /service desk with ID 9 does not exist/);
    assert.equal(unknown.body.i18nErrorMessage.i18nKey, "sd.servicedesk.error.not.found");
    const project = await call(site, "GET", "/rest/api/2/project/HELP");
    assert.equal(project.body.projectTypeKey, "service_desk");

    const request = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call(site, "POST", `${SD}/request`, {
        serviceDeskId: "1",
        requestTypeId: "10",
        requestFieldValues: values,
        ...extra,
      });
    const missing = await request({ summary: "No urgency" });
    assert.equal(missing.status, 400);
    assert.match(missing.body.errorMessage, /Urgency is required/);
    const badOption = await request({ summary: "x", customfield_10100: { value: "High" } });
    assert.equal(badOption.status, 400);
    assert.match(badOption.body.errorMessage, /Specify a valid value for Urgency/);
    const stranger = await request({ summary: "x", customfield_10100: { id: "10100" } }, {
      raiseOnBehalfOf: "nobody",
    });
    assert.equal(stranger.status, 400);
    assert.match(stranger.body.errorMessage, /'nobody' does not exist/);

    const bob = flavour === "cloud" ? "557058:bob" : "bob";
    const created = await request({ summary: "Printer", customfield_10100: { id: "10100" } }, {
      raiseOnBehalfOf: bob,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.issueKey, "HELP-3");
    assert.equal(created.body.reporter.displayName, "Bob Builder");
    assert.equal(created.body._links.web, `${site.origin}/servicedesk/customer/portal/1/HELP-3`);
    const issue = await call(site, "GET", "/rest/api/2/issue/HELP-3");
    assert.equal(issue.body.fields.summary, "Printer");

    const noPublic = await call(site, "POST", `${SD}/request/HELP-3/comment`, { body: "Hi" });
    assert.equal(noPublic.status, 400);
    assert.match(noPublic.body.errorMessage, /public field is required/);
    const note = await call(site, "POST", `${SD}/request/HELP-3/comment`, {
      body: "Internal",
      public: false,
    });
    assert.equal(note.status, 201);
    const publicOnly = await call(site, "GET", `${SD}/request/HELP-3/comment?internal=false`);
    assert.deepEqual(publicOnly.body.values, []);
    const platform = await call(site, "GET", "/rest/api/2/issue/HELP-3/comment");
    assert.equal(
      platform.body.comments[0].body,
      "Internal",
      "a request comment is an issue comment",
    );
    if (flavour === "cloud") assert.equal(platform.body.comments[0].jsdPublic, false);
    const notRequest = await call(site, "GET", `${SD}/request/DEMO-1`);
    assert.equal(notRequest.status, 404);
    assert.match(notRequest.body.errorMessage, /request does not exist/);

    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    const noToken = await call(site, "POST", `${SD}/servicedesk/1/attachTemporaryFile`, form, {
      "x-atlassian-token": "",
    });
    assert.deepEqual([noToken.status, noToken.body.errorMessage], [403, "XSRF check failed"]);
    const asJson = await call(site, "POST", `${SD}/servicedesk/1/attachTemporaryFile`, {});
    assert.equal(asJson.status, 415);
    const temp = await call(site, "POST", `${SD}/servicedesk/1/attachTemporaryFile`, form);
    assert.equal(temp.status, 201, JSON.stringify(temp.body));
    const [{ temporaryAttachmentId, fileName }] = temp.body.temporaryAttachments;
    assert.equal(fileName, "hello.txt");
    const attached = await call(site, "POST", `${SD}/request/HELP-3/attachment`, {
      temporaryAttachmentIds: [temporaryAttachmentId],
      public: true,
    });
    assert.equal(attached.status, 201);
    assert.equal(attached.body.attachments.values[0].size, 5);
    const again = await call(site, "POST", `${SD}/request/HELP-3/attachment`, {
      temporaryAttachmentIds: [temporaryAttachmentId],
      public: true,
    });
    assert.equal(again.status, 400, "a temporary file is attached once");
  });
}
