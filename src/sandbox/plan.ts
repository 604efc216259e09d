/**
 * The least-privilege permission plan for a configuration: which hosts the server may reach,
 * which files it may read and write, and nothing else. It shapes both the Worker that serves
 * (its exact permissions) and the `deno run` flags for the whole process.
 *
 * Per auth mode (besides each service's own `host:port`, which for Cloud OAuth is the API
 * gateway, and the proxies in use):
 * - Basic, PAT, client certificate: nothing more.
 * - OAuth 3LO (Cloud): the authorization server (`ATLASSIAN_OAUTH_AUTH_URL`, host:port) for
 *   refreshes, and read + write on the token file's folder (`~/.mcp-atlassian`), which is the
 *   only writable place. The gateway (`ATLASSIAN_API_URL`) is the service URL itself.
 * - Data Center OAuth 2.0: its token endpoint is on the instance, already granted; plus the
 *   token folder (read + write).
 * - Bring-your-own-token: the gateway (Cloud) or the instance (DC) only; nothing to write.
 * - Per-request (multi-user): the gateway (Cloud) or the instance (DC), and the site URL when
 *   one was given (per-request Basic credentials go to the site).
 * - Jira Forms: the API host (`ATLASSIAN_API_URL`, default `api.atlassian.com:443`) when Jira is
 *   on Cloud and a `jira_forms` tool is selected (`TOOLSETS`, `ENABLED_TOOLS`, read-only mode);
 *   the Forms API lives there whatever the auth mode.
 * - `MCP_ALLOWED_URL_DOMAINS` (HTTP transports that read request headers, i.e. not with
 *   `IGNORE_HEADER_AUTH`): each entry as `domain` and `*.domain` with no port, i.e. on every
 *   port, because an instance URL a request names may use any port (8080, 8443, ...); the
 *   request layer checks the host before any connection. An IP address is granted as is.
 * - Confluence attachment downloads: Atlassian's media service (`ATLASSIAN_MEDIA_URL`, default
 *   `api.media.atlassian.com:443`) when Confluence is on Cloud and a download tool of
 *   `confluence_attachments` is selected: Cloud answers each download with a redirect there.
 * - `MCP_ATTACHMENTS_DIR`: read access to that one folder (files to upload, page bodies); without
 *   it, no file is readable. Tools resolve symbolic links and refuse any that lead out of it.
 *
 * @module
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { CONFIG_ENV_VARS } from "../config/env_vars.ts";
import { DEFAULT_MEDIA_URL, proxyAddress, proxyFor } from "../config/mod.ts";
import type { Config, ServiceConfig } from "../config/types.ts";
import { toolsetSelected } from "../tools/select.ts";

/** What the server may do; anything not listed is denied. No entry ever holds a credential. */
export interface PermissionPlan {
  /**
   * Net entries: `host:port` of each configured service, the OAuth authorization server, each
   * proxy in use and the listen address; `domain` / `*.domain` (any port) for
   * `MCP_ALLOWED_URL_DOMAINS`.
   */
  net: string[];
  /**
   * Files and folders the server reads: `config.files` (CA bundles, client certificates), the
   * OAuth token folder and the attachments folder (`MCP_ATTACHMENTS_DIR`).
   */
  read: string[];
  /** The .env file: read by the launcher only, so the Worker is not granted it. */
  envFile?: string;
  /** Folders the server writes: the OAuth token folder (refreshed tokens), else none. */
  write: string[];
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
 * The `jira_forms` toolset and its tools (the write tool last); a unit test checks them against
 * the registry, which this module does not load.
 */
export const FORMS_TOOLSET = {
  name: "jira_forms",
  reads: ["jira_get_issue_proforma_forms", "jira_get_proforma_form_details"],
  write: "jira_update_proforma_form_answers",
} as const;

/**
 * The `confluence_attachments` tools that download (Confluence Cloud redirects their requests to
 * the media service); a unit test checks them against the registry.
 */
export const DOWNLOAD_TOOLS = {
  name: "confluence_attachments",
  reads: [
    "confluence_download_attachment",
    "confluence_download_content_attachments",
    "confluence_get_page_images",
  ],
} as const;

/** Whether the configuration offers one of `tools` of `toolset` (the rules of `selectTools`). */
function offers(config: Config, toolset: string, tools: readonly string[]): boolean {
  // Neither toolset that widens the plan is a default one.
  const selected = toolsetSelected(config.toolsets, { name: toolset, isDefault: false });
  const enabled = config.enabledTools?.length ? config.enabledTools : undefined;
  return selected && (!enabled || tools.some((tool) => enabled.includes(tool)));
}

/** Whether the configuration offers a `jira_forms` tool (the same rules as `selectTools`). */
function formsSelected(config: Config): boolean {
  const tools: string[] = config.readOnly
    ? [...FORMS_TOOLSET.reads]
    : [...FORMS_TOOLSET.reads, FORMS_TOOLSET.write];
  return offers(config, FORMS_TOOLSET.name, tools);
}

const IP_ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|:/;

/** The net entries for one `MCP_ALLOWED_URL_DOMAINS` entry: the domain and its subdomains, any port. */
function domainEntries(domain: string): string[] {
  if (IP_ADDRESS.test(domain)) return [domain.includes(":") ? `[${domain}]` : domain];
  return [domain, `*.${domain}`];
}

/**
 * Computes the least-privilege plan: `net` = each configured service's `host:port`, each proxy
 * a service uses (`host:port`, credentials stripped), the OAuth hosts of its auth mode (see the
 * module documentation), the Forms API host when `jira_forms` is selected on Cloud, the allowed
 * URL domains, and the listen address for HTTP transports;
 * `read` = the configuration's files (plus `opts.envFile`), the token folder and the attachments
 * folder, as absolute paths; `write` = the token folder; nothing else.
 */
export function permissionPlan(config: Config, opts: { envFile?: string } = {}): PermissionPlan {
  const net = new Set<string>();
  const insecure = new Set<string>();
  const folders = new Set<string>();
  const reach = (service: ServiceConfig, url: string) => {
    net.add(hostPort(url));
    const proxy = proxyFor({ url, proxy: service.proxy });
    if (proxy) net.add(proxyAddress(proxy));
  };
  for (const service of services(config)) {
    reach(service, service.url);
    if (!service.tls.verify) insecure.add(new URL(service.url).hostname);
    const { kind } = service.auth;
    if (kind === "oauth") {
      if (service.deployment === "cloud") {
        reach(service, service.oauth?.authUrl ?? config.oauth.authUrl);
      }
      if (service.oauth?.tokenFile) folders.add(dirname(service.oauth.tokenFile));
    }
    if (kind === "per-request" && service.siteUrl) {
      reach(service, service.siteUrl);
      if (!service.tls.verify) insecure.add(new URL(service.siteUrl).hostname);
    }
  }
  if (config.jira?.deployment === "cloud" && formsSelected(config)) {
    reach(config.jira, config.oauth.apiUrl);
  }
  if (
    config.confluence?.deployment === "cloud" &&
    offers(config, DOWNLOAD_TOOLS.name, DOWNLOAD_TOOLS.reads)
  ) {
    reach(config.confluence, config.mediaUrl ?? DEFAULT_MEDIA_URL);
  }
  if (config.transport !== "stdio" && !config.oauth.ignoreHeaderAuth) {
    for (const domain of config.oauth.allowedUrlDomains) {
      domainEntries(domain).forEach((e) => net.add(e));
    }
  }
  if (config.transport !== "stdio") net.add(listenAddress(config.host, config.port));
  // Absolute paths: the printed run line must work from any folder a client starts it in.
  const envFile = opts.envFile && resolve(opts.envFile);
  const files = config.files.map((file) => resolve(file)).filter((file) => file !== envFile);
  return {
    net: [...net],
    read: [
      ...new Set([
        ...files,
        ...folders,
        ...(config.attachmentsDir ? [resolve(config.attachmentsDir)] : []),
      ]),
    ],
    ...(envFile ? { envFile } : {}),
    write: [...folders],
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
    write: plan.write.length ? [...plan.write] : false,
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
 * V8 flags every way of starting the server passes (the printed line, `deno task start`, the
 * compiled binary), each measured here:
 * - `--heap-growing-percent=10`: the old generation grows by a tenth after a full collection
 *   (V8's default grows it by much more), so RSS levels off: after 1,000 calls on one session
 *   1.10-1.15 times its figure after 100 (an earlier measurement with neither this flag nor
 *   memory saver saw it grow past 1.9 times over 3,000 calls). It replaces
 *   `--memory-saver-mode`, which held RSS as well but collected so often that streamable HTTP
 *   under 50 clients spent 28% of the server's CPU in the garbage collector: measured
 *   side by side, 450 -> 620-760 calls/s, the HTTP server's peak 100 -> 107-111 MiB.
 * - `--max-semi-space-size=4`: a young generation of at most 4 MiB per semi-space (V8's default
 *   is larger): with the above, a fresh server holds ~3 MiB more than with 1 MiB. 8 MiB gave
 *   ~20% more HTTP throughput, but a 40 MiB download then peaked at 1.29 times the file above
 *   idle (1.10-1.13 with 4 MiB); 16 MiB grew RSS 1.3 times over 1,000 calls.
 * - `--no-enable-lazy-source-positions`: source positions are recorded when a function is
 *   compiled. Lazily, the first Error a start creates (a missing `./.env` is one) made V8
 *   re-parse the whole single-file bundle for them: ~40 ms and ~10 MiB at every start.
 */
export const RUNTIME_FLAGS: readonly string[] = [
  "--v8-flags=--heap-growing-percent=10,--max-semi-space-size=4,--no-enable-lazy-source-positions",
];

/**
 * The exact `deno run` flags for the whole process: no prompts, `RUNTIME_FLAGS`, the plan's hosts, files and
 * writable folders, the configuration's variable names (read before serving, then given up,
 * see narrow.ts), and certificate exceptions only when a service has `*_SSL_VERIFY=false`. A
 * process started with them serves in its main isolate, so no Worker flag is needed.
 */
export function denoRunFlags(plan: PermissionPlan, processExtras: ProcessExtras = {}): string[] {
  const net = [...new Set([...plan.net, ...(processExtras.net ?? [])])];
  const read = [...new Set([...processRead(plan), ...(processExtras.read ?? [])])];
  const env = [...new Set(processExtras.env ?? CONFIG_ENV_VARS)];
  const flags = ["--no-prompt", ...RUNTIME_FLAGS];
  if (net.length) flags.push(`--allow-net=${net.join(",")}`);
  if (read.length) flags.push(`--allow-read=${read.join(",")}`);
  if (plan.write.length) flags.push(`--allow-write=${plan.write.join(",")}`);
  if (env.length) flags.push(`--allow-env=${env.join(",")}`);
  if (plan.unsafelyIgnoreCertificateErrors.length) {
    flags.push(
      `--unsafely-ignore-certificate-errors=${plan.unsafelyIgnoreCertificateErrors.join(",")}`,
    );
  }
  return flags;
}

/** Quotes one argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
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
 * `--allow-net=...` / `--allow-read=...` / `--allow-write=...` for each net, read and write
 * entry of the plan (and of `processExtras`) that this process does not hold. A `*.domain` net
 * entry is checked with a subdomain of it (the permission API takes no wildcard).
 */
export async function missingPermissions(
  plan: PermissionPlan,
  processExtras: ProcessExtras = {},
): Promise<string[]> {
  const missing: string[] = [];
  for (const host of new Set([...plan.net, ...(processExtras.net ?? [])])) {
    const probe = host.startsWith("*.") ? `mcp-atlassian-probe${host.slice(1)}` : host;
    const status = await Deno.permissions.query({ name: "net", host: probe });
    if (status.state !== "granted") missing.push(`--allow-net=${host}`);
  }
  for (const path of new Set([...processRead(plan), ...(processExtras.read ?? [])])) {
    const status = await Deno.permissions.query({ name: "read", path });
    if (status.state !== "granted") missing.push(`--allow-read=${path}`);
  }
  for (const path of plan.write) {
    const status = await Deno.permissions.query({ name: "write", path });
    if (status.state !== "granted") missing.push(`--allow-write=${path}`);
  }
  return missing;
}
