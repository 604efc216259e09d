/**
 * Behaviour of the fake Atlassian over real loopback HTTP: auth, error bodies, both pagination
 * models, the JQL and CQL subsets, state changed by writes, version conflicts, faults, reset.
 */
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import adfSchema from "@atlaskit/adf-schema/dist/json-schema/v1/full.json" with { type: "json" };
import { type FakeAtlassian, type FakeSite, startFakeAtlassian } from "./mod.ts";
import { architectureStorage, seedState } from "./_model.ts";
import { isWellFormedStorage, storageToAdf, wikiToAdf } from "./_rich.ts";

const ALICE_CLOUD = `Basic ${btoa("alice@example.com:cloud-api-token")}`;
const BOB_CLOUD = `Basic ${btoa("bob@example.com:bob-api-token")}`;
const ALICE_DC = "Bearer dc-personal-token";
const BOB_DC = "Bearer bob-personal-token";

interface Answer {
  status: number;
  headers: Headers;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** Calls the fake as Alice (or with `auth`), JSON in and out. */
async function call(
  site: FakeSite,
  path: string,
  init: {
    method?: string;
    body?: unknown;
    auth?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  const auth = init.auth === undefined
    ? (site.flavour === "cloud" ? ALICE_CLOUD : ALICE_DC)
    : init.auth;
  if (auth) headers.authorization = auth;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(site.origin + path, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body };
}

function q(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

async function withFake(fn: (fake: FakeAtlassian) => Promise<void> | void): Promise<void> {
  const fake = await startFakeAtlassian({ now: () => new Date("2024-04-01T12:00:00.000Z") });
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

// --- environment and auth --------------------------------------------------------------------

Deno.test("fake exposes a complete env per flavour on separate loopback ports", async () => {
  await withFake(({ cloud, datacenter }) => {
    assert.match(cloud.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(datacenter.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(cloud.origin, datacenter.origin);
    const { ATLASSIAN_MEDIA_URL: media, ...site } = cloud.env;
    assert.match(media, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(site, {
      JIRA_URL: cloud.origin,
      JIRA_USERNAME: "alice@example.com",
      JIRA_API_TOKEN: "cloud-api-token",
      JIRA_DEPLOYMENT: "cloud",
      CONFLUENCE_URL: `${cloud.origin}/wiki`,
      CONFLUENCE_USERNAME: "alice@example.com",
      CONFLUENCE_API_TOKEN: "cloud-api-token",
      CONFLUENCE_DEPLOYMENT: "cloud",
    });
    assert.deepEqual(datacenter.env, {
      JIRA_URL: datacenter.origin,
      JIRA_PERSONAL_TOKEN: "dc-personal-token",
      JIRA_DEPLOYMENT: "datacenter",
      CONFLUENCE_URL: `${datacenter.origin}/confluence`,
      CONFLUENCE_PERSONAL_TOKEN: "dc-personal-token",
      CONFLUENCE_DEPLOYMENT: "datacenter",
    });
    assert.equal(cloud.envFor("bob").JIRA_API_TOKEN, "bob-api-token");
    assert.equal(datacenter.envFor("bob").CONFLUENCE_PERSONAL_TOKEN, "bob-personal-token");
  });
});

Deno.test("fake rejects missing and bad credentials with 401 in each API's error shape", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const jira = await call(cloud, "/rest/api/3/myself", { auth: null });
    assert.equal(jira.status, 401);
    assert.deepEqual(jira.body, {
      errorMessages: [
        "You are not authenticated. Authentication required to perform this operation.",
      ],
      errors: {},
    });
    assert.equal(jira.headers.get("x-seraph-loginreason"), "AUTHENTICATED_FAILED");
    assert.equal(
      (await call(cloud, "/rest/api/2/myself", {
        auth: `Basic ${btoa("alice@example.com:wrong")}`,
      })).status,
      401,
    );
    assert.equal(
      (await call(cloud, "/rest/api/3/myself", { auth: ALICE_DC })).status,
      401,
      "Cloud takes no PAT",
    );
    const v2 = await call(cloud, "/wiki/api/v2/pages/1002", { auth: null });
    assert.equal(v2.status, 401);
    assert.equal(v2.body.errors[0].status, 401);
    assert.equal(v2.body.errors[0].code, "UNAUTHORIZED");
    const v1 = await call(cloud, "/wiki/rest/api/search?cql=type%3Dpage", { auth: "Basic !!!" });
    assert.equal(v1.status, 401);
    assert.equal(v1.body.statusCode, 401);

    assert.equal((await call(datacenter, "/rest/api/2/myself", { auth: null })).status, 401);
    assert.equal(
      (await call(datacenter, "/rest/api/2/myself", { auth: "Bearer nope" })).status,
      401,
    );
    assert.equal((await call(datacenter, "/rest/api/2/myself", { auth: ALICE_CLOUD })).status, 401);
    const dcConf = await call(datacenter, "/confluence/rest/api/space/DOCS", { auth: null });
    assert.equal(dcConf.status, 401);
    assert.equal(dcConf.body.statusCode, 401);
  });
});

Deno.test("fake authenticates Alice and Bob on both flavours", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    assert.equal((await call(cloud, "/rest/api/3/myself")).body.accountId, "557058:alice");
    assert.equal(
      (await call(cloud, "/rest/api/3/myself", { auth: BOB_CLOUD })).body.displayName,
      "Bob Builder",
    );
    const dcAlice = (await call(datacenter, "/rest/api/2/myself")).body;
    assert.equal(dcAlice.name, "alice");
    assert.equal(dcAlice.key, "JIRAUSER10000");
    assert.equal((await call(datacenter, "/rest/api/2/myself", { auth: BOB_DC })).body.name, "bob");
    const basic = await call(datacenter, "/rest/api/2/myself", {
      auth: `Basic ${btoa("bob:bob-password")}`,
    });
    assert.equal(basic.body.name, "bob");
    assert.equal(
      (await call(cloud, "/wiki/rest/api/user/current", { auth: BOB_CLOUD })).body.accountId,
      "557058:bob",
    );
    assert.equal(
      (await call(datacenter, "/confluence/rest/api/user/current")).body.username,
      "alice",
    );
    // serverInfo is anonymous, like Jira's
    const info = await call(datacenter, "/rest/api/2/serverInfo", { auth: null });
    assert.equal(info.status, 200);
    assert.equal(info.body.deploymentType, "Server");
    assert.equal(
      (await call(cloud, "/rest/api/3/serverInfo", { auth: null })).body.deploymentType,
      "Cloud",
    );
  });
});

Deno.test("fake forbids Bob the OPS project and editing the HR space", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    for (
      const [site, auth, base] of [[cloud, BOB_CLOUD, "/rest/api/3"], [
        datacenter,
        BOB_DC,
        "/rest/api/2",
      ]] as const
    ) {
      const issue = await call(site, `${base}/issue/OPS-1`, { auth });
      assert.equal(issue.status, 403);
      assert.deepEqual(issue.body.errorMessages, [
        "You do not have the permission to see the specified issue.",
      ]);
      assert.equal((await call(site, `${base}/issue/OPS-1`)).status, 200, "Alice can");
      const project = await call(site, `${base}/project/OPS`, { auth });
      assert.equal(project.status, 404);
      assert.deepEqual(project.body.errorMessages, ["No project could be found with key 'OPS'."]);
      assert.deepEqual(
        (await call(site, `${base}/project`, { auth })).body.map((p: { key: string }) => p.key),
        ["DEMO"],
      );
    }
    const search = await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      auth: BOB_CLOUD,
      body: { jql: "project = OPS" },
    });
    assert.equal(search.status, 400);
    assert.deepEqual(search.body.errorMessages, [
      "The value 'OPS' does not exist for the field 'project'.",
    ]);

    const v2 = await call(cloud, "/wiki/api/v2/pages/2001", {
      method: "PUT",
      auth: BOB_CLOUD,
      body: {
        id: "2001",
        status: "current",
        title: "Holiday Policy",
        body: { representation: "storage", value: "<p>x</p>" },
        version: { number: 2 },
      },
    });
    assert.equal(v2.status, 403);
    assert.equal(v2.body.errors[0].code, "FORBIDDEN");
    const dc = await call(datacenter, "/confluence/rest/api/content/2001", {
      method: "PUT",
      auth: BOB_DC,
      body: {
        type: "page",
        title: "Holiday Policy",
        version: { number: 2 },
        body: { storage: { value: "<p>x</p>", representation: "storage" } },
      },
    });
    assert.equal(dc.status, 403);
    assert.equal(dc.body.statusCode, 403);
  });
});

// --- Jira issues -----------------------------------------------------------------------------

Deno.test("fake returns issues as ADF on Cloud v3, as wiki on Cloud v2 and on DC", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const v3 = (await call(cloud, "/rest/api/3/issue/DEMO-2")).body;
    assert.equal(v3.key, "DEMO-2");
    assert.equal(v3.fields.summary, "Pay with saved card");
    assert.equal(v3.fields.status.name, "In Progress");
    assert.equal(v3.fields.assignee.accountId, "557058:alice");
    assert.equal(v3.fields.parent.key, "DEMO-1");
    assert.equal(v3.fields.description.type, "doc");
    const types = JSON.stringify(v3.fields.description);
    for (const t of ["heading", "bulletList", "codeBlock", "mention"]) {
      assert.ok(types.includes(`"${t}"`), t);
    }
    assert.equal(v3.fields.comment.total, 2);
    assert.equal(v3.fields.comment.comments[0].body.type, "doc");
    assert.equal(v3.fields.customfield_10016, 5);
    assert.equal(v3.fields.customfield_10020[0].name, "Sprint 1");

    const v2 = (await call(cloud, "/rest/api/2/issue/DEMO-2?fields=description,comment")).body;
    assert.equal(typeof v2.fields.description, "string");
    assert.match(v2.fields.description, /^h2\. Goal/);
    assert.match(v2.fields.description, /\{code:typescript\}/);
    assert.match(v2.fields.description, /\[~accountid:557058:alice\]/);
    assert.deepEqual(Object.keys(v2.fields).sort(), ["comment", "description"]);

    const dc = (await call(datacenter, "/rest/api/2/issue/DEMO-2")).body;
    assert.match(dc.fields.description, /\[~alice\]/);
    assert.equal(dc.fields.assignee.name, "alice");
    assert.equal(dc.fields.customfield_10014, "DEMO-1");
    assert.match(dc.fields.customfield_10020[0], /Sprint@.*\[id=1,.*state=ACTIVE,name=Sprint 1/);

    const missing = await call(cloud, "/rest/api/3/issue/DEMO-99");
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, {
      errorMessages: ["Issue does not exist or you do not have permission to see it."],
      errors: {},
    });
  });
});

Deno.test("fake honours fields, expand and properties on get issue", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const a = (await call(
      cloud,
      `/rest/api/3/issue/DEMO-2?${
        q({
          fields: "summary,status",
          expand: "renderedFields,names,changelog",
          properties: "*all",
        })
      }`,
    )).body;
    assert.deepEqual(Object.keys(a.fields).sort(), ["status", "summary"]);
    assert.deepEqual(a.names, { summary: "Summary", status: "Status" });
    assert.equal(a.changelog.histories[0].items[0].toString, "In Progress");
    assert.deepEqual(a.properties, { "support.ticket": { id: "SUP-42", priority: "high" } });
    const r = (await call(
      datacenter,
      `/rest/api/2/issue/DEMO-2?${q({ fields: "description,comment", expand: "renderedFields" })}`,
    )).body;
    assert.match(r.renderedFields.description, /<h2>Goal<\/h2>/);
    assert.match(r.renderedFields.description, /<pre><code>/);
    const excluded =
      (await call(cloud, "/rest/api/3/issue/DEMO-3?fields=*all,-comment,-description")).body;
    assert.ok(!("comment" in excluded.fields) && !("description" in excluded.fields));
    assert.equal(excluded.fields.priority.name, "High");
  });
});

Deno.test("fake creates issues with the next key and Jira's validation messages", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const noSummary = await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" } } },
    });
    assert.equal(noSummary.status, 400);
    assert.deepEqual(noSummary.body, {
      errorMessages: [],
      errors: { summary: "You must specify a summary of the issue." },
    });
    const notAdf = await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: {
        fields: {
          project: { key: "DEMO" },
          issuetype: { name: "Task" },
          summary: "x",
          description: "plain text",
        },
      },
    });
    assert.equal(notAdf.status, 400);
    assert.match(notAdf.body.errors.description, /Atlassian Document/);
    const unknown = await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: {
        fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "x", foo: 1 },
      },
    });
    assert.deepEqual(unknown.body.errors, {
      foo: "Field 'foo' cannot be set. It is not on the appropriate screen, or unknown.",
    });

    const created = await call(cloud, "/rest/api/2/issue", {
      method: "POST",
      body: {
        fields: {
          project: { key: "DEMO" },
          issuetype: { name: "Bug" },
          summary: "Coupon code ignored",
          description: "h3. Steps\n* apply *SAVE10*\n* see full price",
          assignee: { accountId: "557058:bob" },
          labels: ["coupons"],
          customfield_10016: 2,
        },
      },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.key, "DEMO-6");
    assert.equal(created.body.id, "10007");
    const got = (await call(cloud, "/rest/api/3/issue/DEMO-6")).body;
    assert.equal(got.fields.summary, "Coupon code ignored");
    assert.equal(got.fields.assignee.accountId, "557058:bob");
    assert.equal(got.fields.reporter.accountId, "557058:alice");
    assert.equal(got.fields.status.name, "To Do");
    assert.equal(got.fields.description.content[0].type, "heading");
    assert.equal(got.fields.description.content[1].type, "bulletList");
    const next = await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: {
        fields: { project: { key: "OPS" }, issuetype: { id: "10002" }, summary: "Renew domain" },
      },
    });
    assert.equal(next.body.key, "OPS-2");

    const dc = await call(datacenter, "/rest/api/2/issue", {
      method: "POST",
      body: {
        fields: {
          project: { key: "DEMO" },
          issuetype: { name: "Story" },
          summary: "Wishlist",
          description: "*bold* move",
          assignee: { name: "alice" },
        },
      },
    });
    assert.equal(dc.body.key, "DEMO-6");
    assert.equal(
      (await call(datacenter, "/rest/api/2/issue/DEMO-6")).body.fields.description,
      "*bold* move",
    );
    const notAssignable = await call(datacenter, "/rest/api/2/issue", {
      method: "POST",
      body: {
        fields: {
          project: { key: "OPS" },
          issuetype: { name: "Task" },
          summary: "x",
          assignee: { name: "bob" },
        },
      },
    });
    assert.deepEqual(notAssignable.body.errors, {
      assignee: "User 'bob' cannot be assigned issues.",
    });
  });
});

Deno.test("fake edits issues and rejects unknown fields", async () => {
  await withFake(async ({ cloud }) => {
    const bad = await call(cloud, "/rest/api/3/issue/DEMO-3", {
      method: "PUT",
      body: { fields: { foo: "bar" } },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, {
      errorMessages: [],
      errors: {
        foo: "Field 'foo' cannot be set. It is not on the appropriate screen, or unknown.",
      },
    });
    const status = await call(cloud, "/rest/api/3/issue/DEMO-3", {
      method: "PUT",
      body: { fields: { status: { name: "Done" } } },
    });
    assert.equal(status.status, 400, "status is set by transitions only");
    const ok = await call(cloud, "/rest/api/3/issue/DEMO-3", {
      method: "PUT",
      body: {
        fields: { summary: "Total shows NaN when the cart is empty" },
        update: { labels: [{ add: "checkout" }, { remove: "bug-bash" }] },
      },
    });
    assert.equal(ok.status, 204);
    const got =
      (await call(cloud, "/rest/api/3/issue/DEMO-3?fields=summary,labels&expand=changelog")).body;
    assert.equal(got.fields.summary, "Total shows NaN when the cart is empty");
    assert.deepEqual(got.fields.labels, ["checkout"]);
    assert.equal(got.changelog.histories.at(-1).items[0].field, "summary");
    assert.equal(
      (await call(cloud, "/rest/api/3/issue/DEMO-3", {
        method: "PUT",
        body: { fields: { summary: "" } },
      })).body.errors.summary,
      "You must specify a summary of the issue.",
    );
  });
});

Deno.test("fake transitions change status and invalid ids answer 400", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const list = (await call(cloud, "/rest/api/3/issue/DEMO-3/transitions")).body;
    assert.deepEqual(
      list.transitions.map((t: { id: string }) => t.id),
      ["11", "21", "31"],
      "not the one to the current status",
    );
    assert.equal(list.transitions[0].to.name, "In Progress");
    const bad = await call(cloud, "/rest/api/3/issue/DEMO-3/transitions", {
      method: "POST",
      body: { transition: { id: "99" } },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errorMessages, ["Transition id '99' is not valid for this issue."]);
    const done = await call(datacenter, "/rest/api/2/issue/DEMO-3/transitions", {
      method: "POST",
      body: {
        transition: { id: "31" },
        update: { comment: [{ add: { body: "Fixed in 1.2.3" } }] },
      },
    });
    assert.equal(done.status, 204);
    const got =
      (await call(datacenter, "/rest/api/2/issue/DEMO-3?fields=status,resolution,comment")).body;
    assert.equal(got.fields.status.name, "Done");
    assert.equal(got.fields.resolution.name, "Done");
    assert.equal(got.fields.comment.comments.at(-1).body, "Fixed in 1.2.3");
    assert.equal(
      (await call(cloud, "/rest/api/3/issue/DEMO-3?fields=status")).body.fields.status.name,
      "To Do",
      "sites are independent",
    );
  });
});

Deno.test("fake appends comments", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const body = {
      type: "doc",
      version: 1,
      content: [{ type: "paragraph", content: [{ type: "text", text: "Looks good" }] }],
    };
    const posted = await call(cloud, "/rest/api/3/issue/DEMO-2/comment", {
      method: "POST",
      body: { body },
    });
    assert.equal(posted.status, 201);
    assert.equal(posted.body.id, "10102");
    assert.deepEqual(posted.body.body, body);
    const list = (await call(cloud, "/rest/api/3/issue/DEMO-2/comment")).body;
    assert.equal(list.total, 3);
    assert.equal(
      (await call(cloud, "/rest/api/2/issue/DEMO-2/comment/10102")).body.body,
      "Looks good",
    );
    const empty = await call(datacenter, "/rest/api/2/issue/DEMO-2/comment", {
      method: "POST",
      body: { body: "" },
    });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body.errors, { comment: "Comment body can not be empty!" });
  });
});

Deno.test("fake logs work: POST stores a worklog (201), GET lists it in each flavour's shape", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const comment = {
      type: "doc",
      version: 1,
      content: [{ type: "paragraph", content: [{ type: "text", text: "Paired on the fix" }] }],
    };
    const posted = await call(cloud, "/rest/api/3/issue/DEMO-2/worklog", {
      method: "POST",
      body: { timeSpent: "1h 30m", started: "2024-03-20T09:00:00.000+0100", comment },
    });
    assert.equal(posted.status, 201);
    const w = posted.body;
    assert.equal(w.id, "10200");
    assert.equal(w.issueId, "10002");
    assert.equal(w.self, `${cloud.origin}/rest/api/3/issue/10002/worklog/10200`);
    assert.equal(w.timeSpent, "1h 30m");
    assert.equal(w.timeSpentSeconds, 5400);
    assert.equal(w.started, "2024-03-20T08:00:00.000+0000");
    assert.equal(w.created, "2024-04-01T12:00:00.000+0000");
    assert.equal(w.updated, "2024-04-01T12:00:00.000+0000");
    assert.equal(w.author.accountId, "557058:alice");
    assert.equal(w.updateAuthor.accountId, "557058:alice");
    assert.deepEqual(w.comment, comment, "v3 comment is ADF");
    const issue = cloud.state.issues.find((i) => i.key === "DEMO-2")!;
    assert.equal(issue.worklogs.length, 1);
    assert.equal(issue.updated, "2024-04-01T12:00:00.000Z", "logging work updates the issue");

    const v3 = await call(cloud, "/rest/api/3/issue/DEMO-2/worklog");
    assert.equal(v3.status, 200);
    assert.deepEqual(
      { startAt: v3.body.startAt, maxResults: v3.body.maxResults, total: v3.body.total },
      { startAt: 0, maxResults: 5000, total: 1 },
    );
    assert.deepEqual(v3.body.worklogs, [w]);
    const v2 = (await call(cloud, "/rest/api/2/issue/10002/worklog")).body;
    assert.equal(v2.worklogs[0].comment, "Paired on the fix", "v2 renders the ADF as wiki");
    assert.equal(v2.worklogs[0].self, `${cloud.origin}/rest/api/2/issue/10002/worklog/10200`);

    // Cloud v2 takes wiki markup; no comment means no comment field; timeSpentSeconds works too.
    const plain = await call(cloud, "/rest/api/2/issue/DEMO-2/worklog", {
      method: "POST",
      body: { timeSpentSeconds: 7200, started: "2024-03-21T10:00:00.000+0000" },
    });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.timeSpent, "2h");
    assert.ok(!("comment" in plain.body));
    const wiki = await call(cloud, "/rest/api/2/issue/DEMO-2/worklog", {
      method: "POST",
      body: { timeSpent: "1d", comment: "Wrote *tests*" },
    });
    assert.equal(wiki.body.comment, "Wrote *tests*");
    assert.equal(wiki.body.started, "2024-04-01T12:00:00.000+0000", "started defaults to now");

    // Cloud paging and started filters.
    const page =
      (await call(cloud, `/rest/api/3/issue/DEMO-2/worklog?${q({ startAt: 1, maxResults: 1 })}`))
        .body;
    assert.deepEqual(
      [page.startAt, page.maxResults, page.total, page.worklogs.map((x: { id: string }) => x.id)],
      [1, 1, 3, ["10201"]],
    );
    const after = (await call(
      cloud,
      `/rest/api/3/issue/DEMO-2/worklog?${q({ startedAfter: Date.parse("2024-03-21T00:00:00Z") })}`,
    )).body;
    assert.deepEqual(after.worklogs.map((x: { id: string }) => x.id), ["10201", "10202"]);
    assert.equal(after.total, 2);

    // Data Center: wiki markup, DC users, and every worklog at once (no paging parameters).
    const dc = await call(datacenter, "/rest/api/2/issue/DEMO-1/worklog", {
      method: "POST",
      body: { timeSpent: "2h", comment: "Reviewed *checkout*" },
    });
    assert.equal(dc.status, 201);
    assert.equal(dc.body.id, "10200");
    assert.equal(dc.body.author.name, "alice");
    assert.equal(dc.body.comment, "Reviewed *checkout*");
    assert.equal(dc.body.timeSpentSeconds, 7200);
    assert.equal(dc.body.self, `${datacenter.origin}/rest/api/2/issue/10001/worklog/10200`);
    const dcList = (await call(datacenter, "/rest/api/2/issue/DEMO-1/worklog?startAt=5")).body;
    assert.deepEqual(
      [dcList.startAt, dcList.maxResults, dcList.total, dcList.worklogs.length],
      [0, 1, 1, 1],
    );
    assert.deepEqual(dcList.worklogs[0], dc.body);

    cloud.reset();
    assert.equal((await call(cloud, "/rest/api/3/issue/DEMO-2/worklog")).body.total, 0);
    const fresh = await call(cloud, "/rest/api/3/issue/DEMO-2/worklog", {
      method: "POST",
      body: { timeSpent: "5m" },
    });
    assert.equal(fresh.body.id, "10200", "reset restores the worklog counter");
  });
});

Deno.test("fake lists watchers: DEMO-2 is watched by Alice and Bob, in each flavour's user shape", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const v3 = await call(cloud, "/rest/api/3/issue/DEMO-2/watchers");
    assert.equal(v3.status, 200);
    assert.equal(v3.body.self, `${cloud.origin}/rest/api/3/issue/DEMO-2/watchers`);
    assert.equal(v3.body.watchCount, 2);
    assert.equal(v3.body.isWatching, true);
    assert.deepEqual(
      v3.body.watchers.map((u: { accountId: string; displayName: string }) => [
        u.accountId,
        u.displayName,
      ]),
      [["557058:alice", "Alice Admin"], ["557058:bob", "Bob Builder"]],
    );
    assert.ok(!("locale" in v3.body.watchers[0]), "Cloud answers UserDetails");
    const v2 = (await call(cloud, "/rest/api/2/issue/10002/watchers")).body;
    assert.equal(v2.self, `${cloud.origin}/rest/api/2/issue/DEMO-2/watchers`);
    assert.equal(v2.watchCount, 2);
    const dc = (await call(datacenter, "/rest/api/2/issue/DEMO-2/watchers")).body;
    assert.deepEqual(dc.watchers.map((u: { name: string }) => u.name), ["alice", "bob"]);
    assert.equal(dc.watchers[0].key, "JIRAUSER10000");

    const unwatched = (await call(cloud, "/rest/api/3/issue/DEMO-3/watchers")).body;
    assert.deepEqual([unwatched.watchCount, unwatched.isWatching, unwatched.watchers], [
      0,
      false,
      [],
    ]);
    const field = (await call(cloud, "/rest/api/3/issue/DEMO-2?fields=watches", {
      auth: BOB_CLOUD,
    })).body;
    assert.equal(field.fields.watches.watchCount, 2, "the watches field agrees");
    assert.equal(field.fields.watches.isWatching, true);
    const created = await call(datacenter, "/rest/api/2/issue", {
      method: "POST",
      body: { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "New" } },
    });
    const mine = (await call(datacenter, `/rest/api/2/issue/${created.body.key}/watchers`)).body;
    assert.deepEqual(mine.watchers.map((u: { name: string }) => u.name), ["alice"]);

    assert.equal((await call(cloud, "/rest/api/3/issue/DEMO-99/watchers")).status, 404);
    assert.equal(
      (await call(cloud, "/rest/api/3/issue/OPS-1/watchers", { auth: BOB_CLOUD })).status,
      403,
    );
  });
});

Deno.test("fake lists remote links: DEMO-2 links a GitHub pull request", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const v3 = await call(cloud, "/rest/api/3/issue/DEMO-2/remotelink");
    assert.equal(v3.status, 200);
    assert.equal(v3.body.length, 1);
    const [link] = v3.body;
    assert.equal(link.id, 10300);
    assert.equal(link.self, `${cloud.origin}/rest/api/3/issue/DEMO-2/remotelink/10300`);
    assert.equal(link.relationship, "mentioned in");
    assert.equal(link.application.name, "GitHub");
    assert.equal(link.object.url, "https://github.com/acme/checkout/pull/42");
    assert.match(link.object.title, /#42/);
    assert.deepEqual(
      (await call(cloud, "/rest/api/2/issue/10002/remotelink")).body[0].object,
      link.object,
    );
    const dc = (await call(datacenter, "/rest/api/2/issue/DEMO-2/remotelink")).body;
    assert.equal(dc[0].self, `${datacenter.origin}/rest/api/2/issue/DEMO-2/remotelink/10300`);

    const one = await call(
      datacenter,
      `/rest/api/2/issue/DEMO-2/remotelink?${q({ globalId: link.globalId })}`,
    );
    assert.equal(one.body.id, 10300, "globalId selects one link, not a list");
    const none = await call(cloud, `/rest/api/3/issue/DEMO-2/remotelink?${q({ globalId: "x" })}`);
    assert.equal(none.status, 404);
    assert.deepEqual((await call(cloud, "/rest/api/3/issue/DEMO-3/remotelink")).body, []);
    assert.equal((await call(datacenter, "/rest/api/2/issue/DEMO-99/remotelink")).status, 404);
  });
});

Deno.test("fake parses worklog durations with Jira's 8h day and 5d week", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const cases: [string, number, string][] = [
      ["1h 30m", 5400, "1h 30m"],
      ["90m", 5400, "1h 30m"],
      ["90", 5400, "1h 30m"],
      ["1.5h", 5400, "1h 30m"],
      ["1d", 28800, "1d"],
      ["2d4h", 72000, "2d 4h"],
      ["1w", 144000, "1w"],
      ["1w 2d 3h 4m", 144000 + 57600 + 10800 + 240, "1w 2d 3h 4m"],
      ["10h", 36000, "1d 2h"],
      [" 3H ", 10800, "3h"],
    ];
    for (const [timeSpent, seconds, pretty] of cases) {
      const r = await call(datacenter, "/rest/api/2/issue/DEMO-3/worklog", {
        method: "POST",
        body: { timeSpent },
      });
      assert.equal(r.status, 201, timeSpent);
      assert.equal(r.body.timeSpentSeconds, seconds, timeSpent);
      assert.equal(r.body.timeSpent, pretty, timeSpent);
    }
    for (const timeSpent of ["abc", "1x", "1h 30", "h", "0m", "-1h", "1h,30m", ""]) {
      const r = await call(cloud, "/rest/api/3/issue/DEMO-3/worklog", {
        method: "POST",
        body: { timeSpent },
      });
      assert.equal(r.status, 400, JSON.stringify(timeSpent));
      assert.deepEqual(r.body, {
        errorMessages: [],
        errors: { timeLogged: "Invalid time duration entered." },
      });
    }
    const missing = await call(cloud, "/rest/api/3/issue/DEMO-3/worklog", {
      method: "POST",
      body: { started: "2024-03-20T09:00:00.000+0000" },
    });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.errors, {
      timeLogged: "You must indicate the time spent working.",
    });
    const badDate = await call(cloud, "/rest/api/3/issue/DEMO-3/worklog", {
      method: "POST",
      body: { timeSpent: "1h", started: "2024-03-20T09:00:00Z" },
    });
    assert.equal(badDate.status, 400);
    assert.equal(badDate.body.errorMessages.length, 1);
    const wikiOnV3 = await call(cloud, "/rest/api/3/issue/DEMO-3/worklog", {
      method: "POST",
      body: { timeSpent: "1h", comment: "plain text" },
    });
    assert.equal(wikiOnV3.status, 400);
    assert.deepEqual(Object.keys(wikiOnV3.body.errors), ["comment"]);
    assert.equal(cloud.state.issues.find((i) => i.key === "DEMO-3")!.worklogs.length, 0);
    // Permissions as for the issue itself.
    const bob = await call(cloud, "/rest/api/3/issue/OPS-1/worklog", {
      method: "POST",
      body: { timeSpent: "1h" },
      auth: BOB_CLOUD,
    });
    assert.equal(bob.status, 403);
    assert.equal((await call(datacenter, "/rest/api/2/issue/DEMO-99/worklog")).status, 404);
  });
});

Deno.test("fake serves fields, projects, createmeta and users in each flavour's shape", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const fields = (await call(cloud, "/rest/api/2/field")).body as { id: string; name: string }[];
    assert.ok(fields.some((f) => f.id === "customfield_10016" && f.name === "Story Points"));
    assert.ok(fields.some((f) => f.id === "customfield_10014" && f.name === "Epic Link"));
    const project = (await call(datacenter, "/rest/api/2/project/DEMO")).body;
    assert.equal(project.id, "10000");
    assert.equal(project.issueTypes.length, 5);
    const cloudTypes = (await call(cloud, "/rest/api/3/issue/createmeta/DEMO/issuetypes")).body;
    assert.equal(cloudTypes.issueTypes.length, 5);
    const dcTypes =
      (await call(datacenter, "/rest/api/2/issue/createmeta/DEMO/issuetypes?maxResults=2")).body;
    assert.equal(dcTypes.values.length, 2);
    assert.equal(dcTypes.total, 5);
    assert.equal(dcTypes.isLast, false);
    const meta = (await call(cloud, "/rest/api/3/issue/createmeta/DEMO/issuetypes/10001")).body;
    assert.ok(
      meta.fields.some((f: { fieldId: string; required: boolean }) =>
        f.fieldId === "summary" && f.required
      ),
    );
    const users = (await call(cloud, "/rest/api/3/user/search?query=bob")).body;
    assert.deepEqual(users.map((u: { accountId: string }) => u.accountId), ["557058:bob"]);
    const assignable =
      (await call(datacenter, "/rest/api/2/user/assignable/search?project=OPS&username=")).body;
    assert.deepEqual(assignable.map((u: { name: string }) => u.name), ["alice"]);
    assert.equal((await call(datacenter, "/rest/api/2/user/search")).status, 400);
  });
});

// --- JQL and Jira paging ---------------------------------------------------------------------

/** JQL, expected keys, and the DC answer when it differs (DC `parent` is for sub-tasks only). */
const JQL_CASES: [string, string[], string[]?][] = [
  ["project = DEMO ORDER BY key ASC", ["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-4", "DEMO-5"]],
  ["project in (DEMO, OPS) ORDER BY key DESC", [
    "OPS-1",
    "DEMO-5",
    "DEMO-4",
    "DEMO-3",
    "DEMO-2",
    "DEMO-1",
  ]],
  ["key = DEMO-3", ["DEMO-3"]],
  ["key in (DEMO-1, OPS-1) ORDER BY key", ["DEMO-1", "OPS-1"]],
  ["issuetype = Story ORDER BY key", ["DEMO-2", "DEMO-5"]],
  ['status = "In Review"', ["DEMO-5"]],
  ["project = DEMO AND status != Done ORDER BY key", ["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-5"]],
  ["assignee = currentUser() ORDER BY key", ["DEMO-1", "DEMO-2", "OPS-1"]],
  ["assignee is EMPTY", ["DEMO-3"]],
  ["assignee != alice ORDER BY key", ["DEMO-4", "DEMO-5"]],
  ["parent = DEMO-1 ORDER BY key", ["DEMO-2", "DEMO-5"], []],
  ['"Epic Link" = DEMO-1 ORDER BY key', ["DEMO-2", "DEMO-5"]],
  ["cf[10014] in (DEMO-1) ORDER BY key", ["DEMO-2", "DEMO-5"]],
  ["sprint = 1 ORDER BY key", ["DEMO-2", "DEMO-4", "DEMO-5"]],
  ["sprint in openSprints() AND status != Done ORDER BY key", ["DEMO-2", "DEMO-5"]],
  ["labels = payments", ["DEMO-2"]],
  ['text ~ "saved card" ORDER BY key', ["DEMO-1", "DEMO-2"]],
  ['summary ~ "nan"', ["DEMO-3"]],
  ["project = DEMO AND (priority = High OR labels = frontend) ORDER BY key", [
    "DEMO-1",
    "DEMO-3",
    "DEMO-5",
  ]],
  ["project = DEMO AND NOT issuetype = Story ORDER BY key", ["DEMO-1", "DEMO-3", "DEMO-4"]],
  ["project = DEMO ORDER BY priority DESC, key ASC", [
    "DEMO-1",
    "DEMO-3",
    "DEMO-2",
    "DEMO-4",
    "DEMO-5",
  ]],
  ['"Story Points" >= 5 ORDER BY key', ["DEMO-2", "DEMO-5"]],
  ["created >= 2024-03-03 ORDER BY created ASC", ["DEMO-5", "OPS-1"]],
  ["resolution = Unresolved AND project = DEMO ORDER BY key", [
    "DEMO-1",
    "DEMO-2",
    "DEMO-3",
    "DEMO-5",
  ]],
];

Deno.test("fake evaluates the JQL subset", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    for (const [jql, keys, dcKeys] of JQL_CASES) {
      const c = await call(cloud, "/rest/api/3/search/jql", {
        method: "POST",
        body: { jql, fields: ["key"], maxResults: 100 },
      });
      assert.equal(c.status, 200, `${jql}: ${JSON.stringify(c.body)}`);
      assert.deepEqual(c.body.issues.map((i: { key: string }) => i.key), keys, `cloud: ${jql}`);
      const d = await call(datacenter, `/rest/api/2/search?${q({ jql, fields: "key" })}`);
      assert.deepEqual(
        d.body.issues.map((i: { key: string }) => i.key),
        dcKeys ?? keys,
        `dc: ${jql}`,
      );
    }
  });
});

Deno.test("fake answers invalid JQL with 400 and Jira's messages", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const cases: [string, RegExp][] = [
      ["foo = bar", /^Field 'foo' does not exist or you do not have permission to view it\.$/],
      [
        "project = ",
        /^Error in the JQL Query: Expecting either a value, list or function before the end of the query\. \(line 1, character 11\)$/,
      ],
      ["project DEMO", /^Error in the JQL Query: Expecting operator but got 'DEMO'\./],
      [
        'summary ~ "open',
        /^Error in the JQL Query: The quoted string 'open' has not been completed\./,
      ],
      ["project = NOPE", /^The value 'NOPE' does not exist for the field 'project'\.$/],
      ["project ~ DEMO", /^The operator '~' is not supported by the 'project' field\.$/],
      ["key = DEMO-99", /^An issue with key 'DEMO-99' does not exist for field 'key'\.$/],
      ["assignee = currentUsr()", /^Unable to find JQL function 'currentUsr\(\)'\.$/],
      ["project = DEMO ORDER BY bogus", /^Field 'bogus' does not exist/],
      ["project = DEMO AND (status = Done", /Expecting '\)' before the end of the query/],
    ];
    for (const [jql, message] of cases) {
      const c = await call(cloud, "/rest/api/3/search/jql", { method: "POST", body: { jql } });
      assert.equal(c.status, 400, jql);
      assert.deepEqual(c.body.errors, {});
      assert.match(c.body.errorMessages[0], message, jql);
      const d = await call(datacenter, `/rest/api/2/search?${q({ jql })}`);
      assert.equal(d.status, 400, `dc: ${jql}`);
    }
    const unbounded = await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      body: { jql: "ORDER BY created DESC" },
    });
    assert.equal(unbounded.status, 400);
    assert.match(unbounded.body.errorMessages[0], /^Unbounded JQL queries are not allowed here/);
    assert.equal(
      (await call(datacenter, "/rest/api/2/search?jql=")).body.total,
      6,
      "DC allows an empty JQL",
    );
    const removed = await call(cloud, "/rest/api/2/search?jql=project%3DDEMO");
    assert.equal(removed.status, 410);
  });
});

Deno.test("fake pages Cloud search with nextPageToken (POST and GET)", async () => {
  await withFake(async ({ cloud }) => {
    const jql = "project in (DEMO, OPS) ORDER BY key ASC";
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await call(cloud, "/rest/api/3/search/jql", {
        method: "POST",
        body: { jql, maxResults: 4, fields: ["summary"], nextPageToken: token },
      });
      assert.equal(r.status, 200);
      assert.equal(r.body.total, undefined, "the new search API has no total");
      keys.push(...r.body.issues.map((i: { key: string }) => i.key));
      token = r.body.nextPageToken;
      assert.equal(r.body.isLast, token === undefined);
      pages++;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual(keys, ["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-4", "DEMO-5", "OPS-1"]);

    const first = (await call(cloud, `/rest/api/3/search/jql?${q({ jql, maxResults: 5 })}`)).body;
    assert.deepEqual(Object.keys(first.issues[0].fields), [], "default fields: id only");
    const second = (await call(
      cloud,
      `/rest/api/3/search/jql?${
        q({ jql, maxResults: 5, nextPageToken: first.nextPageToken, fields: "summary" })
      }`,
    )).body;
    assert.deepEqual(second.issues.map((i: { key: string }) => i.key), ["OPS-1"]);
    assert.equal(second.isLast, true);
    const bad = await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      body: { jql: "project = OPS", nextPageToken: first.nextPageToken },
    });
    assert.equal(bad.status, 400, "a token belongs to its query");
    const capped = (await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      body: { jql, maxResults: 1000, fields: ["*all"] },
    })).body;
    assert.equal(capped.issues.length, 6);
  });
});

Deno.test("fake pages DC search with startAt/maxResults/total, capped at 50", async () => {
  await withFake(async ({ datacenter }) => {
    const jql = "ORDER BY key ASC";
    const r =
      (await call(datacenter, `/rest/api/2/search?${q({ jql, startAt: 2, maxResults: 2 })}`)).body;
    assert.equal(r.startAt, 2);
    assert.equal(r.maxResults, 2);
    assert.equal(r.total, 6);
    assert.deepEqual(r.issues.map((i: { key: string }) => i.key), ["DEMO-3", "DEMO-4"]);
    assert.ok(
      "status" in r.issues[0].fields && !("comment" in r.issues[0].fields),
      "*navigable by default",
    );
    const post = (await call(datacenter, "/rest/api/2/search", {
      method: "POST",
      body: { jql, startAt: 4, maxResults: 500, fields: ["summary"] },
    })).body;
    assert.equal(post.maxResults, 50);
    assert.deepEqual(post.issues.map((i: { key: string }) => i.key), ["DEMO-5", "OPS-1"]);
  });
});

Deno.test("fake serves agile boards, sprints and sprint issues with paging", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    for (const site of [cloud, datacenter]) {
      const boards = (await call(site, "/rest/agile/1.0/board?projectKeyOrId=DEMO")).body;
      assert.equal(boards.values[0].name, "DEMO board");
      assert.equal(boards.isLast, true);
      const sprints = (await call(site, "/rest/agile/1.0/board/1/sprint?state=active,future")).body;
      assert.deepEqual(
        sprints.values.map((s: { name: string; state: string }) => `${s.name}:${s.state}`),
        ["Sprint 1:active", "Sprint 2:future"],
      );
      const page1 =
        (await call(site, "/rest/agile/1.0/sprint/1/issue?maxResults=2&jql=ORDER%20BY%20key")).body;
      assert.equal(page1.total, 3);
      assert.deepEqual(page1.issues.map((i: { key: string }) => i.key), ["DEMO-2", "DEMO-4"]);
      assert.equal(typeof (page1.issues[0].fields.description ?? ""), "string", "agile speaks v2");
      assert.equal(page1.issues[0].fields.sprint.id, 1);
      const page2 = (await call(
        site,
        "/rest/agile/1.0/sprint/1/issue?startAt=2&maxResults=2&jql=ORDER%20BY%20key",
      )).body;
      assert.deepEqual(page2.issues.map((i: { key: string }) => i.key), ["DEMO-5"]);
      assert.equal((await call(site, "/rest/agile/1.0/board/9")).status, 404);
    }
    const moved = await call(cloud, "/rest/agile/1.0/sprint/2/issue", {
      method: "POST",
      body: { issues: ["DEMO-5"] },
    });
    assert.equal(moved.status, 204);
    const s2 = (await call(cloud, "/rest/agile/1.0/sprint/2/issue?fields=summary")).body;
    assert.deepEqual(s2.issues.map((i: { key: string }) => i.key).sort(), ["DEMO-3", "DEMO-5"]);
  });
});

// --- Confluence ------------------------------------------------------------------------------

Deno.test("fake serves Confluence v2 pages with storage and ADF bodies", async () => {
  await withFake(async ({ cloud }) => {
    const page = (await call(cloud, "/wiki/api/v2/pages/1002?body-format=storage")).body;
    assert.equal(page.title, "Architecture");
    assert.equal(page.spaceId, "98301");
    assert.equal(page.parentId, "1001");
    assert.equal(page.version.number, 3);
    const storage: string = page.body.storage.value;
    for (
      const part of [
        '<ac:structured-macro ac:name="code"',
        "<![CDATA[",
        'ac:name="info"',
        'ri:account-id="557058:alice"',
        'ri:filename="diagram.png"',
        'ac:name="toc"',
        "<table",
        "<h1>",
        "<h2>",
      ]
    ) {
      assert.ok(storage.includes(part), part);
    }
    const noBody = (await call(cloud, "/wiki/api/v2/pages/1002")).body;
    assert.deepEqual(noBody.body, {});
    const adf = (await call(cloud, "/wiki/api/v2/pages/1002?body-format=atlas_doc_format")).body;
    assert.equal(adf.body.atlas_doc_format.representation, "atlas_doc_format");
    assert.equal(JSON.parse(adf.body.atlas_doc_format.value).type, "doc");
    assert.equal((await call(cloud, "/wiki/api/v2/pages/1002?body-format=nope")).status, 400);
    const missing = await call(cloud, "/wiki/api/v2/pages/9999");
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, {
      errors: [{ status: 404, code: "NOT_FOUND", title: "Not Found", detail: null }],
    });
    const spaces = (await call(cloud, "/wiki/api/v2/spaces?keys=DOCS,HR")).body;
    assert.deepEqual(spaces.results.map((s: { id: string; key: string }) => `${s.id}:${s.key}`), [
      "98301:DOCS",
      "98302:HR",
    ]);
    assert.equal((await call(cloud, "/wiki/api/v2/spaces/98302")).body.homepageId, "2001");
    const children = (await call(cloud, "/wiki/api/v2/pages/1001/children")).body;
    assert.deepEqual(children.results.map((c: { id: string }) => c.id), ["1002", "1003"]);
    const atts = (await call(cloud, "/wiki/api/v2/pages/1002/attachments")).body;
    assert.equal(atts.results[0].title, "diagram.png");
    assert.equal(atts.results[0].mediaType, "image/png");
    const byTitle = (await call(
      cloud,
      `/wiki/api/v2/pages?${
        q({ "space-id": "98301", title: "Runbook", "body-format": "storage" })
      }`,
    )).body;
    assert.equal(byTitle.results.length, 1);
    assert.equal(byTitle.results[0].id, "1003");
    assert.ok(byTitle.results[0].body.storage.value.includes("kubectl"));
  });
});

Deno.test("fake pages Confluence v2 with cursors in _links.next and the Link header", async () => {
  await withFake(async ({ cloud }) => {
    const ids: string[] = [];
    let path: string | undefined = "/wiki/api/v2/pages?limit=2";
    let pages = 0;
    while (path) {
      const r = await call(cloud, path);
      assert.equal(r.status, 200);
      ids.push(...r.body.results.map((p: { id: string }) => p.id));
      path = r.body._links.next;
      if (path) {
        assert.match(path, /^\/wiki\/api\/v2\/pages\?.*cursor=/);
        assert.equal(
          r.headers.get("link"),
          `<${path}>; rel="next", <${cloud.origin}/wiki>; rel="base"`,
        );
      } else assert.equal(r.headers.get("link"), null);
      pages++;
    }
    assert.equal(pages, 3);
    assert.deepEqual(ids, ["1001", "1002", "1003", "1004", "2001"]);
    assert.equal((await call(cloud, "/wiki/api/v2/pages?cursor=garbage")).status, 400);
  });
});

Deno.test("fake updates Confluence pages with versions, history and 409 on stale versions", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const body = { representation: "storage", value: "<p>Rewritten.</p>" };
    const stale = await call(cloud, "/wiki/api/v2/pages/1002", {
      method: "PUT",
      body: { id: "1002", status: "current", title: "Architecture", body, version: { number: 3 } },
    });
    assert.equal(stale.status, 409);
    assert.deepEqual(stale.body.errors[0], {
      status: 409,
      code: "CONFLICT",
      title: "Version must be incremented on update. Current version is: 3",
      detail: null,
    });
    const ok = await call(cloud, "/wiki/api/v2/pages/1002", {
      method: "PUT",
      body: {
        id: "1002",
        status: "current",
        title: "Architecture v2",
        body,
        version: { number: 4, message: "Rewrite" },
      },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.version.number, 4);
    const now = (await call(cloud, "/wiki/api/v2/pages/1002?body-format=storage")).body;
    assert.equal(now.title, "Architecture v2");
    assert.equal(now.body.storage.value, "<p>Rewritten.</p>");
    const old = (await call(cloud, "/wiki/api/v2/pages/1002?body-format=storage&version=3")).body;
    assert.ok(old.body.storage.value.includes("CDATA"));
    const versions = (await call(cloud, "/wiki/api/v2/pages/1002/versions")).body;
    assert.deepEqual(versions.results.map((v: { number: number }) => v.number), [4, 3, 2, 1]);
    const malformed = await call(cloud, "/wiki/api/v2/pages/1002", {
      method: "PUT",
      body: {
        id: "1002",
        status: "current",
        title: "Architecture",
        body: { representation: "storage", value: "<p>open" },
        version: { number: 5 },
      },
    });
    assert.equal(malformed.status, 400);

    const dcStale = await call(datacenter, "/confluence/rest/api/content/1002", {
      method: "PUT",
      body: {
        type: "page",
        title: "Architecture",
        version: { number: 2 },
        body: { storage: { value: "<p>x</p>", representation: "storage" } },
      },
    });
    assert.equal(dcStale.status, 409);
    assert.equal(dcStale.body.statusCode, 409);
    assert.equal(
      dcStale.body.message,
      "Version must be incremented on update. Current version is: 3",
    );
    const dcOk = await call(datacenter, "/confluence/rest/api/content/1002", {
      method: "PUT",
      body: {
        type: "page",
        title: "Architecture",
        version: { number: 4 },
        body: { storage: { value: "<p>x</p>", representation: "storage" } },
      },
    });
    assert.equal(dcOk.status, 200);
    assert.equal(dcOk.body.version.number, 4);
    const hist = (await call(
      datacenter,
      "/confluence/rest/api/content/1002?status=historical&version=2&expand=body.storage,version",
    )).body;
    assert.equal(hist.version.number, 2);
    assert.ok(hist.body.storage.value.includes("<h2>Services</h2>"));
  });
});

Deno.test("fake creates Confluence pages and rejects duplicate titles", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const created = await call(cloud, "/wiki/api/v2/pages", {
      method: "POST",
      body: {
        spaceId: "98301",
        status: "current",
        title: "Onboarding",
        parentId: "1001",
        body: { representation: "storage", value: "<p>Hello</p>" },
      },
    });
    assert.equal(created.status, 200);
    assert.equal(created.body.id, "3001");
    assert.equal(created.body.version.number, 1);
    const kids = (await call(cloud, "/wiki/api/v2/pages/1001/direct-children")).body;
    assert.deepEqual(kids.results.map((c: { id: string }) => c.id), ["1002", "1003", "3001"]);
    const dup = await call(cloud, "/wiki/api/v2/pages", {
      method: "POST",
      body: {
        spaceId: "98301",
        title: "Runbook",
        body: { representation: "storage", value: "<p>x</p>" },
      },
    });
    assert.equal(dup.status, 400);
    assert.match(dup.body.errors[0].title, /^A page with this title already exists/);

    const dc = await call(datacenter, "/confluence/rest/api/content", {
      method: "POST",
      body: {
        type: "page",
        title: "Onboarding",
        space: { key: "DOCS" },
        ancestors: [{ id: "1002" }],
        body: { storage: { value: "<p>Hi</p>", representation: "storage" } },
      },
    });
    assert.equal(dc.status, 200);
    assert.equal(dc.body.id, "3001");
    assert.deepEqual(dc.body.ancestors.map((a: { id: string }) => a.id), ["1001", "1002"]);
    const dcDup = await call(datacenter, "/confluence/rest/api/content", {
      method: "POST",
      body: {
        type: "page",
        title: "Runbook",
        space: { key: "DOCS" },
        body: { storage: { value: "<p>x</p>", representation: "storage" } },
      },
    });
    assert.equal(dcDup.status, 400);
    assert.match(dcDup.body.message, /^A page with this title already exists/);
  });
});

Deno.test("fake creates Cloud live docs with subtype and refuses other subtypes", async () => {
  await withFake(async ({ cloud }) => {
    const body = (subtype: string) => ({
      spaceId: "98301",
      title: `Live ${subtype}`,
      subtype,
      body: { representation: "storage", value: "<p>x</p>" },
    });
    const live = await call(cloud, "/wiki/api/v2/pages", { method: "POST", body: body("live") });
    assert.equal(live.status, 200);
    assert.equal(live.body.subtype, "live");
    assert.equal((await call(cloud, `/wiki/api/v2/pages/${live.body.id}`)).body.subtype, "live");
    assert.equal((await call(cloud, "/wiki/api/v2/pages/1002")).body.subtype, undefined);
    const bad = await call(cloud, "/wiki/api/v2/pages", { method: "POST", body: body("doc") });
    assert.equal(bad.status, 400);
  });
});

Deno.test("fake keeps Cloud v2 page properties with versions, 409 on stale, 404 unknown", async () => {
  await withFake(async ({ cloud }) => {
    const base = "/wiki/api/v2/pages/1002/properties";
    const seeded = await call(cloud, `${base}?key=content-appearance-published`);
    assert.equal(seeded.status, 200);
    assert.deepEqual(
      seeded.body.results.map((
        p: { key: string; value: unknown; version: { number: number } },
      ) => [p.key, p.value, p.version.number]),
      [["content-appearance-published", "full-width", 1]],
    );
    const id = seeded.body.results[0].id;

    const created = await call(cloud, base, {
      method: "POST",
      body: { key: "emoji-title-published", value: "1f4dd" },
    });
    assert.equal(created.status, 200);
    assert.equal(created.body.version.number, 1);
    assert.equal(created.body.version.authorId, "557058:alice");
    const again = await call(cloud, base, {
      method: "POST",
      body: { key: "emoji-title-published", value: "1f680" },
    });
    assert.equal(again.status, 409);

    const put = (number: number) =>
      call(cloud, `${base}/${id}`, {
        method: "PUT",
        body: { key: "content-appearance-published", value: "max", version: { number } },
      });
    const stale = await put(1);
    assert.equal(stale.status, 409);
    assert.match(stale.body.errors[0].title, /Current version is: 1/);
    const updated = await put(2);
    assert.equal(updated.status, 200);
    assert.equal(updated.body.value, "max");
    assert.equal((await call(cloud, `${base}/${id}`)).body.version.number, 2);

    assert.equal((await call(cloud, `${base}/99999`)).status, 404);
    assert.equal((await call(cloud, "/wiki/api/v2/pages/999999/properties")).status, 404);
    assert.equal((await call(cloud, `${base}/${id}`, { method: "DELETE" })).status, 204);
    assert.equal((await call(cloud, `${base}/${id}`, { method: "DELETE" })).status, 404);
    const left = (await call(cloud, `${base}?sort=key`)).body.results;
    assert.deepEqual(left.map((p: { key: string }) => p.key), [
      "content-appearance-draft",
      "emoji-title-published",
    ]);

    const bob = await call(cloud, "/wiki/api/v2/pages/2001/properties", {
      method: "POST",
      body: { key: "emoji-title-published", value: "1f4dd" },
      auth: BOB_CLOUD,
    });
    assert.equal(bob.status, 403);
  });
});

Deno.test("fake keeps DC content properties by key with versions, 409 on stale, 404 unknown", async () => {
  await withFake(async ({ datacenter }) => {
    const base = "/confluence/rest/api/content/1002/property";
    const list = await call(datacenter, base);
    assert.equal(list.status, 200);
    assert.equal(list.body.size, 2);
    const one = await call(datacenter, `${base}/content-appearance-draft`);
    assert.equal(one.body.value, "full-width");
    assert.equal(one.body.version.number, 1);
    assert.equal((await call(datacenter, `${base}/emoji-title-draft`)).status, 404);

    const created = await call(datacenter, base, {
      method: "POST",
      body: { key: "emoji-title-draft", value: "1f4dd" },
    });
    assert.equal(created.status, 200);
    assert.equal(created.body.version.number, 1);
    const dup = await call(datacenter, `${base}/emoji-title-draft`, {
      method: "POST",
      body: { value: "1f680" },
    });
    assert.equal(dup.status, 400);

    const put = (key: string, number: number) =>
      call(datacenter, `${base}/${key}`, {
        method: "PUT",
        body: { key, value: "1f680", version: { number } },
      });
    const stale = await put("emoji-title-draft", 1);
    assert.equal(stale.status, 409);
    assert.match(stale.body.message, /Current version is: 1/);
    assert.equal((await put("emoji-title-draft", 2)).body.version.number, 2);
    assert.equal((await put("emoji-title-published", 2)).status, 404);
    assert.equal((await put("emoji-title-published", 1)).body.version.number, 1);

    assert.equal(
      (await call(datacenter, `${base}/emoji-title-draft`, { method: "DELETE" })).status,
      204,
    );
    assert.equal(
      (await call(datacenter, `${base}/emoji-title-draft`, { method: "DELETE" })).status,
      404,
    );
    assert.equal(
      (await call(datacenter, "/confluence/rest/api/content/999999/property")).status,
      404,
    );
    const bob = await call(datacenter, "/confluence/rest/api/content/2001/property", {
      method: "POST",
      body: { key: "emoji-title-draft", value: "1f4dd" },
      auth: BOB_DC,
    });
    assert.equal(bob.status, 403);
  });
});

Deno.test("fake serves Confluence DC content, children, spaces and users", async () => {
  await withFake(async ({ datacenter }) => {
    const c = (await call(
      datacenter,
      "/confluence/rest/api/content/1002?expand=body.storage,version,space,ancestors",
    )).body;
    assert.equal(c.title, "Architecture");
    assert.equal(c.space.key, "DOCS");
    assert.equal(c.version.number, 3);
    assert.equal(c.version.by.username, "alice");
    assert.deepEqual(c.ancestors.map((a: { id: string }) => a.id), ["1001"]);
    assert.ok(c.body.storage.value.includes('ri:userkey="ff8080817a1b2c3d017a1b2c3d4e0001"'));
    assert.equal(c._links.webui, "/display/DOCS/Architecture");
    assert.ok(!("body" in (await call(datacenter, "/confluence/rest/api/content/1002")).body));
    const missing = await call(datacenter, "/confluence/rest/api/content/9999");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, "No content found with id: ContentId{id=9999}");
    const byTitle = (await call(
      datacenter,
      "/confluence/rest/api/content?spaceKey=DOCS&title=Decision%20Log&expand=version",
    )).body;
    assert.equal(byTitle.results[0].id, "1004");
    assert.equal(byTitle.results[0].version.number, 2);
    const page1 =
      (await call(datacenter, "/confluence/rest/api/content?spaceKey=DOCS&limit=2")).body;
    assert.equal(page1.size, 2);
    assert.equal(page1._links.next, "/rest/api/content?spaceKey=DOCS&limit=2&start=2");
    const page2 = (await call(datacenter, `/confluence${page1._links.next}`)).body;
    assert.deepEqual(page2.results.map((r: { id: string }) => r.id), ["1003", "1004"]);
    const kids = (await call(datacenter, "/confluence/rest/api/content/1001/child/page")).body;
    assert.deepEqual(kids.results.map((r: { id: string }) => r.id), ["1002", "1003"]);
    const atts =
      (await call(datacenter, "/confluence/rest/api/content/1002/child/attachment")).body;
    assert.equal(atts.results[0].title, "diagram.png");
    const space =
      (await call(datacenter, "/confluence/rest/api/space/HR?expand=description.plain,homepage"))
        .body;
    assert.equal(space.name, "People");
    assert.equal(space.homepage.id, "2001");
    assert.equal((await call(datacenter, "/confluence/rest/api/space/NOPE")).status, 404);
    assert.equal(
      (await call(datacenter, "/confluence/rest/api/user?username=bob")).body.displayName,
      "Bob Builder",
    );
    assert.equal(
      (await call(datacenter, "/confluence/rest/api/content/1002/history")).body.lastUpdated.number,
      3,
    );
  });
});

const CQL_CASES: [string, string[]][] = [
  ["type = page AND space = DOCS", ["1001", "1002", "1003", "1004"]],
  ["space in (DOCS, HR) AND type = page", ["1001", "1002", "1003", "1004", "2001"]],
  ["space.key = HR", ["2001"]],
  ['title ~ "arch"', ["1002"]],
  ['text ~ "kubectl"', ["1003"]],
  ['siteSearch ~ "holiday"', ["2001"]],
  ["ancestor = 1001", ["1002", "1003", "1004"]],
  ["parent = 1001", ["1002", "1003"]],
  ['(space = HR OR title ~ "runbook") AND type = page', ["1003", "2001"]],
  ['space = DOCS AND NOT title ~ "home" ORDER BY title ASC', ["1002", "1004", "1003"]],
  ["label = design", ["1002"]],
];

Deno.test("fake evaluates the CQL subset on both flavours", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    for (const [cql, ids] of CQL_CASES) {
      const c = await call(cloud, `/wiki/rest/api/search?${q({ cql })}`);
      assert.equal(c.status, 200, `${cql}: ${JSON.stringify(c.body)}`);
      assert.deepEqual(
        c.body.results.map((r: { content: { id: string } }) => r.content.id),
        ids,
        `cloud: ${cql}`,
      );
      const d = await call(datacenter, `/confluence/rest/api/content/search?${q({ cql })}`);
      assert.deepEqual(d.body.results.map((r: { id: string }) => r.id), ids, `dc: ${cql}`);
    }
    for (const cql of ["foo = bar", "title ~", "type = page AND (space = DOCS", "text = x", ""]) {
      const c = await call(cloud, `/wiki/rest/api/search?${q({ cql })}`);
      assert.equal(c.status, 400, cql);
      assert.equal(c.body.statusCode, 400);
      const d = await call(datacenter, `/confluence/rest/api/search?${q({ cql })}`);
      assert.equal(d.status, 400, `dc: ${cql}`);
    }
    assert.equal(
      (await call(cloud, `/wiki/rest/api/search?${q({ cql: "foo = bar" })}`)).body.message,
      "Could not parse cql : foo = bar",
    );
  });
});

Deno.test("fake pages v1 search with start/limit and _links.next, with excerpts", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    const cql = "type = page";
    const first = (await call(cloud, `/wiki/rest/api/search?${q({ cql, limit: 2 })}`)).body;
    assert.equal(first.size, 2);
    assert.equal(first.totalSize, 5);
    assert.equal(first.start, 0);
    assert.ok(first._links.next.startsWith("/rest/api/search?"));
    assert.equal(first._links.base, `${cloud.origin}/wiki`);
    const ids: string[] = first.results.map((r: { content: { id: string } }) => r.content.id);
    let next: string | undefined = first._links.next;
    while (next) {
      const r = (await call(cloud, `/wiki${next}`)).body;
      ids.push(...r.results.map((x: { content: { id: string } }) => x.content.id));
      next = r._links.next;
    }
    assert.deepEqual(ids, ["1001", "1002", "1003", "1004", "2001"]);
    const hit =
      (await call(cloud, `/wiki/rest/api/search?${q({ cql: 'text ~ "ledger"' })}`)).body.results;
    assert.ok(hit[0].excerpt.includes("@@@hl@@@ledger@@@endhl@@@"), hit[0].excerpt);
    assert.equal(hit[0].url, "/spaces/DOCS/pages/1002/Architecture");
    assert.equal(hit[0].resultGlobalContainer.title, "Engineering Docs");
    const plain = (await call(
      datacenter,
      `/confluence/rest/api/search?${q({ cql: 'text ~ "ledger"', excerpt: "none" })}`,
    )).body.results;
    assert.equal(plain[0].excerpt, "");
    assert.equal(plain[0].url, "/display/DOCS/Architecture");
    const expanded = (await call(
      cloud,
      `/wiki/rest/api/search?${q({ cql: "id = 1003", expand: "content.space,content.version" })}`,
    )).body;
    assert.equal(expanded.results[0].content.space.key, "DOCS");
    assert.equal(expanded.results[0].content.version.by.accountId, "557058:bob");
    const user = (await call(cloud, "/wiki/rest/api/user?accountId=557058:alice")).body;
    assert.equal(user.displayName, "Alice Admin");
    assert.equal((await call(cloud, "/wiki/rest/api/user?accountId=nobody")).status, 404);
  });
});

// --- faults, recording, reset ----------------------------------------------------------------

Deno.test("fake injects 429 with Retry-After, then answers normally", async () => {
  await withFake(async ({ cloud }) => {
    cloud.fault({ match: "/rest/api/3/search/jql", status: 429, retryAfter: 7 });
    const limited = await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      body: { jql: "project = DEMO" },
    });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "7");
    assert.deepEqual(limited.body, { errorMessages: ["Rate limit exceeded."], errors: {} });
    const again = await call(cloud, "/rest/api/3/search/jql", {
      method: "POST",
      body: { jql: "project = DEMO" },
    });
    assert.equal(again.status, 200, "times defaults to 1");
  });
});

Deno.test("fake injects 5xx by method, count and regex, with custom bodies", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    cloud.fault({ match: /^\/wiki\/api\/v2\/pages\/\d+$/, method: "PUT", status: 503, times: 2 });
    assert.equal((await call(cloud, "/wiki/api/v2/pages/1002")).status, 200, "GET is not affected");
    for (let i = 0; i < 2; i++) {
      const r = await call(cloud, "/wiki/api/v2/pages/1002", { method: "PUT", body: {} });
      assert.equal(r.status, 503);
      assert.equal(r.body.errors[0].status, 503);
    }
    assert.equal(
      (await call(cloud, "/wiki/api/v2/pages/1002", { method: "PUT", body: {} })).status,
      400,
      "then real validation",
    );
    datacenter.fault({
      match: "/confluence/rest/api/search",
      status: 502,
      body: "<html>Bad gateway</html>",
    });
    const r = await call(datacenter, "/confluence/rest/api/search?cql=type%3Dpage");
    assert.equal(r.status, 502);
    assert.equal(r.body, "<html>Bad gateway</html>");
    datacenter.fault({ match: "/myself", times: Infinity });
    for (let i = 0; i < 3; i++) {
      assert.equal((await call(datacenter, "/rest/api/2/myself")).status, 500);
    }
  });
});

Deno.test("fake injects a redirect to another origin", async () => {
  await withFake(async ({ cloud }) => {
    cloud.fault({
      match: "/rest/api/3/myself",
      status: 302,
      headers: { location: "http://127.0.0.1:1/elsewhere" },
    });
    const res = await fetch(`${cloud.origin}/rest/api/3/myself`, {
      headers: { authorization: ALICE_CLOUD },
      redirect: "manual",
    });
    await res.body?.cancel();
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "http://127.0.0.1:1/elsewhere");
    // A client that follows it leaves the fake (nothing listens on port 1: a network error).
    cloud.fault({
      match: "/rest/api/3/myself",
      status: 302,
      headers: { location: "http://127.0.0.1:1/elsewhere" },
    });
    await assert.rejects(
      fetch(`${cloud.origin}/rest/api/3/myself`, { headers: { authorization: ALICE_CLOUD } }),
      TypeError,
    );
    assert.equal((await call(cloud, "/rest/api/3/myself")).status, 200, "times defaults to 1");
  });
});

Deno.test("fake delays responses", async () => {
  await withFake(async ({ cloud }) => {
    cloud.fault({ match: "/myself", delayMs: 150 });
    const t0 = performance.now();
    const r = await call(cloud, "/rest/api/3/myself");
    assert.equal(r.status, 200);
    assert.ok(performance.now() - t0 >= 140, "delayed");
    cloud.fault({ match: "/myself", delayMs: 60, status: 504 });
    assert.equal((await call(cloud, "/rest/api/3/myself")).status, 504);
    // a client timeout during a delay leaves the fake healthy
    cloud.fault({ match: "/myself", delayMs: 2_000 });
    await assert.rejects(
      fetch(`${cloud.origin}/rest/api/3/myself`, {
        headers: { authorization: ALICE_CLOUD },
        signal: AbortSignal.timeout(50),
      }),
    );
    assert.equal((await call(cloud, "/rest/api/3/field")).status, 200);
  });
});

Deno.test("fake drops connections without a response (a network error for the client)", async () => {
  await withFake(async ({ cloud, datacenter }) => {
    cloud.fault({ match: "/rest/api/3/issue/DEMO-1", drop: true });
    await assert.rejects(
      fetch(`${cloud.origin}/rest/api/3/issue/DEMO-1`, { headers: { authorization: ALICE_CLOUD } }),
      (e: unknown) => e instanceof TypeError,
    );
    assert.equal(
      (await call(cloud, "/rest/api/3/issue/DEMO-1")).status,
      200,
      "next request is served",
    );
    datacenter.fault({ match: "/rest/api/2/issue", method: "POST", drop: true, delayMs: 20 });
    await assert.rejects(
      fetch(`${datacenter.origin}/rest/api/2/issue`, {
        method: "POST",
        headers: { authorization: ALICE_DC, "content-type": "application/json" },
        body: JSON.stringify({
          fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "x" },
        }),
      }),
      TypeError,
    );
    assert.equal(datacenter.state.issues.length, 6, "a dropped write did not happen");
    datacenter.fault({ match: "/rest/api/2/issue", method: "POST", drop: "after" });
    await assert.rejects(
      fetch(`${datacenter.origin}/rest/api/2/issue`, {
        method: "POST",
        headers: { authorization: ALICE_DC, "content-type": "application/json" },
        body: JSON.stringify({
          fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "y" },
        }),
      }),
      TypeError,
    );
    assert.equal(datacenter.state.issues.at(-1)?.key, "DEMO-6", "drop 'after': the write happened");
  });
});

Deno.test("fake records every request with method, path, query, parsed body and headers", async () => {
  await withFake(async ({ cloud }) => {
    await call(cloud, "/rest/api/3/search/jql?x=1", {
      method: "POST",
      body: { jql: "project = DEMO", fields: ["summary"] },
      headers: { "x-trace": "t1" },
    });
    await call(cloud, "/wiki/api/v2/pages?space-id=98301&limit=1", { auth: null });
    assert.equal(cloud.requests.length, 2);
    const [a, b] = cloud.requests;
    assert.equal(a.method, "POST");
    assert.equal(a.path, "/rest/api/3/search/jql");
    assert.equal(a.query.get("x"), "1");
    assert.deepEqual(a.body, { jql: "project = DEMO", fields: ["summary"] });
    assert.equal(a.headers.get("x-trace"), "t1");
    assert.equal(a.headers.get("authorization"), ALICE_CLOUD);
    assert.equal(b.method, "GET");
    assert.equal(b.query.get("space-id"), "98301");
    assert.equal(b.body, undefined);
    const text = await fetch(`${cloud.origin}/rest/api/3/issue/DEMO-1`, {
      method: "PUT",
      headers: { authorization: ALICE_CLOUD, "content-type": "text/plain" },
      body: "not json",
    });
    assert.equal(text.status, 415);
    await text.body?.cancel();
    assert.equal(cloud.requests[2].body, "not json");
  });
});

Deno.test("fake reset restores the seed and clears requests and faults", async () => {
  await withFake(async ({ cloud }) => {
    await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "temp" } },
    });
    await call(cloud, "/rest/api/3/issue/DEMO-2/transitions", {
      method: "POST",
      body: { transition: { id: "31" } },
    });
    await call(cloud, "/wiki/api/v2/pages/1003", {
      method: "PUT",
      body: {
        id: "1003",
        status: "current",
        title: "Runbook",
        body: { representation: "storage", value: "<p>new</p>" },
        version: { number: 2 },
      },
    });
    cloud.fault({ match: "/", status: 500, times: Infinity });
    cloud.reset();
    assert.equal(cloud.requests.length, 0);
    assert.equal((await call(cloud, "/rest/api/3/issue/DEMO-6")).status, 404);
    assert.equal(
      (await call(cloud, "/rest/api/3/issue/DEMO-2?fields=status")).body.fields.status.name,
      "In Progress",
    );
    assert.equal((await call(cloud, "/wiki/api/v2/pages/1003")).body.version.number, 1);
    const again = await call(cloud, "/rest/api/3/issue", {
      method: "POST",
      body: { fields: { project: { key: "DEMO" }, issuetype: { name: "Task" }, summary: "again" } },
    });
    assert.equal(again.body.key, "DEMO-6", "counters are reset too");
  });
});

Deno.test("fake stamps writes with the injected clock", async () => {
  await withFake(async ({ datacenter }) => {
    await call(datacenter, "/rest/api/2/issue/DEMO-1/comment", {
      method: "POST",
      body: { body: "ping" },
    });
    const c = (await call(datacenter, "/rest/api/2/issue/DEMO-1/comment")).body.comments.at(-1);
    assert.equal(c.created, "2024-04-01T12:00:00.000+0000");
  });
});

// --- seed content ----------------------------------------------------------------------------

Deno.test("seeded and converted ADF is valid against Atlassian's ADF schema", () => {
  const schema = structuredClone(adfSchema) as Record<string, unknown>;
  delete schema.$schema;
  const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(
    schema,
  );
  const state = seedState("cloud");
  const docs: [string, unknown][] = [];
  for (const i of state.issues) {
    if (i.description) docs.push([`${i.key} description`, i.description]);
    for (const c of i.comments) docs.push([`${i.key} comment ${c.id}`, c.body]);
  }
  for (const i of seedState("datacenter").issues) {
    if (typeof i.description === "string") {
      docs.push([`${i.key} wiki -> adf`, wikiToAdf(i.description)]);
    }
  }
  docs.push(["storage -> adf", storageToAdf(architectureStorage("cloud"))]);
  assert.ok(docs.length >= 8);
  for (const [name, doc] of docs) {
    assert.ok(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

Deno.test("seeded storage is well-formed on both flavours", () => {
  for (const flavour of ["cloud", "datacenter"] as const) {
    for (const p of seedState(flavour).pages) {
      for (const v of p.versions) {
        assert.ok(isWellFormedStorage(v.storage), `${flavour} ${p.id} v${v.number}`);
      }
    }
  }
  assert.ok(architectureStorage("datacenter").includes("ri:userkey="));
  assert.ok(!isWellFormedStorage("<p><strong>x</p></strong>"));
});
