/**
 * Serving in this process instead of a Worker. A process started with the least-privilege line
 * (`--print-permissions`) holds only the plan's hosts and files, plus what the launcher needs
 * before serving: the configuration's variables and the .env file. It gives those up before it
 * serves, so the server runs with exactly what a Worker would have been given, without a second
 * isolate. A process that holds net, read or write wholesale (`-A`, a compiled binary, a bare
 * `--allow-net`) cannot be narrowed to a list of hosts or files: it serves from a Worker. The
 * other permissions are given up entirely, so holding them wholesale does not matter.
 *
 * @module
 */
import type { PermissionPlan } from "./plan.ts";

/** The permissions serving keeps, by item: the plan's hosts, files and writable folders. */
const KEPT = ["net", "read", "write"] as const;

/** The permissions serving gives up entirely (`narrowToPlan`). */
const GIVEN_UP = ["env", "run", "ffi", "sys", "import"] as const;

/**
 * Which of net, read and write this process holds wholesale (every host or path), as under
 * `-A`; empty for a process started with the least-privilege line.
 */
export function wholesalePermissions(): string[] {
  return KEPT.filter((name) => Deno.permissions.querySync({ name }).state === "granted");
}

/**
 * Gives up what serving does not need: every environment variable (the configuration is read),
 * running programs, native libraries, system information, loading remote modules, and reading
 * the .env file. What is left is the plan's hosts, its files and its writable folders, as the
 * process was started.
 */
export function narrowToPlan(plan: Pick<PermissionPlan, "envFile">): void {
  for (const name of GIVEN_UP) Deno.permissions.revokeSync({ name });
  if (plan.envFile) Deno.permissions.revokeSync({ name: "read", path: plan.envFile });
}
