/**
 * Configuration: command-line flags + process environment + .env file -> one validated
 * `Config` (see `types.ts`), plus Cloud/Data Center detection, proxy selection and a redacted
 * summary for logs.
 *
 * Deliberate differences from the Python `mcp-atlassian` server:
 * - Precedence is flags > process environment > .env file (Python lets .env override the
 *   process environment). The process environment is what an MCP client sets, so it wins.
 * - `HOST` defaults to `127.0.0.1` (Python: `0.0.0.0`), so an HTTP transport is not exposed to
 *   the network unless asked for.
 * - `JIRA_CA_BUNDLE` / `CONFLUENCE_CA_BUNDLE` (new) name a PEM file of extra trusted CAs; when
 *   unset, `REQUESTS_CA_BUNDLE` and then `SSL_CERT_FILE` are used, as Python's requests does.
 *   The bundle is read only while verification is on.
 * - A boolean value outside the accepted words (e.g. `READ_ONLY_MODE=maybe`,
 *   `JIRA_SSL_VERIFY=off`) is a startup problem instead of silently meaning false (or, for
 *   `*_SSL_VERIFY`, true). The accepted words are Python's.
 * - Invalid `*_CUSTOM_HEADERS` entries, proxy URLs and `*_DEPLOYMENT` values are problems, not
 *   ignored; a `--transport` flag outside the choices is a problem, while an invalid
 *   `TRANSPORT` variable warns and falls back to stdio as in Python.
 * - An encrypted client key (or a non-empty `*_CLIENT_KEY_PASSWORD`) is a problem, as in Python;
 *   a combined cert+key PEM in `*_CLIENT_CERT` is split.
 * - Service URLs must not carry `user:password@`; proxies may (the password becomes a secret).
 * - OAuth (`ATLASSIAN_OAUTH_*`, with `JIRA_OAUTH_*` / `CONFLUENCE_OAUTH_*` overrides) follows
 *   Python's mode order; Cloud OAuth goes through the API gateway, so `JIRA_URL` /
 *   `CONFLUENCE_URL` are optional then (without either, both products are served; with one,
 *   only the products that have a URL) and a URL that is given is kept as `siteUrl` for browse
 *   links. Incomplete OAuth settings are problems (one per missing variable) rather than a
 *   silently disabled service. With `ATLASSIAN_OAUTH_ENABLE=true`, a service with credentials of
 *   its own keeps them; only one without gets `per-request` auth (which needs an HTTP
 *   transport). `ATLASSIAN_OAUTH_AUTH_URL` and `ATLASSIAN_API_URL` (new) move the endpoints.
 * - The Python server's other variables (`python_vars.ts`) are mapped onto this server's
 *   behaviour (`DISABLE_JIRA_MARKUP_TRANSLATION`, `JIRA_INTERNAL_ONLY_PROJECTS`,
 *   `ATLASSIAN_RETRY_*`, `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE`) or ignored with one warning each.
 *
 * @module
 */
export type * from "./types.ts";
export { DEFAULT_ENV_FILE, loadConfig } from "./load.ts";
export type { LoadActions, LoadResult, ReadFile } from "./load.ts";
export { CONFIG_ENV_VARS, readProcessEnv } from "./env_vars.ts";
export {
  bypassesProxy,
  CLOUD_HOST_SUFFIXES,
  detectDeployment,
  isCloudHost,
  parseDeployment,
  proxyAddress,
  proxyFor,
  redactProxyUrl,
} from "./service/mod.ts";
export { PRODUCT_NAMES, PRODUCTS, SEND_CREDENTIALS_HINT } from "./_products.ts";
export { describeConfig } from "./describe.ts";
export {
  CLOUD_ID_PLACEHOLDER,
  DEFAULT_API_URL,
  DEFAULT_AUTH_URL,
  DEFAULT_DC_SCOPE,
  DEFAULT_MEDIA_URL,
  DEFAULT_REDIRECT_URI,
  gatewayUrl,
  hasOfflineAccess,
  homeFolder,
  isValidCloudId,
  SETUP_COMMAND,
  TOKEN_FOLDER,
  tokenFileFor,
  webBase,
} from "./oauth.ts";
export { FLAGS, helpText, isSecretVariable, rerunArgs, versionText } from "./cli/mod.ts";
export { CLIENT_CONFIG_FILE, clientConfigText } from "./cli/client_config.ts";
export type { ClientKind, ServerLaunch } from "./cli/client_config.ts";
export { caStoreWithSystem } from "./python_compat.ts";
export { CA_STORE_VAR } from "./python_vars.ts";
