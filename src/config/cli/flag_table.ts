/**
 * The command-line flag table: every flag the server accepts, with the environment variable it
 * sets, its help-text section and its help line.
 *
 * @module
 */

/** One command-line flag. */
export interface FlagSpec {
  /** Long name without the leading dashes. */
  name: string;
  type: "string" | "boolean";
  short?: string;
  /** The environment variable the flag overrides (a flag beats the environment). */
  env?: string;
  /** For boolean flags that set a variable: the value they set it to. */
  sets?: string;
  /** Placeholder shown in the help text for the flag's value. */
  metavar?: string;
  /** Help-text section. */
  group: "Server" | "Jira" | "Confluence" | "Tools" | "OAuth" | "Other";
  help: string;
}

function service(prefix: "jira" | "confluence", label: string): FlagSpec[] {
  const ENV = prefix.toUpperCase();
  const group = prefix === "jira" ? "Jira" : "Confluence";
  const filter: FlagSpec = prefix === "jira"
    ? {
      name: "jira-projects-filter",
      type: "string",
      env: "JIRA_PROJECTS_FILTER",
      metavar: "KEYS",
      group,
      help: "Comma list of project keys the tools may touch (e.g. DEMO,OPS)",
    }
    : {
      name: "confluence-spaces-filter",
      type: "string",
      env: "CONFLUENCE_SPACES_FILTER",
      metavar: "KEYS",
      group,
      help: "Comma list of space keys the tools may touch (e.g. DOCS,HR)",
    };
  return [
    {
      name: `${prefix}-url`,
      type: "string",
      env: `${ENV}_URL`,
      metavar: "URL",
      group,
      help: `${label} base URL (https://your-company.atlassian.net${
        prefix === "confluence" ? "/wiki" : ""
      } or your server)`,
    },
    {
      name: `${prefix}-username`,
      type: "string",
      env: `${ENV}_USERNAME`,
      metavar: "USER",
      group,
      help: `${label} user (Cloud: your e-mail; Server/DC: user name)`,
    },
    {
      name: `${prefix}-token`,
      type: "string",
      env: `${ENV}_API_TOKEN`,
      metavar: "TOKEN",
      group,
      help: `${label} API token (Cloud) or password (Server/DC)`,
    },
    {
      name: `${prefix}-personal-token`,
      type: "string",
      env: `${ENV}_PERSONAL_TOKEN`,
      metavar: "PAT",
      group,
      help: `${label} Personal Access Token (Server/DC)`,
    },
    {
      name: `${prefix}-ssl-verify`,
      type: "boolean",
      env: `${ENV}_SSL_VERIFY`,
      sets: "true",
      group,
      help: `Verify the ${label} TLS certificate (default)`,
    },
    {
      name: `no-${prefix}-ssl-verify`,
      type: "boolean",
      env: `${ENV}_SSL_VERIFY`,
      sets: "false",
      group,
      help:
        `Do not verify the ${label} TLS certificate (needs --unsafely-ignore-certificate-errors)`,
    },
    filter,
  ];
}

function oauth(name: string, env: string, metavar: string, help: string): FlagSpec {
  return { name: `oauth-${name}`, type: "string", env, metavar, group: "OAuth", help };
}

/** Every flag the server accepts. */
export const FLAGS: readonly FlagSpec[] = [
  {
    name: "transport",
    type: "string",
    env: "TRANSPORT",
    metavar: "stdio|sse|streamable-http",
    group: "Server",
    help: "MCP transport (default stdio; http = streamable-http)",
  },
  {
    name: "host",
    type: "string",
    env: "HOST",
    metavar: "HOST",
    group: "Server",
    help: "Listen address for HTTP transports (default 127.0.0.1)",
  },
  {
    name: "port",
    type: "string",
    env: "PORT",
    metavar: "N",
    group: "Server",
    help: "Listen port for HTTP transports (default 8000; 0 = any free port)",
  },
  {
    name: "path",
    type: "string",
    env: "STREAMABLE_HTTP_PATH",
    metavar: "PATH",
    group: "Server",
    help: "HTTP endpoint path (default /mcp; /sse for SSE)",
  },
  {
    name: "stateless",
    type: "boolean",
    env: "STATELESS",
    sets: "true",
    group: "Server",
    help: "Streamable HTTP without sessions (only with --transport streamable-http)",
  },
  ...service("jira", "Jira"),
  ...service("confluence", "Confluence"),
  {
    name: "read-only",
    type: "boolean",
    env: "READ_ONLY_MODE",
    sets: "true",
    group: "Tools",
    help: "Offer and allow read tools only",
  },
  {
    name: "toolsets",
    type: "string",
    env: "TOOLSETS",
    metavar: "LIST",
    group: "Tools",
    help: "Comma list of toolsets to enable (all, default, or names)",
  },
  {
    name: "enabled-tools",
    type: "string",
    env: "ENABLED_TOOLS",
    metavar: "LIST",
    group: "Tools",
    help: "Comma list of tool names to offer (default: all)",
  },
  {
    name: "attachments-dir",
    type: "string",
    env: "MCP_ATTACHMENTS_DIR",
    metavar: "DIR",
    group: "Tools",
    help: "The one folder tools may read files from (uploads, page bodies); default none",
  },
  {
    name: "oauth-setup",
    type: "boolean",
    group: "OAuth",
    help: "Run the OAuth 2.0 setup wizard (stores the tokens, prints the settings) and exit",
  },
  oauth("client-id", "ATLASSIAN_OAUTH_CLIENT_ID", "ID", "OAuth client id"),
  oauth("client-secret", "ATLASSIAN_OAUTH_CLIENT_SECRET", "SECRET", "OAuth client secret"),
  oauth("redirect-uri", "ATLASSIAN_OAUTH_REDIRECT_URI", "URI", "OAuth redirect URI"),
  oauth("scope", "ATLASSIAN_OAUTH_SCOPE", "SCOPES", "OAuth scopes (space-separated)"),
  oauth("cloud-id", "ATLASSIAN_OAUTH_CLOUD_ID", "ID", "Atlassian Cloud site id"),
  oauth("access-token", "ATLASSIAN_OAUTH_ACCESS_TOKEN", "TOKEN", "OAuth access token"),
  {
    name: "env-file",
    type: "string",
    metavar: "PATH",
    group: "Other",
    help: "Read variables from this .env file (default: ./.env if present)",
  },
  {
    name: "print-permissions",
    type: "boolean",
    group: "Other",
    help: "Print the least-privilege `deno run` command for this configuration and exit",
  },
  {
    name: "print-client-config",
    type: "string",
    metavar: "CLIENT",
    group: "Other",
    help:
      "Print an MCP client configuration that starts this server as configured, for CLIENT = claude-desktop, claude-code, cursor, vscode or http, and exit",
  },
  {
    name: "verbose",
    short: "v",
    type: "boolean",
    group: "Other",
    help: "More logging on stderr: -v info, -vv debug",
  },
  { name: "version", type: "boolean", group: "Other", help: "Print the version and exit" },
  { name: "help", short: "h", type: "boolean", group: "Other", help: "Print this help and exit" },
];
