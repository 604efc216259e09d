/**
 * Bad input through the real entry point: every refusal is an `isError` tool answer (never a
 * JSON-RPC error) naming the parameter, the type it takes and an example; over-long values are
 * refused before any request; `Origin: null` is not local; an HTTP/HTTPS mismatch and a
 * certificate checked although JIRA_SSL_VERIFY=false are explained in words.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
// @ts-types="@modelcontextprotocol/sdk/types"
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { childEnv, MAIN } from "../../scripts/_server_command.ts";
import { Client, StdioClientTransport } from "../../scripts/_sdk_client.ts";
import { makeCerts } from "../_certs.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio, startHttp } from "./_harness.ts";

const MB = "1".repeat(1_000_000);

Deno.test("bad input is answered as a tool error naming the parameter, type and example", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio(site.env);
  const { client } = session;
  try {
    await t.step("wrong-type ids are refused; a number is accepted", async () => {
      for (
        const [value, got] of [[true, "true \\(a boolean\\)"], [{}, "an object"], [[], "an array"]]
      ) {
        const answer = await call(client, "confluence_get_page", { page_id: value });
        equal(answer.isError, true);
        match(
          answer.text,
          new RegExp(
            `^Invalid arguments for confluence_get_page: page_id is ${got}; expected a string of at most 10,000 characters or a non-negative integer, e\\.g\\. '123456'\\.`,
          ),
        );
        const update = await call(client, "confluence_update_page", { page_id: value, title: "T" });
        match(
          update.text,
          /page_id is .*; expected a string of at most 255 characters or a non-negative integer, e\.g\./,
        );
      }
      const page = await call(client, "confluence_get_page", { page_id: 1001 });
      equal(page.isError, false, page.text);
      equal(page.json.title, "Engineering Home");
      const unknown = await call(client, "confluence_get_page", { page_id: 10001 });
      equal(unknown.isError, true);
      ok(!unknown.text.includes("Invalid arguments"), unknown.text);
      ok(site.requests.some((r) => r.path === "/wiki/api/v2/pages/10001"));
    });

    await t.step("a transition id may be a number; a boolean is refused", async () => {
      const before = site.requests.length;
      for (const [value, got] of [[true, "true \\(a boolean\\)"], [{}, "an object"]] as const) {
        const refused = await call(client, "jira_transition_issue", {
          issue_key: "DEMO-3",
          transition_id: value,
        });
        equal(refused.isError, true);
        match(
          refused.text,
          new RegExp(
            `^Invalid arguments for jira_transition_issue: transition_id is ${got}; expected a string of at most 255 characters or a non-negative integer, e\\.g\\. '31'\\.`,
          ),
        );
      }
      equal(site.requests.length, before);
      const moved = await call(client, "jira_transition_issue", {
        issue_key: "DEMO-3",
        transition_id: 11,
      });
      equal(moved.isError, false, moved.text);
      equal(moved.json.issue.status, "In Progress");
      const post = site.requests.findLast((r) =>
        r.method === "POST" && r.path.endsWith("/issue/DEMO-3/transitions")
      )!;
      deepEqual((post.body as { transition: unknown }).transition, { id: "11" });
    });

    await t.step("a 1 MB value is refused, stating the limit, before any request", async () => {
      const before = site.requests.length;
      const id = await call(client, "confluence_get_page", { page_id: MB });
      equal(id.isError, true);
      match(id.text, /page_id is 1,000,000 characters long; expected a string of at most 10,000 /);
      const jql = await call(client, "jira_search", { jql: MB });
      equal(jql.isError, true);
      match(
        jql.text,
        /jql is 1,000,000 characters long; expected a string of at most 10,000 characters, e\.g\. 'assignee = currentUser\(\)/,
      );
      const key = await call(client, "jira_get_issue", { issue_key: MB });
      match(key.text, /issue_key is 1,000,000 characters long; expected a string of at most 255 /);
      const summary = await call(client, "jira_create_issue", {
        project_key: "DEMO",
        issue_type: "Task",
        summary: "s".repeat(1_048_576),
      });
      equal(summary.isError, true);
      match(summary.text, /summary is 1,048,576 characters long; .* at most 255 characters/);
      // Rich text stops at LIMITS.text (1,000,000), as does any string, whatever its parameter.
      const comment = await call(client, "jira_transition_issue", {
        issue_key: "DEMO-3",
        transition_id: "Done",
        comment: "c".repeat(1_048_576),
      });
      equal(comment.isError, true);
      match(comment.text, /comment is 1,048,576 characters long; .* at most 1,000,000 characters/);
      equal(site.requests.length, before);
    });

    await t.step("arguments that are not an object get an example object", async () => {
      for (const [args, got] of [["DEMO-1", "'DEMO-1'"], [["DEMO-1"], "an array"], [5, "5"]]) {
        // Sent as is: the SDK client's callTool would not let a non-object through.
        const result = await client.request(
          { method: "tools/call", params: { name: "jira_get_issue", arguments: args } } as never,
          CallToolResultSchema,
        );
        equal(result.isError, true);
        const text = (result.content[0] as { text: string }).text;
        match(
          text,
          new RegExp(
            `^Invalid arguments for jira_get_issue: arguments is ${
              RegExp.escape(got as string)
            }.*; expected an object of parameters, e\\.g\\. \\{"issue_key":"PROJ-123"\\}\\.`,
          ),
        );
      }
    });

    await t.step(
      "a tool name that is not a string is an unknown tool, not a JSON-RPC error",
      async () => {
        const result = await client.request(
          { method: "tools/call", params: { name: 5, arguments: {} } } as never,
          CallToolResultSchema,
        );
        equal(result.isError, true);
        equal((result.content[0] as { text: string }).text, "Unknown tool: 5");
      },
    );

    await t.step("an invalid enum value or type names the choices or the type", async () => {
      const format = await call(client, "confluence_update_page", {
        page_id: "1001",
        title: "Engineering Home",
        content_format: "html",
      });
      equal(format.isError, true);
      match(
        format.text,
        /content_format is 'html'; expected one of 'markdown', 'wiki', 'storage', e\.g\. 'markdown'/,
      );
      const limit = await call(client, "jira_get_issue", {
        issue_key: "DEMO-1",
        comment_limit: "ten",
      });
      equal(limit.isError, true);
      match(limit.text, /comment_limit is 'ten'; expected an integer from 0 to 100, e\.g\. 10/);
    });
  } finally {
    await session.close();
  }
});

Deno.test("streamable HTTP refuses Origin: null as not local", async () => {
  await using fake = await startFakeAtlassian();
  const server = await startHttp(fake.cloud.env, ["--transport", "streamable-http", "--port", "0"]);
  try {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { origin: "null", "content-type": "application/json" },
      body: "{}",
    });
    equal(response.status, 403);
    match((await response.json()).error, /Origin null is not allowed/);
  } finally {
    await server.stop();
  }
});

/** Calls jira_get_issue once on a server started with `args` after `deno`, and stops it. */
async function getIssueWith(args: string[], env: Record<string, string>) {
  const client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: Deno.execPath(),
      args,
      env: childEnv(env),
      stderr: "pipe",
    }),
  );
  try {
    return await call(client, "jira_get_issue", { issue_key: "DEMO-1" });
  } finally {
    await client.close();
  }
}

Deno.test("TLS: HTTP/HTTPS mismatches and a certificate checked despite JIRA_SSL_VERIFY=false are explained", async (t) => {
  await using fake = await startFakeAtlassian();
  const certs = await makeCerts();
  const plain = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("{}"),
  );
  const tls = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: certs.cert, key: certs.key, onListen: () => {} },
    () => new Response("{}"),
  );
  const env = (url: string) => ({
    ...fake.datacenter.env,
    JIRA_URL: url,
    CONFLUENCE_URL: "",
    SSL_CERT_FILE: "",
    REQUESTS_CA_BUNDLE: "",
  });
  try {
    await t.step("a plain-HTTP server at an https:// URL", async () => {
      const session = await connectStdio(env(`https://127.0.0.1:${plain.addr.port}`));
      try {
        const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
        equal(answer.isError, true);
        match(answer.text, /answered in plain HTTP, not HTTPS/);
        match(answer.text, /Hint: The server at this address speaks plain HTTP: use http:\/\//);
      } finally {
        await session.close();
      }
    });

    await t.step("an HTTPS server at an http:// URL", async () => {
      const session = await connectStdio(env(`http://127.0.0.1:${tls.addr.port}`));
      try {
        const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
        equal(answer.isError, true);
        match(answer.text, /answered in TLS, not in plain HTTP: it speaks HTTPS/);
        match(answer.text, /Hint: Use https:\/\/ in JIRA_URL\./);
      } finally {
        await session.close();
      }
    });

    await t.step(
      "JIRA_SSL_VERIFY=false under `deno task start` points to --print-permissions",
      async () => {
        // `deno task start` runs `deno run --unstable-worker-options -A main.ts`: no certificate flag.
        const answer = await getIssueWith(
          ["run", "--unstable-worker-options", "-A", MAIN],
          { ...env(`https://127.0.0.1:${tls.addr.port}`), JIRA_SSL_VERIFY: "false" },
        );
        equal(answer.isError, true);
        match(answer.text, /UnknownIssuer/);
        match(answer.text, /--unsafely-ignore-certificate-errors=127\.0\.0\.1/);
        match(answer.text, /--print-permissions/);
        ok(!answer.text.includes("JIRA_SSL_VERIFY=false"), answer.text);
      },
    );
  } finally {
    await plain.shutdown();
    await tls.shutdown();
  }
});
