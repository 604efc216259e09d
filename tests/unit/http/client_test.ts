import assert from "node:assert/strict";
import {
  AtlassianError,
  HttpClient,
  multipartBody,
  path,
  type RawBody,
} from "../../../src/http/mod.ts";
import { USER_AGENT } from "../../../src/version.ts";
import { caught, closedPort, json, service, startServer } from "./_helpers.ts";

Deno.test("client sends Basic auth, Accept and the User-Agent", async () => {
  await using srv = startServer(() => json({ ok: true }));
  using client = new HttpClient(service(srv.origin));
  assert.deepEqual(await client.get("/rest/api/3/myself"), { ok: true });
  const h = srv.requests[0].headers;
  assert.equal(h.get("authorization"), `Basic ${btoa("alice@example.com:secret-token")}`);
  assert.equal(h.get("accept"), "application/json");
  assert.equal(h.get("user-agent"), USER_AGENT);
  assert.equal(h.get("x-atlassian-token"), null);
});

Deno.test("client sends a Bearer PAT, or no Authorization for auth none", async () => {
  await using srv = startServer(() => json({}));
  using pat = new HttpClient(service(srv.origin, { auth: { kind: "pat", token: "dc-pat" } }));
  using none = new HttpClient(service(srv.origin, { auth: { kind: "none" } }));
  await pat.get("/a");
  await none.get("/b");
  assert.equal(srv.requests[0].headers.get("authorization"), "Bearer dc-pat");
  assert.equal(srv.requests[1].headers.get("authorization"), null);
});

Deno.test("client adds custom headers and X-Atlassian-Token on writes", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(
    service(srv.origin, { customHeaders: { "X-Tenant": "blue", "X-Trace": "1" } }),
  );
  await client.post("/rest/api/3/issue", { fields: { summary: "Hi" } });
  const seen = srv.requests[0];
  assert.equal(seen.headers.get("x-tenant"), "blue");
  assert.equal(seen.headers.get("x-trace"), "1");
  assert.equal(seen.headers.get("x-atlassian-token"), "no-check");
  assert.equal(seen.headers.get("content-type"), "application/json");
  assert.deepEqual(JSON.parse(seen.body), { fields: { summary: "Hi" } });
});

Deno.test("client keeps the context path of the service URL", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(`${srv.origin}/wiki`, { product: "confluence" }));
  await client.get("/api/v2/pages");
  await client.get("rest/api/space");
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/wiki/api/v2/pages",
    "/wiki/rest/api/space",
  ]);
});

Deno.test("client sends path segments encoded by the path tag", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  await client.get(path`/rest/api/2/issue/${"a/b c"}/comment/${"ü?#"}`);
  await client.get(path`/rest/api/2/issue/${"../../admin"}`);
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/rest/api/2/issue/a%2Fb%20c/comment/%C3%BC%3F%23",
    "/rest/api/2/issue/..%2F..%2Fadmin",
  ]);
});

Deno.test("client builds the query: skips undefined, joins arrays, keeps repeated keys", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  await client.get("/search?validate=true", {
    jql: "project = DEMO & x",
    maxResults: 10,
    expand: ["names", "schema"],
    skip: undefined,
    strict: false,
  });
  await client.get("/content", new URLSearchParams([["expand", "a"], ["expand", "b"]]));
  const q = srv.requests[0].url.searchParams;
  assert.equal(q.get("validate"), "true");
  assert.equal(q.get("jql"), "project = DEMO & x");
  assert.equal(q.get("maxResults"), "10");
  assert.equal(q.get("expand"), "names,schema");
  assert.equal(q.has("skip"), false);
  assert.equal(q.get("strict"), "false");
  assert.deepEqual(srv.requests[1].url.searchParams.getAll("expand"), ["a", "b"]);
});

Deno.test("client writes the query in form encoding, after the path's own query if it has one", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  const query = { jql: "a b&c=ü", fields: ["x", "y"], none: [], gone: undefined };
  await client.get("/search", query);
  await client.get("/search?jql=old&keep=1", query);
  await client.get("/search", {});
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/search?jql=a+b%26c%3D%C3%BC&fields=x%2Cy",
    "/search?jql=a+b%26c%3D%C3%BC&keep=1&fields=x%2Cy",
    "/search",
  ]);
});

Deno.test("client resolves JSON, undefined for 204/empty, and refuses other bodies", async () => {
  await using srv = startServer((_req, seen) => {
    if (seen.url.pathname === "/empty") return new Response(null, { status: 204 });
    if (seen.url.pathname === "/blank") return new Response("", { status: 200 });
    if (seen.url.pathname === "/text") return new Response("plain words");
    if (seen.url.pathname === "/bin") return new Response(new Uint8Array([1, 2, 3]));
    return json({ id: "1" });
  });
  using client = new HttpClient(service(srv.origin));
  assert.deepEqual(await client.get("/json"), { id: "1" });
  assert.equal(await client.delete("/empty"), undefined);
  assert.equal(await client.put("/blank", { a: 1 }), undefined);
  const text = await client.get("/text").catch((e) => e);
  assert.ok(text instanceof AtlassianError);
  assert.equal(text.kind, "unexpected_answer");
  assert.match(text.message, /text\/plain.*instead of JSON/);
  const raw = await client.request<RawBody>({ method: "GET", path: "/bin", raw: true });
  assert.equal(raw.status, 200);
  assert.deepEqual([...raw.bytes], [1, 2, 3]);
});

Deno.test("client sends FormData and strings as they are", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  const form = new FormData();
  form.append("file", new Blob(["hello"]), "a.txt");
  await client.post("/attachments", form);
  await client.post("/raw", "<p>x</p>", undefined, { headers: { "Content-Type": "text/html" } });
  assert.match(srv.requests[0].headers.get("content-type")!, /^multipart\/form-data/);
  assert.match(srv.requests[0].body, /hello/);
  assert.equal(srv.requests[1].headers.get("content-type"), "text/html");
  assert.equal(srv.requests[1].body, "<p>x</p>");
});

Deno.test("client follows same-origin redirects and re-sends auth", async () => {
  await using srv = startServer((_req, seen) => {
    if (seen.url.pathname === "/old") {
      return new Response(null, { status: 301, headers: { location: "/new?x=1" } });
    }
    return json({ at: seen.target });
  });
  using client = new HttpClient(service(srv.origin));
  assert.deepEqual(await client.get("/old"), { at: "/new?x=1" });
  assert.equal(srv.requests.length, 2);
  assert.ok(srv.requests[1].headers.get("authorization")?.startsWith("Basic "));
});

Deno.test("client stops after 5 redirects", async () => {
  await using srv = startServer(() =>
    new Response(null, { status: 302, headers: { location: "/loop" } })
  );
  using client = new HttpClient(service(srv.origin));
  const err = await caught(client.get("/loop"));
  assert.match(err.message, /more than 5 times/);
  assert.equal(srv.requests.length, 6);
});

Deno.test("client refuses a cross-origin redirect without sending credentials there", async () => {
  await using other = startServer(() => json({ stolen: true }));
  await using srv = startServer(() =>
    new Response(null, { status: 302, headers: { location: `${other.origin}/grab?x=1` } })
  );
  using client = new HttpClient(service(srv.origin));
  await assert.rejects(client.get("/rest/api/2/myself"), (err: unknown) => {
    assert.ok(err instanceof AtlassianError);
    assert.equal(err.kind, "host_not_allowed");
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${other.port}`));
    assert.match(err.hint, /JIRA_URL/);
    return true;
  });
  assert.equal(srv.requests.length, 1);
  assert.equal(other.requests.length, 0);
});

Deno.test("client refuses paths that point at another origin, sending nothing", async () => {
  await using other = startServer(() => json({}));
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  const host = other.origin.slice("http://".length);
  for (
    const p of [
      `${other.origin}/x`,
      `//${host}/x`,
      `/\\${host}/x`,
      `https://127.0.0.1:${srv.port}/x`,
      `http://user:pw@127.0.0.1:${srv.port}/x`,
    ]
  ) {
    await assert.rejects(client.get(p), (err: unknown) => {
      assert.ok(err instanceof AtlassianError, p);
      assert.equal(err.kind, "host_not_allowed", p);
      assert.equal(err.mayHaveReachedServer, false);
      assert.doesNotMatch(err.message, /pw/);
      return true;
    });
  }
  // A same-origin absolute URL (as in pagination links) is fine.
  await client.get(`${srv.origin}/ok`);
  assert.equal(other.requests.length, 0);
  assert.deepEqual(srv.requests.map((r) => r.target), ["/ok"]);
});

Deno.test("client rethrows the caller's abort reason unwrapped", async () => {
  await using srv = startServer(() => json({}));
  using client = new HttpClient(service(srv.origin));
  const ac = new AbortController();
  ac.abort(new Error("cancelled by user"));
  await assert.rejects(client.get("/x", undefined, { signal: ac.signal }), /cancelled by user/);
  assert.equal(srv.requests.length, 0);
});

// ---------------------------------------------------------------------------------------------
// Credential sources (OAuth, bring-your-own-token, per-request)

/** A credential source that hands out `Bearer t<n>` and counts its calls. */
function counting(refreshResult: boolean | Error = true) {
  const calls = { authorization: 0, refresh: [] as string[] };
  let n = 1;
  return {
    calls,
    source: {
      authorization: () => {
        calls.authorization++;
        return Promise.resolve(`Bearer t${n}`);
      },
      refresh: (rejected: string) => {
        calls.refresh.push(rejected);
        if (refreshResult instanceof Error) return Promise.reject(refreshResult);
        if (refreshResult) n++;
        return Promise.resolve(refreshResult);
      },
    },
  };
}

/** A server that accepts only `Bearer t2` (t1 has "expired"). */
function acceptsT2() {
  return startServer((req) =>
    req.headers.get("authorization") === "Bearer t2"
      ? json({ ok: true })
      : json({ errorMessages: ["Unauthorized"] }, 401)
  );
}

Deno.test("client takes Authorization from a credential source over service.auth", async () => {
  await using srv = startServer(() => json({}));
  const { source, calls } = counting();
  using client = new HttpClient(service(srv.origin), { credentials: source });
  await client.get("/a");
  await client.get("/b");
  assert.deepEqual(srv.requests.map((r) => r.headers.get("authorization")), [
    "Bearer t1",
    "Bearer t1",
  ]);
  assert.equal(calls.authorization, 2);
});

Deno.test("client retries once after a 401 that a refresh cures, for every method", async () => {
  for (const method of ["GET", "POST", "PUT", "DELETE"] as const) {
    await using srv = acceptsT2();
    const { source, calls } = counting();
    using client = new HttpClient(service(srv.origin), { credentials: source });
    const body = method === "GET" ? undefined : { summary: "x" };
    const result = await client.request({ method, path: "/rest/api/3/issue/X-1", body });
    assert.deepEqual(result, { ok: true }, method);
    assert.deepEqual(calls.refresh, ["Bearer t1"], method);
    assert.deepEqual(srv.requests.map((r) => [r.method, r.headers.get("authorization")]), [
      [method, "Bearer t1"],
      [method, "Bearer t2"],
    ]);
  }
});

Deno.test("client fails with the 401 when refresh resolves false or the retry is refused", async () => {
  await using srv = startServer(() => json({ errorMessages: ["Token expired"] }, 401));
  const declined = counting(false);
  using a = new HttpClient(
    service(srv.origin, { auth: { kind: "oauth" } }),
    { credentials: declined.source },
  );
  const err = await caught(a.get("/a"));
  assert.equal(err.status, 401);
  assert.equal(srv.requests.length, 1);
  assert.match(err.hint, /--oauth-setup/);
  const cured = counting(true);
  using b = new HttpClient(service(srv.origin), { credentials: cured.source });
  const again = await caught(b.post("/b", {}));
  assert.equal(again.status, 401);
  assert.equal(cured.calls.refresh.length, 1, "refreshed once, not in a loop");
  assert.equal(srv.requests.length, 3);
});

Deno.test("client asks the source why a 401 ends the request, after a declined or a useless refresh", async () => {
  await using srv = startServer(() => json({ errorMessages: ["Unauthorized"] }, 401));
  for (const refreshResult of [true, false]) {
    const { source, calls } = counting(refreshResult);
    const refused: string[] = [];
    const explained = {
      ...source,
      refused: (rejected: string) => {
        refused.push(rejected);
        return Object.assign(new Error("The token was refused right after a refresh"), {
          hint: "Run the wizard.",
        });
      },
    };
    using client = new HttpClient(service(srv.origin, { auth: { kind: "oauth" } }), {
      credentials: explained,
    });
    const err = await caught(client.get("/a"));
    assert.equal(err.kind, "unauthorized");
    assert.equal(err.status, 401);
    assert.equal(err.message, "The token was refused right after a refresh.");
    assert.equal(err.hint, "Run the wizard.");
    assert.deepEqual(calls.refresh, ["Bearer t1"], "refreshed at most once");
    assert.deepEqual(refused, [refreshResult ? "Bearer t2" : "Bearer t1"]);
  }
  // A source that has nothing to say keeps the 401 as it is.
  const quiet = { ...counting(false).source, refused: () => undefined };
  using client = new HttpClient(service(srv.origin), { credentials: quiet });
  assert.deepEqual((await caught(client.get("/b"))).messages, ["Unauthorized"]);
});

Deno.test("client turns a failing refresh into a clear unauthorized error", async () => {
  await using srv = startServer(() => json({}, 401));
  const sentence =
    "The OAuth refresh token was revoked or already used: run mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup).";
  const { source } = counting(Object.assign(new Error(sentence), { hint: "Run the wizard." }));
  using client = new HttpClient(service(srv.origin), { credentials: source });
  const err = await caught(client.put("/a", {}));
  assert.equal(err.kind, "unauthorized");
  assert.equal(err.status, 401);
  assert.equal(err.message, sentence);
  assert.equal(err.hint, "Run the wizard.");
  assert.equal(err.mayHaveReachedServer, false);
});

Deno.test("client fails before sending when the credential source cannot give a value", async () => {
  await using srv = startServer(() => json({}));
  const failing = {
    authorization: () =>
      Promise.reject(
        Object.assign(new Error("could not reach auth.example to refresh"), { kind: "network" }),
      ),
  };
  using client = new HttpClient(service(srv.origin), { credentials: failing });
  const err = await caught(client.get("/a"));
  assert.equal(err.kind, "network");
  assert.equal(err.message, "Could not reach auth.example to refresh.");
  assert.equal(srv.requests.length, 0);
});

Deno.test("client refuses OAuth, BYOT and per-request services without a credential source", async () => {
  await using srv = startServer(() => json({}));
  for (const kind of ["oauth", "byot", "per-request"] as const) {
    using client = new HttpClient(service(srv.origin, { auth: { kind } }));
    const err = await caught(client.get("/a"));
    assert.equal(err.kind, "unauthorized", kind);
  }
  assert.equal(srv.requests.length, 0);
});

Deno.test("client gives a 401 hint that fits the auth mode", async () => {
  await using srv = startServer(() => json({}, 401));
  const hints: Record<string, RegExp> = {
    basic: /JIRA_USERNAME and JIRA_API_TOKEN/,
    byot: /ATLASSIAN_OAUTH_ACCESS_TOKEN\) was rejected or has expired; supply a new one/,
    "per-request": /Authorization: Bearer/,
  };
  for (const [kind, hint] of Object.entries(hints)) {
    const auth = kind === "basic"
      ? { kind: "basic" as const, username: "a", token: "b" }
      : { kind: kind as "byot" | "per-request" };
    using client = new HttpClient(service(srv.origin, { auth }), {
      credentials: kind === "basic"
        ? undefined
        : { authorization: () => Promise.resolve("Bearer x") },
    });
    assert.match((await caught(client.get("/a"))).hint, hint, kind);
  }
});

Deno.test("client does not refresh for a 401 about a missing scope, and says which fix", async () => {
  await using srv = startServer(() =>
    json({ code: 401, message: "Unauthorized; scope does not match" }, 401)
  );
  const { source, calls } = counting();
  using client = new HttpClient(service(srv.origin, { auth: { kind: "oauth" } }), {
    credentials: source,
  });
  const err = await caught(client.get("/rest/agile/1.0/board"));
  assert.equal(err.status, 401);
  assert.deepEqual(calls.refresh, []);
  assert.equal(srv.requests.length, 1);
  assert.match(err.hint, /lacks a scope this call needs: add it to ATLASSIAN_OAUTH_SCOPE/);
});

Deno.test("a missing scope of a scoped API token gets the API-token fix, not the OAuth one", async () => {
  await using srv = startServer(() =>
    json({ code: 401, message: "Unauthorized; scope does not match" }, 401)
  );
  using client = new HttpClient(
    service(srv.origin, { auth: { kind: "basic", username: "a", token: "b" } }),
  );
  const err = await caught(client.get("/wiki/api/v2/pages"));
  assert.equal(err.status, 401);
  assert.match(err.hint, /scoped token that lacks a scope.*create a new API token with that scope/);
  assert.doesNotMatch(err.hint, /ATLASSIAN_OAUTH_SCOPE/);
});

Deno.test("Jira's refusal of an unbounded JQL query says how to bound it", async () => {
  await using srv = startServer(() =>
    json({
      errorMessages: [
        "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
      ],
      errors: {},
    }, 400)
  );
  using client = new HttpClient(service(srv.origin));
  const err = await caught(client.get("/rest/api/3/search/jql"));
  assert.equal(err.status, 400);
  assert.match(err.message, /Unbounded JQL queries are not allowed here/);
  assert.match(err.hint, /project = KEY.*updated >= -30d/);
});

Deno.test("a missing scope of a per-request token names both fixes, OAuth and API token", async () => {
  await using srv = startServer(() =>
    json({ code: 401, message: "Unauthorized; scope does not match" }, 401)
  );
  using client = new HttpClient(service(srv.origin, { auth: { kind: "per-request" } }), {
    credentials: { authorization: () => Promise.resolve("Basic eDp5") },
  });
  const err = await caught(client.get("/wiki/api/v2/pages"));
  assert.match(err.hint, /for an OAuth token, add the scope.*for a scoped API token, create one/);
});

Deno.test("client sends a replayable upload whole again after a 307, and closes each opened body", async () => {
  await using srv = startServer((_req, seen) =>
    seen.target === "/upload"
      ? new Response(null, { status: 307, headers: { location: "/again" } })
      : json({ ok: true })
  );
  using client = new HttpClient(service(srv.origin));
  let opened = 0;
  let closed = 0;
  const form = multipartBody({
    field: "file",
    filename: "a.txt",
    mimeType: "text/plain",
    content: () => {
      opened++;
      return Promise.resolve({
        readable: ReadableStream.from([new TextEncoder().encode("hello")]),
        close: () => void closed++,
      });
    },
  });
  await client.post("/upload", form.body, undefined, {
    headers: { "Content-Type": form.contentType },
  });
  assert.deepEqual(srv.requests.map((r) => r.target), ["/upload", "/again"]);
  for (const r of srv.requests) assert.match(r.body, /\r\n\r\nhello\r\n/);
  assert.deepEqual([opened, closed], [2, 2]);
  const refused = new HttpClient(service(`http://127.0.0.1:${closedPort()}`));
  await caught(refused.post("/upload", form.body));
  refused.close();
  assert.equal(opened, closed);
});

Deno.test("a signed link's redirect to another host is refused without naming *_URL", async () => {
  await using srv = startServer(() =>
    new Response(null, { status: 302, headers: { location: "https://elsewhere.example/f" } })
  );
  using site = new HttpClient(service("https://acme.atlassian.net", { product: "confluence" }));
  using signed = site.anonymous(srv.origin);
  const err = await caught(signed.get("/file/1/binary"));
  assert.equal(err.kind, "host_not_allowed");
  assert.match(
    err.message,
    /^The signed link of 127\.0\.0\.1:\d+ redirected GET \/file\/1\/binary to another host \(elsewhere\.example\); the redirect was not followed\.$/,
  );
  assert.match(err.hint, /A signed link is followed only on its own host/);
  assert.doesNotMatch(`${err.message} ${err.hint}`, /CONFLUENCE_URL|credentials/);
});
