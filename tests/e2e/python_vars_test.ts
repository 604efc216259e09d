/**
 * The Python server's variables this server implements its own way, through the real entry
 * point: `JIRA_INTERNAL_ONLY_PROJECTS`, `DISABLE_JIRA_MARKUP_TRANSLATION`, `ATLASSIAN_RETRY_*`
 * and `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE` in the printed run line and client configuration,
 * and the warning for one it ignores.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { childEnv, MAIN } from "../../scripts/_server_command.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { installServiceDesk } from "../fake_atlassian/_jira_servicedesk.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const SD = "/rest/servicedeskapi";

/** A JSON body as the fake recorded it. */
// deno-lint-ignore no-explicit-any
type Body = any;

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: JIRA_INTERNAL_ONLY_PROJECTS keeps comments internal`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    installServiceDesk(site.state);
    const session = await connectStdio({ ...site.env, JIRA_INTERNAL_ONLY_PROJECTS: "HELP,DEMO" });
    const { client } = session;
    const refusal = /^(HELP|DEMO) is listed in JIRA_INTERNAL_ONLY_PROJECTS, so /;
    const comments = (key: string) => site.state.issues.find((i) => i.key === key)!.comments;
    try {
      await t.step("a comment on a request must be an internal note", async () => {
        const before = comments("HELP-1").length;
        for (const args of [{}, { public: true }]) {
          const answer = await call(client, "jira_add_comment", {
            issue_key: "HELP-1",
            body: "Hello",
            ...args,
          });
          equal(answer.isError, true, answer.text);
          match(answer.text, refusal);
          match(answer.text, /public: false/);
        }
        equal(comments("HELP-1").length, before, "nothing was posted");
        const note = await call(client, "jira_add_comment", {
          issue_key: "HELP-1",
          body: "Router firmware again.",
          public: false,
        });
        equal(note.isError, false, note.text);
        equal(note.json.comment.public, false);
        deepEqual(sent(site, "POST", `${SD}/request/HELP-1/comment`).map((p) => p.body), [
          { body: "Router firmware again.", public: false },
        ]);
      });

      await t.step("an issue proven not to be a request takes an ordinary comment", async () => {
        const answer = await call(client, "jira_add_comment", { issue_key: "DEMO-1", body: "Hi" });
        equal(answer.isError, false, answer.text);
        ok(sent(site, "GET", `${SD}/request/DEMO-1`).length, "the request was looked up");
      });

      await t.step("a customer-visible reply is not edited; an internal note is", async () => {
        const reply = await call(client, "jira_edit_comment", {
          issue_key: "HELP-1",
          comment_id: "10150",
          body: "Changed",
        });
        equal(reply.isError, true, reply.text);
        match(reply.text, refusal);
        match(reply.text, /a reply the customer sees/);
        const noteId = comments("HELP-1").find((c) => c.jsdPublic === false)!.id;
        const note = await call(client, "jira_edit_comment", {
          issue_key: "HELP-1",
          comment_id: noteId,
          body: "Router firmware, again.",
        });
        equal(note.isError, false, note.text);
      });

      await t.step("transition, link and update comments are refused there", async () => {
        const before = site.requests.length;
        const calls: [string, Record<string, unknown>][] = [
          ["jira_transition_issue", { issue_key: "HELP-2", transition_id: "Done", comment: "x" }],
          [
            "jira_create_issue_link",
            {
              link_type: "Blocks",
              inward_issue_key: "HELP-1",
              outward_issue_key: "HELP-2",
              comment: "x",
            },
          ],
          ["jira_update_issue", { issue_key: "DEMO-2", comment: "x" }],
        ];
        for (const [tool, args] of calls) {
          const answer = await call(client, tool, args);
          equal(answer.isError, true, answer.text);
          match(answer.text, refusal);
          match(answer.text, new RegExp(`so ${tool} adds no comment`));
        }
        equal(site.requests.length, before, "refused before any request");
      });

      await t.step("worklog comments are exempt", async () => {
        const answer = await call(client, "jira_add_worklog", {
          issue_key: "HELP-1",
          time_spent: "1h",
          comment: "Checked the router.",
        });
        equal(answer.isError, false, answer.text);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: DISABLE_JIRA_MARKUP_TRANSLATION passes Jira text unconverted`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, DISABLE_JIRA_MARKUP_TRANSLATION: "true" });
    const { client } = session;
    const root = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";
    try {
      const adf = {
        type: "doc",
        version: 1,
        content: [{
          type: "paragraph",
          content: [{ type: "text", text: "bold", marks: [{ type: "strong" }] }],
        }],
      };
      // Jira's own format: ADF as JSON text on Cloud, wiki markup on Data Center.
      const body = flavour === "cloud" ? JSON.stringify(adf) : "*bold* {{code}}";
      const added = await call(client, "jira_add_comment", { issue_key: "DEMO-1", body });
      equal(added.isError, false, added.text);
      const [post] = sent(site, "POST", `${root}/issue/DEMO-1/comment`);
      deepEqual((post.body as Body).body, flavour === "cloud" ? adf : body);
      equal(added.json.comment.body, body);
      // Markdown is not read as Markdown: it arrives as the text it is.
      await call(client, "jira_add_comment", { issue_key: "DEMO-1", body: "**not bold**" });
      const [, plain] = sent(site, "POST", `${root}/issue/DEMO-1/comment`);
      deepEqual(
        (plain.body as Body).body,
        flavour === "cloud"
          ? {
            type: "doc",
            version: 1,
            content: [{ type: "paragraph", content: [{ type: "text", text: "**not bold**" }] }],
          }
          : "**not bold**",
      );
      const issue = await call(client, "jira_get_issue", { issue_key: "DEMO-1" });
      equal(issue.isError, false, issue.text);
      const bodies = issue.json.comments.map((c: { body: string }) => c.body);
      ok(bodies.includes(body), issue.text);
      // The description as Jira stores it (ADF on Cloud, wiki markup on Data Center).
      const stored = site.state.issues.find((i) => i.key === "DEMO-1")!.description;
      equal(issue.json.description, typeof stored === "string" ? stored : JSON.stringify(stored));
    } finally {
      await session.close();
    }
  });
}

Deno.test("ATLASSIAN_RETRY_TOTAL sets how often a failed read is retried", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const issuePath = /\/rest\/api\/3\/issue\/DEMO-3$/;
  for (const [total, attempts] of [["2", 3], ["0", 1]] as const) {
    const session = await connectStdio({
      ...site.env,
      ATLASSIAN_RETRY_TOTAL: total,
      ATLASSIAN_RETRY_BACKOFF: "0",
    });
    try {
      site.reset();
      site.fault({ match: issuePath, status: 503, times: 5 });
      const answer = await call(session.client, "jira_get_issue", {
        issue_key: "DEMO-3",
        comment_limit: 0,
      });
      equal(answer.isError, true, answer.text);
      equal(site.requests.filter((r) => issuePath.test(r.path)).length, attempts, total);
    } finally {
      await session.close();
    }
  }
});

/** Runs the entry point once with `env` and `args`, as a user would from a shell. */
async function run(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--unstable-worker-options", "-A", MAIN, ...args],
    env: childEnv(env),
    clearEnv: true,
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test("MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true starts the printed lines with DENO_TLS_CA_STORE=system", async () => {
  const env = {
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_USERNAME: "me@example.com",
    JIRA_API_TOKEN: "secret-api-token-123",
    MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "true",
    MCP_LOGGING_STDOUT: "true",
  };
  const line = await run(["--print-permissions"], env);
  equal(line.code, 0, line.stderr);
  match(line.stdout, /^DENO_TLS_CA_STORE=system deno run --no-prompt /);
  match(line.stderr, /MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true has no effect in this process/);
  match(
    line.stderr,
    /MCP_LOGGING_STDOUT is ignored: not supported by this server; see README \(Differences from the Python server\)\./,
  );
  const printed = await run(["--print-client-config=cursor"], env);
  equal(printed.code, 0, printed.stderr);
  equal(JSON.parse(printed.stdout).mcpServers.atlassian.env.DENO_TLS_CA_STORE, "system");
  // Started that way, the process has what it asked for and does not warn.
  const started = await run(["--print-permissions"], { ...env, DENO_TLS_CA_STORE: "system" });
  ok(!started.stderr.includes("has no effect"), started.stderr);
  match(started.stdout, /^DENO_TLS_CA_STORE=system deno run /);
  const off = await run(["--print-permissions"], {
    ...env,
    MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "false",
  });
  match(off.stdout, /^deno run /);
});
