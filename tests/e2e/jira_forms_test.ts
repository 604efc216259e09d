/**
 * The `jira_forms` toolset through the real entry point over stdio, against the fake Atlassian
 * whose `api.atlassian.com` (`ATLASSIAN_API_URL`) serves the Jira Forms API: on Cloud with an API
 * token (cloud id from `/_edge/tenant_info`, read once, or from `ATLASSIAN_OAUTH_CLOUD_ID`) and
 * with an OAuth token (cloud id of the gateway); the answers' views, the validation of answers
 * before any write, the DATETIME warning, a lost answer found again, and the refusals: project
 * allowlist, read-only mode, a submitted form. Data Center does not list the tools.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { CHANGE_FORM_ID, REVIEW_FORM_ID } from "../fake_atlassian/_jira_forms.ts";
import { CLOUD_ID_1, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

const TOOLS = [
  "jira_get_issue_proforma_forms",
  "jira_get_proforma_form_details",
  "jira_update_proforma_form_answers",
];

Deno.test("jira_forms tools work end to end on Cloud", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const env = { ...site.env, ATLASSIAN_API_URL: fake.oauth.apiOrigin };
  const session = await connectStdio(env);
  const { client } = session;
  const forms = () => fake.oauth.apiRequests.filter((r) => r.path.startsWith("/jira/forms/"));
  const puts = () => forms().filter((r) => r.method === "PUT").length;
  const stored = (formId: string) => site.state.forms?.find((f) => f.id === formId)?.answers ?? {};
  try {
    await t.step("lists the three tools", async () => {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      for (const name of TOOLS) ok(names.includes(name), name);
    });

    await t.step(
      "jira_get_issue_proforma_forms lists forms; the cloud id is read once",
      async () => {
        const answer = await call(client, "jira_get_issue_proforma_forms", { issue_key: "DEMO-1" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.count, 2);
        deepEqual(
          answer.json.forms.map((f: { id: string; name: string; status: string }) => [
            f.id,
            f.name,
            f.status,
          ]),
          [[CHANGE_FORM_ID, "Change request", "open"], [
            REVIEW_FORM_ID,
            "Security review",
            "locked",
          ]],
        );
        const none = await call(client, "jira_get_issue_proforma_forms", { issue_key: "DEMO-2" });
        deepEqual(none.json, { issue_key: "DEMO-2", count: 0 });
        equal(site.requests.filter((r) => r.path === "/_edge/tenant_info").length, 1);
        ok(forms().every((r) => r.cloudId === CLOUD_ID_1 && r.forwardedTo === "cloud"));
      },
    );

    await t.step("jira_get_proforma_form_details gives questions, not the raw design", async () => {
      const answer = await call(client, "jira_get_proforma_form_details", {
        issue_key: "DEMO-1",
        form_id: CHANGE_FORM_ID,
      });
      equal(answer.isError, false, answer.text);
      equal(answer.json.name, "Change request");
      equal(answer.json.status, "open");
      const q = (id: string) => answer.json.questions.find((x: { id: string }) => x.id === id);
      deepEqual(q("1"), {
        id: "1",
        label: "Summary of change",
        type: "TEXT",
        required: true,
        answer: "Move checkout to the new payment provider",
      });
      deepEqual([q("5").type, q("5").choices, q("5").answer], [
        "SELECT",
        ["Low", "Medium", "High"],
        ["Medium"],
      ]);
      equal(q("4").jira_field, "customfield_10050");
      ok(!/layout|"design"|extension/.test(answer.text), "no raw ADF design");
      const unknown = await call(client, "jira_get_proforma_form_details", {
        issue_key: "DEMO-2",
        form_id: CHANGE_FORM_ID,
      });
      equal(unknown.isError, true);
      match(unknown.text, /Form Not Found: The provided form ID was not found/);
    });

    await t.step(
      "jira_update_proforma_form_answers saves and warns about a dropped time",
      async () => {
        const answer = await call(client, "jira_update_proforma_form_answers", {
          issue_key: "DEMO-1",
          form_id: CHANGE_FORM_ID,
          answers: [
            { questionId: "2", type: "NUMBER", value: 12.5 },
            { questionId: "3", type: "DATE", value: "2025-03-03" },
            { questionId: "4", type: "DATETIME", value: "2025-03-01T14:30:00Z" },
            { questionId: "6", value: ["Web", "3"] },
            { questionId: "8", type: "TIME", value: "17:45" },
          ],
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.updated_fields, 5);
        deepEqual(answer.json.warnings, [
          "Question 4 (Maintenance window start): Jira Forms keeps only the date 2025-03-01 of a date-time answer; the time 14:30 UTC was not saved; set it in Jira field customfield_10050 instead.",
        ]);
        const q = (id: string) => answer.json.answers.find((x: { id: string }) => x.id === id);
        deepEqual([q("2").answer, q("4").answer, q("6").answer], ["12.5", "2025-03-01", [
          "Web",
          "Database",
        ]]);
        const sentBody = forms().filter((r) => r.method === "PUT");
        equal(sentBody.length, 1);
        deepEqual(stored(CHANGE_FORM_ID)["3"], { date: "2025-03-03" });
        deepEqual(stored(CHANGE_FORM_ID)["8"], { time: "17:45" });
        // JSON text works as well as the JSON value.
        const text = await call(client, "jira_update_proforma_form_answers", {
          issue_key: "DEMO-1",
          form_id: CHANGE_FORM_ID,
          answers: '[{"questionId": "1", "type": "TEXT", "value": "Switch provider"}]',
        });
        equal(text.isError, false, text.text);
        equal(stored(CHANGE_FORM_ID)["1"].text, "Switch provider");
        ok(!("warnings" in text.json));
      },
    );

    await t.step("every wrong answer is named in one refusal, before any write", async () => {
      const before = puts();
      const answer = await call(client, "jira_update_proforma_form_answers", {
        issue_key: "DEMO-1",
        form_id: CHANGE_FORM_ID,
        answers: [
          { questionId: "99", type: "TEXT", value: "x" },
          { questionId: "2", type: "NUMBER", value: "many" },
          { questionId: "5", type: "SELECT", value: "Extreme" },
          { questionId: "3", type: "DATE", value: "next week" },
          { questionId: "1", type: "SELECT", value: "1" },
        ],
      });
      equal(answer.isError, true);
      match(answer.text, /^Not updated: answer 1 \(question 99\) is not a question of this form/);
      match(answer.text, /answer 2 \(question 2\) needs a number, got "many"/);
      match(
        answer.text,
        /answer 3 \(question 5\) has no choice "Extreme" \(choices: Low, Medium, High\)/,
      );
      match(answer.text, /answer 4 \(question 3\) needs an ISO 8601 date/);
      match(answer.text, /answer 5 \(question 1\) is a TEXT question, not SELECT/);
      equal(puts(), before, "nothing sent");
      const notArray = await call(client, "jira_update_proforma_form_answers", {
        issue_key: "DEMO-1",
        form_id: CHANGE_FORM_ID,
        answers: "{}",
      });
      equal(notArray.isError, true);
      match(notArray.text, /answers must be a non-empty JSON array/);
    });

    await t.step("a submitted (and locked) form is refused before any write", async () => {
      const before = puts();
      const answer = await call(client, "jira_update_proforma_form_answers", {
        issue_key: "DEMO-1",
        form_id: REVIEW_FORM_ID,
        answers: [{ questionId: "2", type: "TEXT", value: "changed" }],
      });
      equal(answer.isError, true);
      match(
        answer.text,
        /form "Security review" on DEMO-1 is locked, so its answers cannot change/,
      );
      equal(puts(), before);
    });

    await t.step("a lost answer is found again instead of being retried", async () => {
      // Applied, then answered 500: the answer is lost, the write is not.
      site.fault({ match: "/form/", method: "PUT", apply: true, status: 500 });
      const before = puts();
      const answer = await call(client, "jira_update_proforma_form_answers", {
        issue_key: "DEMO-1",
        form_id: CHANGE_FORM_ID,
        answers: [{ questionId: "7", type: "USER", value: "bob@example.com" }],
      });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json.answers[0].answer, [
        { display_name: "Bob Builder", account_id: "557058:bob" },
      ]);
      equal(answer.json.recovered, "found after a 500 error");
      equal(puts(), before + 1, "sent once");
      deepEqual(stored(CHANGE_FORM_ID)["7"], { users: ["557058:bob"] });
      const details = await call(client, "jira_get_proforma_form_details", {
        issue_key: "DEMO-1",
        form_id: CHANGE_FORM_ID,
      });
      deepEqual(details.json.questions.find((q: { id: string }) => q.id === "7").answer, [
        { display_name: "Bob Builder", account_id: "557058:bob" },
      ]);
    });
  } finally {
    await session.close();
  }
});

Deno.test("jira_forms: cloud id from the configuration or the OAuth gateway, allowlist, read-only", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const api = { ATLASSIAN_API_URL: fake.oauth.apiOrigin };
  const formRequests = () =>
    fake.oauth.apiRequests.filter((r) => r.path.startsWith("/jira/forms/"));

  await t.step("ATLASSIAN_OAUTH_CLOUD_ID: no tenant_info request", async () => {
    const session = await connectStdio({
      ...site.env,
      ...api,
      ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID_1,
    });
    try {
      const answer = await call(session.client, "jira_get_issue_proforma_forms", {
        issue_key: "DEMO-1",
      });
      equal(answer.json.count, 2, answer.text);
      equal(site.requests.filter((r) => r.path === "/_edge/tenant_info").length, 0);
    } finally {
      await session.close();
    }
  });

  await t.step("a site whose cloud id cannot be read says how to set it", async () => {
    site.fault({ match: "/_edge/tenant_info", status: 404 });
    const session = await connectStdio({ ...site.env, ...api });
    try {
      const answer = await call(session.client, "jira_get_issue_proforma_forms", {
        issue_key: "DEMO-1",
      });
      equal(answer.isError, true);
      match(answer.text, /^The Jira Forms API needs the site's cloud id, and reading it failed: /);
      match(answer.text, /Set ATLASSIAN_OAUTH_CLOUD_ID/);
      // A failure is not cached: the next call reads it again.
      const again = await call(session.client, "jira_get_issue_proforma_forms", {
        issue_key: "DEMO-1",
      });
      equal(again.isError, false, again.text);
    } finally {
      await session.close();
    }
  });

  await t.step(
    "OAuth (bring-your-own-token): the gateway's cloud id and the Bearer token",
    async () => {
      const { accessToken } = fake.oauth.issueToken({ user: "alice" });
      const session = await connectStdio({
        ...api,
        ATLASSIAN_OAUTH_ACCESS_TOKEN: accessToken,
        ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID_1,
      });
      try {
        const answer = await call(session.client, "jira_get_proforma_form_details", {
          issue_key: "DEMO-1",
          form_id: REVIEW_FORM_ID,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.status, "locked");
        const last = formRequests().at(-1);
        deepEqual([last?.token, last?.status], [accessToken, 200]);
      } finally {
        await session.close();
      }
    },
  );

  await t.step("JIRA_PROJECTS_FILTER refuses another project before any request", async () => {
    const session = await connectStdio({ ...site.env, ...api, JIRA_PROJECTS_FILTER: "OPS" });
    const before = formRequests().length;
    const tenant = site.requests.filter((r) => r.path === "/_edge/tenant_info").length;
    try {
      for (
        const [tool, args] of [
          ["jira_get_issue_proforma_forms", { issue_key: "DEMO-1" }],
          ["jira_get_proforma_form_details", { issue_key: "DEMO-1", form_id: CHANGE_FORM_ID }],
          ["jira_update_proforma_form_answers", {
            issue_key: "demo-1",
            form_id: CHANGE_FORM_ID,
            answers: [{ questionId: "1", value: "x" }],
          }],
        ] as const
      ) {
        const answer = await call(session.client, tool, args);
        equal(answer.isError, true, tool);
        match(answer.text, /Project DEMO is outside the projects this server may use \(OPS\)/);
      }
      equal(formRequests().length, before);
      equal(site.requests.filter((r) => r.path === "/_edge/tenant_info").length, tenant);
    } finally {
      await session.close();
    }
  });

  await t.step("read-only mode hides the update tool", async () => {
    const session = await connectStdio({ ...site.env, ...api, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      deepEqual(TOOLS.filter((name) => names.includes(name)), TOOLS.slice(0, 2));
    } finally {
      await session.close();
    }
  });
});

Deno.test("jira_forms tools are not listed on Data Center", async () => {
  await using fake = await startFakeAtlassian();
  const session = await connectStdio(fake.datacenter.env);
  try {
    const names = (await session.client.listTools()).tools.map((tool) => tool.name);
    deepEqual(TOOLS.filter((name) => names.includes(name)), []);
    const answer = await call(session.client, "jira_get_issue_proforma_forms", {
      issue_key: "DEMO-1",
    });
    equal(answer.isError, true);
  } finally {
    await session.close();
  }
});
