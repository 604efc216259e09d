import assert from "node:assert/strict";
import { AtlassianError } from "../../../../src/http/mod.ts";
import type { ErrorContext } from "../../../../src/http/errors/context.ts";
import { CHECK_FIRST, hintFor } from "../../../../src/http/errors/hints.ts";
import { unexpectedAnswer, type UnexpectedBody } from "../../../../src/http/errors/unexpected.ts";

function context(
  method: string,
  path: string,
  product: "jira" | "confluence" = "jira",
  readOnly?: boolean,
): ErrorContext {
  return {
    service: {
      product,
      url: product === "jira"
        ? "https://example.atlassian.net"
        : "https://example.atlassian.net/wiki",
      timeoutMs: 30_000,
    },
    method,
    path,
    readOnly,
  };
}

const BODIES: [UnexpectedBody, string][] = [
  [{ kind: "html" }, "an HTML page instead of JSON, perhaps a login page or a proxy"],
  [{ kind: "text", contentType: "text/plain" }, "text/plain instead of JSON"],
  [{ kind: "text", contentType: "" }, "a body without a content type instead of JSON"],
  [{ kind: "unparsable_json" }, "JSON that does not parse"],
  [
    { kind: "shape", expected: "an issue", problem: '"key" is missing' },
    'JSON that is not an issue ("key" is missing)',
  ],
];

const JIRA_HINT =
  "Check JIRA_URL (and its context path) and single sign-on: it must be the Jira site itself, whose API answers with JSON, not a login page or a proxy.";

Deno.test("unexpectedAnswer on a read names the product, request and body, no uncertainty", () => {
  for (const [body, description] of BODIES) {
    const e = unexpectedAnswer(context("GET", "/rest/api/3/issue/DEMO-1"), body);
    assert.ok(e instanceof AtlassianError);
    assert.equal(e.kind, "unexpected_answer");
    assert.equal(e.message, `Jira answered GET /rest/api/3/issue/DEMO-1 with ${description}.`);
    assert.doesNotMatch(e.message, /outcome/);
    assert.equal(e.hint, JIRA_HINT);
    assert.equal(e.hint, hintFor("unexpected_answer", "jira"));
    assert.equal(e.mayHaveReachedServer, false);
    assert.equal(e.product, "jira");
    assert.equal(e.method, "GET");
    assert.equal(e.path, "/rest/api/3/issue/DEMO-1");
    assert.equal(e.status, undefined);
    assert.deepEqual(e.messages, []);
  }
});

Deno.test("unexpectedAnswer on a write says its outcome is unknown and to check first", () => {
  for (const [body, description] of BODIES) {
    const e = unexpectedAnswer(context("POST", "/rest/api/3/issue"), body);
    assert.equal(
      e.message,
      `Jira answered POST /rest/api/3/issue with ${description}. The outcome of the change is unknown.`,
    );
    assert.equal(e.mayHaveReachedServer, true);
    assert.ok(e.hint.startsWith(CHECK_FIRST), e.hint);
    assert.ok(
      e.hint.startsWith("Read the item back to see whether the change was applied"),
      e.hint,
    );
    assert.equal(e.hint, `${CHECK_FIRST} ${JIRA_HINT}`);
  }
});

Deno.test("unexpectedAnswer treats PUT and DELETE as writes, HEAD and a read-only POST as reads", () => {
  for (const method of ["PUT", "DELETE", "patch"]) {
    const e = unexpectedAnswer(context(method, "/rest/api/3/issue/DEMO-1"), { kind: "html" });
    assert.equal(e.mayHaveReachedServer, true, method);
    assert.match(e.message, / The outcome of the change is unknown\.$/);
  }
  const head = unexpectedAnswer(context("HEAD", "/rest/api/3/myself"), { kind: "html" });
  assert.equal(head.mayHaveReachedServer, false);
  const search = unexpectedAnswer(
    context("POST", "/rest/api/3/search/jql", "jira", true),
    { kind: "unparsable_json" },
  );
  assert.equal(search.mayHaveReachedServer, false);
  assert.equal(
    search.message,
    "Jira answered POST /rest/api/3/search/jql with JSON that does not parse.",
  );
  assert.equal(search.hint, JIRA_HINT);
});

Deno.test("unexpectedAnswer names Confluence and its variables for Confluence", () => {
  const e = unexpectedAnswer(context("PUT", "/api/v2/pages/123", "confluence"), { kind: "html" });
  assert.equal(
    e.message,
    "Confluence answered PUT /api/v2/pages/123 with an HTML page instead of JSON, perhaps a login page or a proxy. The outcome of the change is unknown.",
  );
  assert.equal(e.product, "confluence");
  assert.match(e.hint, /CONFLUENCE_URL/);
  assert.doesNotMatch(e.hint, /JIRA_/);
  assert.ok(e.hint.startsWith(CHECK_FIRST));
});

Deno.test("unexpectedAnswer keeps query strings, fragments and userinfo out", () => {
  const cases: [string, string][] = [
    ["/rest/api/3/search?jql=project%3DSECRET&token=abc123#frag", "/rest/api/3/search"],
    [
      "https://alice:hunter2@example.atlassian.net/rest/api/3/issue?token=abc123",
      "/rest/api/3/issue",
    ],
  ];
  for (const [path, shown] of cases) {
    for (const method of ["GET", "POST"]) {
      const e = unexpectedAnswer(context(method, path), { kind: "text", contentType: "text/html" });
      assert.equal(e.path, shown);
      assert.ok(e.message.startsWith(`Jira answered ${method} ${shown} with text/html`), e.message);
      for (const text of [e.message, e.hint, e.path]) {
        for (const secret of ["abc123", "SECRET", "hunter2", "alice", "?", "#", "token="]) {
          assert.equal(text.includes(secret), false, `${JSON.stringify(secret)} in ${text}`);
        }
      }
    }
  }
});
