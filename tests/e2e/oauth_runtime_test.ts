/**
 * Runtime OAuth through the real entry point (stdio, least-privilege flags computed from the
 * configuration) against the fake auth.atlassian.com + api.atlassian.com: tokens stored by the
 * code flow, calls through the gateway, refresh ahead of expiry and after a 401 mid-session,
 * the rotated refresh token persisted, 50 concurrent calls with exactly one refresh, the
 * refresh-failure and bring-your-own-token messages, and no secret in any answer or log line.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import {
  cloudEndpoints,
  datacenterEndpoints,
  exchangeCode,
  loadTokens,
  saveTokens,
  type StoredTokens,
} from "../../src/auth/mod.ts";
import {
  CLOUD_ID_1,
  FAKE_OAUTH_SCOPE,
  type FakeAtlassian,
  startFakeAtlassian,
} from "../fake_atlassian/mod.ts";
import { type Answer, call, connectStdio, type Session } from "./_harness.ts";

const SETUP = "mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup)";
const REVOKED = `The refresh token was revoked or already used: run ${SETUP}.`;
const BYOT =
  "The access token you supplied (ATLASSIAN_OAUTH_ACCESS_TOKEN) was rejected or has expired; supply a new one.";

/** Deno's cache folder: the child server gets a temporary HOME, but must keep the cache. */
async function denoDir(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

/** Everything secret seen during a test, to grep answers and logs for. */
class Secrets {
  readonly values = new Set<string>();
  add(...values: (string | undefined)[]): void {
    for (const v of values) if (v) this.values.add(v);
  }
  addFile(tokens: StoredTokens | undefined): void {
    this.add(tokens?.access_token, tokens?.refresh_token);
  }
  check(text: string, where: string): void {
    for (const secret of this.values) ok(!text.includes(secret), `a secret leaked into ${where}`);
  }
}

interface Setup {
  home: string;
  env: Record<string, string>;
  tokenFile: string;
}

async function setup(fake: FakeAtlassian, extra: Record<string, string> = {}): Promise<Setup> {
  const home = await Deno.makeTempDir({ prefix: "mcp-oauth-home-" });
  return {
    home,
    env: { ...fake.oauth.env, HOME: home, DENO_DIR: await denoDir(), ...extra },
    tokenFile: `${home}/.mcp-atlassian/oauth-${fake.oauth.clientId}.json`,
  };
}

/** Stores tokens the way the wizard does: consent (played here), code exchange, token file. */
async function authorize(fake: FakeAtlassian, s: Setup, secrets: Secrets): Promise<StoredTokens> {
  const state = crypto.randomUUID();
  const back = new URL(
    await fake.oauth.consent(
      fake.oauth.authorizeUrl({ state, scope: s.env.ATLASSIAN_OAUTH_SCOPE }),
    ),
  );
  equal(back.searchParams.get("state"), state);
  const tokens = await exchangeCode(
    cloudEndpoints(fake.oauth.authOrigin, fake.oauth.apiOrigin),
    {
      clientId: fake.oauth.clientId,
      clientSecret: fake.oauth.clientSecret,
      code: back.searchParams.get("code")!,
      redirectUri: s.env.ATLASSIAN_OAUTH_REDIRECT_URI,
    },
  );
  const stored: StoredTokens = {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_at: tokens.expiresAt,
    cloud_id: CLOUD_ID_1,
  };
  await saveTokens(s.tokenFile, stored);
  secrets.addFile(stored);
  return stored;
}

function jiraIssue(session: Session, key = "DEMO-1"): Promise<Answer> {
  return call(session.client, "jira_get_issue", { issue_key: key });
}

function confluencePage(session: Session): Promise<Answer> {
  return call(session.client, "confluence_get_page", { page_id: "1001" });
}

async function mode(path: string): Promise<number> {
  return (await Deno.stat(path)).mode! & 0o777;
}

Deno.test("runtime OAuth: gateway, refresh ahead and after a 401, rotation, one refresh for 50 calls, revoked refresh", async (t) => {
  await using fake = await startFakeAtlassian();
  // Atlassian's own scope rules: the default scopes must be enough for these tools.
  fake.oauth.scopeMode = "atlassian";
  const secrets = new Secrets();
  secrets.add(fake.oauth.clientSecret);
  const s = await setup(fake, { MCP_VERY_VERBOSE: "true" });
  const answers: string[] = [];
  const answer = async (p: Promise<Answer>) => {
    const a = await p;
    answers.push(a.text);
    return a;
  };
  let session: Session | undefined;
  try {
    const seeded = await authorize(fake, s, secrets);
    equal(fake.oauth.tokenRequests.authorization_code, 1);
    session = await connectStdio(s.env);

    await t.step("calls go through the gateway with the stored token", async () => {
      const issue = await answer(jiraIssue(session!));
      equal(issue.isError, false, issue.text);
      equal(issue.json.key, "DEMO-1");
      ok(!String(issue.json.url ?? "").includes("/ex/jira/"), "no gateway URL as a browse link");
      const page = await answer(confluencePage(session!));
      equal(page.isError, false, page.text);
      match(page.text, /Engineering Home/);
      equal(fake.oauth.tokenRequests.refresh_token, 0);
      const paths = fake.oauth.apiRequests.map((r) => r.path);
      ok(paths.includes(`/ex/jira/${CLOUD_ID_1}/rest/api/3/issue/DEMO-1`), paths.join("\n"));
      ok(paths.some((p) => p.startsWith(`/ex/confluence/${CLOUD_ID_1}/wiki/`)), paths.join("\n"));
      ok(fake.oauth.apiRequests.every((r) => r.token === seeded.access_token));
    });

    await t.step(
      "a token that expires mid-session is refreshed once and the call succeeds",
      async () => {
        fake.oauth.expireAllAccessTokens();
        const issue = await answer(jiraIssue(session!, "DEMO-2"));
        equal(issue.isError, false, issue.text);
        equal(fake.oauth.tokenRequests.refresh_token, 1);
        const stored = await loadTokens(s.tokenFile);
        secrets.addFile(stored);
        ok(stored?.refresh_token && stored.refresh_token !== seeded.refresh_token, "rotated");
        ok(stored.access_token !== seeded.access_token);
        equal(stored.cloud_id, CLOUD_ID_1);
        equal(await mode(s.tokenFile), 0o600);
        equal(await mode(`${s.home}/.mcp-atlassian`), 0o700);
        deepEqual(
          [...Deno.readDirSync(`${s.home}/.mcp-atlassian`)].map((e) => e.name),
          [`oauth-${fake.oauth.clientId}.json`],
          "no temporary file left behind",
        );
      },
    );

    await t.step("50 concurrent calls that all need a refresh produce exactly one", async () => {
      fake.oauth.expireAllAccessTokens();
      const before = fake.oauth.tokenRequests.refresh_token;
      const results = await Promise.all(
        Array.from(
          { length: 50 },
          (_, i) =>
            answer(i % 2 ? jiraIssue(session!, `DEMO-${1 + (i % 5)}`) : confluencePage(session!)),
        ),
      );
      for (const r of results) equal(r.isError, false, r.text);
      equal(fake.oauth.tokenRequests.refresh_token - before, 1);
      secrets.addFile(await loadTokens(s.tokenFile));
    });

    await t.step("a token close to expiry is refreshed before it is used", async () => {
      const stored = (await loadTokens(s.tokenFile))!;
      fake.oauth.setAccessTokenLifetime(1);
      fake.oauth.expireAllAccessTokens();
      const first = await answer(jiraIssue(session!));
      equal(first.isError, false, first.text);
      const afterShort = (await loadTokens(s.tokenFile))!;
      secrets.addFile(afterShort);
      ok(afterShort.expires_at - Date.now() / 1000 <= 1.5, "the fake issued a 1 s token");
      await new Promise((r) => setTimeout(r, 1200)); // now expired by the clock
      const seenBefore = fake.oauth.apiRequests.length;
      const refreshesBefore = fake.oauth.tokenRequests.refresh_token;
      const second = await answer(jiraIssue(session!));
      equal(second.isError, false, second.text);
      equal(fake.oauth.tokenRequests.refresh_token - refreshesBefore, 1);
      const sent = fake.oauth.apiRequests.slice(seenBefore);
      ok(sent.every((r) => r.status === 200), "refreshed ahead: no 401 on the way");
      ok(sent.every((r) => r.token !== afterShort.access_token));
      ok(stored.refresh_token !== afterShort.refresh_token);
      fake.oauth.setAccessTokenLifetime(3600);
      secrets.addFile(await loadTokens(s.tokenFile));
    });

    await t.step("when the refresh token is revoked every call names --oauth-setup", async () => {
      fake.oauth.revokeRefreshTokens();
      fake.oauth.expireAllAccessTokens();
      const before = fake.oauth.tokenRequests.refresh_token;
      const results = await Promise.all(
        Array.from(
          { length: 6 },
          (_, i) => answer(i % 2 ? jiraIssue(session!) : confluencePage(session!)),
        ),
      );
      for (const r of results) {
        equal(r.isError, true, r.text);
        ok(r.text.startsWith(REVOKED), r.text);
      }
      const again = await answer(jiraIssue(session!));
      ok(again.text.startsWith(REVOKED), again.text);
      equal(fake.oauth.tokenRequests.refresh_token - before, 1, "no refresh storm");
    });

    await t.step("running the setup again heals the server without a restart", async () => {
      await authorize(fake, s, secrets);
      const issue = await answer(jiraIssue(session!));
      equal(issue.isError, false, issue.text);
    });

    await t.step("no secret in any answer or log line", async () => {
      await session!.close();
      const stderr = session!.stderr();
      ok(stderr.length > 0, "debug logging was on");
      secrets.check(stderr, "stderr");
      for (const text of answers) secrets.check(text, "an answer");
      ok(!/Bearer [A-Za-z0-9._~+/-]{8,}/.test(stderr), "no Authorization value logged");
    });
  } finally {
    await session?.close().catch(() => {});
    await Deno.remove(s.home, { recursive: true });
  }
});

Deno.test("runtime OAuth without stored tokens says to run --oauth-setup", async () => {
  await using fake = await startFakeAtlassian();
  const s = await setup(fake);
  const session = await connectStdio(s.env);
  try {
    const answer = await jiraIssue(session);
    equal(answer.isError, true);
    ok(
      answer.text.startsWith(
        `No OAuth tokens are stored in ${s.tokenFile}: run ${SETUP} to authorize this server.`,
      ),
      answer.text,
    );
    equal(fake.oauth.tokenRequests.refresh_token, 0);
  } finally {
    await session.close();
    await Deno.remove(s.home, { recursive: true });
  }
});

Deno.test("bring-your-own-token is used as is, and its expiry gives the clear message", async () => {
  await using fake = await startFakeAtlassian();
  const issued = fake.oauth.issueToken({ user: "alice" });
  const secrets = new Secrets();
  secrets.add(issued.accessToken, issued.refreshToken);
  const home = await Deno.makeTempDir({ prefix: "mcp-byot-home-" });
  const session = await connectStdio({
    ATLASSIAN_OAUTH_ACCESS_TOKEN: issued.accessToken,
    ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID_1,
    ATLASSIAN_API_URL: fake.oauth.apiOrigin,
    MCP_VERY_VERBOSE: "true",
    HOME: home,
    DENO_DIR: await denoDir(),
  });
  try {
    const good = await jiraIssue(session);
    equal(good.isError, false, good.text);
    fake.oauth.expireAllAccessTokens();
    const expired = await jiraIssue(session);
    equal(expired.isError, true);
    ok(expired.text.startsWith(BYOT), expired.text);
    const page = await confluencePage(session);
    ok(page.text.startsWith(BYOT), page.text);
    equal(fake.oauth.tokenRequests.refresh_token, 0, "never refreshed");
    deepEqual([...Deno.readDirSync(home)], [], "nothing written");
    await session.close();
    for (const text of [good.text, expired.text, page.text, session.stderr()]) {
      secrets.check(text, "output");
    }
  } finally {
    await session.close().catch(() => {});
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("Data Center OAuth 2.0 refreshes at the instance with the redirect URI", async () => {
  await using fake = await startFakeAtlassian();
  const home = await Deno.makeTempDir({ prefix: "mcp-dc-oauth-home-" });
  const redirectUri = "http://localhost:8080/callback";
  const secrets = new Secrets();
  secrets.add(fake.dcOAuth.clientSecret);
  const back = new URL(
    await fake.dcOAuth.consent(
      fake.dcOAuth.authorizeUrl("jira", { redirectUri, state: "dc-state" }),
    ),
  );
  const tokens = await exchangeCode(datacenterEndpoints(fake.datacenter.origin), {
    clientId: fake.dcOAuth.clientId,
    clientSecret: fake.dcOAuth.clientSecret,
    code: back.searchParams.get("code")!,
    redirectUri,
  });
  secrets.add(tokens.accessToken, tokens.refreshToken);
  const tokenFile = `${home}/.mcp-atlassian/oauth-${fake.dcOAuth.clientId}.json`;
  await saveTokens(tokenFile, {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_at: tokens.expiresAt,
    base_url: fake.datacenter.origin,
  });
  const session = await connectStdio({
    JIRA_URL: fake.datacenter.origin,
    JIRA_DEPLOYMENT: "datacenter",
    ATLASSIAN_OAUTH_CLIENT_ID: fake.dcOAuth.clientId,
    ATLASSIAN_OAUTH_CLIENT_SECRET: fake.dcOAuth.clientSecret,
    HOME: home,
    DENO_DIR: await denoDir(),
  });
  try {
    const first = await jiraIssue(session, "DEMO-2");
    equal(first.isError, false, first.text);
    fake.dcOAuth.expireAllAccessTokens();
    const second = await jiraIssue(session, "DEMO-3");
    equal(second.isError, false, second.text);
    equal(fake.dcOAuth.tokenRequests.refresh_token, 1);
    const stored = await loadTokens(tokenFile);
    secrets.addFile(stored);
    ok(stored?.refresh_token && stored.refresh_token !== tokens.refreshToken, "rotated");
    equal(stored.base_url, fake.datacenter.origin);
    await session.close();
    for (const text of [first.text, second.text, session.stderr()]) secrets.check(text, "output");
  } finally {
    await session.close().catch(() => {});
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("an upload refused with 401 is sent again whole after the refresh, from bytes and from a file", async () => {
  await using fake = await startFakeAtlassian();
  const secrets = new Secrets();
  const s = await setup(fake, {
    ATLASSIAN_OAUTH_SCOPE:
      `${FAKE_OAUTH_SCOPE} read:attachment:confluence write:confluence-file readonly:content.attachment:confluence`,
  });
  const folder = await Deno.makeTempDir({ prefix: "mcp-oauth-attach-" });
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7 + 3) % 256);
  await Deno.writeFile(`${folder}/big.bin`, bytes);
  let session: Session | undefined;
  try {
    await authorize(fake, s, secrets);
    session = await connectStdio({
      ...s.env,
      MCP_ATTACHMENTS_DIR: folder,
      ATLASSIAN_MEDIA_URL: fake.cloud.env.ATLASSIAN_MEDIA_URL,
    });
    const uploads = [
      { file_path: "big.bin" },
      { content_base64: btoa(String.fromCharCode(...bytes)), filename: "b64.bin" },
    ];
    for (const [i, upload] of uploads.entries()) {
      // Refused as expired on the upload itself (not on the name lookup before it).
      fake.cloud.fault({ match: "/child/attachment", method: "POST", status: 401 });
      const up = await call(session.client, "confluence_upload_attachment", {
        content_id: "1001",
        ...upload,
      });
      equal(up.isError, false, up.text);
      equal(fake.oauth.tokenRequests.refresh_token, i + 1);
      const down = await call(session.client, "confluence_download_attachment", {
        attachment_id: up.json.attachment.id,
      });
      equal(down.isError, false, down.text);
      const item = down.content.find((item) => item.type === "resource");
      ok(item, JSON.stringify(down.content).slice(0, 300));
      const blob = item.resource as { blob: string };
      deepEqual(Uint8Array.from(atob(blob.blob), (c) => c.charCodeAt(0)), bytes);
    }
    await session.close();
    secrets.check(session.stderr(), "the log");
  } finally {
    await session?.close().catch(() => {});
    await Deno.remove(s.home, { recursive: true });
    await Deno.remove(folder, { recursive: true });
  }
});
