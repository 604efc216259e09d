/**
 * The least-privilege permission plan for a configuration: which hosts the server may reach,
 * which files it may read, and nothing else. It shapes both the Worker that serves (its exact
 * permissions) and the `deno run` flags for the whole process.
 *
 * @module
 */
import { fileURLToPath as fromFileUrl } from "node:url";
import { CONFIG_ENV_VARS } from "../config/env_vars.ts";
import { proxyAddress, proxyFor } from "../config/proxy.ts";
import type { Config, ServiceConfig } from "../config/types.ts";

/** What the server may do; anything not listed is denied. No entry ever holds a credential. */
export interface PermissionPlan {
  /** `host:port` entries: each configured service, each proxy in use, the listen address. */
  net: string[];
  /** Files the server reads: `config.files` (CA bundles, client certificates). */
  read: string[];
  /** The .env file: read by the launcher only, so the Worker is not granted it. */
  envFile?: string;
  write: false;
  env: false;
  run: false;
  ffi: false;
  sys: false;
  import: false;
  /** Host names (as in the URL) whose certificates are not verified (`*_SSL_VERIFY=false`). */
  unsafelyIgnoreCertificateErrors: string[];
}

const DEFAULT_PORTS: Record<string, string> = { "https:": "443", "http:": "80" };

/** `host:port` of a URL (default port by scheme); the user name and password are dropped. */
export function hostPort(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url;
  return `${u.hostname}:${u.port || DEFAULT_PORTS[u.protocol] || "443"}`;
}

/** The listen descriptor `Deno.serve` checks: the host exactly as passed, then the port. */
export function listenAddress(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function services(config: Config): ServiceConfig[] {
  return [config.jira, config.confluence].filter((s): s is ServiceConfig => s !== undefined);
}

/**
 * Computes the least-privilege plan: `net` = each configured service's `host:port`, each proxy
 * a service uses (`host:port`, credentials stripped), and the listen address for HTTP
 * transports; `read` = the configuration's files (plus `opts.envFile`); nothing else.
 */
export function permissionPlan(config: Config, opts: { envFile?: string } = {}): PermissionPlan {
  const net = new Set<string>();
  const insecure = new Set<string>();
  for (const service of services(config)) {
    const url = new URL(service.url);
    net.add(hostPort(url));
    const proxy = proxyFor(service);
    if (proxy) net.add(proxyAddress(proxy));
    if (!service.tls.verify) insecure.add(url.hostname);
  }
  if (config.transport !== "stdio") net.add(listenAddress(config.host, config.port));
  return {
    net: [...net],
    read: config.files.filter((file) => file !== opts.envFile),
    ...(opts.envFile ? { envFile: opts.envFile } : {}),
    write: false,
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
    unsafelyIgnoreCertificateErrors: [...insecure],
  };
}

/** What the whole process reads: the plan's files and the .env file. */
function processRead(plan: PermissionPlan): string[] {
  return plan.envFile ? [...plan.read, plan.envFile] : plan.read;
}

/**
 * The permissions for `new Worker(url, { deno: { permissions } })`: the plan and nothing more,
 * plus `extras.read` — under `deno run` a Worker needs read access to its own local module files
 * (measured: without it, loading the Worker's imports fails with `Requires read access`), so the
 * launcher passes `sourceReadPaths(...)` of the Worker's source folder there.
 */
export function workerPermissions(
  plan: PermissionPlan,
  extras: { read?: readonly string[] } = {},
): Deno.PermissionOptionsObject {
  const read = [...new Set([...plan.read, ...(extras.read ?? [])])];
  return {
    net: plan.net.length ? [...plan.net] : false,
    read: read.length ? read : false,
    env: false,
    write: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  };
}

/**
 * The local folder holding a module, as a read-permission path (`deno run` needs read access to
 * a Worker's local module files); none for non-file URLs.
 */
export function sourceReadPaths(moduleUrl: string | URL): string[] {
  const url = new URL(".", moduleUrl);
  if (url.protocol !== "file:") return [];
  const path = fromFileUrl(url);
  return [path.length > 1 ? path.replace(/[\\/]+$/, "") : path];
}

/** What the launching process needs beyond the Worker's plan. */
export interface ProcessExtras {
  /** Environment variables the launcher reads (default: `CONFIG_ENV_VARS`). */
  env?: readonly string[];
  /** Extra paths to read (e.g. the Worker's source folder, see `sourceReadPaths`). */
  read?: readonly string[];
  /** Extra `host[:port]` entries. */
  net?: readonly string[];
}

/**
 * The exact `deno run` flags for the whole process: no prompts, Worker permissions enabled,
 * the plan's hosts and files, the configuration's variable names, and certificate exceptions
 * only when a service has `*_SSL_VERIFY=false`.
 */
export function denoRunFlags(plan: PermissionPlan, processExtras: ProcessExtras = {}): string[] {
  const net = [...new Set([...plan.net, ...(processExtras.net ?? [])])];
  const read = [...new Set([...processRead(plan), ...(processExtras.read ?? [])])];
  const env = [...new Set(processExtras.env ?? CONFIG_ENV_VARS)];
  const flags = ["--no-prompt", "--unstable-worker-options"];
  if (net.length) flags.push(`--allow-net=${net.join(",")}`);
  if (read.length) flags.push(`--allow-read=${read.join(",")}`);
  if (env.length) flags.push(`--allow-env=${env.join(",")}`);
  if (plan.unsafelyIgnoreCertificateErrors.length) {
    flags.push(
      `--unsafely-ignore-certificate-errors=${plan.unsafelyIgnoreCertificateErrors.join(",")}`,
    );
  }
  return flags;
}

/** Quotes one argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** One copy-pasteable command line: `deno run <flags> <entry> <args>` (POSIX shell quoting). */
export function formatRunCommand(
  flags: readonly string[],
  entry: string,
  args: readonly string[] = [],
): string {
  return ["deno", "run", ...flags, entry, ...args].map(shellQuote).join(" ");
}

/**
 * `--allow-net=...` / `--allow-read=...` for each net and read entry of the plan (and of
 * `processExtras`) that this process does not hold.
 */
export async function missingPermissions(
  plan: PermissionPlan,
  processExtras: ProcessExtras = {},
): Promise<string[]> {
  const missing: string[] = [];
  for (const host of new Set([...plan.net, ...(processExtras.net ?? [])])) {
    const status = await Deno.permissions.query({ name: "net", host });
    if (status.state !== "granted") missing.push(`--allow-net=${host}`);
  }
  for (const path of new Set([...processRead(plan), ...(processExtras.read ?? [])])) {
    const status = await Deno.permissions.query({ name: "read", path });
    if (status.state !== "granted") missing.push(`--allow-read=${path}`);
  }
  return missing;
}
