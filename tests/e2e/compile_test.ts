/**
 * The compiled binary, checked without running it. The real base runtime (`denort`) comes from
 * dl.deno.land, which is unreachable here, so the single-file bundle is built the way
 * scripts/bundle.ts builds it (into a temp folder) and compiled — with the exact arguments of
 * scripts/compile.ts — onto a stand-in base (this Deno's own executable: any ELF works, and the
 * output is never executed). Then the embedded payload is read back and checked (permissions,
 * flags, the one embedded file, no secrets), and the embedded bundle is extracted and run with
 * `deno run` under exactly the embedded permissions to complete an MCP initialize and
 * tools/list over stdio.
 *
 * Compiled with `--no-check`: type-checking is `deno task check`'s job, and skipping it keeps
 * this test at a few seconds.
 */
import assert from "node:assert/strict";
import { CONFIG_ENV_VARS } from "../../src/config/mod.ts";
import { compileArgs, ROOT } from "../../scripts/compile.ts";
import { bundleArgs } from "../../scripts/bundle.ts";
import {
  type EmbeddedMetadata,
  type EmbeddedPermissions,
  type Payload,
  readPayloadFile,
} from "../../scripts/_payload.ts";
import { childEnv, initializeRequest } from "../../scripts/_server_command.ts";

const TARGET = "x86_64-unknown-linux-gnu";
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Values that must never end up in a binary: set in the compile's environment. */
const CANARIES: Record<string, string> = Object.fromEntries(
  [
    "JIRA_API_TOKEN",
    "JIRA_PERSONAL_TOKEN",
    "CONFLUENCE_API_TOKEN",
    "CONFLUENCE_PERSONAL_TOKEN",
    "JIRA_CLIENT_KEY_PASSWORD",
    "ATLASSIAN_OAUTH_CLIENT_SECRET",
    "ATLASSIAN_OAUTH_ACCESS_TOKEN",
  ].map((name) => [name, `canary-${name}-${crypto.randomUUID()}`]),
);

/** Secret-looking values of this process's own environment (they reach the compile too). */
function ambientSecrets(): string[] {
  return Object.entries(Deno.env.toObject())
    .filter(([name, value]) =>
      /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE|CREDENTIAL/i.test(name) && value.length >= 8
    )
    .map(([, value]) => value);
}

async function run(args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = decoder.decode(out.stderr);
  assert.ok(out.success, `deno ${args[0]} failed:\n${stderr}`);
  return decoder.decode(out.stdout);
}

/** The `deno run` flags that reproduce the embedded permissions and unstable features. */
function runFlags(meta: EmbeddedMetadata): string[] {
  const flags: string[] = [];
  for (const [key, value] of Object.entries(meta.permissions)) {
    if (key === "prompt") {
      if (value === false) flags.push("--no-prompt");
      continue;
    }
    const match = /^(allow|deny|ignore)_([a-z]+)$/.exec(key);
    assert.ok(match, `unknown permission key ${key}`);
    if (value === null) continue;
    assert.ok(Array.isArray(value), `${key} is not a list`);
    flags.push(
      value.length ? `--${match[1]}-${match[2]}=${value.join(",")}` : `--${match[1]}-${match[2]}`,
    );
  }
  for (const feature of meta.unstable_config.features) flags.push(`--unstable-${feature}`);
  const insecure = meta.unsafely_ignore_certificate_errors;
  if (insecure) flags.push(`--unsafely-ignore-certificate-errors=${insecure.join(",")}`);
  return flags;
}

/** Lines of a stream, read to its end in the background. */
function lineReader(stream: ReadableStream<Uint8Array>) {
  const lines: string[] = [];
  let done = false;
  let wake = () => {};
  const pump = (async () => {
    let buffer = "";
    try {
      for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
        buffer += chunk;
        for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
          lines.push(buffer.slice(0, i));
          buffer = buffer.slice(i + 1);
        }
        wake();
      }
    } finally {
      done = true;
      wake();
    }
  })();
  const next = async (): Promise<string | undefined> => {
    while (!lines.length && !done) await new Promise<void>((resolve) => wake = resolve);
    return lines.shift();
  };
  return { next, pump };
}

Deno.test({
  name: "compile: the binary embeds least-privilege permissions and a working server",
  ignore: Deno.build.os !== "linux", // the stand-in base must be an ELF executable
  async fn(t) {
    const tmp = await Deno.makeTempDir({ prefix: "mcp-compile-test-" });
    try {
      const binary = `${tmp}/mcp-atlassian-${TARGET}`;
      const bundle = `${tmp}/mcp-atlassian.js`;
      // The arguments of buildBundle() and of scripts/compile.ts, with the canaries in the
      // environment of both steps.
      await run(bundleArgs(bundle), CANARIES);
      await run(compileArgs({ target: TARGET, output: binary, check: false, entry: bundle }), {
        DENORT_BIN: Deno.execPath(),
        ...CANARIES,
      });
      const payload: Payload = readPayloadFile(binary);
      const meta = payload.metadata;

      await t.step("permissions are exactly the intended ones", () => {
        // Compile always records Deno's default allow_import list; each of its hosts must be
        // denied by name (a bare --deny-import does not override it), so nothing is importable.
        const allowImport = meta.permissions.allow_import ?? [];
        const denyImport = meta.permissions.deny_import ?? [];
        assert.ok(allowImport.length > 0);
        assert.deepStrictEqual([...denyImport].sort(), [...allowImport].sort());
        const expected: EmbeddedPermissions = {
          allow_env: [...CONFIG_ENV_VARS],
          deny_env: null,
          ignore_env: null,
          allow_net: [], // [] = any host: the Worker narrows it to the configured ones
          deny_net: null,
          allow_ffi: null,
          deny_ffi: null,
          allow_read: [], // [] = any path: .env / CA / cert files are named at run time
          deny_read: null,
          ignore_read: null,
          allow_run: null,
          deny_run: null,
          allow_sys: null,
          deny_sys: null,
          allow_write: [], // [] = any path: the OAuth token folder is under HOME, known at run time
          deny_write: null,
          allow_import: allowImport,
          deny_import: denyImport,
          prompt: false,
        };
        assert.deepStrictEqual(meta.permissions, expected);
      });

      await t.step(
        "under those permissions nothing beyond net, read, write and the env list is granted",
        async () => {
          const probe = `${tmp}/probe.mjs`;
          await Deno.writeTextFile(
            probe,
            `const q = async (d) => (await Deno.permissions.query(d)).state;
          const hosts = JSON.parse(Deno.args[0]);
          const out = { net: await q({ name: "net" }), read: await q({ name: "read" }) };
          for (const name of ["write", "run", "ffi", "sys"]) out[name] = await q({ name });
          for (const variable of ["JIRA_URL", "HOME", "PATH"]) {
            out["env " + variable] = await q({ name: "env", variable });
          }
          for (const host of hosts) out["import " + host] = await q({ name: "import", host });
          console.log(JSON.stringify(out));`,
          );
          const hosts = [...(meta.permissions.allow_import ?? []), "example.com:443", "esm.sh"];
          const states = JSON.parse(
            await run(["run", "--no-config", ...runFlags(meta), probe, JSON.stringify(hosts)]),
          );
          const granted = Object.keys(states).filter((k) => states[k] === "granted").sort();
          // HOME is in the env list: the launcher places the OAuth token file under it.
          assert.deepStrictEqual(
            granted,
            ["env HOME", "env JIRA_URL", "net", "read", "write"],
            JSON.stringify(states),
          );
        },
      );

      await t.step("flags: worker options on; no env file, certificates or preloads", () => {
        assert.ok(meta.unstable_config.features.includes("worker-options"));
        assert.deepStrictEqual(meta.env_vars_from_env_file, {});
        assert.equal(meta.unsafely_ignore_certificate_errors, null);
        assert.equal(meta.ca_data, null);
        assert.deepStrictEqual(meta.argv, []);
        assert.deepStrictEqual(meta.preload_modules, []);
        assert.deepStrictEqual(meta.require_modules, []);
      });

      await t.step(
        "the binary embeds exactly the bundle, no npm tree, no remote module",
        async () => {
          assert.equal(payload.npmSnapshotBytes, 0);
          assert.deepStrictEqual(payload.remoteSpecifiers, []);
          assert.deepStrictEqual([...payload.files.keys()], [meta.entrypoint_key]);
          // Byte for byte the file scripts/bundle.ts built: main.ts creates its Worker from this
          // same module, so there is no second file.
          const embedded = latin1.decode(payload.readFile(meta.entrypoint_key));
          const built = latin1.decode(await Deno.readFile(bundle));
          assert.equal(embedded.length, built.length, "the embedded file's size");
          assert.ok(embedded === built, "the embedded file differs from the bundle");
        },
      );

      await t.step("no secret from the environment is embedded", () => {
        const texts = [
          JSON.stringify(meta),
          ...[...payload.files.values()].map((b) => latin1.decode(b)),
        ];
        for (const secret of [...Object.values(CANARIES), ...ambientSecrets()]) {
          assert.ok(!texts.some((text) => text.includes(secret)), "a secret is in the payload");
        }
      });

      // Net, read and write are granted wholesale, so the launcher serves from a Worker limited to
      // the configuration's hosts and files, created from the extracted bundle itself.
      await t.step("the embedded program serves MCP under exactly its permissions", async () => {
        const app = `${tmp}/app`;
        await Deno.mkdir(app);
        for (const [path, bytes] of payload.files) await Deno.writeFile(`${app}/${path}`, bytes);
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "--no-config", ...runFlags(meta), `${app}/${meta.entrypoint_key}`],
          cwd: app, // no ./.env from the repository
          clearEnv: true,
          env: childEnv({
            JIRA_URL: "https://example.atlassian.net",
            JIRA_USERNAME: "a@b.c",
            JIRA_API_TOKEN: "t",
          }),
          stdin: "piped",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        const stderr = new Response(child.stderr).text();
        const stdout = lineReader(child.stdout);
        const writer = child.stdin.getWriter();
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        const send = (message: unknown) =>
          writer.write(encoder.encode(JSON.stringify(message) + "\n"));
        const reply = async (id: number) => {
          for (let line = await stdout.next(); line !== undefined; line = await stdout.next()) {
            const message = JSON.parse(line);
            if (message.id === id) return message;
          }
          throw new Error(`no reply to request ${id}; stderr:\n${await stderr}`);
        };
        let closed = false;
        try {
          await send(initializeRequest("t"));
          const init = await reply(1);
          assert.equal(init.result?.serverInfo?.name, "mcp-atlassian", JSON.stringify(init));
          await send({ jsonrpc: "2.0", method: "notifications/initialized" });
          await send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
          const tools = await reply(2);
          assert.ok(tools.result?.tools?.length > 0, JSON.stringify(tools));
          await writer.close();
          closed = true;
          const status = await child.status;
          assert.equal(status.code, 0, `exit after stdin closed; stderr:\n${await stderr}`);
        } finally {
          clearTimeout(timer);
          if (!closed) await writer.close().catch(() => {});
          try {
            child.kill("SIGKILL");
          } catch {
            // already exited
          }
          await child.status;
          await stdout.pump;
          await stderr;
        }
      });
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
