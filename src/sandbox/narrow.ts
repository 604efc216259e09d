/**
 * Serving in this process instead of a Worker. A process started with the least-privilege line
 * (`--print-permissions`) holds only the plan's hosts and files, plus what the launcher needs
 * before serving: the configuration's variables and the .env file. It gives those up before it
 * serves, so the server runs with exactly what a Worker would have been given, without a second
 * isolate.
 *
 * Net, read and write cannot be narrowed to a list once granted (Deno revokes a path with every
 * grant that contains it, and cannot list its grants). So a process that holds more than the
 * plan where that can be seen serves from a Worker instead: net, read or write wholesale (`-A`,
 * a compiled binary, a bare `--allow-net`), a folder that contains one of the plan's files or
 * folders or the .env file (`--allow-read=.`, `--allow-read=/`, the home folder), any host that
 * is not the plan's, or a plan host on any port. What cannot be seen stays held: an unrelated
 * host or folder named explicitly on the command line. The other permissions are given up
 * entirely, so holding them wholesale does not matter.
 *
 * @module
 */
import { dirname } from "node:path";
import type { PermissionPlan } from "./plan.ts";

/** The permissions serving keeps, by item: the plan's hosts, files and writable folders. */
const KEPT = ["net", "read", "write"] as const;

/** The permissions serving gives up entirely (`narrowToPlan`). */
const GIVEN_UP = ["env", "run", "ffi", "sys", "import"] as const;

/**
 * Which of net, read and write this process holds wholesale (every host or path), as under
 * `-A`; empty for a process started with the least-privilege line.
 */
function wholesalePermissions(): string[] {
  return KEPT.filter((name) => Deno.permissions.querySync({ name }).state === "granted");
}

/** The folders that contain `path`, up to the root. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let at = dirname(path); !out.includes(at); at = dirname(at)) out.push(at);
  return out;
}

/** A host a plan never names, to tell whether any host is granted. */
const PROBE_HOST = "mcp-atlassian-probe.invalid:443";

/**
 * What this process holds beyond `plan` that can be seen (see the module documentation), as
 * flags such as `--allow-read=/home/me`; empty for the least-privilege line. `home` is the home
 * folder, probed as a place a broad grant often names.
 */
export function beyondPlan(plan: PermissionPlan, home?: string): string[] {
  const granted = (descriptor: Deno.PermissionDescriptor) =>
    Deno.permissions.querySync(descriptor).state === "granted";
  const beyond = wholesalePermissions().map((name) => `--allow-${name}`);
  const folders = (paths: readonly string[]) =>
    [
      ...new Set([...paths.flatMap(ancestors), "/", ...(home ? [home] : [])]),
    ].filter((folder) => !paths.includes(folder));
  const read = [...plan.read, ...(plan.envFile ? [plan.envFile] : [])];
  for (const path of folders(read)) {
    if (granted({ name: "read", path })) beyond.push(`--allow-read=${path}`);
  }
  for (const path of folders(plan.write)) {
    if (granted({ name: "write", path })) beyond.push(`--allow-write=${path}`);
  }
  // A plan host on another port, unless the plan itself grants that host on every port (an
  // MCP_ALLOWED_URL_DOMAINS entry: `domain`, `*.domain` or an IP address).
  const anyPort = plan.net.filter((entry) => !/:\d+$/.test(entry));
  const coveredByPlan = (host: string) =>
    anyPort.some((entry) =>
      entry === host || (entry.startsWith("*.") && host.endsWith(entry.slice(1)))
    );
  const otherPorts = plan.net
    .filter((entry) => /:\d+$/.test(entry))
    .map((entry) => entry.replace(/:\d+$/, ""))
    .filter((host) => !coveredByPlan(host))
    .map((host) => `${host}:1`);
  for (const host of [PROBE_HOST, ...otherPorts]) {
    if (granted({ name: "net", host })) beyond.push(`--allow-net=${host}`);
  }
  return beyond;
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
