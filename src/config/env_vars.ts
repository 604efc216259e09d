/**
 * The names of every environment variable the configuration reads. The launcher reads exactly
 * these (and `--allow-env` grants exactly these), so a variable missing here is never seen.
 *
 * @module
 */

/** The two Atlassian products as they prefix their variables. */
export const SERVICE_PREFIXES = ["JIRA", "CONFLUENCE"] as const;

/** Variable suffixes every service has (`JIRA_URL`, `CONFLUENCE_URL`, ...). */
export const SERVICE_SUFFIXES = [
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
export const GLOBAL_PROXY_VARS = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "SOCKS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "socks_proxy",
  "no_proxy",
] as const;

/** OAuth variables (accepted and stored; OAuth itself is reserved for a later release). */
export const OAUTH_VARS = [
  "ATLASSIAN_OAUTH_CLIENT_ID",
  "ATLASSIAN_OAUTH_CLIENT_SECRET",
  "ATLASSIAN_OAUTH_REDIRECT_URI",
  "ATLASSIAN_OAUTH_SCOPE",
  "ATLASSIAN_OAUTH_CLOUD_ID",
  "ATLASSIAN_OAUTH_ACCESS_TOKEN",
] as const;

/** Every environment variable the launcher reads, in a stable order. */
export const CONFIG_ENV_VARS: readonly string[] = Object.freeze([
  ...SERVICE_PREFIXES.flatMap((p) => SERVICE_SUFFIXES.map((s) => `${p}_${s}`)),
  "JIRA_PROJECTS_FILTER",
  "CONFLUENCE_SPACES_FILTER",
  "JIRA_ISSUE_KEY_PATTERN",
  "JIRA_PROJECT_KEY_PATTERN",
  "TRANSPORT",
  "HOST",
  "PORT",
  "STREAMABLE_HTTP_PATH",
  "STATELESS",
  "READ_ONLY_MODE",
  "TOOLSETS",
  "ENABLED_TOOLS",
  "MCP_VERBOSE",
  "MCP_VERY_VERBOSE",
  ...GLOBAL_PROXY_VARS,
  "REQUESTS_CA_BUNDLE",
  "SSL_CERT_FILE",
  ...OAUTH_VARS,
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
