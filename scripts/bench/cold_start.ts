/**
 * Cold start: spawn -> `initialize` answered over stdio for several ways of starting a server,
 * interleaved run by run so drift on the machine hits them all alike; the floor server bundled
 * here; the bundled artifact (built by `deno task bundle` when that task exists); and the
 * bundle's first launch on an empty Deno cache with `--cached-only` (any download fails).
 *
 * @module
 */
import { childEnv } from "../_server_command.ts";
import { type Launch, ROOT, type Start, timeInitialize } from "./launch.ts";

/** The bundled artifact that `deno task bundle` writes. */
export const BUNDLE = "dist/mcp-atlassian.js";

/** Runs `deno <args>` in the repo root; throws with its output when it fails. */
async function deno(args: string[]): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(`deno ${args.join(" ")} failed: ${text.slice(-800)}`);
  }
}

/** Bundles floor_server.ts into `dir`/floor.js and returns how to run it (no flags needed). */
export async function buildFloor(dir: string): Promise<Launch> {
  const out = `${dir}/floor.js`;
  const source = new URL("./floor_server.ts", import.meta.url).pathname;
  await deno(["bundle", "--config", `${ROOT}deno.json`, "--minify", "-o", out, source]);
  return { command: Deno.execPath(), args: ["run", out], env: childEnv({}) };
}

/**
 * Builds the bundled artifact with `deno task bundle`: true when it is there afterwards; without
 * such a task, whether one is there ("not built" when not).
 */
export async function ensureBundle(): Promise<boolean> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  if (!config.tasks?.bundle) return exists(`${ROOT}${BUNDLE}`);
  // Built afresh: a bundle left from an earlier checkout would measure other code.
  await deno(["task", "bundle"]);
  return await exists(`${ROOT}${BUNDLE}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Each launch's starts by name, in the order given, and why a launch failed, by name. */
export interface ColdStarts {
  /** The timed starts of each launch that answered. */
  starts: Map<string, Start[]>;
  /** The error of each launch that did not answer its warm-up start. */
  failed: Map<string, string>;
}

/**
 * Starts every launch once to warm the caches (a launch that fails there is left out and its
 * error kept), then `runs` rounds of one start each, interleaved.
 */
export async function coldStarts(
  launches: Map<string, Launch>,
  runs: number,
): Promise<ColdStarts> {
  const starts = new Map<string, Start[]>();
  const failed = new Map<string, string>();
  for (const [name, launch] of launches) {
    try {
      await timeInitialize(launch);
      starts.set(name, []);
    } catch (error) {
      failed.set(name, error instanceof Error ? error.message : String(error));
    }
  }
  for (let i = 0; i < runs; i++) {
    for (const [name, times] of starts) times.push(await timeInitialize(launches.get(name)!));
  }
  return { starts, failed };
}

/** The first launch on an empty cache: its time, or why it failed. */
export type FirstLaunch = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Starts `launch` (a `deno run` line) once with `DENO_DIR` set to a fresh empty folder in `dir`
 * and `--cached-only`, so anything it would download makes it fail instead.
 */
export async function firstLaunch(launch: Launch, dir: string): Promise<FirstLaunch> {
  const denoDir = await Deno.makeTempDir({ dir, prefix: "deno-dir-" });
  const [run, ...rest] = launch.args;
  try {
    const start = await timeInitialize({
      ...launch,
      args: rest.includes("--cached-only") ? launch.args : [run, "--cached-only", ...rest],
      env: { ...launch.env, DENO_DIR: denoDir },
    });
    return { ok: true, ms: start.ms };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
