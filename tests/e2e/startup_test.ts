/**
 * What happens before serving: bad configuration and missing permissions end the process with
 * one clear message; --print-permissions prints a least-privilege run line that works.
 */
import { equal, match, ok } from "node:assert/strict";
import { childEnv, MAIN } from "../../scripts/_server_command.ts";
import { Client, StdioClientTransport } from "../../scripts/_sdk_client.ts";

async function run(args: string[], env: Record<string, string>, flags = ["-A"]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--unstable-worker-options", ...flags, MAIN, ...args],
    env: childEnv(env),
    clearEnv: true,
    cwd: new URL("./", import.meta.url).pathname,
    stdin: "null",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

const CLOUD = {
  JIRA_URL: "https://acme.atlassian.net",
  JIRA_USERNAME: "me@example.com",
  JIRA_API_TOKEN: "secret-api-token-123",
};

Deno.test("bad configuration lists every problem with an example and exits 2", async () => {
  const { code, stderr, stdout } = await run([], { JIRA_URL: "not a url", PORT: "abc" });
  equal(code, 2);
  equal(stdout, "");
  match(stderr, /JIRA_URL/);
  match(stderr, /example/i);
  match(stderr, /PORT/);
});

Deno.test("a process without net permission for the configured host exits naming the flag", async () => {
  const { code, stderr } = await run([], CLOUD, ["--allow-env", "--allow-read"]);
  equal(code, 2);
  match(stderr, /--allow-net=acme\.atlassian\.net:443/);
  ok(!stderr.includes("secret-api-token-123"));
});

Deno.test("--print-permissions prints exact least-privilege flags and no secret", async () => {
  const { code, stdout } = await run(["--print-permissions"], CLOUD);
  equal(code, 0);
  // TOOLSETS unset selects jira_forms, whose API is on api.atlassian.com.
  match(stdout, /--allow-net=acme\.atlassian\.net:443,api\.atlassian\.com:443(\s|$)/);
  match(stdout, /--no-prompt/);
  ok(!stdout.includes("--allow-write"));
  ok(!stdout.includes("--allow-run"));
  ok(!stdout.includes("unsafely-ignore"));
  ok(!stdout.includes("secret-api-token-123"));
  const withArgs = await run(
    [
      "--transport",
      "streamable-http",
      "--read-only",
      "--jira-token",
      "flag-token-456",
      "--print-permissions",
    ],
    CLOUD,
  );
  match(
    withArgs.stdout,
    /main\.ts --transport streamable-http --read-only$/m,
    "the user's own flags are kept",
  );
  match(
    withArgs.stdout,
    /--allow-net=acme\.atlassian\.net:443,api\.atlassian\.com:443,127\.0\.0\.1:8000/,
  );
  const core = await run(["--print-permissions"], { ...CLOUD, TOOLSETS: "default" });
  match(core.stdout, /--allow-net=acme\.atlassian\.net:443(\s|$)/);
  ok(!withArgs.stdout.includes("flag-token-456"));
  match(withArgs.stderr, /set JIRA_API_TOKEN in the environment/);
  const off = await run(["--print-permissions"], { ...CLOUD, JIRA_SSL_VERIFY: "false" });
  match(off.stdout, /--unsafely-ignore-certificate-errors=acme\.atlassian\.net/);
});

Deno.test("--version and --help print to stdout and exit 0", async () => {
  const version = await run(["--version"], {});
  equal(version.code, 0);
  match(version.stdout, /^mcp-atlassian \d+\.\d+\.\d+/);
  const help = await run(["--help"], {});
  match(help.stdout, /--print-permissions/);
});

Deno.test("a port in use stops the server with one line naming the address and the fix", async () => {
  using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  const { code, stderr } = await run(
    ["--transport", "streamable-http", "--port", String(port)],
    CLOUD,
  );
  equal(code, 1);
  match(
    stderr,
    new RegExp(
      `^\\[error\\] Cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use .*--port or PORT; 0 picks any free port\\.$`,
      "m",
    ),
  );
  ok(!stderr.includes("os error"), stderr);
});

Deno.test("the --print-permissions line with a ./.env works from another folder", async () => {
  const folder = await Deno.makeTempDir();
  try {
    const env = Object.entries(CLOUD).map(([name, value]) => `${name}=${value}`).join("\n");
    await Deno.writeTextFile(`${folder}/.env`, env + "\n");
    const printed = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--unstable-worker-options", "-A", MAIN, "--print-permissions"],
      env: childEnv({}),
      clearEnv: true,
      cwd: folder,
      stdin: "null",
    }).output();
    const line = new TextDecoder().decode(printed.stdout).trim();
    match(line, new RegExp(`--allow-read=${folder}/\\.env( |$)`));
    match(line, new RegExp(`main\\.ts --env-file=${folder}/\\.env$`));
    ok(!line.includes("secret-api-token-123"));
    const [deno, ...args] = line.split(" ");
    equal(deno, "deno");
    const client = new Client({ name: "env-file", version: "1.0.0" });
    await client.connect(
      new StdioClientTransport({
        command: Deno.execPath(),
        args,
        env: childEnv({}),
        cwd: "/",
        stderr: "pipe",
      }),
    );
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      ok(names.includes("jira_get_issue"), "Jira is configured from the .env");
    } finally {
      await client.close();
    }
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

/** Whether util-linux `script` (runs a command on a pseudo-terminal) is installed. */
const hasScript = await new Deno.Command("script", { args: ["--version"], stdout: "null" })
  .output().then((out) => out.success, () => false);

Deno.test({
  name: "started by hand in a terminal, the server says it is an MCP server for clients",
  ignore: !hasScript,
  fn: async () => {
    const command = [Deno.execPath(), "run", "-A", "--unstable-worker-options", MAIN].join(" ");
    const out = await new Deno.Command("script", {
      args: ["-qec", command, "/dev/null"],
      env: childEnv(CLOUD),
      clearEnv: true,
      stdin: "null",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    match(text, /mcp-atlassian speaks MCP over stdin\/stdout: an MCP client .* starts it/);
    // Under a client (stdin a pipe) it says nothing of the kind.
    const piped = await run([], CLOUD);
    ok(!piped.stderr.includes("speaks MCP"), piped.stderr);
  },
});

Deno.test("--print-client-config prints a working client configuration without the secrets", async () => {
  const printed = await run(["--print-client-config=claude-code"], CLOUD);
  equal(printed.code, 0, printed.stderr);
  ok(!printed.stdout.includes("secret-api-token-123"));
  match(printed.stderr, /^For \.mcp\.json in your project/m);
  const server = JSON.parse(printed.stdout).mcpServers.atlassian;
  equal(server.command, Deno.execPath());
  equal(server.env.JIRA_API_TOKEN, "${JIRA_API_TOKEN}");
  equal(server.env.JIRA_URL, CLOUD.JIRA_URL);
  // The client starts the server with those words and the secret from its own environment.
  const client = new Client({ name: "client-config", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: server.command,
      args: server.args,
      env: childEnv({ ...server.env, JIRA_API_TOKEN: CLOUD.JIRA_API_TOKEN }),
      cwd: "/",
      stderr: "pipe",
    }),
  );
  try {
    ok((await client.listTools()).tools.some((tool) => tool.name === "jira_get_issue"));
  } finally {
    await client.close();
  }
  // Secrets by value (a proxy password, a header value) and given as flags stay references too.
  const guarded = await run(["--print-client-config=cursor", "--jira-token", "flag-token-456"], {
    ...CLOUD,
    JIRA_HTTPS_PROXY: "http://user:proxypass99@127.0.0.1:3128",
    JIRA_CUSTOM_HEADERS: "X-Api-Key=hdrsecret12345",
  });
  equal(guarded.code, 0, guarded.stderr);
  for (const secret of ["proxypass99", "hdrsecret12345", "flag-token-456", CLOUD.JIRA_API_TOKEN]) {
    ok(!guarded.stdout.includes(secret), secret);
  }
  const guardedEnv = JSON.parse(guarded.stdout).mcpServers.atlassian.env;
  equal(guardedEnv.JIRA_HTTPS_PROXY, "${env:JIRA_HTTPS_PROXY}");
  equal(guardedEnv.JIRA_CUSTOM_HEADERS, "${env:JIRA_CUSTOM_HEADERS}");
  equal(guardedEnv.JIRA_API_TOKEN, "${env:JIRA_API_TOKEN}");
  const wrong = await run(["--print-client-config=zed"], CLOUD);
  equal(wrong.code, 2);
  match(wrong.stderr, /--print-client-config must be one of claude-desktop, claude-code/);
});

Deno.test("an attachments folder holding the .env file stops the server before serving", async () => {
  const folder = await Deno.makeTempDir({ prefix: "mcp-secret-attach-" });
  try {
    const envFile = `${folder}/.env`;
    await Deno.writeTextFile(
      envFile,
      Object.entries(CLOUD).map(([name, value]) => `${name}=${value}`).join("\n"),
    );
    const { code, stderr, stdout } = await run([`--env-file=${envFile}`], {
      MCP_ATTACHMENTS_DIR: folder,
    });
    equal(code, 2);
    equal(stdout, "");
    match(stderr, /MCP_ATTACHMENTS_DIR \(.*\) must not hold the server's own secrets/);
    ok(stderr.includes(envFile));
    ok(!stderr.includes("secret-api-token-123"));
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
