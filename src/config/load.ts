/**
 * `loadConfig()`: command-line flags + process environment + .env file -> one validated
 * `Config`, every problem collected. Pure except through the injected `readFile` (and the
 * registration of secrets with the logger), so it is unit-testable.
 *
 * Precedence: flags > process environment > .env file. This deliberately differs from the
 * Python server, where the .env file overrides the process environment: the process
 * environment is what an MCP client sets in its configuration, so it wins here.
 *
 * @module
 */
import { parseEnv } from "node:util";
import { addSecret } from "../log.ts";
import { certificates, isEncryptedKey, privateKey } from "./_pem.ts";
import { detectDeployment, parseDeployment } from "./deployment.ts";
import { CONFIG_ENV_VARS, OAUTH_VARS } from "./env_vars.ts";
import { type FlagSetting, helpText, parseFlags, versionText } from "./flags.ts";
import { normaliseProxyUrl, parseNoProxy, proxyCredentials } from "./proxy.ts";
import type {
  Config,
  OAuthSettings,
  Product,
  ProxySettings,
  ServiceAuth,
  ServiceConfig,
  TlsSettings,
  TransportKind,
} from "./types.ts";
import {
  type BooleanWords,
  booleanWords,
  parseBoolean,
  parseCustomHeaders,
  parseWholeNumber,
  splitList,
} from "./values.ts";

/** Reads a text file; throws (`Deno.errors.NotFound`, `NotCapable`, ...) when it cannot. */
export type ReadFile = (path: string) => string;

/** What the command line asked the launcher to do besides serving. */
export interface LoadActions {
  /** `--print-permissions`: print the least-privilege `deno run` line and exit. */
  printPermissions: boolean;
  /** `--oauth-setup` (reserved): run the OAuth wizard. */
  oauthSetup: boolean;
  /** The .env file that was loaded (`--env-file PATH`, or `.env` when present). */
  envFile?: string;
}

/** The outcome of `loadConfig()`. */
export type LoadResult =
  | { kind: "ok"; config: Config; warnings: string[]; actions: LoadActions }
  /** `--version` / `--help`: print `output` (no trailing newline) to stdout and exit 0. */
  | { kind: "exit"; code: 0; output: string }
  /** The configuration cannot be used; each problem is one sentence. */
  | { kind: "error"; problems: string[] };

/** The default .env file, read when present (relative to the working directory). */
export const DEFAULT_ENV_FILE = ".env";

const TRANSPORTS: readonly TransportKind[] = ["stdio", "sse", "streamable-http"];
const ENV_NAMES = new Set(CONFIG_ENV_VARS);
const NAMES: Record<Product, string> = { jira: "Jira", confluence: "Confluence" };
const PREFIXES: Record<Product, string> = { jira: "JIRA", confluence: "CONFLUENCE" };
const SAMPLE_URLS: Record<Product, string> = {
  jira: "https://your-company.atlassian.net",
  confluence: "https://your-company.atlassian.net/wiki",
};

/** One resolved setting and where it came from. */
interface Value {
  name: string;
  value: string;
  origin: "flag" | "env" | "dotenv";
  flag?: string;
}

/** Looks settings up with the precedence flags > process env > .env; "" counts as unset. */
class Settings {
  constructor(
    private readonly flags: Map<string, FlagSetting>,
    private readonly env: Record<string, string | undefined>,
    private readonly dotenv: Record<string, string>,
    private readonly envFile: string | undefined,
  ) {}

  get(name: string): Value | undefined {
    if (!ENV_NAMES.has(name)) throw new Error(`${name} is missing from CONFIG_ENV_VARS`);
    const flag = this.flags.get(name);
    if (flag && flag.value.trim() !== "") {
      return { name, value: flag.value.trim(), origin: "flag", flag: flag.flag };
    }
    const env = this.env[name]?.trim();
    if (env) return { name, value: env, origin: "env" };
    const dot = this.dotenv[name]?.trim();
    if (dot) return { name, value: dot, origin: "dotenv" };
    return undefined;
  }

  /** The first of several names that is set (fallback chains such as JIRA_HTTP_PROXY -> HTTP_PROXY). */
  first(...names: string[]): Value | undefined {
    for (const name of names) {
      const v = this.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** How a message names the setting: the flag, the variable, or the variable and its .env file. */
  label(v: Value): string {
    if (v.origin === "flag") return v.flag!;
    if (v.origin === "dotenv") return `${v.name} (from ${this.envFile})`;
    return v.name;
  }

  /** An example assignment in the form the user wrote the setting. */
  example(v: Value | string, sample: string): string {
    if (typeof v !== "string" && v.origin === "flag") return `${v.flag}=${sample}`;
    return `${typeof v === "string" ? v : v.name}=${sample}`;
  }
}

/** Collects problems and warnings (deduplicated: global settings are checked once per service). */
class Report {
  readonly problems = new Set<string>();
  readonly warnings = new Set<string>();

  problem(text: string): void {
    this.problems.add(text);
  }

  warn(text: string): void {
    this.warnings.add(text);
  }
}

/** A value for a message, with any `user:password@` masked. */
function shown(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, "//***@");
}

function readError(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotFound") return "not found";
  if (name === "NotCapable" || name === "PermissionDenied") return "no read permission";
  if (name === "IsADirectory") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}

function isAbsent(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  return name === "NotFound" || name === "NotCapable";
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Reads a boolean setting; reports values outside the accepted words. */
function booleanSetting(
  s: Settings,
  r: Report,
  name: string,
  fallback: boolean,
  words: BooleanWords = "default",
): boolean {
  const v = s.get(name);
  if (!v) return fallback;
  const parsed = parseBoolean(v.value, words);
  if (parsed === undefined) {
    r.problem(
      `${s.label(v)} must be ${booleanWords(words)} (got "${v.value}"); example: ${
        s.example(v, fallback ? "false" : "true")
      }`,
    );
    return fallback;
  }
  return parsed;
}

/** Reads a file a setting names; records the path; reports a problem when it cannot be read. */
function readNamedFile(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  v: Value,
  sample: string,
  files: string[],
): string | undefined {
  try {
    const text = readFile(v.value);
    files.push(v.value);
    return text;
  } catch (error) {
    r.problem(
      `${s.label(v)} names a file that cannot be read ("${v.value}": ${
        readError(error)
      }); example: ${s.example(v, sample)}`,
    );
    return undefined;
  }
}

function loadTls(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  P: string,
  files: string[],
): TlsSettings {
  const verify = booleanSetting(s, r, `${P}_SSL_VERIFY`, true, "sslVerify");
  const tls: TlsSettings = { verify };
  if (verify) {
    const ca = s.first(`${P}_CA_BUNDLE`, "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE");
    if (ca) {
      const pem = readNamedFile(s, r, readFile, ca, "/etc/ssl/certs/company-ca.pem", files);
      if (pem !== undefined) {
        const certs = certificates(pem);
        if (certs) tls.caCerts = [certs];
        else {
          r.problem(
            `${s.label(ca)} names a file with no PEM certificate ("${ca.value}"); example: ${
              s.example(ca, "/etc/ssl/certs/company-ca.pem")
            }`,
          );
        }
      }
    }
  }
  const password = s.get(`${P}_CLIENT_KEY_PASSWORD`);
  if (password) {
    addSecret(password.value);
    r.problem(
      `${
        s.label(password)
      } is set, but encrypted keys are not supported; example: decrypt the key with "openssl pkey -in key.pem -out key-plain.pem", set ${P}_CLIENT_KEY=key-plain.pem and unset ${P}_CLIENT_KEY_PASSWORD`,
    );
  }
  const certV = s.get(`${P}_CLIENT_CERT`);
  const keyV = s.get(`${P}_CLIENT_KEY`);
  if (keyV && !certV) {
    r.problem(
      `${
        s.label(keyV)
      } is set but ${P}_CLIENT_CERT is not; example: ${P}_CLIENT_CERT=/path/to/client-cert.pem`,
    );
  }
  if (certV) {
    const certPem = readNamedFile(s, r, readFile, certV, "/path/to/client-cert.pem", files);
    const keyPem = keyV
      ? readNamedFile(s, r, readFile, keyV, "/path/to/client-key.pem", files)
      : certPem;
    if (certPem !== undefined) {
      const chain = certificates(certPem);
      if (chain) tls.clientCert = chain;
      else {
        r.problem(
          `${s.label(certV)} names a file with no PEM certificate ("${certV.value}"); example: ${
            s.example(certV, "/path/to/client-cert.pem")
          }`,
        );
      }
    }
    if (keyPem !== undefined) {
      const key = privateKey(keyPem);
      const keySource = keyV ?? certV;
      if (!key) {
        r.problem(
          keyV
            ? `${s.label(keyV)} names a file with no PEM private key ("${keyV.value}"); example: ${
              s.example(keyV, "/path/to/client-key.pem")
            }`
            : `${
              s.label(certV)
            } has no private key in "${certV.value}" and ${P}_CLIENT_KEY is not set; example: ${P}_CLIENT_KEY=/path/to/client-key.pem`,
        );
      } else if (isEncryptedKey(key)) {
        r.problem(
          `${
            s.label(keySource)
          } holds an encrypted private key ("${keySource.value}"), but encrypted keys are not supported; example: decrypt it with "openssl pkey -in key.pem -out key-plain.pem" and set ${P}_CLIENT_KEY=key-plain.pem`,
        );
      } else {
        addSecret(key.text);
        tls.clientKey = key.text;
      }
    }
  }
  return tls;
}

function loadProxy(s: Settings, r: Report, P: string): ProxySettings {
  const proxy: ProxySettings = { noProxy: [] };
  const fields = [
    ["http", `${P}_HTTP_PROXY`, "http_proxy", "HTTP_PROXY", "http"],
    ["https", `${P}_HTTPS_PROXY`, "https_proxy", "HTTPS_PROXY", "http"],
    ["socks", `${P}_SOCKS_PROXY`, "socks_proxy", "SOCKS_PROXY", "socks"],
  ] as const;
  for (const [field, own, lower, upper, kind] of fields) {
    const v = s.first(own, lower, upper);
    if (!v) continue;
    const url = normaliseProxyUrl(v.value, kind);
    if (url === undefined) {
      const sample = kind === "socks"
        ? "socks5://proxy.example.com:1080"
        : "http://proxy.example.com:3128";
      r.problem(
        `${s.label(v)} is not a valid proxy URL (got "${shown(v.value)}"); example: ${
          s.example(v, sample)
        }`,
      );
      continue;
    }
    proxyCredentials(url).forEach(addSecret);
    proxy[field] = url;
  }
  const noProxy = s.first(`${P}_NO_PROXY`, "no_proxy", "NO_PROXY");
  if (noProxy) proxy.noProxy = parseNoProxy(noProxy.value);
  return proxy;
}

function loadAuth(
  s: Settings,
  r: Report,
  product: Product,
  deployment: ServiceConfig["deployment"],
  hasClientCert: boolean,
): ServiceAuth | undefined {
  const P = PREFIXES[product];
  const Name = NAMES[product];
  const username = s.get(`${P}_USERNAME`)?.value;
  const token = s.get(`${P}_API_TOKEN`)?.value;
  const pat = s.get(`${P}_PERSONAL_TOKEN`)?.value;
  const basicMissing = [!username && `${P}_USERNAME`, !token && `${P}_API_TOKEN`].filter(
    (x): x is string => typeof x === "string",
  );
  if (deployment === "cloud") {
    if (username && token) return { kind: "basic", username, token };
    const patNote = pat
      ? ` (${P}_PERSONAL_TOKEN works only with Server/Data Center; if this is a self-hosted site, set ${P}_DEPLOYMENT=datacenter)`
      : "";
    r.warn(
      `${Name} is disabled: ${P}_URL is an Atlassian Cloud site, which needs ${P}_USERNAME and ${P}_API_TOKEN, but ${
        basicMissing.join(" and ")
      } ${
        basicMissing.length > 1 ? "are" : "is"
      } not set${patNote}; example: ${P}_USERNAME=you@example.com ${P}_API_TOKEN=<API token>.`,
    );
    return undefined;
  }
  if (pat) return { kind: "pat", token: pat };
  if (username && token) return { kind: "basic", username, token };
  if (hasClientCert) return { kind: "none" };
  const missing = username || token
    ? `${basicMissing.join(" and ")} ${basicMissing.length > 1 ? "are" : "is"} not set`
    : `none of ${P}_PERSONAL_TOKEN, ${P}_USERNAME with ${P}_API_TOKEN, or ${P}_CLIENT_CERT is set`;
  r.warn(
    `${Name} is disabled: a Server/Data Center site needs ${P}_PERSONAL_TOKEN, or ${P}_USERNAME with ${P}_API_TOKEN (password), or ${P}_CLIENT_CERT, but ${missing}; example: ${P}_PERSONAL_TOKEN=<personal access token>.`,
  );
  return undefined;
}

/** Outcome of loading one service: its config, or why it is absent. */
interface ServiceOutcome {
  service?: ServiceConfig;
  /** The service's URL was given but is unusable (reported as a problem). */
  urlProblem: boolean;
}

function loadService(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  product: Product,
  files: string[],
): ServiceOutcome {
  const P = PREFIXES[product];
  const Name = NAMES[product];
  const sampleUrl = SAMPLE_URLS[product];
  const username = s.get(`${P}_USERNAME`);
  const token = s.get(`${P}_API_TOKEN`);
  const pat = s.get(`${P}_PERSONAL_TOKEN`);
  addSecret(token?.value);
  addSecret(pat?.value);
  if (username && token) addSecret(base64(`${username.value}:${token.value}`));

  const urlV = s.get(`${P}_URL`);
  if (!urlV) {
    const given = [username, token, pat].filter((v) => v !== undefined).map((v) => v!.name);
    if (given.length) {
      r.warn(
        `${Name} is disabled: ${given.join(", ")} ${
          given.length > 1 ? "are" : "is"
        } set but ${P}_URL is not; example: ${P}_URL=${sampleUrl}.`,
      );
    }
    return { urlProblem: false };
  }
  let url: URL | undefined;
  try {
    url = new URL(urlV.value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname) {
    r.problem(
      `${s.label(urlV)} is not a valid http(s) URL (got "${shown(urlV.value)}"); example: ${
        s.example(urlV, sampleUrl)
      }`,
    );
    return { urlProblem: true };
  }
  if (url.username || url.password) {
    addSecret(url.password);
    addSecret(safeDecode(url.password));
    r.problem(
      `${s.label(urlV)} must not contain a user name or password (got "${
        shown(urlV.value)
      }"); example: ${s.example(urlV, sampleUrl)} with ${P}_USERNAME and ${P}_API_TOKEN`,
    );
    return { urlProblem: true };
  }
  if (url.search || url.hash) {
    r.warn(`${s.label(urlV)}: the query and fragment of "${urlV.value}" are ignored.`);
  }

  let deployment = detectDeployment(url);
  const depV = s.get(`${P}_DEPLOYMENT`);
  if (depV) {
    const forced = parseDeployment(depV.value);
    if (forced) deployment = forced;
    else {
      r.problem(
        `${s.label(depV)} must be cloud or datacenter (got "${depV.value}"); example: ${
          s.example(depV, "datacenter")
        }`,
      );
    }
  }

  let path = url.pathname.replace(/\/+$/, "");
  const apiGateway = url.hostname === "api.atlassian.com";
  if (
    product === "confluence" && deployment === "cloud" && !apiGateway && !path.endsWith("/wiki")
  ) {
    path += "/wiki";
  }
  const base = `${url.protocol}//${url.host}${path}`;

  const serviceFiles: string[] = [];
  const tls = loadTls(s, r, readFile, P, serviceFiles);
  if (!tls.verify) {
    r.warn(
      `${Name}: TLS certificate verification is off for ${url.hostname} (${P}_SSL_VERIFY=false); the process needs --unsafely-ignore-certificate-errors=${url.hostname}.`,
    );
  }

  let timeoutMs = 75_000;
  const timeoutV = s.get(`${P}_TIMEOUT`);
  if (timeoutV) {
    const seconds = parseWholeNumber(timeoutV.value, 1, 86_400);
    if (seconds === undefined) {
      r.problem(
        `${
          s.label(timeoutV)
        } must be a whole number of seconds from 1 to 86400 (got "${timeoutV.value}"); example: ${
          s.example(timeoutV, "75")
        }`,
      );
    } else timeoutMs = seconds * 1000;
  }

  let customHeaders: Record<string, string> = {};
  const headersV = s.get(`${P}_CUSTOM_HEADERS`);
  if (headersV) {
    const parsed = parseCustomHeaders(headersV.value);
    customHeaders = parsed.headers;
    // Values of 8+ characters may be credentials (gateway keys); shorter ones ("prod") are not.
    Object.values(customHeaders).filter((v) => v.length >= 8).forEach(addSecret);
    if (parsed.invalid.length) {
      r.problem(
        `${s.label(headersV)} has entries that are not Name=value (${
          parsed.invalid.map((e) => `"${e}"`).join(", ")
        }); example: ${s.example(headersV, "X-Team=payments,X-Env=prod")}`,
      );
    }
  }

  const proxy = loadProxy(s, r, P);
  const filterV = s.get(product === "jira" ? "JIRA_PROJECTS_FILTER" : "CONFLUENCE_SPACES_FILTER");
  const allowlist = filterV ? splitList(filterV.value) : [];

  const auth = loadAuth(s, r, product, deployment, s.get(`${P}_CLIENT_CERT`) !== undefined);
  if (!auth) return { urlProblem: false };
  files.push(...serviceFiles);
  return {
    urlProblem: false,
    service: {
      product,
      url: base,
      deployment,
      auth,
      tls,
      proxy,
      timeoutMs,
      customHeaders,
      allowlist,
    },
  };
}

function normaliseHost(value: string): string | undefined {
  let host = value.trim();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host === "" || /[\s/@?#[\]\\]/.test(host)) return undefined;
  try {
    new URL(`http://${host.includes(":") ? `[${host}]` : host}/`);
  } catch {
    return undefined;
  }
  return host;
}

function loadOAuth(s: Settings, r: Report): OAuthSettings | undefined {
  const keys: Record<(typeof OAUTH_VARS)[number], keyof OAuthSettings> = {
    ATLASSIAN_OAUTH_CLIENT_ID: "clientId",
    ATLASSIAN_OAUTH_CLIENT_SECRET: "clientSecret",
    ATLASSIAN_OAUTH_REDIRECT_URI: "redirectUri",
    ATLASSIAN_OAUTH_SCOPE: "scope",
    ATLASSIAN_OAUTH_CLOUD_ID: "cloudId",
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "accessToken",
  };
  const oauth: OAuthSettings = {};
  const given: string[] = [];
  for (const name of OAUTH_VARS) {
    const v = s.get(name);
    if (!v) continue;
    oauth[keys[name]] = v.value;
    given.push(v.origin === "flag" ? v.flag! : name);
  }
  addSecret(oauth.clientSecret);
  addSecret(oauth.accessToken);
  if (!given.length) return undefined;
  r.warn(
    `OAuth is not supported yet, so ${given.join(", ")} ${
      given.length > 1 ? "are" : "is"
    } stored but not used.`,
  );
  return oauth;
}

/**
 * Builds the validated configuration from the command line (`argv` without the program name),
 * the process environment and a .env file (`--env-file PATH`, else `./.env` when present), read
 * through `readFile`. `--help`/`--version` give `kind: "exit"`; any problem gives
 * `kind: "error"` with every problem found; a service whose URL is set but whose credentials
 * are incomplete is left out with a warning.
 */
export function loadConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  readFile: ReadFile,
): LoadResult {
  const flags = parseFlags(argv);
  if (flags.help) return { kind: "exit", code: 0, output: helpText() };
  if (flags.version) return { kind: "exit", code: 0, output: versionText() };
  const r = new Report();
  flags.problems.forEach((p) => r.problem(p));

  let dotenv: Record<string, string> = {};
  let envFile: string | undefined;
  const envPath = flags.envFile ?? DEFAULT_ENV_FILE;
  let envText: string | undefined;
  try {
    envText = readFile(envPath);
  } catch (error) {
    if (flags.envFile !== undefined) {
      r.problem(
        `--env-file names a file that cannot be read ("${envPath}": ${
          readError(error)
        }); example: --env-file=./atlassian.env`,
      );
    } else if (!isAbsent(error)) {
      r.warn(`./${DEFAULT_ENV_FILE} is ignored: it cannot be read (${readError(error)}).`);
    }
  }
  if (envText !== undefined) {
    try {
      dotenv = parseEnv(envText) as Record<string, string>;
      envFile = envPath;
    } catch (error) {
      r.problem(
        `${envPath} is not a valid .env file (${
          readError(error)
        }); example line: JIRA_URL=${SAMPLE_URLS.jira}`,
      );
    }
  }
  const s = new Settings(flags.settings, env, dotenv, envFile);
  const files: string[] = envFile ? [envFile] : [];

  // Transport, listen address and path.
  let transport: TransportKind = "stdio";
  const transportV = s.get("TRANSPORT");
  if (transportV) {
    const t = transportV.value.toLowerCase() as TransportKind;
    if (TRANSPORTS.includes(t)) transport = t;
    else if (transportV.origin === "flag") {
      r.problem(
        `${s.label(transportV)} must be one of ${
          TRANSPORTS.join(", ")
        } (got "${transportV.value}"); example: ${s.example(transportV, "streamable-http")}`,
      );
    } else {
      r.warn(
        `${s.label(transportV)}="${transportV.value}" is not one of ${
          TRANSPORTS.join(", ")
        }; using stdio.`,
      );
    }
  }
  let host = "127.0.0.1";
  const hostV = s.get("HOST");
  if (hostV) {
    const h = normaliseHost(hostV.value);
    if (h === undefined) {
      r.problem(
        `${
          s.label(hostV)
        } is not a valid host name or IP address (got "${hostV.value}"); example: ${
          s.example(hostV, "127.0.0.1")
        }`,
      );
    } else host = h;
  }
  let port = 8000;
  const portV = s.get("PORT");
  if (portV) {
    const p = parseWholeNumber(portV.value, 0, 65535);
    if (p === undefined) {
      r.problem(
        `${
          s.label(portV)
        } must be a whole number from 0 to 65535 (got "${portV.value}"); example: ${
          s.example(portV, "8000")
        }`,
      );
    } else port = p;
  }
  let path = transport === "sse" ? "/sse" : "/mcp";
  const pathV = s.get("STREAMABLE_HTTP_PATH");
  if (pathV) {
    if (!/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(pathV.value)) {
      r.problem(
        `${s.label(pathV)} must be a URL path starting with "/" (got "${pathV.value}"); example: ${
          s.example(pathV, "/mcp")
        }`,
      );
    } else path = pathV.value.length > 1 ? pathV.value.replace(/\/+$/, "") : pathV.value;
  }
  const stateless = booleanSetting(s, r, "STATELESS", false);
  if (stateless && transport !== "streamable-http") {
    const v = s.get("STATELESS")!;
    r.problem(
      `${
        s.label(v)
      } works only with the streamable-http transport (the transport is ${transport}); example: ${
        s.example(transportV ?? "TRANSPORT", "streamable-http")
      }`,
    );
  }

  // Tool selection and logging.
  const readOnly = booleanSetting(s, r, "READ_ONLY_MODE", false, "extended");
  const toolsetsV = s.get("TOOLSETS");
  const toolsets = toolsetsV ? splitList(toolsetsV.value) : [];
  const enabledV = s.get("ENABLED_TOOLS");
  const enabledTools = enabledV ? splitList(enabledV.value) : [];
  const verbose = booleanSetting(s, r, "MCP_VERBOSE", false);
  const veryVerbose = booleanSetting(s, r, "MCP_VERY_VERBOSE", false);
  const logLevel: Config["logLevel"] = flags.verbosity >= 2
    ? "debug"
    : flags.verbosity === 1
    ? "info"
    : veryVerbose
    ? "debug"
    : verbose
    ? "info"
    : "warn";

  // Services.
  const jira = loadService(s, r, readFile, "jira", files);
  const confluence = loadService(s, r, readFile, "confluence", files);
  const oauth = loadOAuth(s, r);
  if (
    !jira.service && !confluence.service && !jira.urlProblem && !confluence.urlProblem &&
    !flags.oauthSetup
  ) {
    r.problem(
      "No Atlassian service is configured: set JIRA_URL with JIRA_USERNAME and JIRA_API_TOKEN (Cloud) or JIRA_PERSONAL_TOKEN (Server/Data Center), and/or the CONFLUENCE_* equivalents.",
    );
  }

  if (r.problems.size) return { kind: "error", problems: [...r.problems] };
  const config: Config = {
    transport,
    host,
    port,
    path,
    stateless,
    readOnly,
    logLevel,
    files: [...new Set(files)],
  };
  if (jira.service) config.jira = jira.service;
  if (confluence.service) config.confluence = confluence.service;
  if (toolsets.length) config.toolsets = toolsets;
  if (enabledTools.length) config.enabledTools = enabledTools;
  if (oauth) config.oauth = oauth;
  return {
    kind: "ok",
    config,
    warnings: [...r.warnings],
    actions: {
      printPermissions: flags.printPermissions,
      oauthSetup: flags.oauthSetup,
      ...(envFile !== undefined ? { envFile } : {}),
    },
  };
}
