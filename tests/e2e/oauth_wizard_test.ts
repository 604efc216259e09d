/**
 * The OAuth setup wizard through the real entry point (`main.ts --oauth-setup`), run with the
 * wizard's least-privilege flags (written out here, and checked against what
 * `--oauth-setup --print-permissions` prints), a temporary HOME and scripted stdin; the test plays
 * the browser against the fake auth.atlassian.com and the wizard's own callback listener.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { CONFIG_ENV_VARS } from "../../src/config/env_vars.ts";
import { childEnv, MAIN } from "../../scripts/_server_command.ts";
import { Client, StdioClientTransport } from "../../scripts/_sdk_client.ts";
import {
  CLOUD_ID_1,
  CLOUD_ID_2,
  type FakeAtlassian,
  startFakeAtlassian,
} from "../fake_atlassian/mod.ts";

const CWD = new URL("./", import.meta.url).pathname;
const SECRET = "fake-client-secret";
const TIMEOUT_ENV = "MCP_OAUTH_SETUP_TIMEOUT";

/** Deno's cache, so a child with another HOME still finds the modules. */
const DENO_DIR = Deno.env.get("DENO_DIR") ??
  JSON.parse(
    new TextDecoder().decode(
      (await new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" })
        .output()).stdout,
    ),
  ).denoDir as string;

function host(url: string): string {
  return new URL(url).host;
}

function portOf(uri: string): number {
  return Number(new URL(uri).port);
}

/** The wizard's least privilege, written out: the OAuth hosts, the listener, the token folder. */
function wizardFlags(net: string[], home: string): string[] {
  return [
    "--no-prompt",
    `--allow-net=${net.join(",")}`,
    `--allow-read=${home}/.mcp-atlassian`,
    `--allow-write=${home}/.mcp-atlassian`,
    `--allow-env=${[...CONFIG_ENV_VARS, TIMEOUT_ENV].join(",")}`,
  ];
}

function cloudNet(fake: FakeAtlassian, redirectUri: string): string[] {
  return [
    host(fake.oauth.authOrigin),
    host(fake.oauth.apiOrigin),
    `127.0.0.1:${portOf(redirectUri)}`,
  ];
}

interface Run {
  /** Resolves with the first match of `re` in stderr. */
  waitStderr(re: RegExp): Promise<RegExpMatchArray>;
  /** Exit code, stdout and stderr once the process ended. */
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

function startWizard(opts: {
  flags: string[];
  env: Record<string, string>;
  home: string;
  answers: string[];
  args?: string[];
}): Run {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...opts.flags, MAIN, "--oauth-setup", ...(opts.args ?? [])],
    env: childEnv({ DENO_DIR, ...opts.env, HOME: opts.home }),
    clearEnv: true,
    cwd: CWD,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  writer.write(new TextEncoder().encode(opts.answers.map((a) => `${a}\n`).join("")))
    .then(() => writer.close()).catch(() => {});
  let stderr = "";
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = stderr.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  const stderrDone = (async () => {
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      stderr += chunk;
      check();
    }
  })();
  const stdoutDone = new Response(child.stdout).text();
  const done = (async () => {
    const [status, stdout] = await Promise.all([child.status, stdoutDone, stderrDone]);
    return { code: status.code, stdout, stderr };
  })();
  return {
    waitStderr(re) {
      const m = stderr.match(re);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        waiters.push({ re, resolve });
        done.then(() => reject(new Error(`process ended before ${re}:\n${stderr}`)));
      });
    },
    done,
  };
}

const AUTHORIZE = /^ {2}(https?:\/\/\S+\/authorize\?\S+)$/m;

/** The last line of stderr: the wizard's one-sentence verdict on a failure. */
function verdict(stderr: string): string {
  return stderr.trimEnd().split("\n").at(-1) ?? "";
}

async function withSetup(
  fn: (ctx: { fake: FakeAtlassian; home: string; redirectUri: string }) => Promise<void>,
) {
  await using fake = await startFakeAtlassian();
  const home = await Deno.makeTempDir({ prefix: "wizard-home-" });
  try {
    await fn({ fake, home, redirectUri: fake.oauth.env.ATLASSIAN_OAUTH_REDIRECT_URI });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

function cloudEnv(fake: FakeAtlassian): Record<string, string> {
  return {
    ATLASSIAN_OAUTH_AUTH_URL: fake.oauth.authOrigin,
    ATLASSIAN_API_URL: fake.oauth.apiOrigin,
    ATLASSIAN_OAUTH_CLIENT_ID: fake.oauth.clientId,
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("oauth wizard: the whole Cloud setup stores Python-format tokens and prints a working configuration", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const env = { ...cloudEnv(fake), JIRA_URL: fake.cloud2.origin, JIRA_DEPLOYMENT: "cloud" };
    const flags = wizardFlags(cloudNet(fake, redirectUri), home);

    // The printed least privilege is what this test grants (plus the optional browser opener).
    const printed = startWizard({
      flags: ["-A"],
      env: { ...env, ATLASSIAN_OAUTH_REDIRECT_URI: redirectUri },
      home,
      answers: [],
      args: ["--print-permissions"],
    });
    const line = (await printed.done).stdout.trim().split(" ");
    equal(line.slice(0, 2).join(" "), "deno run");
    deepEqual(line.slice(line.indexOf(MAIN) + 1), ["--oauth-setup"]);
    deepEqual(
      line.slice(2, line.indexOf(MAIN)).filter((w) => !w.startsWith("--allow-run=")),
      flags,
    );

    const run = startWizard({ flags, env, home, answers: ["", SECRET, redirectUri, ""] });
    const [, url] = await run.waitStderr(AUTHORIZE);
    const authorize = new URL(url);
    equal(authorize.origin + authorize.pathname, `${fake.oauth.authOrigin}/authorize`);
    equal(authorize.searchParams.get("audience"), "api.atlassian.com");
    equal(authorize.searchParams.get("prompt"), "consent");
    equal(authorize.searchParams.get("response_type"), "code");
    equal(authorize.searchParams.get("redirect_uri"), redirectUri);
    match(authorize.searchParams.get("scope")!, /offline_access/);
    const back = await fake.oauth.consent(url, { approve: true });
    const page = await fetch(back);
    equal(page.status, 200);
    match(page.headers.get("content-type")!, /text\/html/);
    match(await page.text(), /authorized/);
    const { code, stdout, stderr } = await run.done;
    equal(code, 0, stderr);

    // Token file: Python's format, folder 0700, file 0600, the site matching JIRA_URL.
    const folder = `${home}/.mcp-atlassian`;
    const file = `${folder}/oauth-${fake.oauth.clientId}.json`;
    equal((await Deno.stat(folder)).mode! & 0o777, 0o700);
    equal((await Deno.stat(file)).mode! & 0o777, 0o600);
    const tokens = JSON.parse(await Deno.readTextFile(file));
    deepEqual(Object.keys(tokens).sort(), [
      "access_token",
      "base_url",
      "cloud_id",
      "expires_at",
      "refresh_token",
    ]);
    equal(tokens.cloud_id, CLOUD_ID_2);
    ok(tokens.access_token && tokens.refresh_token);
    ok(tokens.expires_at > Date.now() / 1000 + 3000);

    // Env lines and client configuration on stdout; nothing secret anywhere.
    match(stdout, new RegExp(`^ATLASSIAN_OAUTH_CLIENT_ID=${fake.oauth.clientId}$`, "m"));
    match(stdout, /^ATLASSIAN_OAUTH_CLIENT_SECRET=<your client secret>$/m);
    match(stdout, new RegExp(`^ATLASSIAN_OAUTH_REDIRECT_URI=${redirectUri}$`, "m"));
    match(stdout, /^ATLASSIAN_OAUTH_SCOPE="read:jira-work write:jira-work .*offline_access"$/m);
    match(stdout, new RegExp(`^ATLASSIAN_OAUTH_CLOUD_ID=${CLOUD_ID_2}$`, "m"));
    for (const secret of [SECRET, tokens.access_token, tokens.refresh_token]) {
      ok(!stdout.includes(secret), "stdout leaks a secret");
      ok(!stderr.includes(secret), "stderr leaks a secret");
    }
    const config = JSON.parse(stdout.slice(stdout.indexOf("{")));
    const server = config.mcpServers.atlassian;
    equal(server.env.ATLASSIAN_OAUTH_CLIENT_SECRET, "<your client secret>");
    equal(server.env.ATLASSIAN_OAUTH_CLOUD_ID, CLOUD_ID_2);
    equal(server.env.JIRA_URL, fake.cloud2.origin);
    equal(server.env.ATLASSIAN_API_URL, fake.oauth.apiOrigin);

    // The printed configuration starts a server that reaches the chosen site.
    const transport = new StdioClientTransport({
      command: server.command,
      args: server.args,
      env: childEnv({
        DENO_DIR,
        ...server.env,
        ATLASSIAN_OAUTH_CLIENT_SECRET: SECRET,
        HOME: home,
      }),
      stderr: "pipe",
      cwd: CWD,
    });
    const client = new Client({ name: "wizard-e2e", version: "1.0.0" });
    await client.connect(transport);
    try {
      const result = await client.callTool({
        name: "jira_get_issue",
        arguments: { issue_key: "DEMO-1" },
      });
      const text = (result.content as { text: string }[]).map((c) => c.text).join("\n");
      ok(!result.isError, text);
      match(text, /\[Beta\] Checkout revamp/);
    } finally {
      await client.close();
    }
  });
});

Deno.test("oauth wizard: a declined consent ends with one sentence and stores nothing", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const [, url] = await run.waitStderr(AUTHORIZE);
    const back = new URL(await fake.oauth.consent(url, { approve: false }));
    equal(back.searchParams.get("error"), "access_denied");
    // The description is shown in the terminal: no escape sequence may pass through.
    back.searchParams.set(
      "error_description",
      `\u001b[2J\u001b[31m${back.searchParams.get("error_description")}\u0007\r\nforged line`,
    );
    const page = await (await fetch(back)).text();
    match(page, /declined/);
    const { code, stderr } = await run.done;
    equal(code, 1);
    match(verdict(stderr), /^OAuth setup failed: The consent was declined .*forged line.*\.$/);
    for (const control of ["\u001b", "\u0007", "\r"]) {
      ok(!stderr.includes(control), JSON.stringify(verdict(stderr)));
    }
    ok(!(await exists(`${home}/.mcp-atlassian/oauth-${fake.oauth.clientId}.json`)));
  });
});

Deno.test("oauth wizard: a redirect with another state is refused and the setup keeps waiting", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const [, url] = await run.waitStderr(AUTHORIZE);
    const back = new URL(await fake.oauth.consent(url, { approve: true }));
    // Any local process can reach the listener: neither a forged code nor a forged error may
    // end the setup.
    const forged = new URL(back);
    forged.searchParams.set("state", "forged-state");
    const declined = new URL(redirectUri);
    declined.searchParams.set("error", "access_denied");
    declined.searchParams.set("state", "forged-state");
    for (const attempt of [forged, declined]) {
      const page = await fetch(attempt);
      equal(page.status, 400);
      match(await page.text(), /state does not match/);
    }
    equal(fake.oauth.tokenRequests.authorization_code ?? 0, 0, "the forged code was not used");
    // The genuine redirect still completes the setup.
    const page = await fetch(back);
    equal(page.status, 200);
    match(await page.text(), /authorized/);
    const { code, stderr } = await run.done;
    equal(code, 0, stderr);
    equal(fake.oauth.tokenRequests.authorization_code, 1);
    ok(await exists(`${home}/.mcp-atlassian/oauth-${fake.oauth.clientId}.json`));
  });
});

Deno.test("oauth wizard: a wrong client secret is named, and never printed", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const wrong = "not-the-client-secret";
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", wrong, redirectUri, ""],
    });
    const [, url] = await run.waitStderr(AUTHORIZE);
    await fetch(await fake.oauth.consent(url, { approve: true })).then((r) => r.text());
    const { code, stdout, stderr } = await run.done;
    equal(code, 1);
    match(verdict(stderr), /^OAuth setup failed: .*refused the OAuth client id or secret/);
    ok(!stderr.includes(wrong) && !stdout.includes(wrong));
  });
});

Deno.test("oauth wizard: scopes without offline_access are refused before the browser", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, "read:jira-work write:jira-work"],
    });
    const { code, stderr } = await run.done;
    equal(code, 1);
    match(verdict(stderr), /^OAuth setup failed: The scopes lack offline_access, .*\.$/);
    ok(!AUTHORIZE.test(stderr));
  });
});

Deno.test("oauth wizard: no answer from the browser times out", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const started = Date.now();
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: { ...cloudEnv(fake), [TIMEOUT_ENV]: "1" },
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const { code, stderr } = await run.done;
    equal(code, 1);
    match(
      verdict(stderr),
      /^OAuth setup failed: No answer came back from the browser within 1 second/,
    );
    ok(Date.now() - started < 8000);
  });
});

Deno.test("oauth wizard: a callback port in use is named", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    using _busy = Deno.listen({ hostname: "127.0.0.1", port: portOf(redirectUri) });
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const { code, stderr } = await run.done;
    equal(code, 1);
    match(
      verdict(stderr),
      new RegExp(
        `^OAuth setup failed: Port 127\\.0\\.0\\.1:${portOf(redirectUri)} is already in use`,
      ),
    );
  });
});

Deno.test("oauth wizard: without a terminal and a matching URL the first site is taken, with a warning", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const run = startWizard({
      flags: wizardFlags(cloudNet(fake, redirectUri), home),
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const [, url] = await run.waitStderr(AUTHORIZE);
    await fetch(await fake.oauth.consent(url, { approve: true })).then((r) => r.text());
    const { code, stdout, stderr } = await run.done;
    equal(code, 0, stderr);
    match(stderr, /Warning: the token reaches 2 sites and none matches/);
    match(stdout, new RegExp(`^ATLASSIAN_OAUTH_CLOUD_ID=${CLOUD_ID_1}$`, "m"));
  });
});

Deno.test("oauth wizard: missing process permissions are named before anything starts", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const flags = wizardFlags(cloudNet(fake, redirectUri), home).filter((f) =>
      !f.startsWith("--allow-write")
    );
    const run = startWizard({
      flags,
      env: cloudEnv(fake),
      home,
      answers: ["", SECRET, redirectUri, ""],
    });
    const { code, stderr } = await run.done;
    equal(code, 2);
    match(verdict(stderr), new RegExp(`--allow-write=${home}/\\.mcp-atlassian`));
    ok(!stderr.includes("Client ID"), "nothing is asked");
  });
});

Deno.test("oauth wizard: Data Center authorizes at the instance and stores its URL", async () => {
  await withSetup(async ({ fake, home, redirectUri }) => {
    const dc = fake.datacenter.origin;
    const run = startWizard({
      flags: wizardFlags([host(dc), `127.0.0.1:${portOf(redirectUri)}`], home),
      env: { JIRA_URL: dc, JIRA_DEPLOYMENT: "datacenter" },
      home,
      answers: [fake.dcOAuth.clientId, SECRET, redirectUri, ""],
    });
    const [, url] = await run.waitStderr(AUTHORIZE);
    const authorize = new URL(url);
    equal(authorize.origin + authorize.pathname, `${dc}/rest/oauth2/latest/authorize`);
    equal(authorize.searchParams.get("scope"), "WRITE");
    equal(authorize.searchParams.get("audience"), null);
    await fetch(await fake.dcOAuth.consent(url, { approve: true })).then((r) => r.text());
    const { code, stdout, stderr } = await run.done;
    equal(code, 0, stderr);
    const file = `${home}/.mcp-atlassian/oauth-${fake.dcOAuth.clientId}.json`;
    const tokens = JSON.parse(await Deno.readTextFile(file));
    equal(tokens.base_url, dc);
    equal(tokens.cloud_id, null);
    ok(tokens.refresh_token);
    ok(!/^ATLASSIAN_OAUTH_CLOUD_ID=/m.test(stdout));
    ok(
      !("ATLASSIAN_OAUTH_CLOUD_ID" in
        JSON.parse(stdout.slice(stdout.indexOf("{"))).mcpServers.atlassian.env),
    );
    match(stdout, /^ATLASSIAN_OAUTH_SCOPE=WRITE$/m);
    const config = JSON.parse(stdout.slice(stdout.indexOf("{")));
    equal(config.mcpServers.atlassian.env.JIRA_URL, dc);
    ok(!stderr.includes(SECRET) && !stdout.includes(SECRET));
  });
});

Deno.test("oauth wizard: `deno task start -- --oauth-setup` reaches the wizard", async () => {
  const home = await Deno.makeTempDir({ prefix: "wizard-home-" });
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "start", "--", "--oauth-setup", "--print-permissions"],
    env: childEnv({ DENO_DIR, HOME: home }),
    clearEnv: true,
    cwd: new URL("../../", import.meta.url).pathname,
    stdin: "null",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  equal(out.code, 0, new TextDecoder().decode(out.stderr));
  match(
    stdout,
    /--allow-net=auth\.atlassian\.com:443,api\.atlassian\.com:443,127\.0\.0\.1:8080,\[::1\]:8080/,
  );
  match(stdout, new RegExp(`--allow-write=${home}/\\.mcp-atlassian `));
  match(stdout, /dist\/mcp-atlassian\.js --oauth-setup\n$/);
  await Deno.remove(home, { recursive: true });
});
