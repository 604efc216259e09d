import assert from "node:assert/strict";
import { HttpClient } from "../../../../src/http/mod.ts";
import { parseErrorMessages } from "../../../../src/http/errors/body.ts";
import { parseRetryAfter } from "../../../../src/http/errors/status.ts";
import { caught, closedPort, json, service, startHangingServer, startServer } from "../_helpers.ts";

Deno.test("parseErrorMessages reads Jira errorMessages and the errors map", () => {
  assert.deepEqual(
    parseErrorMessages(JSON.stringify({
      errorMessages: ["Issue does not exist or you do not have permission to see it."],
      errors: { summary: "You must specify a summary of the issue." },
    })),
    [
      "Issue does not exist or you do not have permission to see it.",
      "summary: You must specify a summary of the issue.",
    ],
  );
});

Deno.test("parseErrorMessages reads Confluence v1 message and v2 errors", () => {
  assert.deepEqual(
    parseErrorMessages(JSON.stringify({
      statusCode: 404,
      message: "No content found with id: ContentId{id=99}",
      data: { authorized: true, errors: [] },
    })),
    ["No content found with id: ContentId{id=99}"],
  );
  assert.deepEqual(
    parseErrorMessages(JSON.stringify({
      errors: [{
        status: 400,
        code: "INVALID_REQUEST_PARAMETER",
        title: "Bad id",
        detail: "id must be numeric",
      }],
    })),
    ["Bad id: id must be numeric"],
  );
});

Deno.test("parseErrorMessages trims text and reduces HTML to its title", () => {
  assert.deepEqual(parseErrorMessages("  upstream connect error \n"), ["upstream connect error"]);
  assert.deepEqual(
    parseErrorMessages(
      "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    ),
    ["502 Bad Gateway"],
  );
  assert.deepEqual(parseErrorMessages(""), []);
});

Deno.test("parseRetryAfter reads seconds and HTTP dates", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  assert.equal(parseRetryAfter("7", now), 7);
  assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now), 30);
  assert.equal(parseRetryAfter("soon", now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

const JIRA_404 = {
  errorMessages: ["Issue does not exist or you do not have permission to see it."],
  errors: {},
};

Deno.test("client maps HTTP statuses to kinds, messages and hints", async () => {
  const bodies: Record<string, [number, unknown]> = {
    "/400": [400, { errorMessages: [], errors: { summary: "Field is required." } }],
    "/401": [401, { message: "Client must be authenticated to access this resource." }],
    "/403": [403, { errorMessages: ["You do not have permission to create issues."] }],
    "/404": [404, JIRA_404],
    "/409": [409, { statusCode: 409, message: "Version must be incremented on update." }],
    "/500": [500, { errorMessages: ["Internal server error"] }],
  };
  await using srv = startServer((_req, seen) => {
    const [status, body] = bodies[seen.url.pathname];
    return json(body, status);
  });
  using client = new HttpClient(service(srv.origin), { maxRetries: 0 });
  const expect: Record<string, [string, RegExp]> = {
    "/400": ["bad_request", /Correct the request/],
    "/401": [
      "unauthorized",
      /^Check JIRA_USERNAME and JIRA_API_TOKEN \(Cloud\) or JIRA_PERSONAL_TOKEN/,
    ],
    "/403": ["forbidden", /permission/],
    "/404": ["not_found", /key or id/],
    "/409": ["conflict", /latest version/],
    "/500": ["server", /Jira's side/],
  };
  for (const [p, [kind, hint]] of Object.entries(expect)) {
    const err = await caught(client.get(`${p}?secret=1`));
    assert.equal(err.kind, kind, p);
    assert.equal(err.status, Number(p.slice(1)));
    assert.equal(err.path, p);
    assert.equal(err.method, "GET");
    assert.equal(err.product, "jira");
    assert.match(err.hint, hint, p);
    assert.doesNotMatch(err.message, /secret|Basic|alice/);
  }
  const e404 = await caught(client.get("/404"));
  assert.equal(
    e404.message,
    "Jira returned 404 Not Found for GET /404: Issue does not exist or you do not have permission to see it.",
  );
  assert.deepEqual(e404.messages, JIRA_404.errorMessages);
  assert.equal((await caught(client.get("/400"))).messages[0], "summary: Field is required.");
});

Deno.test("client uses the Confluence env prefix and v1/v2 messages", async () => {
  await using srv = startServer((_req, seen) =>
    seen.url.pathname.endsWith("/401")
      ? json({ statusCode: 401, message: "Unauthorized" }, 401)
      : json({ errors: [{ status: 404, title: "Not Found", detail: "Page 99 not found" }] }, 404)
  );
  using client = new HttpClient(service(`${srv.origin}/wiki`, { product: "confluence" }));
  const e401 = await caught(client.get("/401"));
  assert.match(e401.hint, /CONFLUENCE_USERNAME and CONFLUENCE_API_TOKEN/);
  const e404 = await caught(client.get("/api/v2/pages/99"));
  assert.equal(
    e404.message,
    "Confluence returned 404 Not Found for GET /api/v2/pages/99: Not Found: Page 99 not found.",
  );
});

Deno.test("a 5xx on a write says the change may or may not have been applied", async () => {
  await using srv = startServer(() => new Response("boom", { status: 502 }));
  using client = new HttpClient(service(srv.origin));
  const err = await caught(client.post("/rest/api/3/issue", { a: 1 }));
  assert.equal(err.kind, "server");
  assert.equal(err.mayHaveReachedServer, true);
  assert.match(err.message, /may or may not have been applied/);
  assert.match(err.hint, /whether the change was applied/);
});

Deno.test("client reports a timeout per attempt, naming the seconds", async () => {
  await using srv = startHangingServer();
  using client = new HttpClient(service(srv.origin, { timeoutMs: 100 }));
  const err = await caught(client.post("/slow", {}));
  assert.equal(err.kind, "timeout");
  assert.equal(err.mayHaveReachedServer, true);
  assert.match(err.message, /^Jira did not answer within 0\.1 s for POST \/slow\. The change may/);
});

Deno.test("client maps a refused connection to network, not having reached the server", async () => {
  using client = new HttpClient(service(`http://127.0.0.1:${closedPort()}`), { maxRetries: 0 });
  const err = await caught(client.post("/x", {}));
  assert.equal(err.kind, "network");
  assert.equal(err.mayHaveReachedServer, false);
  assert.match(
    err.message,
    /^Could not connect to Jira at http:\/\/127\.0\.0\.1:\d+ for POST \/x: .*refused/i,
  );
  assert.match(err.hint, /JIRA_URL/);
});

Deno.test("client maps NotCapable to host_not_allowed with the --allow-net flag", async () => {
  let calls = 0;
  const fetchImpl = (() => {
    calls++;
    throw new Deno.errors.NotCapable(
      'Requires net access to "jira.example.com:443", run again with the --allow-net flag',
    );
  }) as typeof fetch;
  using client = new HttpClient(service("https://jira.example.com"), { fetchImpl });
  const err = await caught(client.get("/rest/api/2/myself"));
  assert.equal(err.kind, "host_not_allowed");
  assert.equal(err.mayHaveReachedServer, false);
  assert.match(err.message, /jira\.example\.com:443/);
  assert.match(err.hint, /--allow-net=jira\.example\.com:443/);
  assert.equal(calls, 1);
});

Deno.test("client explains each certificate failure as tls", async () => {
  const cases: [string, RegExp, RegExp][] = [
    ["invalid peer certificate: UnknownIssuer", /unknown|does not trust/i, /JIRA_CA_BUNDLE/],
    ["invalid peer certificate: Other(CaUsedAsEndEntity)", /CA:TRUE/, /CA:FALSE/],
    ["invalid peer certificate: NotValidForName", /host name/, /JIRA_URL/],
    ["invalid peer certificate: Expired", /expired/, /Renew/],
    ["received fatal alert: CertificateRequired", /client certificate/, /JIRA_CLIENT_CERT/],
  ];
  for (const [cause, message, hint] of cases) {
    const fetchImpl = (() =>
      Promise.reject(new TypeError("fetch failed", { cause: new Error(cause) }))) as typeof fetch;
    using client = new HttpClient(service("https://jira.example.com"), { fetchImpl });
    const err = await caught(client.get("/x"));
    assert.equal(err.kind, "tls", cause);
    assert.match(err.message, message, cause);
    assert.match(err.hint, hint, cause);
    assert.equal(err.mayHaveReachedServer, false);
  }
});

Deno.test("a write dropped mid-request may have reached the server", async () => {
  const fetchImpl = (() =>
    Promise.reject(
      new TypeError("fetch failed", {
        cause: new Error(
          "error sending request for url (https://jira.example.com/x?token=abc): client error (SendRequest): connection closed before message completed",
        ),
      }),
    )) as typeof fetch;
  using client = new HttpClient(service("https://jira.example.com"), { fetchImpl });
  const err = await caught(client.put("/x", {}));
  assert.equal(err.kind, "network");
  assert.equal(err.mayHaveReachedServer, true);
  assert.match(err.message, /connection closed before message completed.*may or may not/);
  assert.doesNotMatch(err.message, /token=abc/);
});
