/**
 * Secrets through the real entry point: an upstream that echoes the token back in every
 * encoding (raw, URL-encoded, form-encoded, JSON- and HTML-escaped, base64 of `user:token`,
 * fragments) never gets it into a tool answer or into the `-vv` log.
 */
import { equal, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectHttp, connectStdio, startHttp } from "./_harness.ts";

const SPECIAL = [..."=+/\"%:&?# \\<>'", "é", "中", "😀"];
const PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random 40-character token with every special character, starting and ending plain. */
function specialToken(): string {
  const pick = (from: string[]) => from[Math.floor(Math.random() * from.length)];
  const middle = [...SPECIAL];
  while (middle.length < 38) middle.push(pick([...PLAIN, ...SPECIAL]));
  for (let i = middle.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [middle[i], middle[j]] = [middle[j], middle[i]];
  }
  return pick([...PLAIN]) + middle.join("") + pick([...PLAIN]);
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** The forms an upstream may echo a token in, for the user it belongs to. */
function echoes(user: string, token: string): string[] {
  const component = encodeURIComponent(token);
  const form = new URLSearchParams({ t: token }).toString().slice(2);
  const pair = base64(`${user}:${token}`);
  const alone = base64(token);
  const url = (b64: string) => b64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const chars = [...token];
  return [
    token,
    component,
    component.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    form,
    JSON.stringify(token).slice(1, -1),
    token.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;").replaceAll("'", "&#39;"),
    pair,
    url(pair),
    alone,
    url(alone),
    chars.slice(10, 30).join(""),
    encodeURIComponent(chars.slice(5, 25).join("")),
  ];
}

/** Fails when `text` shows 16 characters in a row of any form (also JSON-escaped). */
function assertNoLeak(text: string, forms: string[], where: string): void {
  const found = forms.flatMap((form) => [form, JSON.stringify(form).slice(1, -1)]).flatMap(
    (form) => {
      const pieces = [];
      for (let i = 0; i + 16 <= form.length; i += 4) pieces.push(form.slice(i, i + 16));
      return pieces.filter((piece) => text.includes(piece));
    },
  );
  equal(found.length, 0, `${where} shows ${JSON.stringify(found)}:\n${text}`);
}

/** DEMO-4 as the fake serves it to Alice: the body a faked 200 answer starts from. */
async function realIssue(origin: string) {
  const real = await fetch(`${origin}/rest/api/3/issue/DEMO-4`, {
    headers: { authorization: `Basic ${base64("alice@example.com:cloud-api-token")}` },
  });
  return await real.json();
}

const ISSUE = /\/rest\/api\/3\/issue\/DEMO-3$/;
const OTHER_ISSUE = /\/rest\/api\/3\/issue\/DEMO-4$/;

Deno.test("stdio: a token echoed in every encoding is masked in the answer and the -vv log", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const token = specialToken();
  const forms = echoes("alice@example.com", token);
  site.fault({
    match: ISSUE,
    status: 400,
    times: Infinity,
    body: { errorMessages: forms.map((f) => `rejected ${f} here`), errors: { token: forms[1] } },
  });
  const session = await connectStdio({
    ...site.env,
    JIRA_API_TOKEN: token,
    CONFLUENCE_API_TOKEN: token,
    MCP_VERY_VERBOSE: "true",
  });
  try {
    const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-3" });
    equal(answer.isError, true, answer.text);
    ok(answer.text.includes("rejected *** here"), answer.text);
    // The server did send the token (it is what the fake echoes), and logged at debug level.
    const sent = site.requests.find((r) => ISSUE.test(r.path))!.headers.get("authorization");
    equal(sent, `Basic ${base64(`alice@example.com:${token}`)}`);
    ok(session.stderr().includes("[debug]"), session.stderr());
    ok(session.stderr().includes("rejected *** here"), session.stderr());
    assertNoLeak(answer.text, forms, "answer");
    assertNoLeak(session.stderr(), forms, "stderr");
  } finally {
    await session.close();
  }
});

Deno.test("multi-user HTTP: a per-request token echoed in a 200 body or an error is masked", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const issue = await realIssue(site.origin);
  const token = specialToken();
  const forms = echoes("bob@example.com", token);
  const server = await startHttp({
    ATLASSIAN_OAUTH_ENABLE: "true",
    JIRA_URL: site.origin,
    JIRA_DEPLOYMENT: "cloud",
    MCP_VERY_VERBOSE: "true",
  }, ["--transport", "streamable-http", "--port", "0"]);
  const client = await connectHttp(server.url, {
    authorization: `Basic ${base64(`bob@example.com:${token}`)}`,
  });
  try {
    site.fault({
      match: OTHER_ISSUE,
      status: 200,
      body: { ...issue, fields: { ...issue.fields, summary: forms.join(" | ") } },
    });
    const read = await call(client, "jira_get_issue", { issue_key: "DEMO-4", comment_limit: 0 });
    equal(read.isError, false, read.text);
    ok(read.text.includes("*** | ***"), read.text);
    assertNoLeak(read.text, forms, "200 answer");

    site.fault({ match: ISSUE, status: 401, body: { errorMessages: forms } });
    const refused = await call(client, "jira_get_issue", { issue_key: "DEMO-3" });
    equal(refused.isError, true, refused.text);
    assertNoLeak(refused.text, forms, "error answer");
  } finally {
    await client.close();
    await server.stop();
  }
  assertNoLeak(server.stderr(), forms, "stderr");
});

Deno.test("stdio: a token echoed in a 200 answer is masked, a custom header value is not", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const issue = await realIssue(site.origin);
  const token = specialToken();
  const forms = echoes("alice@example.com", token);
  const session = await connectStdio({
    ...site.env,
    JIRA_API_TOKEN: token,
    JIRA_CUSTOM_HEADERS: "X-Env=production-eu",
  });
  try {
    site.fault({
      match: OTHER_ISSUE,
      status: 200,
      body: {
        ...issue,
        fields: { ...issue.fields, summary: `${forms.join(" | ")} on production-eu` },
      },
    });
    const read = await call(session.client, "jira_get_issue", {
      issue_key: "DEMO-4",
      comment_limit: 0,
    });
    equal(read.isError, false, read.text);
    ok(read.text.includes("*** | ***"), read.text);
    ok(read.text.includes("on production-eu"), read.text);
    assertNoLeak(read.text, forms, "200 answer");
  } finally {
    await session.close();
  }
});
