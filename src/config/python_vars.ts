/**
 * The table of the Python server's variables beyond the core set: the ones this server maps
 * onto its own behaviour (with their `--help` lines) and the ones it does not implement (each
 * warned about when set). The variable list (`env_vars.ts`), `--help` and the start warnings
 * are built from it; `python_compat.ts` reads the values. README "Differences from the Python
 * server" explains each.
 *
 * @module
 */

/** One implemented variable: its name and its `--help` line. */
export interface PythonVariable {
  name: string;
  help: string;
}

/** The Python server's variables this server implements its own way, in `--help` order. */
export const PYTHON_VARIABLES: readonly PythonVariable[] = [
  { name: "DISABLE_JIRA_MARKUP_TRANSLATION", help: "true: Jira text as stored (wiki, ADF JSON)" },
  { name: "JIRA_INTERNAL_ONLY_PROJECTS", help: "JSM project keys whose comments stay internal" },
  { name: "ATLASSIAN_RETRY_TOTAL", help: "retries of a failed read, 0-10 (default 3)" },
  { name: "ATLASSIAN_RETRY_BACKOFF", help: "first retry wait, seconds, then doubled (0.5)" },
  { name: "ATLASSIAN_RETRY_IGNORE_RETRY_AFTER", help: "true: back off instead of Retry-After" },
  { name: "ATLASSIAN_RETRY_INCLUDE_WRITES", help: "true is refused: writes are reconciled" },
  {
    name: "MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE",
    help: "true: OS trust store (DENO_TLS_CA_STORE=system)",
  },
];

/**
 * Deno's own variable that picks the trusted roots (`mozilla`, `system`); the runtime reads it
 * when the process starts, the launcher only to check `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE`.
 */
export const CA_STORE_VAR = "DENO_TLS_CA_STORE";

/** The Python server's variables this server does not implement, in the reference's order. */
export const IGNORED_VARIABLES: readonly string[] = [
  "JIRA_PASSTHROUGH_HEADERS",
  "CONFLUENCE_PASSTHROUGH_HEADERS",
  ...["ATLASSIAN", "JIRA", "CONFLUENCE"].flatMap((p) => [
    `${p}_PROXY_WPAD_ENABLE`,
    `${p}_PROXY_WPAD_URL`,
  ]),
  "CONFLUENCE_ATTACHMENT_DOWNLOAD_USE_V1",
  "JIRA_FETCHER_MAX_WORKERS",
  "ATLASSIAN_OAUTH_PROXY_ENABLE",
  "ATLASSIAN_OAUTH_INSTANCE_URL",
  "PUBLIC_BASE_URL",
  "ATLASSIAN_OAUTH_ALLOWED_CLIENT_REDIRECT_URIS",
  "ATLASSIAN_OAUTH_ALLOWED_GRANT_TYPES",
  "ATLASSIAN_OAUTH_REQUIRE_CONSENT",
  "ATLASSIAN_OAUTH_CLIENT_STORAGE_MODE",
  "ATLASSIAN_OAUTH_CLIENT_STORAGE_FACTORY",
  "ATLASSIAN_OAUTH_CLIENT_STORAGE_CONFIG_JSON",
  "ATLASSIAN_EXTERNAL_AUTH_ENABLE",
  "MCP_ATLASSIAN_VALIDATION_CACHE_TTL",
  "MCP_ATLASSIAN_VALIDATION_CACHE_MAXSIZE",
  "MCP_LOGGING_STDOUT",
  "ATLASSIAN_MAX_CONCURRENT_REQUESTS",
  "ATLASSIAN_REQUESTS_PER_SECOND",
  "ATLASSIAN_MAX_PAGINATION_LIMIT",
  "ATLASSIAN_CIRCUIT_BREAKER_THRESHOLD",
  "ATLASSIAN_CIRCUIT_BREAKER_COOLDOWN",
];

/** Every variable of the table, for the launcher's list of variables it reads. */
export const PYTHON_ENV_VARS: readonly string[] = [
  ...PYTHON_VARIABLES.map((v) => v.name),
  CA_STORE_VAR,
  ...IGNORED_VARIABLES,
];

/** The start warning for an ignored variable that is set. */
export function ignoredWarning(name: string): string {
  return `${name} is ignored: not supported by this server; see README (Differences from the Python server).`;
}

/** The `--help` lines of the implemented variables, aligned with the other variables. */
export function pythonHelpLines(column: number): string[] {
  return [
    ...PYTHON_VARIABLES.map((v) => `  ${v.name.padEnd(column - 2)}${v.help}`),
    "  The Python server's other variables are ignored, each with a warning (see the README).",
  ];
}
