/**
 * Smoke test of a built server (a compiled binary, a container image or `deno run main.ts`):
 *
 * 1. `<command> --version` exits 0 and prints `mcp-atlassian <version of deno.json>`;
 * 2. the command started over stdio against the fake Atlassian (Cloud flavour) completes an MCP
 *    `initialize` through the SDK client and lists its tools with `tools/list`.
 *
 * ```sh
 * deno run -A scripts/smoke.ts -- dist/mcp-atlassian-x86_64-unknown-linux-gnu
 * deno run -A scripts/smoke.ts --docker ghcr.io/owner/repo:v1.2.3 [--platform linux/arm64]
 * ```
 *
 * With `--docker IMAGE` the command is
 * `docker run -i --rm --network host [--platform P] -e NAME... IMAGE`
 * followed by `--transport stdio` (which replaces the image's default HTTP command): the fake
 * listens on the host's loopback, which `--network host` shares with the container (Linux).
 *
 * Prints one line `smoke ok: <version>, <n> tools` and exits 0, or one sentence and exits 1.
 *
 * @module
 */
import { startFakeAtlassian } from "../tests/fake_atlassian/mod.ts";
import { Client, StdioClientTransport } from "./_sdk_client.ts";
import { childEnv } from "./_server_command.ts";
import { taskArgs } from "./compile.ts";

/** What a passing smoke test saw. */
export interface SmokeResult {
  /** The first line `--version` printed. */
  version: string;
  /** The names `tools/list` returned. */
  tools: string[];
}

const decoder = new TextDecoder();

/** The version in deno.json, which `--version` must print. */
export async function expectedVersion(): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  return String(config.version);
}

/** The command line that runs `image` with `names` passed on from the environment. */
export function dockerCommand(image: string, names: string[], platform?: string): string[] {
  return [
    "docker",
    "run",
    "-i",
    "--rm",
    "--network",
    "host",
    ...(platform ? ["--platform", platform] : []),
    ...names.flatMap((name) => ["-e", name]),
    image,
  ];
}

/**
 * Runs both checks on `command` (program and arguments; `--version` and `--transport stdio`
 * are appended). `forEnv` turns the server's environment into the command to run, for wrappers
 * such as `docker run` that must name the variables they pass on. Throws one sentence on failure.
 */
export async function smoke(
  command: string[],
  forEnv: (env: Record<string, string>) => string[] = () => command,
): Promise<SmokeResult> {
  const want = await expectedVersion();
  const [program, ...args] = forEnv({});
  const out = await new Deno.Command(program, {
    args: [...args, "--version"],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const version = decoder.decode(out.stdout).trim().split("\n")[0] ?? "";
  if (!out.success || !version.startsWith(`mcp-atlassian ${want}`)) {
    throw new Error(
      `'${[program, ...args].join(" ")} --version' exited ${out.code} printing '${version}', ` +
        `not 'mcp-atlassian ${want}': ${decoder.decode(out.stderr).trim().slice(0, 500)}`,
    );
  }

  await using fake = await startFakeAtlassian();
  const env = fake.cloud.env;
  const [serverProgram, ...serverArgs] = forEnv(env);
  const transport = new StdioClientTransport({
    command: serverProgram,
    args: [...serverArgs, "--transport", "stdio"],
    env: childEnv(env),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Uint8Array) => stderr += decoder.decode(chunk));
  const client = new Client({ name: "smoke", version: want });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    if (tools.length === 0) throw new Error("tools/list returned no tools");
    return { version, tools: tools.map((tool) => tool.name) };
  } catch (error) {
    throw new Error(
      `the MCP session over stdio failed (${(error as Error).message}); server stderr: ` +
        stderr.trim().slice(-1000),
    );
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  // Everything after the script (or after `--docker IMAGE`) is the command, flags included.
  const args = taskArgs();
  const image = args[0] === "--docker" ? args[1] : undefined;
  const platform = args[2] === "--platform" ? args[3] : undefined;
  const dockerUsage = args.length === (platform ? 4 : 2);
  if (args.length === 0 || (args[0] === "--docker" && (!image || !dockerUsage))) {
    console.error("smoke: give the command to test, or --docker IMAGE [--platform PLATFORM]");
    Deno.exit(2);
  }
  try {
    const result = image
      ? await smoke([], (env) => dockerCommand(image, Object.keys(env), platform))
      : await smoke(args);
    console.log(`smoke ok: ${result.version}, ${result.tools.length} tools`);
  } catch (error) {
    console.error(`smoke failed: ${(error as Error).message}`);
    Deno.exit(1);
  }
}

if (import.meta.main) await main();
