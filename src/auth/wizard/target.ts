/**
 * Where the setup wizard authorizes: Atlassian Cloud (auth.atlassian.com + api.atlassian.com, or
 * the configured base URLs) or a Data Center instance (its own `/rest/oauth2/latest`), worked out
 * by the configuration loader itself so the wizard and the server never disagree, plus the
 * permissions the wizard needs for it.
 *
 * @module
 */
import { dirname } from "node:path";
import { CONFIG_ENV_VARS } from "../../config/env_vars.ts";
import { loadConfig, type ReadFile } from "../../config/load.ts";
import { proxyAddress, proxyFor } from "../../config/mod.ts";
import type { Config, Product, ServiceConfig } from "../../config/types.ts";
import { hostPort } from "../../sandbox/plan.ts";
import { cloudEndpoints, datacenterEndpoints, type OAuthEndpoints } from "../oauth/mod.ts";
import { isLoopbackRedirect, listenDescriptors } from "./callback.ts";

/** The environment variable that shortens the wait for the browser (seconds; tests). */
export const TIMEOUT_ENV = "MCP_OAUTH_SETUP_TIMEOUT";

/** A cloud id only for working out the deployment (never stored or printed). */
const PROBE_CLOUD_ID = "00000000-0000-4000-8000-000000000000";

/** The authorization server the wizard talks to. */
export interface WizardTarget {
  kind: "cloud" | "datacenter";
  endpoints: OAuthEndpoints;
  /** Data Center: the instance URL (with its context path) and its product. */
  instanceUrl?: string;
  product?: Product;
  /** The service whose TLS and proxy settings the token calls use, when one is configured. */
  service?: ServiceConfig;
  /** Cloud: the configured site URLs (JIRA_URL / CONFLUENCE_URL), to pick among several sites. */
  siteUrls: string[];
  /** The configured services (for the client configuration the wizard prints). */
  services: ServiceConfig[];
}

/** The answers that shape the probe configuration. */
export interface ProbeAnswers {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scope?: string;
}

function services(config: Config): ServiceConfig[] {
  return [config.jira, config.confluence].filter((s): s is ServiceConfig => s !== undefined);
}

/**
 * The configuration as the server would load it with these OAuth values (flags win over the
 * environment and the .env file); `cloudId` only to make Cloud OAuth settings complete.
 */
function probe(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  readFile: ReadFile,
  answers: ProbeAnswers,
  cloudId?: string,
): Config | undefined {
  const extra = [
    `--oauth-client-id=${answers.clientId ?? "wizard-probe"}`,
    `--oauth-client-secret=${answers.clientSecret ?? "wizard-probe"}`,
  ];
  if (answers.redirectUri) extra.push(`--oauth-redirect-uri=${answers.redirectUri}`);
  if (answers.scope) extra.push(`--oauth-scope=${answers.scope}`);
  if (cloudId) extra.push(`--oauth-cloud-id=${cloudId}`);
  const result = loadConfig([...argv, ...extra], env, readFile);
  return result.kind === "ok" ? result.config : undefined;
}

/**
 * Works out where to authorize: a Data Center instance when `JIRA_URL` (else `CONFLUENCE_URL`)
 * is one, else Atlassian Cloud. `config` is the configuration already loaded (for the base URLs).
 */
export function wizardTarget(
  config: Config,
  argv: readonly string[],
  env: Record<string, string | undefined>,
  readFile: ReadFile,
  answers: ProbeAnswers = {},
): WizardTarget {
  const asIs = probe(argv, env, readFile, answers);
  const dc = asIs ? services(asIs).find((s) => s.deployment === "datacenter") : undefined;
  if (dc) {
    return {
      kind: "datacenter",
      endpoints: datacenterEndpoints(dc.url),
      instanceUrl: dc.url,
      product: dc.product,
      service: dc,
      siteUrls: [dc.url],
      services: services(asIs!),
    };
  }
  const cloud = probe(argv, env, readFile, answers, config.oauth.cloudId ?? PROBE_CLOUD_ID);
  const cloudServices = cloud ? services(cloud) : [];
  return {
    kind: "cloud",
    endpoints: cloudEndpoints(config.oauth.authUrl, config.oauth.apiUrl),
    service: cloudServices[0],
    siteUrls: cloudServices.map((s) => s.siteUrl ?? (s.auth.kind === "basic" ? s.url : ""))
      .filter(Boolean),
    services: cloudServices,
  };
}

/** What the wizard's process needs; nothing else is used. */
export interface WizardPermissions {
  /** `host:port`: the authorization server(s), proxies, the callback listener. */
  net: string[];
  /** The token folder, the .env file and the files the configuration names. */
  read: string[];
  /** The token folder. */
  write: string[];
  /** The configuration's variables and `MCP_OAUTH_SETUP_TIMEOUT`. */
  env: string[];
  /** The browser opener (optional: without it the wizard prints the URL only). */
  run: string[];
}

/** The browser opener of this OS (`xdg-open`, `open`, `cmd`). */
function openerCommand(): string {
  return Deno.build.os === "darwin" ? "open" : Deno.build.os === "windows" ? "cmd" : "xdg-open";
}

/**
 * The wizard's least privilege for a target, redirect URI and token file: net to the
 * authorization server(s) and their proxies plus the callback listener (loopback redirect URIs
 * only), read + write on the token folder, the configuration's variables, and the opener.
 */
export function wizardPermissions(
  target: WizardTarget,
  config: Config,
  redirectUri: string,
  tokenFile: string | undefined,
  envFile?: string,
): WizardPermissions {
  const net = new Set<string>();
  const urls = target.kind === "cloud"
    ? [target.endpoints.tokenUrl, target.endpoints.resourcesUrl!]
    : [target.endpoints.tokenUrl];
  for (const url of urls) {
    net.add(hostPort(url));
    const proxy = target.service ? proxyFor({ url, proxy: target.service.proxy }) : undefined;
    if (proxy) net.add(proxyAddress(proxy));
  }
  let redirect: URL | undefined;
  try {
    redirect = new URL(redirectUri);
  } catch {
    redirect = undefined;
  }
  if (redirect && isLoopbackRedirect(redirect)) {
    listenDescriptors(redirect).forEach((d) => net.add(d));
  }
  const folder = tokenFile ? [dirname(tokenFile)] : [];
  const read = [...new Set([...folder, ...(envFile ? [envFile] : []), ...config.files])];
  return {
    net: [...net],
    read,
    write: folder,
    env: [...CONFIG_ENV_VARS, TIMEOUT_ENV],
    run: [openerCommand()],
  };
}

/** The `deno run` flags for the wizard (no prompts; the opener included). */
export function wizardRunFlags(p: WizardPermissions): string[] {
  const flags = ["--no-prompt"];
  if (p.net.length) flags.push(`--allow-net=${p.net.join(",")}`);
  if (p.read.length) flags.push(`--allow-read=${p.read.join(",")}`);
  if (p.write.length) flags.push(`--allow-write=${p.write.join(",")}`);
  if (p.env.length) flags.push(`--allow-env=${p.env.join(",")}`);
  if (p.run.length) flags.push(`--allow-run=${p.run.join(",")}`);
  return flags;
}

/**
 * The flags this process lacks for the wizard's net, read and write needs (the opener and the
 * variables are optional: without them the URL is only printed, unread variables count as unset).
 */
export async function missingWizardPermissions(p: WizardPermissions): Promise<string[]> {
  const missing: string[] = [];
  for (const host of p.net) {
    const status = await Deno.permissions.query({ name: "net", host });
    if (status.state !== "granted") missing.push(`--allow-net=${host}`);
  }
  for (const path of p.read) {
    const status = await Deno.permissions.query({ name: "read", path });
    if (status.state !== "granted") missing.push(`--allow-read=${path}`);
  }
  for (const path of p.write) {
    const status = await Deno.permissions.query({ name: "write", path });
    if (status.state !== "granted") missing.push(`--allow-write=${path}`);
  }
  return missing;
}
