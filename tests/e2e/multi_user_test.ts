/**
 * Multi-user HTTP (ATLASSIAN_OAUTH_ENABLE) through the real entry point: credentials per request
 * (Bearer + cloud id through the fake API gateway, Token, Basic, per-request instance URLs),
 * the 401/403 answers, the global fallback, session binding, SSE and stateless, and a bounded
 * load test with many users on two Cloud sites proving that no token, answer or error crosses
 * from one user to another.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { Client, SSEClientTransport } from "../../scripts/_sdk_client.ts";
import {
  type ApiRequest,
  CLOUD_ID_1,
  CLOUD_ID_2,
  type FakeAtlassian,
  startFakeAtlassian,
} from "../fake_atlassian/mod.ts";
import { call, connectHttp, type HttpServer, startHttp } from "./_harness.ts";

const BETA = "[Beta] ";
const STREAMABLE = ["--transport", "streamable-http", "--port", "0"];

function multiUserEnv(fake: FakeAtlassian, extra: Record<string, string> = {}) {
  return {
    ATLASSIAN_OAUTH_ENABLE: "true",
    ATLASSIAN_API_URL: fake.oauth.apiOrigin,
    MCP_ALLOWED_URL_DOMAINS: "127.0.0.1",
    ...extra,
  };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-03-26",
    capabilities: {},
    clientInfo: { name: "raw", version: "1.0.0" },
  },
});

/** One raw POST of an initialize request; the status and the JSON body (if any). */
async function rawPost(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: INITIALIZE,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

function bearer(token: string, cloudId?: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    ...(cloudId ? { "x-atlassian-cloud-id": cloudId } : {}),
  };
}

function basic(user: string, secret: string): string {
  return `Basic ${btoa(`${user}:${secret}`)}`;
}

/** Starts a server, runs `body`, and stops it whatever happens. */
async function withServer(
  env: Record<string, string>,
  args: string[],
  body: (server: HttpServer) => Promise<void>,
): Promise<string> {
  const server = await startHttp(env, args);
  try {
    await body(server);
  } finally {
    await server.stop();
  }
  return server.stderr();
}

Deno.test("multi-user HTTP: 401/403 answers, header URLs, session binding", async (t) => {
  await using fake = await startFakeAtlassian();
  // A listener that must never be contacted: the refused per-request URL points at it.
  let reached = 0;
  const trap = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    reached++;
    return new Response("{}", { headers: { "content-type": "application/json" } });
  });
  const alice = fake.oauth.issueToken({ user: "alice", cloudIds: [CLOUD_ID_1] });
  const stderr = await withServer(multiUserEnv(fake), STREAMABLE, async (server) => {
    await t.step("no credentials: 401 with a JSON body saying what to send", async () => {
      const r = await rawPost(server.url, {});
      equal(r.status, 401);
      const error = (r.body as { error: string }).error;
      match(error, /^Authentication required: no Atlassian credentials were provided\. Send /);
      match(error, /Authorization: Bearer <OAuth access token>' with 'X-Atlassian-Cloud-Id/);
      match(error, /X-Atlassian-Jira-Url' with 'X-Atlassian-Jira-Personal-Token'/);
    });

    await t.step("malformed headers: 401 with the Python server's texts", async () => {
      const cases: [Record<string, string>, string][] = [
        [{ authorization: "Bearer " }, "Unauthorized: Empty Bearer token"],
        [{ authorization: "Token" }, "Unauthorized: Empty Token (PAT)"],
        [{ authorization: "Basic %%%" }, "Unauthorized: Invalid Basic auth encoding"],
        [
          { authorization: "Digest abc" },
          "Unauthorized: Only 'Bearer <OAuthToken>', 'Token <PAT>', or 'Basic <base64(email:api_token)>' types are supported.",
        ],
      ];
      for (const [headers, error] of cases) {
        const r = await rawPost(server.url, headers);
        equal(r.status, 401, JSON.stringify(headers));
        deepEqual(r.body, { error });
      }
    });

    await t.step(
      "a Bearer token without any cloud id is refused (no DC site configured)",
      async () => {
        const r = await rawPost(server.url, bearer(alice.accessToken));
        equal(r.status, 401);
        match((r.body as { error: string }).error, /X-Atlassian-Cloud-Id/);
        ok(!r.text.includes(alice.accessToken));
      },
    );

    await t.step("a header URL outside MCP_ALLOWED_URL_DOMAINS: 403, nothing sent", async () => {
      const trapUrl = `http://localhost:${trap.addr.port}`;
      for (const url of [trapUrl, `http://user:pw@127.0.0.1:${trap.addr.port}`]) {
        const r = await rawPost(server.url, {
          "x-atlassian-jira-url": url,
          "x-atlassian-jira-personal-token": "trap-personal-token",
        });
        equal(r.status, 403);
        match((r.body as { error: string }).error, /^Forbidden: Invalid Jira URL - /);
        ok(!r.text.includes("trap-personal-token") && !r.text.includes(":pw@"), r.text);
      }
      // A full client session with such a URL cannot even start.
      await connectHttp(server.url, {
        "x-atlassian-confluence-url": `http://localhost:${trap.addr.port}/confluence`,
        "x-atlassian-confluence-personal-token": "trap-personal-token",
      }).then(
        () => {
          throw new Error("the session should have been refused");
        },
        (error: Error) => match(String(error), /403|Forbidden/),
      );
      equal(reached, 0, "the refused URL was never contacted");
    });

    await t.step("a header URL inside the allowlist: PAT for that instance", async () => {
      const dc = fake.datacenter;
      const bob = dc.state.users.find((u) => u.id === "bob")!;
      const client = await connectHttp(server.url, {
        "x-atlassian-jira-url": dc.origin,
        "x-atlassian-jira-personal-token": bob.personalToken,
      });
      try {
        const { tools } = await client.listTools();
        ok(tools.some((tool) => tool.name === "jira_get_issue"));
        ok(!tools.some((tool) => tool.name.startsWith("confluence_")), "only Jira is reachable");
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-1",
          comment_limit: 0,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.key, "DEMO-1");
        const seen = dc.requests.filter((r) => r.path.includes("/issue/DEMO-1"));
        ok(seen.length > 0);
        ok(seen.every((r) => r.headers.get("authorization") === `Bearer ${bob.personalToken}`));
        const denied = await call(client, "confluence_get_page", { page_id: "1003" });
        equal(denied.isError, true);
      } finally {
        await client.close();
      }
    });

    await t.step(
      "Bearer + cloud id reaches the token's site; tools list both products",
      async () => {
        const client = await connectHttp(server.url, bearer(alice.accessToken, CLOUD_ID_1));
        try {
          const { tools } = await client.listTools();
          ok(tools.some((tool) => tool.name === "jira_search"));
          ok(tools.some((tool) => tool.name === "confluence_get_page"));
          const answer = await call(client, "jira_get_issue", {
            issue_key: "DEMO-1",
            comment_limit: 0,
          });
          equal(answer.isError, false, answer.text);
          ok(!answer.json.summary.startsWith(BETA));
          const page = await call(client, "confluence_get_page", { page_id: "1003" });
          equal(page.json.title, "Runbook");
        } finally {
          await client.close();
        }
      },
    );

    await t.step(
      "a token used for a site it was not issued for fails for that user only",
      async () => {
        const client = await connectHttp(server.url, bearer(alice.accessToken, CLOUD_ID_2));
        try {
          const answer = await call(client, "jira_get_issue", { issue_key: "DEMO-1" });
          equal(answer.isError, true);
          ok(!answer.text.includes(alice.accessToken));
        } finally {
          await client.close();
        }
      },
    );

    await t.step(
      "a session survives a token refresh; another identity gets 404 Session not found",
      async () => {
        const post = (session: string, headers: Record<string, string>) =>
          fetch(server.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
              "mcp-session-id": session,
              ...headers,
            },
            body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
          });
        const opened = await fetch(server.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            ...bearer(alice.accessToken, CLOUD_ID_1),
          },
          body: INITIALIZE,
        });
        equal(opened.status, 200);
        const session = opened.headers.get("mcp-session-id")!;
        await opened.body?.cancel();
        // The client refreshed its access token (hourly on Cloud): the session goes on.
        const refreshed = fake.oauth.issueToken({ user: "alice", cloudIds: [CLOUD_ID_1] });
        const next = await post(session, bearer(refreshed.accessToken, CLOUD_ID_1));
        equal(next.status, 200);
        match(await next.text(), /jira_get_issue/);
        // Credentials for another site are another identity: 404, as for an unknown session,
        // which tells an MCP client to start a new session.
        const other = fake.oauth.issueToken({ user: "bob", cloudIds: [CLOUD_ID_2] });
        const foreign = await post(session, bearer(other.accessToken, CLOUD_ID_2));
        equal(foreign.status, 404);
        deepEqual(await foreign.json(), {
          jsonrpc: "2.0",
          error: { code: -32001, message: "Session not found" },
          id: null,
        });
      },
    );
  });
  await trap.shutdown();
  ok(!stderr.includes(alice.accessToken), "no token in the server's log");
  ok(!stderr.includes("trap-personal-token"));
});

Deno.test("multi-user HTTP: ALLOW_GLOBAL_CRED_FALLBACK serves a request without credentials", async () => {
  await using fake = await startFakeAtlassian();
  const env = multiUserEnv(fake, { ...fake.cloud.env, ALLOW_GLOBAL_CRED_FALLBACK: "true" });
  await withServer(env, STREAMABLE, async (server) => {
    const client = await connectHttp(server.url);
    try {
      const answer = await call(client, "jira_get_issue", {
        issue_key: "DEMO-1",
        comment_limit: 0,
      });
      equal(answer.isError, false, answer.text);
      equal(answer.json.key, "DEMO-1");
    } finally {
      await client.close();
    }
    // Without the fallback the same server configuration refuses such a request.
  });
  await withServer(multiUserEnv(fake, fake.cloud.env), STREAMABLE, async (server) => {
    equal((await rawPost(server.url, {})).status, 401);
  });
});

Deno.test("multi-user HTTP: IGNORE_HEADER_AUTH leaves Authorization headers to the proxy", async () => {
  await using fake = await startFakeAtlassian();
  const env = multiUserEnv(fake, { ...fake.cloud.env, IGNORE_HEADER_AUTH: "true" });
  await withServer(env, STREAMABLE, async (server) => {
    // A header injected by a proxy in front of the server is neither parsed nor forwarded.
    const client = await connectHttp(server.url, { authorization: "Negotiate proxy-ticket" });
    try {
      const answer = await call(client, "jira_get_issue", {
        issue_key: "DEMO-1",
        comment_limit: 0,
      });
      equal(answer.isError, false, answer.text);
      const sent = fake.cloud.requests.map((r) => r.headers.get("authorization") ?? "");
      ok(sent.length > 0 && sent.every((h) => h.startsWith("Basic ")));
    } finally {
      await client.close();
    }
  });
});

Deno.test("multi-user HTTP: Basic for the configured Cloud site, Token and Bearer PAT for Data Center", async (t) => {
  await using fake = await startFakeAtlassian();
  const cloudSite = {
    JIRA_URL: fake.cloud.origin,
    JIRA_DEPLOYMENT: "cloud",
    CONFLUENCE_URL: `${fake.cloud.origin}/wiki`,
    CONFLUENCE_DEPLOYMENT: "cloud",
  };
  await withServer(multiUserEnv(fake, cloudSite), STREAMABLE, async (server) => {
    await t.step(
      "Basic email:api_token goes to the configured Cloud site as that user",
      async () => {
        const bob = fake.cloud.state.users.find((u) => u.id === "bob")!;
        const header = basic(bob.email, bob.cloudToken);
        const client = await connectHttp(server.url, { authorization: header });
        try {
          const me = await call(client, "jira_get_issue", {
            issue_key: "DEMO-1",
            comment_limit: 0,
          });
          equal(me.isError, false, me.text);
          const sent = fake.cloud.requests.filter((r) => r.path.includes("/issue/DEMO-1"));
          ok(sent.length > 0 && sent.every((r) => r.headers.get("authorization") === header));
          const wrong = await connectHttp(server.url, {
            authorization: basic(bob.email, "not-the-token"),
          });
          const failed = await call(wrong, "jira_get_issue", { issue_key: "DEMO-1" });
          equal(failed.isError, true);
          ok(!failed.text.includes("not-the-token"));
          await wrong.close();
        } finally {
          await client.close();
        }
      },
    );
  });

  const dcSite = {
    JIRA_URL: fake.datacenter.origin,
    JIRA_DEPLOYMENT: "datacenter",
    CONFLUENCE_URL: `${fake.datacenter.origin}/confluence`,
    CONFLUENCE_DEPLOYMENT: "datacenter",
  };
  await withServer(multiUserEnv(fake, dcSite), STREAMABLE, async (server) => {
    const dc = fake.datacenter;
    const bob = dc.state.users.find((u) => u.id === "bob")!;
    for (const scheme of ["Token", "Bearer"]) {
      await t.step(`${scheme} <PAT> goes to the configured Data Center site`, async () => {
        dc.reset();
        const client = await connectHttp(server.url, {
          authorization: `${scheme} ${bob.personalToken}`,
        });
        try {
          const issue = await call(client, "jira_get_issue", {
            issue_key: "DEMO-1",
            comment_limit: 0,
          });
          equal(issue.isError, false, issue.text);
          const page = await call(client, "confluence_get_page", { page_id: "1003" });
          equal(page.isError, false, page.text);
          ok(dc.requests.length > 0);
          ok(
            dc.requests.every((r) =>
              r.headers.get("authorization") === `Bearer ${bob.personalToken}`
            ),
          );
        } finally {
          await client.close();
        }
      });
    }
  });
});

Deno.test("multi-user HTTP: SSE message POSTs bring credentials of the stream's identity", async () => {
  await using fake = await startFakeAtlassian();
  const token = fake.oauth.issueToken({ user: "carol", cloudIds: [CLOUD_ID_2] });
  await withServer(multiUserEnv(fake), ["--transport", "sse", "--port", "0"], async (server) => {
    const refused = await fetch(server.url);
    equal(refused.status, 401);
    match((await refused.json()).error, /^Authentication required/);

    const headers = bearer(token.accessToken, CLOUD_ID_2);
    // Every message POST must bring credentials of the identity that opened the stream: its
    // answer travels on that stream, and a POST without credentials would otherwise run with
    // the stream owner's.
    const stream = await fetch(server.url, { headers });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let head = "";
    while (!head.includes("\n\n")) head += (await reader.read()).value ?? "";
    const endpoint = new URL(/data: (\S+)/.exec(head)![1], server.url);
    const ping = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
    const post = (extra: Record<string, string>) =>
      fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json", ...extra },
        body: ping,
      });
    const none = await post({});
    equal(none.status, 401);
    match((await none.json()).error, /^Authentication required/);
    const other = fake.oauth.issueToken({ user: "bob", cloudIds: [CLOUD_ID_1] });
    const foreign = await post(bearer(other.accessToken, CLOUD_ID_1));
    equal(foreign.status, 404);
    match((await foreign.json()).error, /^SSE session not found/);
    // The same credentials, or the same identity with a refreshed token.
    const refreshed = fake.oauth.issueToken({ user: "carol", cloudIds: [CLOUD_ID_2] });
    for (const extra of [headers, bearer(refreshed.accessToken, CLOUD_ID_2)]) {
      const accepted = await post(extra);
      equal(accepted.status, 202);
      await accepted.body?.cancel();
    }
    await reader.cancel();

    const client = new Client({ name: "sse", version: "1.0.0" });
    await client.connect(
      new SSEClientTransport(new URL(server.url), { requestInit: { headers } }),
    );
    try {
      const answer = await call(client, "jira_get_issue", {
        issue_key: "DEMO-1",
        comment_limit: 0,
      });
      equal(answer.isError, false, answer.text);
      ok(answer.json.summary.startsWith(BETA));
    } finally {
      await client.close();
    }
  });
});

Deno.test("multi-user HTTP: one set of credentials holds at most 20 sessions (streamable and SSE)", async () => {
  await using fake = await startFakeAtlassian();
  const CAP = 20;
  const one = fake.oauth.issueToken({ user: "alice", cloudIds: [CLOUD_ID_1] });
  const two = fake.oauth.issueToken({ user: "bob", cloudIds: [CLOUD_ID_1] });
  await withServer(multiUserEnv(fake), STREAMABLE, async (server) => {
    const opened = await Promise.all(
      Array.from(
        { length: CAP + 3 },
        () => rawPost(server.url, bearer(one.accessToken, CLOUD_ID_1)),
      ),
    );
    const statuses = opened.map((r) => r.status);
    equal(statuses.filter((s) => s === 200).length, CAP, JSON.stringify(statuses));
    equal(statuses.filter((s) => s === 429).length, 3, JSON.stringify(statuses));
    const refused = opened.find((r) => r.status === 429)!;
    match(
      (refused.body as { error: { message: string } }).error.message,
      /^Too many open sessions \(20\) with these credentials: close one \(DELETE\)/,
    );
    // Other credentials are not affected.
    equal((await rawPost(server.url, bearer(two.accessToken, CLOUD_ID_1))).status, 200);
  });
  await withServer(multiUserEnv(fake), ["--transport", "sse", "--port", "0"], async (server) => {
    const streams = await Promise.all(
      Array.from(
        { length: CAP + 1 },
        () => fetch(server.url, { headers: bearer(one.accessToken, CLOUD_ID_1) }),
      ),
    );
    const statuses = streams.map((r) => r.status);
    equal(statuses.filter((s) => s === 200).length, CAP, JSON.stringify(statuses));
    const refused = streams.find((r) => r.status === 429)!;
    match((await refused.json()).error, /^Too many open sessions \(20\) with these credentials/);
    const other = await fetch(server.url, { headers: bearer(two.accessToken, CLOUD_ID_1) });
    equal(other.status, 200);
    await Promise.all([...streams, other].filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));
  });
});

Deno.test("multi-user HTTP: an upstream error echoing a request's secret is masked in the answer and the log", async () => {
  await using fake = await startFakeAtlassian();
  const alice = fake.oauth.issueToken({ user: "alice", cloudIds: [CLOUD_ID_1] });
  const bob = fake.cloud.state.users.find((u) => u.id === "bob")!;
  const dcBob = fake.datacenter.state.users.find((u) => u.id === "bob")!;
  const env = multiUserEnv(fake, {
    JIRA_URL: fake.cloud.origin,
    JIRA_DEPLOYMENT: "cloud",
    // Tool failures are logged at info level: the log must mask what the answer masks.
    MCP_VERBOSE: "true",
  });
  const cases = [
    {
      name: "Bearer token",
      secret: alice.accessToken,
      site: fake.cloud,
      headers: bearer(alice.accessToken, CLOUD_ID_1),
    },
    {
      name: "Basic password",
      secret: bob.cloudToken,
      site: fake.cloud,
      headers: { authorization: basic(bob.email, bob.cloudToken) },
    },
    {
      name: "personal access token",
      secret: dcBob.personalToken,
      site: fake.datacenter,
      headers: {
        "x-atlassian-jira-url": fake.datacenter.origin,
        "x-atlassian-jira-personal-token": dcBob.personalToken,
      },
    },
  ];
  const stderr = await withServer(env, STREAMABLE, async (server) => {
    for (const c of cases) {
      c.site.fault({
        match: "/issue/DEMO-1",
        status: 400,
        times: Infinity,
        body: { errorMessages: [`The credential ${c.secret} is not valid here.`], errors: {} },
      });
      const client = await connectHttp(server.url, c.headers);
      try {
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-1",
          comment_limit: 0,
        });
        equal(answer.isError, true, c.name);
        match(answer.text, /The credential \*\*\* is not valid here/, c.name);
        ok(!answer.text.includes(c.secret), `${c.name} in the answer`);
      } finally {
        await client.close();
        c.site.reset();
      }
    }
  });
  equal(stderr.match(/The credential \*\*\* is not valid here/g)?.length, cases.length, stderr);
  for (const c of cases) ok(!stderr.includes(c.secret), `${c.name} in the server's log`);
});

Deno.test("multi-user HTTP: stateless requests each carry their own credentials", async () => {
  await using fake = await startFakeAtlassian();
  const one = fake.oauth.issueToken({ user: "alice", cloudIds: [CLOUD_ID_1] });
  const two = fake.oauth.issueToken({ user: "bob", cloudIds: [CLOUD_ID_2] });
  await withServer(multiUserEnv(fake), [...STREAMABLE, "--stateless"], async (server) => {
    const a = await connectHttp(server.url, bearer(one.accessToken, CLOUD_ID_1));
    const b = await connectHttp(server.url, bearer(two.accessToken, CLOUD_ID_2));
    try {
      const [ra, rb] = await Promise.all([
        call(a, "jira_get_issue", { issue_key: "DEMO-1", comment_limit: 0 }),
        call(b, "jira_get_issue", { issue_key: "DEMO-1", comment_limit: 0 }),
      ]);
      ok(!ra.json.summary.startsWith(BETA));
      ok(rb.json.summary.startsWith(BETA));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** Figures of the load test, printed for the record. */
interface LoadFigures {
  users: number;
  calls: number;
  searches: number;
  errors: string[];
  ms: number;
}

interface SeedState {
  issues: { key: string; projectKey: string; assignee: string | null }[];
  projects: { key: string; members: string[] }[];
}

/** The keys `assignee = currentUser()` finds for `user` on a site: assigned and visible. */
function assignedTo(state: SeedState, user: string): string[] {
  const member = (project: string) =>
    state.projects.find((p) => p.key === project)?.members.includes(user) ?? false;
  return state.issues.filter((i) => i.assignee === user && member(i.projectKey))
    .map((i) => i.key).sort();
}

Deno.test("multi-user HTTP load: 20 users on two sites, concurrent, each answer its own user's", async () => {
  await using fake = await startFakeAtlassian();
  const USERS = 20;
  const DURATION_MS = 4_000;
  const MAX_CALLS_PER_USER = 200;
  const SITES = [
    { site: 1, cloudId: CLOUD_ID_1, state: fake.cloud.state, names: ["alice", "bob"] },
    { site: 2, cloudId: CLOUD_ID_2, state: fake.cloud2.state, names: ["alice", "bob", "carol"] },
  ];
  // Every user of a site has a result of their own, so an answer meant for another user of the
  // same site (or another site) cannot pass for theirs.
  for (const { site, state, names } of SITES) {
    const sets = names.map((name) => JSON.stringify(assignedTo(state, name)));
    ok(sets.every((set) => set !== "[]"), `site ${site}: ${sets}`);
    equal(new Set(sets).size, names.length, `site ${site}: ${sets}`);
  }
  const users = Array.from({ length: USERS }, (_, i) => {
    const { site, cloudId, state, names } = SITES[i % 2];
    const name = names[Math.floor(i / 2) % names.length];
    const { accessToken } = fake.oauth.issueToken({ user: name, cloudIds: [cloudId] });
    // Mutable: the client reads its headers for every request, so a refresh takes effect.
    const headers = bearer(accessToken, cloudId);
    return {
      i,
      site,
      cloudId,
      name,
      headers,
      tokens: [accessToken],
      mine: assignedTo(state, name),
    };
  });
  const figures: LoadFigures = { users: USERS, calls: 0, searches: 0, errors: [], ms: 0 };
  const stderr = await withServer(multiUserEnv(fake), STREAMABLE, async (server) => {
    const clients = await Promise.all(users.map((u) => connectHttp(server.url, u.headers)));
    const started = Date.now();
    const deadline = started + DURATION_MS;
    const refreshAt = started + DURATION_MS / 2;
    try {
      await Promise.all(users.map(async (u, k) => {
        const client = clients[k];
        const expectBeta = u.site === 2;
        for (let n = 0; n < MAX_CALLS_PER_USER && Date.now() < deadline; n++) {
          if (u.tokens.length === 1 && Date.now() >= refreshAt) {
            // Halfway the client refreshes its token and keeps its session.
            const { accessToken } = fake.oauth.issueToken({ user: u.name, cloudIds: [u.cloudId] });
            u.tokens.push(accessToken);
            u.headers.authorization = `Bearer ${accessToken}`;
          }
          const search = n % 2 === 0;
          const answer = search
            ? await call(client, "jira_search", {
              jql: "assignee = currentUser() ORDER BY key",
              limit: 10,
            })
            : await call(client, "jira_get_issue", {
              issue_key: `DEMO-${1 + (n % 3)}`,
              comment_limit: 0,
            });
          figures.calls++;
          if (answer.isError) {
            figures.errors.push(`user ${u.i} (${u.name}): ${answer.text}`);
            continue;
          }
          const issues: { key: string; summary: string }[] = search
            ? answer.json.issues
            : [answer.json];
          const wrongSite = issues.some((issue) => issue.summary.startsWith(BETA) !== expectBeta);
          const keys = JSON.stringify(issues.map((issue) => issue.key).sort());
          if (search) figures.searches++;
          if (!issues.length || wrongSite || (search && keys !== JSON.stringify(u.mine))) {
            figures.errors.push(
              `user ${u.i} (${u.name}, site ${u.site}) saw ${JSON.stringify(issues)}`,
            );
          }
        }
      }));
    } finally {
      figures.ms = Date.now() - started;
      await Promise.all(clients.map((c) => c.close()));
    }
  });
  console.log(
    `multi-user load: ${figures.users} users, ${figures.calls} calls ` +
      `(${figures.searches} currentUser() searches) in ${figures.ms} ms, ` +
      `${figures.errors.length} errors`,
  );
  deepEqual(figures.errors.slice(0, 5), []);
  ok(figures.calls >= USERS * 4, `only ${figures.calls} calls`);

  // The gateway saw every token only on the site it belongs to, as the user it was issued to,
  // and every call succeeded; both tokens of every user were used in one session.
  const owner = new Map(users.flatMap((u) => u.tokens.map((t) => [t, u] as const)));
  const product: ApiRequest[] = fake.oauth.apiRequests.filter((r) => r.product !== null);
  ok(product.length >= figures.calls, `${product.length} gateway requests`);
  const crossed = product.filter((r) => {
    const u = r.token === null ? undefined : owner.get(r.token);
    return !u || u.cloudId !== r.cloudId || u.name !== r.user;
  });
  deepEqual(crossed.map((r) => `${r.cloudId} ${r.user} ${r.path}`), []);
  deepEqual(product.filter((r) => r.status >= 400).map((r) => `${r.status} ${r.path}`), []);
  for (const u of users) {
    equal(u.tokens.length, 2, `user ${u.i} refreshed its token`);
    for (const token of u.tokens) {
      ok(product.some((r) => r.token === token), `user ${u.i} reached the gateway with each token`);
      ok(!stderr.includes(token), "no token in the server's log");
    }
  }
});
