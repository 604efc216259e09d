/**
 * `serveHttp` in process, with a tiny MCP server whose one tool answers with the token its
 * request carried: session binding (a refreshed token keeps the session, another identity gets
 * 404), the session limits (per credentials and overall, also under concurrency, also for SSE),
 * and SSE message POSTs that must bring their own credentials.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { carriedCredentials } from "../../../src/auth/request/mod.ts";
import type { Config } from "../../../src/config/types.ts";
import { CallToolRequestSchema, ListToolsRequestSchema } from "../../../src/sdk.ts";
import { type HttpHandle, serveHttp } from "../../../src/server/http.ts";
import { McpServer } from "../../../src/server/mcp_server.ts";
import { config, service } from "../auth/request/_config.ts";

const CLOUD_1 = "11111111-1111-4111-8111-111111111111";
const CLOUD_2 = "22222222-2222-4222-8222-222222222222";

/** A server whose tool `whoami` answers with the request's Jira token, or `server`. */
function whoami(): McpServer {
  const server = new McpServer({ name: "t", version: "1", capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
  server.setRequestHandler(CallToolRequestSchema, (_request, extra) => {
    const credentials = carriedCredentials(extra.authInfo);
    const jira = credentials?.jira;
    const who = jira ? `${jira.kind}:${jira.token}` : "server";
    return { content: [{ type: "text", text: who }] };
  });
  return server;
}

/** A multi-user configuration: Cloud OAuth through the gateway, Basic for a Cloud site. */
function multiUser(over: Partial<Config> = {}, fallback = false): Config {
  return config({
    jira: {
      ...service("jira", "https://api.atlassian.com/ex/jira/{cloudId}", "cloud"),
      siteUrl: "https://acme.atlassian.net",
    },
    ...over,
    oauth: { multiUser: true, allowGlobalFallback: fallback },
  });
}

function bearer(token: string, cloudId = CLOUD_1): Record<string, string> {
  return { authorization: `Bearer ${token}`, "x-atlassian-cloud-id": cloudId };
}

function basic(user: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${btoa(`${user}:${secret}`)}` };
}

const HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-03-26",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
};
const CALL = { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "whoami" } };

/** The JSON-RPC message of an answer, whether sent as JSON or as one SSE event. */
async function message(response: Response): Promise<{ status: number; body: unknown }> {
  const text = await response.text();
  const data = /^data: (.+)$/m.exec(text)?.[1] ?? text;
  return { status: response.status, body: data ? JSON.parse(data) : undefined };
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: unknown; session: string | null }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  const session = response.headers.get("mcp-session-id");
  return { ...await message(response), session };
}

/** Opens a session and returns its id. */
async function open(url: string, headers: Record<string, string>): Promise<string> {
  const r = await post(url, headers, INITIALIZE);
  equal(r.status, 200, JSON.stringify(r.body));
  return r.session!;
}

async function whoAmI(
  url: string,
  session: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  return await post(url, { ...headers, "mcp-session-id": session }, CALL);
}

const text = (body: unknown) =>
  (body as { result: { content: { text: string }[] } }).result.content[0].text;

async function withServer(
  cfg: Config,
  limits: { max?: number; perCredential?: number },
  body: (handle: HttpHandle) => Promise<void>,
): Promise<void> {
  const handle = serveHttp(cfg, whoami, limits);
  try {
    await body(handle);
  } finally {
    await handle.shutdown();
  }
}

const NOT_FOUND = {
  jsonrpc: "2.0",
  error: { code: -32001, message: "Session not found" },
  id: null,
};

Deno.test("serveHttp keeps a session across a token refresh and answers another identity 404", async () => {
  await withServer(multiUser(), {}, async ({ url }) => {
    const session = await open(url, bearer("token-1"));
    // The client refreshed its token: same cloud id, same session, the new token is used.
    const refreshed = await whoAmI(url, session, bearer("token-2"));
    equal(refreshed.status, 200);
    equal(text(refreshed.body), "oauth:token-2");
    // Another site, another credential kind, or no credentials at all.
    deepEqual(await whoAmI(url, session, bearer("token-2", CLOUD_2)), {
      status: 404,
      body: NOT_FOUND,
      session: null,
    });
    equal((await whoAmI(url, session, basic("me@x.io", "api-token"))).status, 404);
    equal((await whoAmI(url, session, {})).status, 401);
    // An unknown session id gets the very same answer.
    deepEqual((await whoAmI(url, "no-such-session", bearer("token-2"))).body, NOT_FOUND);

    // Basic: the identity is the user name, so a new API token keeps the session.
    const mine = await open(url, basic("me@x.io", "api-token-1"));
    equal(
      text((await whoAmI(url, mine, basic("me@x.io", "api-token-2"))).body),
      "basic:api-token-2",
    );
    equal((await whoAmI(url, mine, basic("you@x.io", "api-token-2"))).status, 404);
  });
});

Deno.test("serveHttp caps sessions per credentials (429) and overall (503), also under concurrency", async () => {
  await withServer(multiUser(), { max: 4, perCredential: 2 }, async ({ url }) => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () => post(url, bearer("token-a"), INITIALIZE)),
    );
    deepEqual(attempts.map((a) => a.status).sort(), [200, 200, 429, 429, 429]);
    const refused = attempts.find((a) => a.status === 429)!.body as {
      error: { message: string };
    };
    match(refused.error.message, /^Too many open sessions \(2\) with these credentials/);
    // A refreshed token is other credentials: the cap is per token, the session per identity.
    await open(url, bearer("token-a-refreshed"));
    await open(url, bearer("token-b"));
    const full = await post(url, bearer("token-c"), INITIALIZE);
    equal(full.status, 503);
    match(
      (full.body as { error: { message: string } }).error.message,
      /^Too many open sessions \(4\)/,
    );
    // Closing a session frees a place.
    const session = attempts.find((a) => a.status === 200)!.session!;
    const closed = await fetch(url, {
      method: "DELETE",
      headers: { ...bearer("token-a"), "mcp-session-id": session },
    });
    equal(closed.status, 200);
    await closed.body?.cancel();
    await open(url, bearer("token-c"));
  });
});

/** An open SSE stream: its message endpoint and its events so far. */
interface Stream {
  endpoint: URL;
  next(): Promise<string>;
  close(): Promise<void>;
}

async function stream(url: string, headers: Record<string, string>): Promise<Stream | Response> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) return response;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const next = async () => {
    while (!buffer.includes("\n\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("stream ended");
      buffer += value;
    }
    const end = buffer.indexOf("\n\n");
    const event = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    return event;
  };
  const first = await next();
  const endpoint = new URL(/data: (\S+)/.exec(first)![1], url);
  return { endpoint, next, close: () => reader.cancel() };
}

async function ssePost(stream: Stream, headers: Record<string, string>, body: unknown) {
  const response = await fetch(stream.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const answer = response.headers.get("content-type")?.includes("json")
    ? await response.json()
    : await response.text();
  return { status: response.status, answer };
}

Deno.test("serveHttp over SSE: every POST brings credentials of the stream's identity and runs with them", async () => {
  const sse = multiUser({ transport: "sse", path: "/sse" });
  await withServer(sse, { perCredential: 2 }, async ({ url }) => {
    const s = await stream(url, bearer("token-1"));
    if (s instanceof Response) throw new Error(`stream refused: ${s.status}`);
    try {
      const none = await ssePost(s, {}, INITIALIZE);
      equal(none.status, 401);
      match(none.answer.error, /^Authentication required/);
      const other = await ssePost(s, bearer("token-1", CLOUD_2), INITIALIZE);
      equal(other.status, 404);
      match(other.answer.error, /^SSE session not found/);

      equal((await ssePost(s, bearer("token-1"), INITIALIZE)).status, 202);
      match(await s.next(), /"id":1}/);
      // After a refresh the POST runs with its own, new token, not the stream opener's.
      equal((await ssePost(s, bearer("token-2"), CALL)).status, 202);
      match(await s.next(), /"text":"oauth:token-2"/);

      // Streams are capped per credentials too.
      const second = await stream(url, bearer("token-1"));
      if (second instanceof Response) throw new Error(`stream refused: ${second.status}`);
      const third = await stream(url, bearer("token-1"));
      equal((third as Response).status, 429);
      match((await (third as Response).json()).error, /^Too many open sessions \(2\)/);
      await second.close();
    } finally {
      await s.close();
    }
  });
});

Deno.test("serveHttp over SSE with the global fallback: a POST without credentials never borrows the stream's", async () => {
  const sse = multiUser({ transport: "sse", path: "/sse" }, true);
  await withServer(sse, {}, async ({ url }) => {
    const s = await stream(url, bearer("token-1"));
    if (s instanceof Response) throw new Error(`stream refused: ${s.status}`);
    const anonymous = await stream(url, {});
    if (anonymous instanceof Response) throw new Error(`stream refused: ${anonymous.status}`);
    try {
      equal((await ssePost(s, {}, INITIALIZE)).status, 404);
      equal((await ssePost(anonymous, bearer("token-1"), INITIALIZE)).status, 404);
      equal((await ssePost(anonymous, {}, INITIALIZE)).status, 202);
      match(await anonymous.next(), /"id":1}/);
      equal((await ssePost(anonymous, {}, CALL)).status, 202);
      match(await anonymous.next(), /"text":"server"/);
    } finally {
      await s.close();
      await anonymous.close();
    }
  });
});
