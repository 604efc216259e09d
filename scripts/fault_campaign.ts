/**
 * `deno task faults`: a fault campaign, not a test. Drives the real entry point over stdio
 * against the fake Atlassian on 127.0.0.1 (Cloud and Data Center) and counts what a user would
 * care about:
 *
 * - faulted writes: creates and page updates whose connection drops after the write was applied
 *   (on a reused keep-alive connection), drops before it, and answers slower than the timeout
 *   (applied late); how many were duplicated, reconciled, falsely reported as done or not done,
 *   or honestly reported as unknown;
 * - 200 answers that are not Atlassian's JSON (an HTML login page, JSON of another shape) for
 *   every tool: silent wrong reads and false successes;
 * - secrets echoed back by the upstream in every encoding: how many answers or stderr lines
 *   leak one.
 *
 * Bounded: `FAULT_ROUNDS` (default 8) rounds per case. Prints a Markdown table.
 *
 * @module
 */
import { type FakeSite, startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { connectStdio, type Session } from "../tests/e2e/_harness.ts";

const ROUNDS = Number(Deno.env.get("FAULT_ROUNDS") ?? 8);

interface Tally {
  calls: number;
  duplicated: number;
  reconciled: number;
  falseSuccess: number;
  falseFailure: number;
  unknown: number;
  notApplied: number;
}

async function callText(session: Session, name: string, args: Record<string, unknown>) {
  const result = await session.client.callTool({ name, arguments: args });
  const text = (result.content as { text: string }[]).map((c) => c.text).join("\n");
  return { isError: result.isError === true, text };
}

type Fault = "drop after apply" | "drop before" | "slower than the timeout";

function faultSpec(fault: Fault, match: RegExp, method: string) {
  if (fault === "drop after apply") return { match, method, drop: "after" as const };
  if (fault === "drop before") return { match, method, drop: true as const };
  return { match, method, delayMs: 1500 };
}

/** One write case: how to call it, how to count its effect. */
interface WriteCase {
  name: string;
  path: RegExp;
  method: string;
  call: (round: string) => [string, Record<string, unknown>];
  effects: (site: FakeSite, round: string) => number;
}

const CASES: WriteCase[] = [
  {
    name: "jira_create_issue",
    path: /\/rest\/api\/[23]\/issue$/,
    method: "POST",
    call: (r) => ["jira_create_issue", { project_key: "DEMO", summary: r, issue_type: "Task" }],
    effects: (site, r) => site.state.issues.filter((i) => i.summary === r).length,
  },
  {
    name: "jira_add_comment",
    path: /\/issue\/DEMO-3\/comment$/,
    method: "POST",
    call: (r) => ["jira_add_comment", { issue_key: "DEMO-3", body: r }],
    effects: (site, r) =>
      site.state.issues.find((i) => i.key === "DEMO-3")!.comments.filter((c) =>
        JSON.stringify(c.body).includes(r)
      ).length,
  },
  {
    name: "confluence_create_page",
    path: /\/(api\/v2\/pages|rest\/api\/content)$/,
    method: "POST",
    call: (r) => ["confluence_create_page", { space_key: "DOCS", title: r, content: "x" }],
    effects: (site, r) => site.state.pages.filter((p) => p.versions.at(-1)?.title === r).length,
  },
  {
    name: "confluence_update_page",
    path: /\/(api\/v2\/pages|rest\/api\/content)\/1002$/,
    method: "PUT",
    call: (r) => ["confluence_update_page", { page_id: "1002", title: r, content: r }],
    effects: (site, r) =>
      site.state.pages.find((p) => p.id === "1002")!.versions.filter((v) => v.title === r).length,
  },
];

async function faultedWrites(site: FakeSite, session: Session, tally: Tally, fault: Fault) {
  for (const kase of CASES) {
    for (let i = 0; i < ROUNDS; i++) {
      const round = `${kase.name} ${fault} ${i} ${crypto.randomUUID().slice(0, 8)}`;
      await callText(session, "jira_get_issue", { issue_key: "DEMO-3" }); // a pooled connection
      site.fault(faultSpec(fault, kase.path, kase.method));
      const [tool, args] = kase.call(round);
      const answer = await callText(session, tool, args);
      if (fault === "slower than the timeout") await new Promise((r) => setTimeout(r, 1700));
      const effects = kase.effects(site, round);
      tally.calls++;
      if (effects > 1) tally.duplicated++;
      if (/found after/.test(answer.text)) tally.reconciled++;
      if (!answer.isError && effects === 0) tally.falseSuccess++;
      if (/^Not (created|added|updated|moved)/.test(answer.text) && effects > 0) {
        tally.falseFailure++;
      }
      if (/^Not (created|added|updated|moved)/.test(answer.text) && effects === 0) {
        tally.notApplied++;
      }
      if (/may or may not have been applied|outcome of the change is unknown/.test(answer.text)) {
        tally.unknown++;
      }
    }
  }
}

const EVERY_TOOL: [string, Record<string, unknown>, boolean][] = [
  ["jira_get_issue", { issue_key: "DEMO-3" }, false],
  ["jira_search", { jql: "project = DEMO" }, false],
  ["jira_search_fields", { keyword: "story", refresh: true }, false],
  ["jira_get_transitions", { issue_key: "DEMO-3" }, false],
  ["jira_create_issue", { project_key: "DEMO", summary: "Shape", issue_type: "Task" }, true],
  ["jira_update_issue", { issue_key: "DEMO-3", fields: '{"summary": "Renamed"}' }, true],
  ["jira_transition_issue", { issue_key: "DEMO-3", transition_id: "Done" }, true],
  ["jira_add_comment", { issue_key: "DEMO-3", body: "shape" }, true],
  ["confluence_search", { query: "Architecture" }, false],
  ["confluence_get_page", { page_id: "1002" }, false],
  ["confluence_create_page", { space_key: "DOCS", title: "Shape", content: "x" }, true],
  ["confluence_update_page", { page_id: "1002", title: "Architecture", content: "y" }, true],
];

const WRONG_ANSWERS: { body: unknown; headers: Record<string, string> }[] = [
  { body: "<html><body>Sign in</body></html>", headers: { "content-type": "text/html" } },
  { body: { unexpected: true }, headers: {} },
  { body: [], headers: {} },
  { body: "plain words", headers: { "content-type": "text/plain" } },
];

async function wrongAnswers(site: FakeSite, session: Session) {
  const out = {
    reads: 0,
    silentWrongReads: 0,
    writes: 0,
    falseSuccesses: 0,
    which: [] as string[],
  };
  for (const wrong of WRONG_ANSWERS) {
    for (const [tool, args, write] of EVERY_TOOL) {
      site.reset();
      site.fault({ match: /./, status: 200, ...wrong, times: Infinity });
      const answer = await callText(session, tool, args);
      if (write) {
        out.writes++;
        if (!answer.isError) out.falseSuccesses++;
      } else {
        out.reads++;
        if (!answer.isError) out.silentWrongReads++;
      }
      if (!answer.isError) out.which.push(`${tool} (${JSON.stringify(wrong.body).slice(0, 20)})`);
    }
  }
  site.reset();
  return out;
}

const SPECIALS = `=+/"%:&?# \\<>'é€`;

function randomToken(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" + SPECIALS;
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("") + SPECIALS;
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

const FORM_NAMES = [
  "raw",
  "URL-encoded",
  "form-encoded",
  "JSON-escaped",
  "base64 of user:secret",
  "base64url of user:secret",
  "base64 of the secret",
];

function encodings(user: string, secret: string): string[] {
  const b64 = base64(`${user}:${secret}`);
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ t: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    b64,
    b64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
    base64(secret),
  ];
}

async function echoedSecrets(flavour: "cloud" | "datacenter") {
  await using fake = await startFakeAtlassian();
  const site = fake[flavour];
  const out = { answers: 0, leakingAnswers: 0, leakingStderr: 0, forms: new Set<string>() };
  for (let i = 0; i < ROUNDS; i++) {
    const secret = randomToken();
    const user = "alice@example.com";
    const env = flavour === "cloud"
      ? { ...site.env, JIRA_API_TOKEN: secret, CONFLUENCE_API_TOKEN: secret }
      : { ...site.env, JIRA_PERSONAL_TOKEN: secret, CONFLUENCE_PERSONAL_TOKEN: secret };
    const forms = encodings(user, secret);
    const session = await connectStdio({ ...env, MCP_VERY_VERBOSE: "true" });
    try {
      site.fault({
        match: /./,
        status: 400,
        body: { errorMessages: forms.map((f) => `You sent ${f}`), errors: {} },
        times: Infinity,
      });
      for (const [tool, args] of EVERY_TOOL) {
        const answer = await callText(session, tool, args);
        out.answers++;
        const leaked = forms.findIndex((f) => answer.text.includes(f));
        if (leaked >= 0) {
          out.leakingAnswers++;
          out.forms.add(FORM_NAMES[leaked]);
        }
      }
      const stderr = session.stderr();
      out.leakingStderr += stderr.split("\n").filter((line) => forms.some((f) => line.includes(f)))
        .length;
    } finally {
      await session.close();
      site.reset();
    }
  }
  return out;
}

const rows: string[] = [];
for (const flavour of ["cloud", "datacenter"] as const) {
  await using fake = await startFakeAtlassian();
  const site = fake[flavour];
  const session = await connectStdio({ ...site.env, JIRA_TIMEOUT: "1", CONFLUENCE_TIMEOUT: "1" });
  try {
    for (const fault of ["drop after apply", "drop before", "slower than the timeout"] as const) {
      const t: Tally = {
        calls: 0,
        duplicated: 0,
        reconciled: 0,
        falseSuccess: 0,
        falseFailure: 0,
        unknown: 0,
        notApplied: 0,
      };
      await faultedWrites(site, session, t, fault);
      rows.push(
        `| ${flavour} | writes, ${fault} | ${t.calls} | duplicated ${t.duplicated}, reconciled ${t.reconciled}, not applied (said so) ${t.notApplied}, unknown (said so) ${t.unknown}, false successes ${t.falseSuccess}, false failures ${t.falseFailure} |`,
      );
    }
    const w = await wrongAnswers(site, session);
    rows.push(
      `| ${flavour} | 200 answers that are not Atlassian's JSON | ${
        w.reads + w.writes
      } | silent wrong reads ${w.silentWrongReads} of ${w.reads}, false successes ${w.falseSuccesses} of ${w.writes}${
        w.which.length ? `: ${w.which.join(", ")}` : ""
      } |`,
    );
  } finally {
    await session.close();
  }
  const s = await echoedSecrets(flavour);
  rows.push(
    `| ${flavour} | secrets echoed in ${
      encodings("u", "s").length
    } encodings | ${s.answers} | answers leaking ${s.leakingAnswers}, stderr lines leaking ${s.leakingStderr}${
      s.forms.size ? ` (${[...s.forms].join(", ")})` : ""
    } |`,
  );
}
console.log(
  ["| site | case | calls | outcome |", "| --- | --- | --- | --- |", ...rows].join("\n"),
);
