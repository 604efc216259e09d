/**
 * The names of every environment variable the configuration reads. The launcher reads exactly
 * these (and `--allow-env` grants exactly these), so a variable missing here is never seen.
 *
 * @module
 */

import { ANALYSIS_VARIABLES } from "./analysis_vars.ts";
import { PYTHON_ENV_VARS } from "./python_vars.ts";

/** The two Atlassian products as they prefix their variables. */
const SERVICE_PREFIXES = ["JIRA", "CONFLUENCE"] as const;

/** Variable suffixes every service has (`JIRA_URL`, `CONFLUENCE_URL`, ...). */
const SERVICE_SUFFIXES = [
  "URL",
  "USERNAME",
  "API_TOKEN",
  "PERSONAL_TOKEN",
  "SSL_VERIFY",
  "TIMEOUT",
  "CUSTOM_HEADERS",
  "CLIENT_CERT",
  "CLIENT_KEY",
  "CLIENT_KEY_PASSWORD",
  "CA_BUNDLE",
  "DEPLOYMENT",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "SOCKS_PROXY",
  "NO_PROXY",
] as const;

/** Global proxy variables, upper and lower case (lower case wins, as in Python's urllib). */
const GLOBAL_PROXY_VARS = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "SOCKS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "socks_proxy",
  "no_proxy",
] as const;

/** The OAuth fields every `ATLASSIAN_OAUTH_*`, `JIRA_OAUTH_*` and `CONFLUENCE_OAUTH_*` name has. */
export const OAUTH_FIELDS = [
  "CLIENT_ID",
  "CLIENT_SECRET",
  "REDIRECT_URI",
  "SCOPE",
  "CLOUD_ID",
  "ACCESS_TOKEN",
] as const;

/** The shared OAuth variables (`ATLASSIAN_OAUTH_CLIENT_ID`, ...), as in the Python server. */
const OAUTH_VARS = OAUTH_FIELDS.map((f) => `ATLASSIAN_OAUTH_${f}` as const);

/**
 * Per-service OAuth overrides (`JIRA_OAUTH_CLIENT_ID`, `CONFLUENCE_OAUTH_SCOPE`, ...): each wins
 * over its `ATLASSIAN_OAUTH_*` counterpart for that service.
 */
const SERVICE_OAUTH_VARS: readonly string[] = SERVICE_PREFIXES.flatMap((p) =>
  OAUTH_FIELDS.map((f) => `${p}_OAUTH_${f}`)
);

/** Multi-user and endpoint settings of OAuth (ATLASSIAN_OAUTH_ENABLE, the base URLs, ...). */
const OAUTH_SETTING_VARS = [
  "ATLASSIAN_OAUTH_ENABLE",
  "ATLASSIAN_OAUTH_AUTH_URL",
  "ATLASSIAN_API_URL",
  "ATLASSIAN_MEDIA_URL",
  "ALLOW_GLOBAL_CRED_FALLBACK",
  "IGNORE_HEADER_AUTH",
  "MCP_ALLOWED_URL_DOMAINS",
] as const;

/**
 * The home folder variables (`HOME`, else `USERPROFILE` on Windows): read by the launcher only,
 * to place the OAuth token file (`~/.mcp-atlassian/oauth-<client_id>.json`). The Worker never
 * reads the environment; it receives the resolved path in `config.oauth.tokenFile`.
 */
const HOME_VARS = ["HOME", "USERPROFILE"] as const;

/** Every environment variable the launcher reads, in a stable order. */
export const CONFIG_ENV_VARS: readonly string[] = Object.freeze([
  ...SERVICE_PREFIXES.flatMap((p) => SERVICE_SUFFIXES.map((s) => `${p}_${s}`)),
  "JIRA_PROJECTS_FILTER",
  "CONFLUENCE_SPACES_FILTER",
  "JIRA_ISSUE_KEY_PATTERN",
  "JIRA_PROJECT_KEY_PATTERN",
  ...ANALYSIS_VARIABLES.map((v) => v.name),
  "TRANSPORT",
  "HOST",
  "PORT",
  "STREAMABLE_HTTP_PATH",
  "STATELESS",
  "READ_ONLY_MODE",
  "TOOLSETS",
  "ENABLED_TOOLS",
  "MCP_ATTACHMENTS_DIR",
  "MCP_VERBOSE",
  "MCP_VERY_VERBOSE",
  ...GLOBAL_PROXY_VARS,
  "REQUESTS_CA_BUNDLE",
  "SSL_CERT_FILE",
  ...OAUTH_VARS,
  ...SERVICE_OAUTH_VARS,
  ...OAUTH_SETTING_VARS,
  ...HOME_VARS,
  ...PYTHON_ENV_VARS,
]);

/**
 * Reads the configuration's variables from the process environment; a variable the process may
 * not read (no `--allow-env` for it) counts as unset.
 */
export function readProcessEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of CONFIG_ENV_VARS) {
    try {
      env[name] = Deno.env.get(name);
    } catch {
      // Not granted: unset.
    }
  }
  return env;
}
