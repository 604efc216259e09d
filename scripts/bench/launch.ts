/**
 * How the benchmark starts a server: the command, its arguments and environment, from the repo
 * root, and the time from spawn until `initialize` is answered over stdio.
 *
 * @module
 */
import { childEnv, initializeRequest } from "../_server_command.ts";
import { parseRunLine } from "./run_line.ts";
import { peakRssKiB } from "./proc.ts";

/** The repository root (where `deno task start` runs). */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** One way to start a server: `command args` in `ROOT` with exactly `env`. */
export interface Launch {
  /** The executable. */
  command: string;
  /** Its arguments. */
  args: string[];
  /** The whole environment of the child. */
  env: Record<string, string>;
}

/** `deno task start` exactly as a user types it in the repo root. */
export function taskLaunch(env: Record<string, string>): Launch {
  return { command: Deno.execPath(), args: ["task", "start"], env: childEnv(env) };
}

/**
 * The least-privilege line that `deno run -A <entry> --print-permissions <args>` prints under
 * `env`, ready to spawn (`deno` is this Deno; assignments printed before it join the env).
 */
export async function printedLaunch(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<Launch> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, "--print-permissions", ...args],
    env: childEnv(env),
    clearEnv: true,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success || !text) {
    throw new Error(`${entry} --print-permissions failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  const line = parseRunLine(text.split("\n").at(-1)!);
  return {
    command: Deno.execPath(),
    args: line.words.slice(1),
    env: { ...childEnv(env), ...line.env },
  };
}

/** Spawns `launch` in the repo root with every stream piped. */
export function spawn(launch: Launch, stdin: "piped" | "null" = "piped"): Deno.ChildProcess {
  return new Deno.Command(launch.command, {
    args: launch.args,
    env: launch.env,
    clearEnv: true,
    cwd: ROOT,
    stdin,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** What one start measured: time to the initialize answer and peak RSS of the spawned process. */
export interface Start {
  /** Milliseconds from spawn to the first line of the answer. */
  ms: number;
  /** Peak RSS (VmHWM) of the spawned process right after the answer, KiB. */
  peakKiB: number;
}

const INITIALIZE = new TextEncoder().encode(JSON.stringify(initializeRequest("bench")) + "\n");

/**
 * Spawns `launch`, sends `initialize` and times the first line of the answer. Gives up (kills the
 * child and throws with its stderr) after `timeoutMs`.
 */
export async function timeInitialize(launch: Launch, timeoutMs = 60_000): Promise<Start> {
  const started = performance.now();
  const child = spawn(launch);
  let stderr = "";
  const drained = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (stderr += chunk) }),
  ).catch(() => {});
  const writer = child.stdin.getWriter();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    await writer.write(INITIALIZE);
    let seen = "";
    while (!seen.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`exited before answering initialize: ${stderr.slice(-600)}`);
      seen += value;
    }
    const ms = performance.now() - started;
    if (!seen.includes('"result"')) throw new Error(`initialize failed: ${seen.slice(0, 300)}`);
    return { ms, peakKiB: await peakRssKiB(child.pid) };
  } finally {
    clearTimeout(timer);
    await writer.close().catch(() => {});
    await reader.cancel().catch(() => {});
    const ended = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await child.status;
    clearTimeout(ended);
    await drained;
  }
}
