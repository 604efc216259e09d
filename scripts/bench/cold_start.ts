/**
 * Cold start: spawn -> `initialize` answered over stdio for several ways of starting a server,
 * interleaved run by run so drift on the machine hits them all alike; the floor server bundled
 * here; the bundled artifact (built by `deno task bundle` when that task exists); and the
 * bundle's first launch on an empty Deno cache with `--cached-only` (any download fails).
 *
 * @module
 */
import { RUNTIME_FLAGS } from "../../src/sandbox/plan.ts";
import { childEnv } from "../_server_command.ts";
import { type Launch, ROOT, type Start, timeInitialize } from "./launch.ts";
import { median } from "./stats.ts";

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

/** The floor server, bundled, run two ways. */
export interface Floor {
  /** A plain `deno run` of the bundle: the floor every cold start is compared with. */
  plain: Launch;
  /**
   * The way `deno task start` runs the server: a task of a deno.json next to the bundle, which
   * runs it under `-A` and serves from a Worker of itself.
   */
  taskWorker: Launch;
}

/**
 * Bundles floor_server.ts into `dir`/floor.js, with a deno.json task that runs it in a Worker.
 * Both ways run it under the server's `RUNTIME_FLAGS`, as the server is run.
 */
export async function buildFloor(dir: string): Promise<Floor> {
  const out = `${dir}/floor.js`;
  const source = new URL("./floor_server.ts", import.meta.url).pathname;
  await deno(["bundle", "--config", `${ROOT}deno.json`, "--minify", "-o", out, source]);
  const task = `deno run ${RUNTIME_FLAGS.join(" ")} -A --unstable-worker-options floor.js --worker`;
  await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify({ tasks: { floor: task } }));
  return {
    plain: { command: Deno.execPath(), args: ["run", ...RUNTIME_FLAGS, out], env: childEnv({}) },
    taskWorker: {
      command: Deno.execPath(),
      args: ["task", "--config", `${dir}/deno.json`, "floor"],
      env: childEnv({}),
    },
  };
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

/** The first launches on an empty cache: their median time, or why one failed. */
export type FirstLaunch = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Starts `launch` (a `deno run` line) `runs` times, each with `DENO_DIR` set to a fresh empty
 * folder in `dir` and `--cached-only`, so anything it would download makes it fail instead.
 */
export async function firstLaunch(launch: Launch, dir: string, runs: number): Promise<FirstLaunch> {
  const [run, ...rest] = launch.args;
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const denoDir = await Deno.makeTempDir({ dir, prefix: "deno-dir-" });
      const start = await timeInitialize({
        ...launch,
        args: rest.includes("--cached-only") ? launch.args : [run, "--cached-only", ...rest],
        env: { ...launch.env, DENO_DIR: denoDir },
      });
      times.push(start.ms);
    }
    return { ok: true, ms: median(times) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
