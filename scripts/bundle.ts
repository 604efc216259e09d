/**
 * Builds the single-file bundle `dist/mcp-atlassian.js`: `deno task bundle`.
 *
 * The whole server — main.ts, src/ and the npm packages it imports — becomes one minified
 * JavaScript file with no imports but Deno's `node:` built-ins, so `deno run <flags>
 * dist/mcp-atlassian.js` starts without a module graph to resolve and downloads nothing, even on
 * an empty Deno cache. `deno task start` runs it, and `deno task compile` embeds it. The
 * server's modules are reached through dynamic imports in main.ts; esbuild keeps them in this
 * one file and evaluates them only when they are imported, so printing help or a run line never
 * evaluates the SDK or the tools. Minified because it starts faster (measured: ~280 ms against
 * ~360 ms unminified to `initialize`); the price is that stack traces in the server's error log
 * name minified functions (run `main.ts` to debug).
 *
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";

/** The repository root (where deno.json and main.ts are), as a path of this OS. */
export const ROOT: string = fromFileUrl(new URL("..", import.meta.url)).replace(/[\\/]$/, "");

/** The bundle's path, relative to {@link ROOT}. */
export const BUNDLE = "dist/mcp-atlassian.js";

/**
 * The arguments after `deno` that bundle main.ts into `output`, or to stdout when `output` is
 * null (run them with cwd = ROOT).
 */
export function bundleArgs(output: string | null = BUNDLE): string[] {
  const to = output === null ? [] : ["--output", output];
  return ["bundle", "--quiet", "--minify", "--platform", "deno", ...to, "main.ts"];
}

/** Bundles main.ts into `output`; throws with Deno's message when bundling fails. */
export async function buildBundle(output: string = BUNDLE): Promise<void> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: bundleArgs(output),
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!result.success) {
    throw new Error(`deno bundle failed: ${new TextDecoder().decode(result.stderr).trim()}`);
  }
}

if (import.meta.main) {
  try {
    await buildBundle();
    const size = (Deno.statSync(`${ROOT}/${BUNDLE}`).size / 1e6).toFixed(2);
    console.error(`built ${BUNDLE} (${size} MB)`);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(1);
  }
}
