/**
 * Every failure class through the real entry point: each ends as an `isError` answer with one
 * clear sentence and one hint — never a stack trace, never a secret.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";
import { LoggingMessageNotificationSchema } from "../../scripts/_sdk_client.ts";

Deno.test("failures through the real entry point are clear sentences", async (t) => {
  const fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio({ ...site.env, JIRA_TIMEOUT: "1" });
  const { client } = session;
  const get = () => call(client, "jira_get_issue", { issue_key: "DEMO-3", comment_limit: 0 });
  const issuePath = /\/rest\/api\/3\/issue\/DEMO-3$/;
  try {
    await t.step("429 with a short Retry-After is waited out and retried", async () => {
      site.fault({ match: issuePath, status: 429, retryAfter: 1, times: 1 });
      const answer = await get();
      equal(answer.isError, false, answer.text);
      equal(site.requests.filter((r) => issuePath.test(r.path)).length, 2);
    });

    await t.step("the retry and an unreadable section reach the client's log", async () => {
      site.reset();
      const logged: { level: string; data: unknown }[] = [];
      client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        logged.push(n.params);
      });
      site.fault({ match: issuePath, status: 429, retryAfter: 1, times: 1 });
      site.fault({ match: /\/DEMO-3\/watchers$/, status: 403, times: 1 });
      const answer = await call(client, "jira_get_issue", {
        issue_key: "DEMO-3",
        comment_limit: 0,
        include: "watchers",
      });
      equal(answer.isError, false, answer.text);
      ok(answer.json.watchers_unavailable, answer.text);
      // The retry is in the answer as well as in the log.
      match(
        answer.json.warnings.join("\n"),
        /^Jira GET \/rest\/api\/3\/issue\/DEMO-3: 429, retry 1\//,
      );
      deepEqual(logged.map((l) => l.level), ["warning", "warning"]);
      match(
        String(logged[0].data),
        /^Jira GET \/rest\/api\/3\/issue\/DEMO-3: 429, retry 1\/\d+ in \d+ ms$/,
      );
      match(String(logged[1].data), /^jira_get_issue: watchers: /);
      // A client that asked for errors only hears no warnings.
      await client.setLoggingLevel("error");
      site.fault({ match: issuePath, status: 429, retryAfter: 1, times: 1 });
      equal((await get()).isError, false);
      equal(logged.length, 2);
      await client.setLoggingLevel("debug");
    });

    await t.step(
      "429 with a long Retry-After fails at once and says how long to wait",
      async () => {
        site.reset();
        site.fault({ match: issuePath, status: 429, retryAfter: 120, times: 5 });
        const answer = await get();
        equal(answer.isError, true);
        match(answer.text, /429/);
        match(answer.text, /120/);
      },
    );

    await t.step("a 503 on a read is retried", async () => {
      site.reset();
      site.fault({ match: issuePath, status: 503, times: 1 });
      const answer = await get();
      equal(answer.isError, false, answer.text);
    });

    await t.step("a 500 on a write is reported once and never retried", async () => {
      site.reset();
      site.fault({ match: /\/issue\/DEMO-3\/comment$/, method: "POST", status: 500, times: 5 });
      const answer = await call(client, "jira_add_comment", { issue_key: "DEMO-3", body: "hello" });
      equal(answer.isError, true);
      match(answer.text, /500/);
      match(answer.text, /may or may not have been applied/i);
      equal(
        site.requests.filter((r) => r.method === "POST" && r.path.endsWith("/comment")).length,
        1,
      );
    });

    await t.step("a slow answer ends as a timeout naming JIRA_TIMEOUT", async () => {
      site.reset();
      site.fault({ match: issuePath, delayMs: 2500, times: 5 });
      const answer = await get();
      equal(answer.isError, true);
      match(answer.text, /JIRA_TIMEOUT/);
    });

    await t.step("a dropped connection is a network error", async () => {
      site.reset();
      site.fault({ match: issuePath, drop: true, times: 5 });
      const answer = await get();
      equal(answer.isError, true);
      match(answer.text, /^The connection to Jira at http:\/\/127\.0\.0\.1:\d+ failed during GET/);
      ok(!answer.text.includes("    at "), "no stack trace");
    });

    await t.step("a redirect to another host is refused without following it", async () => {
      site.reset();
      site.fault({
        match: issuePath,
        status: 302,
        headers: { location: "http://127.0.0.1:1/elsewhere" },
        times: 1,
      });
      const answer = await get();
      equal(answer.isError, true);
      match(answer.text, /another host/);
    });

    await t.step("a Cloud search (a POST that changes nothing) is retried after 429", async () => {
      site.reset();
      site.fault({ match: "/search/jql", status: 429, retryAfter: 1, times: 1 });
      const answer = await call(client, "jira_search", { jql: "project = DEMO", limit: 1 });
      equal(answer.isError, false, answer.text);
      equal(site.requests.filter((r) => r.path.endsWith("/search/jql")).length, 2);
    });

    await t.step(
      "a failed read-back after a successful create still reports the new key",
      async () => {
        site.reset();
        site.fault({
          match: /\/rest\/api\/3\/issue\/DEMO-6$/,
          method: "GET",
          status: 500,
          times: 5,
        });
        const answer = await call(client, "jira_create_issue", {
          project_key: "DEMO",
          summary: "Created once",
          issue_type: "Task",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.key, "DEMO-6");
        match(answer.json.note, /reading the result back failed/);
      },
    );

    await t.step("comments that cannot be read do not lose the issue", async () => {
      site.reset();
      site.fault({ match: /\/issue\/DEMO-2\/comment$/, status: 403, times: 1 });
      const answer = await call(client, "jira_get_issue", { issue_key: "DEMO-2" });
      equal(answer.isError, false, answer.text);
      equal(answer.json.key, "DEMO-2");
      match(answer.json.comments_unavailable, /403/);
    });

    await t.step("a partial update says exactly which steps happened", async () => {
      site.reset();
      const answer = await call(client, "jira_update_issue", {
        issue_key: "DEMO-3",
        fields: JSON.stringify({ summary: "Renamed" }),
        transition: "Teleport",
      });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json.operations_performed, ["fields"]);
      equal(answer.json.operations_failed[0].operation, 'transition "Teleport"');
      match(answer.json.message, /partly updated/);
    });

    await t.step("unknown arguments are refused, aliases are accepted", async () => {
      const unknown = await call(client, "confluence_create_page", {
        space_key: "DOCS",
        title: "From file",
        body_file: "notes.md",
      });
      equal(unknown.isError, true);
      match(unknown.text, /body_file/);
      const alias = await call(client, "jira_add_comment", {
        issue_key: "DEMO-3",
        comment: "via alias",
      });
      equal(alias.isError, false, alias.text);
    });

    await t.step("403 names the missing permission", async () => {
      site.reset();
      site.fault({ match: issuePath, status: 403, times: 1 });
      const answer = await get();
      equal(answer.isError, true);
      match(answer.text, /403/);
    });
  } finally {
    await session.close();
    await fake.close();
  }
});

Deno.test("a wrong API token gives 401 with a hint naming the variables, and no secret", async () => {
  const fake = await startFakeAtlassian();
  const env = { ...fake.cloud.env, JIRA_API_TOKEN: "wrong-token-value" };
  const session = await connectStdio(env);
  try {
    const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
    equal(answer.isError, true);
    match(answer.text, /401/);
    match(answer.text, /JIRA_API_TOKEN/);
    ok(!answer.text.includes("wrong-token-value"));
    ok(!session.stderr().includes("wrong-token-value"));
  } finally {
    await session.close();
    await fake.close();
  }
});

Deno.test("a Data Center PAT that is wrong gives 401 naming JIRA_PERSONAL_TOKEN", async () => {
  const fake = await startFakeAtlassian();
  const session = await connectStdio({
    ...fake.datacenter.env,
    JIRA_PERSONAL_TOKEN: "bad-pat-value",
  });
  try {
    const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
    equal(answer.isError, true);
    match(answer.text, /JIRA_PERSONAL_TOKEN/);
  } finally {
    await session.close();
    await fake.close();
  }
});
