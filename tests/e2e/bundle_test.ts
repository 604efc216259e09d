/**
 * The single-file bundle `dist/mcp-atlassian.js` (`deno task bundle`; `deno task test` builds it
 * first): it imports nothing but Deno's `node:` built-ins, it serves on an empty Deno cache
 * without downloading anything (`--cached-only` would refuse any download), in its main isolate
 * under its own least-privilege line, and from a Worker created from itself under `-A`.
 */
import { equal, match, ok } from "node:assert/strict";
import { BUNDLE, ROOT } from "../../scripts/bundle.ts";
import { childEnv } from "../../scripts/_server_command.ts";
import { Client, StdioClientTransport } from "../../scripts/_sdk_client.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call } from "./_harness.ts";

const PATH = `${ROOT}/${BUNDLE}`;

async function bundleText(): Promise<string> {
  try {
    return await Deno.readTextFile(PATH);
  } catch {
    throw new Error(`${BUNDLE} is missing: run deno task bundle (deno task test does it first)`);
  }
}

/** Connects a client to `deno <args>` started in `cwd`; returns it with its stderr. */
async function connect(args: string[], env: Record<string, string>, cwd: string) {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args,
    env: childEnv(env),
    cwd,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += new TextDecoder().decode(chunk));
  const client = new Client({ name: "bundle", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

Deno.test("the bundle imports nothing but node: built-ins", async () => {
  const text = await bundleText();
  // Static imports (`import{a as b}from"x";`, `import"x";`) and dynamic ones (`import("x")`).
  const specifiers = [
    ...text.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?from\s*)?"([^"]+)";/g),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1]);
  ok(specifiers.length > 0, "the bundle imports node: built-ins");
  for (const specifier of specifiers) match(specifier, /^node:/);
});

Deno.test("on an empty Deno cache the bundle serves under its own line without downloading", async () => {
  await bundleText();
  await using fake = await startFakeAtlassian();
  const env = { ...fake.cloud.env, MCP_VERBOSE: "true" };
  const cache = await Deno.makeTempDir({ prefix: "empty-deno-dir-" });
  const cwd = await Deno.makeTempDir({ prefix: "no-config-" });
  try {
    const printed = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", PATH, "--print-permissions"],
      env: childEnv(env),
      clearEnv: true,
      cwd,
      stdin: "null",
    }).output();
    const line = new TextDecoder().decode(printed.stdout).trim();
    match(line, new RegExp(`^deno run --no-prompt .* ${PATH}$`));
    const [, run, ...rest] = line.split(" ");
    equal(run, "run");
    const session = await connect(
      ["run", "--cached-only", ...rest],
      { ...env, DENO_DIR: cache },
      cwd,
    );
    try {
      const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
      equal(answer.isError, false, answer.text);
      equal(answer.json.key, "DEMO-1");
      match(session.stderr(), /Serving in this process/);
    } finally {
      await session.client.close();
    }
    // Deno may create its cache folders, but nothing is downloaded into them.
    for (const folder of ["npm", "remote"]) {
      const entries = await Array.fromAsync(Deno.readDir(`${cache}/${folder}`)).catch(() => []);
      equal(entries.length, 0, `${folder}: ${entries.map((entry) => entry.name).join(", ")}`);
    }
  } finally {
    await Deno.remove(cache, { recursive: true });
    await Deno.remove(cwd, { recursive: true });
  }
});

Deno.test("under -A the bundle serves from a Worker created from itself", async () => {
  await bundleText();
  await using fake = await startFakeAtlassian();
  const cwd = await Deno.makeTempDir({ prefix: "no-config-" });
  try {
    const session = await connect(
      ["run", "-A", "--unstable-worker-options", PATH],
      { ...fake.cloud.env, MCP_VERBOSE: "true" },
      cwd,
    );
    try {
      const answer = await call(session.client, "jira_get_issue", { issue_key: "DEMO-1" });
      equal(answer.isError, false, answer.text);
      match(session.stderr(), /Serving in a Worker/);
    } finally {
      await session.client.close();
    }
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
