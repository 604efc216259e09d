/**
 * Builds the least-privilege `deno run` command line for the server under a given environment,
 * exactly as `--print-permissions` would print it. Shared by the e2e tests, the demo and the
 * benchmark, so all of them run the server under the permissions a user would grant.
 *
 * @module
 */
import { loadConfig } from "../src/config/mod.ts";
import { denoRunFlags, permissionPlan } from "../src/sandbox/mod.ts";

/** Absolute path of the entry point. */
export const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** The arguments after `deno` that start the server with `env` and `args`. */
export function serverArgs(env: Record<string, string>, args: string[] = []): string[] {
  const result = loadConfig(args, env, (path) => Deno.readTextFileSync(path));
  if (result.kind !== "ok") {
    throw new Error(
      `server configuration is not valid: ${
        result.kind === "error" ? result.problems.join("; ") : result.kind
      }`,
    );
  }
  const plan = permissionPlan(result.config, { envFile: result.actions.envFile });
  return ["run", ...denoRunFlags(plan), MAIN, ...args];
}

/** Variables the Deno runtime itself reads (its cache and home), passed on to a child server. */
const RUNTIME_VARS = ["HOME", "DENO_DIR", "XDG_CACHE_HOME", "PATH", "SYSTEMROOT", "USERPROFILE"];

/** The environment for a child server: `env` plus the runtime's own variables and NO_COLOR. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { NO_COLOR: "1" };
  for (const name of RUNTIME_VARS) {
    const value = Deno.env.get(name);
    if (value !== undefined) out[name] = value;
  }
  return { ...out, ...env };
}

/** A raw JSON-RPC `initialize` request, for harnesses that speak stdio without the SDK client. */
export function initializeRequest(clientName: string): Record<string, unknown> {
  return {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: clientName, version: "1" },
    },
  };
}
