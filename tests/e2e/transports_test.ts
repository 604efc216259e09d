/**
 * The HTTP transports through the real entry point: streamable HTTP (stateful and stateless),
 * legacy SSE, /healthz, and DNS-rebinding protection on loopback.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { Client, SSEClientTransport } from "../../scripts/_sdk_client.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectHttp, startHttp } from "./_harness.ts";

/** Sends a POST with a chosen Host header over a raw TCP connection (fetch would replace it). */
async function rawStatus(url: string, host: string): Promise<number> {
  const { hostname, port, pathname } = new URL(url);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  const request =
    `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
    "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
  await conn.write(new TextEncoder().encode(request));
  const buffer = new Uint8Array(256);
  const n = await conn.read(buffer);
  conn.close();
  return Number(new TextDecoder().decode(buffer.subarray(0, n ?? 0)).split(" ")[1]);
}

Deno.test("streamable HTTP serves sessions, health checks, and refuses foreign hosts", async (t) => {
  const fake = await startFakeAtlassian();
  const server = await startHttp(fake.cloud.env, ["--transport", "streamable-http", "--port", "0"]);
  try {
    match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const base = new URL(server.url);

    await t.step("a client session lists and calls tools", async () => {
      const client = await connectHttp(server.url);
      const answer = await call(client, "jira_get_issue", {
        issue_key: "DEMO-1",
        comment_limit: 0,
      });
      equal(answer.json.key, "DEMO-1");
      await client.close();
    });

    await t.step("GET /healthz answers ok", async () => {
      const response = await fetch(new URL("/healthz", base));
      deepEqual(await response.json(), { status: "ok" });
    });

    await t.step("a request for a foreign Host is refused (DNS rebinding)", async () => {
      equal(await rawStatus(server.url, "evil.example"), 403);
      equal(await rawStatus(server.url, `localhost:${base.port}`), 400);
      const fromPage = await fetch(server.url, {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/json" },
        body: "{}",
      });
      equal(fromPage.status, 403);
      await fromPage.body?.cancel();
    });

    await t.step("a body over 4 MiB is refused with 413 before it is parsed", async () => {
      const response = await fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "x".repeat(4 * 1024 * 1024 + 1),
      });
      equal(response.status, 413);
      await response.body?.cancel();
    });

    await t.step(
      "an unknown session id is 404, a non-initialize request without one is 400",
      async () => {
        const headers = {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        };
        const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
        const unknown = await fetch(server.url, {
          method: "POST",
          headers: { ...headers, "mcp-session-id": "nope" },
          body,
        });
        equal(unknown.status, 404);
        await unknown.body?.cancel();
        const missing = await fetch(server.url, { method: "POST", headers, body });
        equal(missing.status, 400);
        await missing.body?.cancel();
      },
    );
  } finally {
    await server.stop();
    await fake.close();
  }
  ok(!server.stderr().includes("cloud-api-token"), "no secret in logs");
});

Deno.test("stateless streamable HTTP answers every request on its own", async () => {
  const fake = await startFakeAtlassian();
  const server = await startHttp(fake.datacenter.env, [
    "--transport",
    "streamable-http",
    "--port",
    "0",
    "--stateless",
  ]);
  try {
    const client = await connectHttp(server.url);
    const { tools } = await client.listTools();
    ok(tools.length >= 12);
    const answer = await call(client, "jira_search", { jql: "project = DEMO", limit: 2 });
    equal(answer.json.issues.length, 2);
    await client.close();
    const get = await fetch(server.url);
    equal(get.status, 405);
    await get.body?.cancel();
  } finally {
    await server.stop();
    await fake.close();
  }
});

Deno.test("legacy SSE transport serves a client session", async () => {
  const fake = await startFakeAtlassian();
  const server = await startHttp(fake.cloud.env, ["--transport", "sse", "--port", "0"]);
  try {
    match(server.url, /\/sse$/);
    const client = new Client({ name: "sse", version: "1.0.0" });
    await client.connect(new SSEClientTransport(new URL(server.url)));
    const answer = await call(client, "confluence_get_page", { page_id: "1003" });
    equal(answer.json.title, "Runbook");
    await client.close();
  } finally {
    await server.stop();
    await fake.close();
  }
});
