import assert from "node:assert/strict";
import { AtlassianError, type ErrorKind } from "../../../src/http/mod.ts";
import { ToolError } from "../../../src/errors.ts";
import {
  ABSENT,
  found,
  type Lookup,
  type Reconciliation,
  SECOND_LOOK_MS,
  theOne,
  unclear,
  writeOnce,
} from "../../../src/tools/reconcile.ts";

const MISSING = 'no issue "Fix login" by you exists in DEMO';
const CHECK_HINT = `Check that ${MISSING} before trying again.`;

/** An AtlassianError as the HTTP client would raise it for a POST. */
function failure(
  kind: ErrorKind,
  { reached = true, status, message = `POST failed (${kind}).` }: {
    reached?: boolean;
    status?: number;
    message?: string;
  } = {},
): AtlassianError {
  return new AtlassianError({
    kind,
    status,
    product: "jira",
    method: "POST",
    path: "/rest/api/3/issue",
    message,
    hint: "h",
    mayHaveReachedServer: reached,
  });
}

/** A write that always fails with `error`, counting its calls. */
function failing(error: unknown) {
  const calls = { count: 0 };
  const write = () => {
    calls.count++;
    return Promise.reject(error);
  };
  return { write, calls };
}

/** A reconciliation whose lookups answer `looks` in turn (a thrown Error is raised). */
function lookups<T>(
  looks: (Lookup<T> | Error)[],
  extra: Partial<Reconciliation<T>> = {},
): Reconciliation<T> & { seen: number[] } {
  const seen: number[] = [];
  return {
    verdict: "Not created",
    missing: MISSING,
    find: (startedAt) => {
      seen.push(startedAt);
      const next = looks[seen.length - 1];
      if (next === undefined) throw new Error(`unexpected lookup #${seen.length}`);
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
    seen,
    ...extra,
  };
}

/** The error `promise` rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

/** The ToolError `promise` rejects with. */
async function toolError(promise: Promise<unknown>): Promise<ToolError> {
  const error = await rejection(promise);
  assert.ok(error instanceof ToolError, `expected a ToolError, got ${error}`);
  return error;
}

const FAST = { secondLookMs: 0 };

Deno.test("SECOND_LOOK_MS is two seconds", () => {
  assert.equal(SECOND_LOOK_MS, 2_000);
});

Deno.test("writeOnce returns a successful write's value and never looks", async () => {
  const rec = lookups<string>([]);
  const result = await writeOnce(() => Promise.resolve("DEMO-1"), rec, FAST);
  assert.deepEqual(result, { value: "DEMO-1" });
  assert.equal("recovered" in result, false);
  assert.equal(rec.seen.length, 0);
});

Deno.test("writeOnce rethrows an error Atlassian's answer settled, without looking", async () => {
  const settled = [
    failure("network", { reached: false }),
    failure("timeout", { reached: false }),
    failure("server", { reached: false, status: 503 }),
    failure("unexpected_answer", { reached: false }),
    failure("not_found", { status: 404 }),
    failure("bad_request", { status: 400 }),
    failure("conflict", { status: 409 }),
    failure("rate_limited", { status: 429 }),
    failure("unauthorized", { status: 401 }),
    new TypeError("not an AtlassianError"),
  ];
  for (const error of settled) {
    const rec = lookups<string>([found("DEMO-1")]);
    const { write, calls } = failing(error);
    assert.equal(await rejection(writeOnce(write, rec, FAST)), error);
    assert.equal(calls.count, 1, "the write is never retried");
    assert.equal(rec.seen.length, 0, `no lookup after ${String(error)}`);
  }
});

const LOST: [AtlassianError, string][] = [
  [failure("network"), "found after the connection dropped"],
  [failure("timeout"), "found after the request timed out"],
  [failure("server", { status: 503 }), "found after a 503 error"],
  [failure("server"), "found after a server error"],
  [failure("unexpected_answer", { status: 200 }), "found after an unexpected answer"],
];

Deno.test("writeOnce recovers a lost answer found on the first look", async () => {
  for (const [error, recovered] of LOST) {
    const rec = lookups([found({ key: "DEMO-7" })]);
    const { write, calls } = failing(error);
    const result = await writeOnce(write, rec, FAST);
    assert.deepEqual(result, { value: { key: "DEMO-7" }, recovered });
    assert.equal(calls.count, 1);
    assert.equal(rec.seen.length, 1);
  }
});

Deno.test("writeOnce passes the time the write was sent to every lookup", async () => {
  const before = Date.now();
  const rec = lookups([ABSENT, found("DEMO-2")]);
  const { write } = failing(failure("network"));
  await writeOnce(write, rec, FAST);
  const after = Date.now();
  assert.equal(rec.seen.length, 2);
  assert.ok(rec.seen[0] >= before && rec.seen[0] <= after, `startedAt ${rec.seen[0]}`);
  assert.equal(rec.seen[1], rec.seen[0]);
});

Deno.test("writeOnce looks again when the first look saw nothing", async () => {
  for (const [error, recovered] of LOST) {
    const rec = lookups([ABSENT, found("DEMO-3")]);
    const result = await writeOnce(failing(error).write, rec, FAST);
    assert.deepEqual(result, { value: "DEMO-3", recovered });
    assert.equal(rec.seen.length, 2);
  }
});

Deno.test("writeOnce waits secondLookMs between the two looks", async () => {
  const times: number[] = [];
  const rec: Reconciliation<string> = {
    verdict: "Not created",
    missing: MISSING,
    find: () => {
      times.push(performance.now());
      return Promise.resolve(times.length === 1 ? ABSENT : found("DEMO-4"));
    },
  };
  const result = await writeOnce(failing(failure("network")).write, rec, { secondLookMs: 40 });
  assert.equal(result.value, "DEMO-4");
  assert.equal(times.length, 2);
  assert.ok(times[1] - times[0] >= 30, `waited ${times[1] - times[0]} ms`);
});

Deno.test("writeOnce says a write absent twice after a dropped connection was not applied", async () => {
  const cases: [AtlassianError, string][] = [
    [failure("network"), "the connection dropped"],
    [failure("unexpected_answer", { status: 200 }), "an unexpected answer"],
  ];
  for (const [error, because] of cases) {
    const rec = lookups([ABSENT, ABSENT]);
    const e = await toolError(writeOnce(failing(error).write, rec, FAST));
    assert.equal(
      e.message,
      `Not created: 0 s after ${because}, ${MISSING}, so the request was not applied.`,
    );
    assert.ok(e.message.startsWith("Not created: 0 s after "));
    assert.equal(e.hint, "It is safe to try again.");
    assert.equal(e.cause, error);
    assert.equal(rec.seen.length, 2);
  }
});

Deno.test("writeOnce names the wait it made in seconds", async () => {
  const rec = lookups([ABSENT, ABSENT], { verdict: "Not updated" });
  const e = await toolError(
    writeOnce(failing(failure("network")).write, rec, { secondLookMs: 150 }),
  );
  assert.equal(
    e.message,
    `Not updated: 0.2 s after the connection dropped, ${MISSING}, so the request was not applied.`,
  );
});

Deno.test("writeOnce keeps the unknown outcome of a timeout or a server error absent twice", async () => {
  const cases = [
    failure("timeout", {
      message: "Jira did not answer within 30 s. The change may or may not have been applied.",
    }),
    failure("server", {
      status: 503,
      message: "Jira answered 503. The change may or may not have been applied.",
    }),
  ];
  for (const error of cases) {
    const rec = lookups([ABSENT, ABSENT]);
    const e = await toolError(writeOnce(failing(error).write, rec, FAST));
    assert.equal(e.message, error.message);
    assert.equal(e.hint, CHECK_HINT);
    assert.equal(e.cause, error);
    assert.equal(rec.seen.length, 2);
  }
});

Deno.test("writeOnce ends the original message with a full stop", async () => {
  const error = failure("timeout", { message: "  Jira did not answer within 30 s " });
  const e = await toolError(writeOnce(failing(error).write, lookups([ABSENT, ABSENT]), FAST));
  assert.equal(e.message, "Jira did not answer within 30 s.");
});

Deno.test("writeOnce trusts no absence seen through a search index that can lag", async () => {
  for (const [error] of LOST) {
    const rec = lookups([ABSENT, ABSENT], { consistent: false });
    const e = await toolError(writeOnce(failing(error).write, rec, FAST));
    assert.equal(
      e.message,
      `${error.message} A search did not find it, but search results can lag behind new writes.`,
    );
    assert.match(e.message, /search results can lag/);
    assert.equal(e.hint, CHECK_HINT);
    assert.equal(e.cause, error);
  }
});

Deno.test("writeOnce still recovers a write found through a search index", async () => {
  const rec = lookups([ABSENT, found("DEMO-5")], { consistent: false });
  const result = await writeOnce(failing(failure("network")).write, rec, FAST);
  assert.deepEqual(result, { value: "DEMO-5", recovered: "found after the connection dropped" });
});

Deno.test("writeOnce reports an unclear lookup with the original error", async () => {
  const reason = theOne(["a", "b", "c"], 'pages titled "X"');
  for (const [error] of LOST) {
    // unclear on the first look: no second look
    const first = lookups([reason]);
    const e1 = await toolError(writeOnce(failing(error).write, first, FAST));
    assert.equal(e1.message, `${error.message} 3 pages titled "X" appeared since the request.`);
    assert.equal(e1.hint, CHECK_HINT);
    assert.equal(e1.cause, error);
    assert.equal(first.seen.length, 1);
    // unclear on the second look
    const second = lookups([ABSENT, unclear("Two issues match.")]);
    const e2 = await toolError(writeOnce(failing(error).write, second, FAST));
    assert.equal(e2.message, `${error.message} Two issues match.`);
    assert.equal(e2.hint, CHECK_HINT);
    assert.equal(second.seen.length, 2);
  }
});

Deno.test("writeOnce reports the original error when a lookup fails", async () => {
  const error = failure("network", { message: "The connection to Jira dropped." });
  const first = lookups<string>([new Error("lookup: 500")]);
  const e1 = await toolError(writeOnce(failing(error).write, first, FAST));
  assert.equal(e1.message, "The connection to Jira dropped.");
  assert.equal(e1.hint, CHECK_HINT);
  assert.equal(e1.cause, error);
  assert.equal(first.seen.length, 1);

  const second = lookups<string>([ABSENT, new Error("lookup: 500")]);
  const e2 = await toolError(writeOnce(failing(error).write, second, FAST));
  assert.equal(e2.message, "The connection to Jira dropped.");
  assert.equal(e2.hint, CHECK_HINT);
  assert.equal(e2.cause, error);
  assert.equal(second.seen.length, 2);
});

Deno.test("writeOnce ends with the unknown outcome when the wait is cancelled", async () => {
  const error = failure("network", { message: "The connection to Jira dropped." });
  const rec = lookups([ABSENT, found("DEMO-6")]);
  const ac = new AbortController();
  const abort = setTimeout(() => ac.abort(new Error("cancelled")), 10);
  const started = performance.now();
  try {
    const e = await toolError(
      writeOnce(failing(error).write, rec, { secondLookMs: 60_000, signal: ac.signal }),
    );
    assert.equal(e.message, "The connection to Jira dropped.");
    assert.equal(e.hint, CHECK_HINT);
    assert.equal(e.cause, error);
  } finally {
    clearTimeout(abort);
  }
  assert.ok(performance.now() - started < 5_000, "the wait ended at the abort");
  assert.equal(rec.seen.length, 1, "no second look after the abort");
});

Deno.test("writeOnce does not wait on a signal that was already aborted", async () => {
  const error = failure("timeout", { message: "Jira did not answer within 30 s." });
  const rec = lookups([ABSENT, found("DEMO-6")]);
  const ac = new AbortController();
  ac.abort();
  const e = await toolError(
    writeOnce(failing(error).write, rec, { secondLookMs: 60_000, signal: ac.signal }),
  );
  assert.equal(e.message, "Jira did not answer within 30 s.");
  assert.equal(e.hint, CHECK_HINT);
  assert.equal(rec.seen.length, 1);
});

Deno.test("writeOnce looks up a found write even when the signal is aborted", async () => {
  const ac = new AbortController();
  ac.abort();
  const rec = lookups([found("DEMO-8")]);
  const result = await writeOnce(failing(failure("network")).write, rec, {
    secondLookMs: 60_000,
    signal: ac.signal,
  });
  assert.deepEqual(result, { value: "DEMO-8", recovered: "found after the connection dropped" });
});

Deno.test("writeOnce removes its abort listener after a completed wait", async () => {
  const listeners = new Set<unknown>();
  let added = 0;
  const signal = {
    aborted: false,
    reason: undefined,
    addEventListener: (_type: string, listener: unknown) => {
      added++;
      listeners.add(listener);
    },
    removeEventListener: (_type: string, listener: unknown) => listeners.delete(listener),
  } as unknown as AbortSignal;
  let during = -1;
  let looks = 0;
  const rec: Reconciliation<string> = {
    verdict: "Not created",
    missing: MISSING,
    find: () => {
      looks++;
      if (looks === 2) during = listeners.size; // the wait is over: its listener must be gone
      return Promise.resolve(looks === 1 ? ABSENT : found("DEMO-9"));
    },
  };
  const result = await writeOnce(failing(failure("network")).write, rec, {
    secondLookMs: 1,
    signal,
  });
  assert.equal(result.value, "DEMO-9");
  assert.equal(looks, 2);
  assert.equal(added, 1, "the wait listened for the abort");
  assert.equal(during, 0);
  assert.equal(listeners.size, 0);
});

Deno.test("theOne: one item is found, none absent, several unclear", () => {
  assert.deepEqual(theOne(["p1"], 'pages titled "X"'), { found: "p1" });
  assert.deepEqual(theOne([], 'pages titled "X"'), ABSENT);
  assert.equal(theOne([], 'pages titled "X"'), ABSENT);
  assert.deepEqual(theOne(["a", "b", "c"], 'pages titled "X"'), {
    unclear: '3 pages titled "X" appeared since the request',
  });
  assert.deepEqual(theOne([0], "zeros"), { found: 0 }, "a falsy item is still found");
});

Deno.test("found, ABSENT and unclear build the three lookups", () => {
  assert.deepEqual(found(undefined), { found: undefined });
  assert.deepEqual(ABSENT, { absent: true });
  assert.deepEqual(unclear("Two match."), { unclear: "Two match." });
});
