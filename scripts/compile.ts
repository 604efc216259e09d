/**
 * Builds the single-file binaries: `deno task compile [-- options]`.
 *
 * Options:
 *   --target <triple>  build one target (default: all of TARGETS)
 *   --base <path>      base runtime to compile onto (sets DENORT_BIN; needs --target). For
 *                      offline checks a stand-in such as `$(which deno)` works, but its output
 *                      must never be run or shipped: it is a full Deno CLI, not the app.
 *   --out <dir>        output folder (default: dist/)
 *   --no-check         skip type-checking (only `--sources` builds type-check anything)
 *   --sources          embed the TypeScript sources and the npm tree instead of one bundle
 *
 * Bundle or sources: by default the binary embeds the bundle `deno task bundle` builds
 * (`dist/mcp-atlassian.js`, see scripts/bundle.ts), built afresh first: one minified file, no
 * npm snapshot or import map at run time, and the Worker is that same file (the launcher
 * creates it from the entry module). `--sources` embeds main.ts with the TypeScript sources and
 * the npm tree instead (~36 MB more), should the bundle misbehave.
 *
 * When the base runtime (`denort`) cannot be downloaded (dl.deno.land unreachable), this prints
 * one sentence on how to fix it and exits with status 1.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_ENV_VARS } from "../src/config/mod.ts";
import { RUNTIME_FLAGS } from "../src/sandbox/mod.ts";
import { buildBundle, BUNDLE, ROOT } from "./bundle.ts";

export { ROOT };

/** The targets `deno compile` has base runtimes for that this project ships. */
export const TARGETS = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
] as const;

/** One of {@link TARGETS}. */
export type Target = typeof TARGETS[number];

/** The entry point of `--sources` builds, relative to {@link ROOT}. */
export const SOURCE_ENTRY = "main.ts";

const NAME = "mcp-atlassian";

/** The `allow_import` list Deno 2.9.6 grants by default (`deno compile --help`). */
export const DEFAULT_ALLOW_IMPORT: readonly string[] = [
  "deno.land:443",
  "jsr.io:443",
  "esm.sh:443",
  "raw.esm.sh:443",
  "cdn.jsdelivr.net:443",
  "raw.githubusercontent.com:443",
  "gist.githubusercontent.com:443",
];

/**
 * The permission and runtime flags embedded in every binary. The binary is generic: it learns
 * the Atlassian hosts and files from its configuration at run time, and the launcher then serves
 * from a Worker whose permissions are exactly that configuration's (see src/sandbox/plan.ts).
 * The process-wide grants below only bound what such a Worker may be given:
 *
 * - `--no-prompt`: without it the binary embeds `prompt: true` and would ask on a terminal.
 * - `--unstable-worker-options`: needed for `new Worker(..., { deno: { permissions } })`.
 * - `--allow-net` (any host): the hosts are chosen at run time — any Server/DC host:port, any
 *   `*.atlassian.net` site, a proxy, and the HTTP transport's listen address. A Worker cannot be
 *   granted more than its parent, and no fixed list (e.g. `*.atlassian.net:443`) covers Server/DC
 *   or proxies, so nothing narrower works. The launcher itself makes no network calls; the
 *   Worker is limited to exactly the configured `host:port` entries.
 * - `--allow-env=<CONFIG_ENV_VARS>`: exactly the variables the configuration reads; the Worker
 *   gets none.
 * - `--allow-read` (any path): the `.env` file (`./.env` or `--env-file PATH`), CA bundles and
 *   client certificates are named at run time and may be anywhere; the Worker may read only
 *   those exact files. No fixed path list can cover them. (denort grants read access to its own
 *   embedded files in any case.)
 * - `--allow-write` (any path): OAuth keeps its tokens in `~/.mcp-atlassian`, and the home folder
 *   is known only at run time; the Worker may write only that folder, and only when OAuth is
 *   configured (the launcher itself writes only there, during `--oauth-setup`).
 * - `--deny-import=<DEFAULT_ALLOW_IMPORT>`: no remote module may be loaded. Compile always
 *   records Deno's default `allow_import` list (jsr.io, deno.land, esm.sh, ...), and a bare
 *   `--deny-import` does not override it (measured: `esm.sh:443` stays granted), so each of those
 *   hosts is denied by name; every other host is refused by `--no-prompt`. (denort itself only
 *   loads embedded modules; this makes the metadata say so too.)
 * - `RUNTIME_FLAGS` (V8 memory and source-position flags), as every way of starting the server
 *   passes.
 * - Not granted (so denied, with no prompt): run, ffi, sys. No `--env-file` (it would bake
 *   the file's values, tokens included, into the binary) and no certificate flags.
 */
export function permissionFlags(): string[] {
  return [
    "--no-prompt",
    "--unstable-worker-options",
    "--allow-net",
    `--allow-env=${CONFIG_ENV_VARS.join(",")}`,
    "--allow-read",
    "--allow-write",
    `--deny-import=${DEFAULT_ALLOW_IMPORT.join(",")}`,
    ...RUNTIME_FLAGS,
  ];
}

/** Options of {@link compileArgs}. */
export interface CompileOptions {
  target: Target;
  /** Output file path. */
  output: string;
  /** Type-check local modules (default true). */
  check?: boolean;
  /** What to embed: the bundle (default {@link BUNDLE}) or `main.ts` with its sources. */
  entry?: string;
}

/** The arguments after `deno` that compile `opts.entry` (run them with cwd = {@link ROOT}). */
export function compileArgs(opts: CompileOptions): string[] {
  return [
    "compile",
    "--quiet",
    ...(opts.check === false ? ["--no-check"] : []),
    ...permissionFlags(),
    "--target",
    opts.target,
    "--output",
    opts.output,
    opts.entry ?? BUNDLE,
  ];
}

/** The binary's file name for a target. */
export function outputName(target: Target): string {
  return `${NAME}-${target}${target.includes("windows") ? ".exe" : ""}`;
}

/** True when `deno compile` failed while fetching its base runtime. */
export function isBaseDownloadFailure(stderr: string): boolean {
  return /Setting up base binary|dl\.deno\.land/.test(stderr);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function say(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  stream.writeSync(encoder.encode(text + "\n"));
}

function die(text: string, code = 1): never {
  say(Deno.stderr, text);
  Deno.exit(code);
}

/** Deno's cache folder, where `deno compile` looks for pre-seeded base runtimes. */
async function denoDir(): Promise<string> {
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json"],
      stdout: "piped",
      stderr: "null",
    }).output();
    const dir = JSON.parse(decoder.decode(out.stdout)).denoDir;
    if (typeof dir === "string" && dir) return dir;
  } catch {
    // fall through
  }
  return "$DENO_DIR";
}

/** The flags of a build that compile.ts and release.ts share (see their module docs). */
export const BUILD_FLAGS = {
  target: { type: "string" },
  base: { type: "string" },
  out: { type: "string" },
  "no-check": { type: "boolean" },
} as const;

/** This script's arguments; `deno task compile -- --target x` passes the `--` through. */
export function taskArgs(): string[] {
  return Deno.args[0] === "--" ? Deno.args.slice(1) : [...Deno.args];
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: taskArgs(),
      options: {
        ...BUILD_FLAGS,
        sources: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    die(`compile: ${(error as Error).message} (see --help)`, 2);
  }
  if (values.help) {
    const doc = /\/\*\*([\s\S]*?)\*\//.exec(await Deno.readTextFile(new URL(import.meta.url)));
    const text = (doc?.[1] ?? "").replace(/^ \* ?/gm, "");
    say(Deno.stdout, text.slice(0, text.indexOf("\nBundle or sources")).trim());
    return;
  }
  let options: BuildOptions;
  try {
    options = buildOptions(values);
  } catch (error) {
    die(`compile: ${(error as Error).message}`, 2);
  }
  try {
    await compileTargets({ ...options, sources: values.sources });
  } catch (error) {
    die(`compile: ${(error as Error).message}`);
  }
}

/** The values of {@link BUILD_FLAGS} as `parseArgs` gives them. */
export interface BuildFlagValues {
  target?: string;
  base?: string;
  out?: string;
  "no-check"?: boolean;
}

/**
 * A build's options from its flags (default: every target into dist/); throws one sentence for
 * an unknown target, or a `--base` without `--target` or that is not a file.
 */
export function buildOptions(values: BuildFlagValues): BuildOptions {
  const target = values.target as Target | undefined;
  if (target !== undefined && !TARGETS.includes(target)) {
    throw new Error(`unknown --target ${target}; one of: ${TARGETS.join(", ")}`);
  }
  if (values.base !== undefined) {
    if (target === undefined) {
      throw new Error("--base names one runtime binary, so it needs --target as well");
    }
    let file = false;
    try {
      file = Deno.statSync(values.base).isFile;
    } catch {
      // missing: not a file
    }
    if (!file) throw new Error(`--base ${values.base} is not a file`);
  }
  return {
    targets: target ? [target] : TARGETS,
    outDir: values.out ? resolve(values.out) : join(ROOT, "dist"),
    base: values.base === undefined ? undefined : resolve(values.base),
    check: !values["no-check"],
  };
}

/** What {@link compileTargets} builds, and how. */
export interface BuildOptions {
  targets: readonly Target[];
  /** The folder the binaries go to. */
  outDir: string;
  /** A base runtime to compile onto (DENORT_BIN), for offline payload checks. */
  base?: string;
  /** Type-check local modules. */
  check: boolean;
  /** Embed main.ts with its sources instead of the bundle. */
  sources?: boolean;
}

/**
 * Builds the bundle afresh (unless `sources`) and compiles one binary per target into
 * `outDir`, printing each; returns their paths. Throws one sentence on how to fix it when the
 * base runtime cannot be downloaded, or with Deno's message when compiling fails.
 */
export async function compileTargets(opts: BuildOptions): Promise<string[]> {
  const version = Deno.version.deno;
  if (!opts.sources) await buildBundle();
  const entry = opts.sources ? SOURCE_ENTRY : BUNDLE;
  const outputs: string[] = [];
  for (const target of opts.targets) {
    const output = join(opts.outDir, outputName(target));
    const result = await new Deno.Command(Deno.execPath(), {
      args: compileArgs({ target, output, check: opts.check, entry }),
      cwd: ROOT,
      env: opts.base ? { DENORT_BIN: opts.base } : {},
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = decoder.decode(result.stderr);
    if (!result.success) {
      if (isBaseDownloadFailure(stderr)) {
        const zip = `${await denoDir()}/dl/release/v${version}/denort-${target}.zip`;
        throw new Error(
          `Cannot build ${target}: the Deno ${version} base runtime could not be downloaded ` +
            `from dl.deno.land, so copy the official denort-${target}.zip (v${version}) to ` +
            `${zip}, or pass --base <unzipped denort ${version} for ${target}> (DENORT_BIN), ` +
            `or run this on a machine that can reach dl.deno.land.`,
        );
      }
      throw new Error(`deno compile failed for ${target} (exit code ${result.code}):\n${stderr}`);
    }
    const size = (Deno.statSync(output).size / 1e6).toFixed(1);
    say(Deno.stdout, `built ${output} (${size} MB)`);
    if (opts.base && !/^denort/.test(opts.base.split(/[\\/]/).pop() ?? "")) {
      say(
        Deno.stderr,
        `warning: ${opts.base} is not a denort runtime; ${output} is only fit for payload ` +
          "checks (scripts/_payload.ts) — never run or ship it.",
      );
    }
    outputs.push(output);
  }
  return outputs;
}

if (import.meta.main) await main();
