/**
 * What the setup wizard prints when it succeeds: the environment lines to set (the client secret
 * replaced by a placeholder) and a ready MCP client configuration that starts this server with
 * those settings under its least-privilege permissions.
 *
 * @module
 */
import { basename } from "node:path";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../../config/oauth.ts";
import { loadConfig } from "../../config/load.ts";
import { detectDeployment } from "../../config/mod.ts";
import type { Config, ServiceConfig } from "../../config/types.ts";
import { denoRunFlags, permissionPlan } from "../../sandbox/plan.ts";

/** Printed instead of the client secret, which is never shown. */
const SECRET_PLACEHOLDER = "<your client secret>";

/** What the wizard set up. */
export interface SetupResult {
  kind: "cloud" | "datacenter";
  clientId: string;
  redirectUri: string;
  scope: string;
  /** Cloud: the chosen site's cloud id. */
  cloudId?: string;
  /** Data Center: the instance URL and its product. */
  instanceUrl?: string;
  product?: "jira" | "confluence";
  /** The token file written. */
  tokenFile: string;
}

/** Quotes a value for a .env file or a POSIX shell when it holds spaces or special characters. */
export function envValue(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]*$/.test(value)
    ? value
    : `"${value.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

/** The OAuth variables to set, in order (the secret as the placeholder). */
function oauthVariables(result: SetupResult): [string, string][] {
  const vars: [string, string][] = [
    ["ATLASSIAN_OAUTH_CLIENT_ID", result.clientId],
    ["ATLASSIAN_OAUTH_CLIENT_SECRET", SECRET_PLACEHOLDER],
    ["ATLASSIAN_OAUTH_REDIRECT_URI", result.redirectUri],
    ["ATLASSIAN_OAUTH_SCOPE", result.scope],
  ];
  if (result.cloudId) vars.push(["ATLASSIAN_OAUTH_CLOUD_ID", result.cloudId]);
  return vars;
}

/** The `NAME=value` lines (the secret never appears: its line holds the placeholder unquoted). */
export function envLines(result: SetupResult): string[] {
  return oauthVariables(result).map(([name, value]) =>
    `${name}=${value === SECRET_PLACEHOLDER ? value : envValue(value)}`
  );
}

function siteVariables(
  services: ServiceConfig[],
  result: SetupResult,
  config: Config,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of services) {
    if (result.kind === "datacenter" && s.product !== result.product) continue;
    const P = s.product === "jira" ? "JIRA" : "CONFLUENCE";
    const url = s.siteUrl ?? s.url;
    if (url.startsWith(`${config.oauth.apiUrl}/ex/`)) continue;
    out[`${P}_URL`] = url;
    if (detectDeployment(url) !== s.deployment) out[`${P}_DEPLOYMENT`] = s.deployment;
  }
  return out;
}

/**
 * The environment of the MCP client configuration: the site URLs as configured (with a
 * `*_DEPLOYMENT` where detection would differ), the OAuth variables, and the base URLs when they
 * are not Atlassian's.
 */
function clientEnv(
  result: SetupResult,
  services: ServiceConfig[],
  config: Config,
): Record<string, string> {
  const env: Record<string, string> = { ...siteVariables(services, result, config) };
  for (const [name, value] of oauthVariables(result)) env[name] = value;
  if (result.kind === "cloud") {
    if (config.oauth.authUrl !== DEFAULT_AUTH_URL) {
      env.ATLASSIAN_OAUTH_AUTH_URL = config.oauth.authUrl;
    }
    if (config.oauth.apiUrl !== DEFAULT_API_URL) env.ATLASSIAN_API_URL = config.oauth.apiUrl;
  }
  return env;
}

/**
 * How the client starts this server: the compiled binary itself, or this Deno (full path, since
 * desktop clients often lack the shell's PATH) with `run <least privilege> main.ts`.
 */
function serverCommand(
  env: Record<string, string>,
  launcher: { home?: string; entry: string },
): { command: string; args: string[] } {
  const exec = Deno.execPath();
  if (!/^deno(\.exe)?$/i.test(basename(exec))) return { command: exec, args: [] };
  const entry = launcher.entry;
  const fullEnv = {
    ...env,
    ATLASSIAN_OAUTH_CLIENT_SECRET: "placeholder-secret",
    ...(launcher.home ? { HOME: launcher.home } : {}),
  };
  const result = loadConfig([], fullEnv, () => {
    throw new Deno.errors.NotFound("no .env file for the client configuration");
  });
  if (result.kind !== "ok") {
    return { command: exec, args: ["run", "-A", "--unstable-worker-options", entry] };
  }
  const flags = denoRunFlags(permissionPlan(result.config));
  return { command: exec, args: ["run", ...flags, entry] };
}

/** The MCP client configuration (`mcpServers`) as pretty JSON. */
function clientConfigJson(
  command: { command: string; args: string[] },
  env: Record<string, string>,
): string {
  return JSON.stringify(
    { mcpServers: { atlassian: { command: command.command, args: command.args, env } } },
    null,
    2,
  );
}

/**
 * What the wizard prints on stdout when it succeeds: the environment lines and the MCP client
 * configuration that starts this server with them.
 */
export function setupReport(
  setup: SetupResult,
  services: ServiceConfig[],
  config: Config,
  launcher: { home?: string; entry: string },
): string {
  const env = clientEnv(setup, services, config);
  const command = serverCommand(env, launcher);
  const lines = [
    "# mcp-atlassian OAuth settings: add them to your environment or .env file",
    "# (replace the placeholder with your client secret).",
    ...envLines(setup),
    "",
    '# MCP client configuration ("mcpServers" for Claude Desktop and Cursor; VS Code: "servers"):',
    clientConfigJson(command, env),
    "",
  ];
  return lines.join("\n");
}
