import assert from "node:assert/strict";
import { AtlassianError, HttpClient } from "../../../src/http/mod.ts";
import { backoffMs, isRetryable, retryDelay } from "../../../src/http/retry.ts";
import {
  caught,
  closedPort,
  fakeSleep,
  json,
  service,
  startHangingServer,
  startServer,
} from "./_helpers.ts";

function err(kind: AtlassianError["kind"], status?: number, reached = true, retryAfter?: number) {
  return new AtlassianError({
    kind,
    status,
    product: "jira",
    method: "GET",
    path: "/x",
    message: "m",
    hint: "h",
    mayHaveReachedServer: reached,
    retryAfterSeconds: retryAfter,
  });
}

Deno.test("isRetryable retries transient read failures only", () => {
  for (const s of [429, 502, 503, 504]) assert.equal(isRetryable("GET", err("server", s)), true);
  assert.equal(isRetryable("HEAD", err("network")), true);
  assert.equal(isRetryable("GET", err("timeout")), true);
  for (const s of [400, 401, 403, 404, 409, 500]) {
    assert.equal(isRetryable("GET", err("server", s)), false);
  }
  assert.equal(isRetryable("GET", err("tls", undefined, false)), false);
  assert.equal(isRetryable("GET", err("host_not_allowed", undefined, false)), false);
});

Deno.test("isRetryable retries a write only when it never left", () => {
  assert.equal(isRetryable("POST", err("network", undefined, false)), true);
  assert.equal(isRetryable("POST", err("network", undefined, true)), false);
  assert.equal(isRetryable("PUT", err("server", 503)), false);
  assert.equal(isRetryable("DELETE", err("rate_limited", 429)), false);
  assert.equal(isRetryable("POST", err("timeout")), false);
});

Deno.test("backoffMs grows exponentially with jitter and a cap", () => {
  assert.equal(backoffMs(0, 30_000, () => 0), 250);
  assert.equal(backoffMs(0, 30_000, () => 0.999999), 500);
  assert.equal(backoffMs(3, 30_000, () => 0.999999), 4000);
  assert.equal(backoffMs(20, 30_000, () => 0.999999), 30_000);
});

Deno.test("retryDelay honours Retry-After, its cap, the budget and one timeout retry", () => {
  const base = {
    method: "GET",
    retries: 0,
    timeoutRetries: 0,
    maxRetries: 3,
    maxRetryWaitMs: 30_000,
  };
  assert.equal(retryDelay({ ...base, error: err("rate_limited", 429, true, 5) }), 5000);
  assert.equal(retryDelay({ ...base, error: err("rate_limited", 429, true, 60) }), undefined);
  assert.equal(retryDelay({ ...base, retries: 3, error: err("server", 503) }), undefined);
  assert.equal(typeof retryDelay({ ...base, error: err("timeout") }), "number");
  assert.equal(retryDelay({ ...base, timeoutRetries: 1, error: err("timeout") }), undefined);
});

Deno.test("a 429 with Retry-After is waited for and retried until it succeeds", async () => {
  await using srv = startServer(() =>
    srv.requests.length < 3
      ? json({ message: "Rate limit exceeded" }, 429, { "retry-after": "2" })
      : json({ ok: true })
  );
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin), { sleep });
  assert.deepEqual(await client.get("/rest/api/3/myself"), { ok: true });
  assert.deepEqual(waits, [2000, 2000]);
  assert.equal(srv.requests.length, 3);
});

Deno.test("a 429 asking for longer than maxRetryWaitMs fails fast with retryAfterSeconds", async () => {
  await using srv = startServer(() => json({}, 429, { "retry-after": "120" }));
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin), { sleep, maxRetryWaitMs: 10_000 });
  const e = await caught(client.get("/x"));
  assert.equal(e.kind, "rate_limited");
  assert.equal(e.retryAfterSeconds, 120);
  assert.match(
    e.message,
    /^Jira returned 429 Too Many Requests for GET \/x \(retry after 120 s\)\.$/,
  );
  assert.match(e.hint, /wait 120 s/);
  assert.deepEqual(waits, []);
  assert.equal(srv.requests.length, 1);
});

Deno.test("a 503 on GET is retried with backoff, then reported after maxRetries", async () => {
  await using srv = startServer(() => new Response("down", { status: 503 }));
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin), { sleep, maxRetries: 2 });
  const e = await caught(client.get("/x"));
  assert.equal(e.kind, "server");
  assert.equal(e.status, 503);
  assert.deepEqual(e.messages, ["down"]);
  assert.equal(srv.requests.length, 3);
  assert.equal(waits.length, 2);
  assert.ok(waits[0] >= 250 && waits[0] <= 500 && waits[1] >= 500 && waits[1] <= 1000, `${waits}`);
});

Deno.test("a 502 then success on GET resolves", async () => {
  await using srv = startServer(() =>
    srv.requests.length === 1 ? new Response("", { status: 502 }) : json([1])
  );
  using client = new HttpClient(service(srv.origin), fakeSleep());
  assert.deepEqual(await client.get("/x"), [1]);
});

Deno.test("a 503 on POST is not retried: the server sees exactly one POST", async () => {
  await using srv = startServer(() => json({ errorMessages: ["busy"] }, 503));
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin), { sleep });
  const e = await caught(client.post("/rest/api/3/issue", { fields: {} }));
  assert.equal(e.mayHaveReachedServer, true);
  assert.match(e.message, /may or may not have been applied/);
  assert.equal(srv.requests.filter((r) => r.method === "POST").length, 1);
  assert.deepEqual(waits, []);
});

Deno.test("a read-only POST (a search) is retried like a read and never 'may have been applied'", async () => {
  let calls = 0;
  await using srv = startServer(() =>
    ++calls < 3 ? json({ errorMessages: ["busy"] }, 503) : json({ issues: [] })
  );
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin), { sleep });
  const ok = await client.request({
    method: "POST",
    path: "/rest/api/3/search/jql",
    body: {},
    readOnly: true,
  });
  assert.deepEqual(ok, { issues: [] });
  assert.equal(waits.length, 2);
  await using broken = startServer(() => json({ errorMessages: ["boom"] }, 500));
  using client2 = new HttpClient(service(broken.origin), { sleep });
  const e = await caught(client2.request({ method: "POST", path: "/s", body: {}, readOnly: true }));
  assert.doesNotMatch(e.message, /may or may not have been applied/);
});

Deno.test("a read that times out is retried once", async () => {
  await using srv = startHangingServer();
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(srv.origin, { timeoutMs: 50 }), { sleep });
  const e = await caught(client.get("/slow"));
  assert.equal(e.kind, "timeout");
  assert.equal(waits.length, 1);
  assert.equal(srv.requests.length, 2);
});

Deno.test("a refused connection is retried, for reads and for writes that never left", async () => {
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service(`http://127.0.0.1:${closedPort()}`), {
    sleep,
    maxRetries: 2,
  });
  assert.equal((await caught(client.get("/x"))).kind, "network");
  const e = await caught(client.post("/x", {}));
  assert.equal(e.mayHaveReachedServer, false);
  assert.equal(waits.length, 4);
});

Deno.test("host_not_allowed is never retried", async () => {
  let calls = 0;
  const fetchImpl = (() => {
    calls++;
    throw new Deno.errors.NotCapable('Requires net access to "x.example:443"');
  }) as typeof fetch;
  const { waits, sleep } = fakeSleep();
  using client = new HttpClient(service("https://x.example"), { fetchImpl, sleep });
  assert.equal((await caught(client.get("/x"))).kind, "host_not_allowed");
  assert.equal(calls, 1);
  assert.deepEqual(waits, []);
});

Deno.test("retryDelay takes the configured backoff base and may ignore Retry-After", () => {
  const base = {
    method: "GET",
    retries: 1,
    timeoutRetries: 0,
    maxRetries: 3,
    maxRetryWaitMs: 30_000,
    random: () => 1,
  };
  assert.equal(retryDelay({ ...base, error: err("server", 503) }), 1000);
  assert.equal(retryDelay({ ...base, backoffBaseMs: 2000, error: err("server", 503) }), 4000);
  const later = err("rate_limited", 429, true, 5);
  assert.equal(retryDelay({ ...base, error: later }), 5000);
  assert.equal(retryDelay({ ...base, ignoreRetryAfter: true, error: later }), 1000);
  // Even a Retry-After longer than the cap is then backed off instead of failing at once.
  const long = err("rate_limited", 429, true, 600);
  assert.equal(retryDelay({ ...base, ignoreRetryAfter: true, error: long }), 1000);
});

Deno.test("the client takes its retry policy from service.retry (ATLASSIAN_RETRY_*)", async () => {
  await using srv = startServer(() => new Response("down", { status: 503 }));
  const { waits, sleep } = fakeSleep();
  const retry = { maxRetries: 1, backoffMs: 0 };
  using client = new HttpClient({ ...service(srv.origin), retry }, { sleep });
  const e = await caught(client.get("/x"));
  assert.equal(e.status, 503);
  assert.equal(srv.requests.length, 2);
  assert.deepEqual(waits, [0]);
});
