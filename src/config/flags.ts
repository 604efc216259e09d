/**
 * Command-line flags: the table of every flag (with the variable it sets), the parser (node:util
 * `parseArgs` with strict checks, every problem collected) and the `--help` text.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { SERVER_NAME, VERSION } from "../version.ts";

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
      help: "Comma list of space keys searches are limited to (e.g. DOCS,HR)",
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
    help: "MCP transport (default stdio)",
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
    name: "verbose",
    short: "v",
    type: "boolean",
    group: "Other",
    help: "More logging on stderr: -v info, -vv debug",
  },
  { name: "version", type: "boolean", group: "Other", help: "Print the version and exit" },
  { name: "help", short: "h", type: "boolean", group: "Other", help: "Print this help and exit" },
];

/** One value a flag set, keyed by the environment variable it overrides. */
export interface FlagSetting {
  value: string;
  /** The flag as written (`--jira-url`, `--no-jira-ssl-verify`). */
  flag: string;
}

/** What the command line asked for. */
export interface ParsedFlags {
  /** Values for environment variables, from flags (the last occurrence wins). */
  settings: Map<string, FlagSetting>;
  /** Number of `-v`/`--verbose`. */
  verbosity: number;
  help: boolean;
  version: boolean;
  printPermissions: boolean;
  oauthSetup: boolean;
  envFile?: string;
  /** One sentence per problem (unknown option, missing value, stray argument). */
  problems: string[];
}

const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));
const OPTIONS = Object.fromEntries(
  FLAGS.map((f) => [f.name, f.short ? { type: f.type, short: f.short } : { type: f.type }]),
);

/**
 * Parses the command line. Strict (unknown options, missing values, values on boolean flags and
 * stray arguments are problems), but every problem is collected instead of stopping at the first.
 */
export function parseFlags(argv: readonly string[]): ParsedFlags {
  const out: ParsedFlags = {
    settings: new Map(),
    verbosity: 0,
    help: false,
    version: false,
    printPermissions: false,
    oauthSetup: false,
    problems: [],
  };
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") {
      out.problems.push(`Unexpected argument "${token.value}". Run with --help.`);
      continue;
    }
    if (token.kind !== "option") continue;
    const spec = BY_NAME.get(token.name);
    const written = token.rawName.startsWith("--") ? `--${token.name}` : token.rawName;
    if (!spec) {
      out.problems.push(`Unknown option ${written}. Run with --help.`);
      continue;
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        out.problems.push(
          `Option ${written} takes no value (got "${written}=..."). Run with --help.`,
        );
        continue;
      }
    } else if (
      token.value === undefined || (!token.inlineValue && token.value.startsWith("-"))
    ) {
      out.problems.push(
        `Option ${written} needs a value; example: ${written}=${spec.metavar ?? "VALUE"}.`,
      );
      continue;
    }
    const value = token.value ?? "";
    if (spec.env) {
      out.settings.set(spec.env, {
        value: spec.type === "boolean" ? spec.sets! : value,
        flag: written,
      });
      continue;
    }
    switch (spec.name) {
      case "verbose":
        out.verbosity++;
        break;
      case "help":
        out.help = true;
        break;
      case "version":
        out.version = true;
        break;
      case "print-permissions":
        out.printPermissions = true;
        break;
      case "oauth-setup":
        out.oauthSetup = true;
        break;
      case "env-file":
        out.envFile = value;
        break;
    }
  }
  return out;
}

/** The `--version` output. */
export function versionText(): string {
  return `${SERVER_NAME} ${VERSION} (Deno)`;
}

const ENV_HELP =
  `Environment variables (flags win over the environment, which wins over the .env file):
  JIRA_URL, JIRA_USERNAME, JIRA_API_TOKEN     Cloud: site URL, e-mail, API token
  JIRA_PERSONAL_TOKEN                         Server/Data Center Personal Access Token
  JIRA_SSL_VERIFY                             false/0/no turns TLS verification off
  JIRA_CA_BUNDLE                              PEM file of extra trusted CAs
                                              (fallbacks: REQUESTS_CA_BUNDLE, SSL_CERT_FILE)
  JIRA_CLIENT_CERT, JIRA_CLIENT_KEY           PEM client certificate and key (mutual TLS)
  JIRA_TIMEOUT                                request timeout in seconds (default 75)
  JIRA_PROJECTS_FILTER                        comma list of project keys
  JIRA_CUSTOM_HEADERS                         Name=value,Name2=value2 sent on every request
  JIRA_DEPLOYMENT                             cloud or datacenter (default: from the URL)
  JIRA_HTTP_PROXY, JIRA_HTTPS_PROXY, JIRA_SOCKS_PROXY, JIRA_NO_PROXY
                                              proxies (fallbacks: HTTP_PROXY, HTTPS_PROXY,
                                              SOCKS_PROXY, NO_PROXY and their lower-case forms)
  CONFLUENCE_*                                the same set for Confluence, with
                                              CONFLUENCE_SPACES_FILTER for the projects filter
  TRANSPORT, HOST, PORT, STREAMABLE_HTTP_PATH, STATELESS
                                              server options (as the flags above)
  READ_ONLY_MODE, TOOLSETS, ENABLED_TOOLS     tool selection (as the flags above)
  MCP_VERBOSE, MCP_VERY_VERBOSE               info / debug logging
  ATLASSIAN_OAUTH_CLIENT_ID, _CLIENT_SECRET, _REDIRECT_URI, _SCOPE, _CLOUD_ID
                                              OAuth 2.0 (3LO) with refresh; tokens in
                                              ~/.mcp-atlassian/oauth-<client_id>.json
                                              (create them with --oauth-setup)
  ATLASSIAN_OAUTH_ACCESS_TOKEN                bring your own token (never refreshed)
  JIRA_OAUTH_*, CONFLUENCE_OAUTH_*            per-service overrides of ATLASSIAN_OAUTH_*
  ATLASSIAN_OAUTH_ENABLE                      multi-user HTTP: credentials come per request
  ALLOW_GLOBAL_CRED_FALLBACK, IGNORE_HEADER_AUTH, MCP_ALLOWED_URL_DOMAINS
                                              multi-user options (as the Python server)
  ATLASSIAN_OAUTH_AUTH_URL, ATLASSIAN_API_URL OAuth endpoints (default https://auth.atlassian.com,
                                              https://api.atlassian.com)`;

const HELP_WIDTH = 96;
const HELP_COLUMN = 36;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The `--help` output: every flag by section, then the main environment variables. */
export function helpText(): string {
  const lines = [
    `${SERVER_NAME} ${VERSION}: an MCP server for Jira and Confluence (Cloud and Server/Data Center).`,
    "",
    "Usage: mcp-atlassian [options]",
  ];
  const groups = [...new Set(FLAGS.map((f) => f.group))];
  for (const group of groups) {
    lines.push("", `${group}:`);
    for (const f of FLAGS.filter((x) => x.group === group)) {
      const names = `  ${f.short ? `-${f.short}, ` : ""}--${f.name}${
        f.metavar ? ` ${f.metavar}` : ""
      }`;
      const text = wrap(`${f.help}${f.env ? ` [${f.env}]` : ""}`, HELP_WIDTH - HELP_COLUMN);
      if (names.length > HELP_COLUMN - 2) lines.push(names);
      text.forEach((line, i) => {
        const left = i === 0 && names.length <= HELP_COLUMN - 2 ? names : "";
        lines.push(`${left.padEnd(HELP_COLUMN)}${line}`);
      });
    }
  }
  lines.push("", ENV_HELP);
  return lines.join("\n");
}

const SECRET_VARIABLE = /TOKEN|SECRET|PASSWORD/;

/**
 * The arguments to repeat in a printed run line: all but `--print-permissions` and flags that
 * carry a secret, whose variables are listed in `withheld` (set them in the environment).
 */
export function rerunArgs(argv: readonly string[]): { args: string[]; withheld: string[] } {
  const args: string[] = [];
  const withheld: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const spec = FLAGS.find((f) => `--${f.name}` === flag);
    const valueFollows = spec?.type === "string" && inline === undefined && i + 1 < argv.length;
    if (flag === "--print-permissions") continue;
    if (spec?.env && SECRET_VARIABLE.test(spec.env)) {
      withheld.push(spec.env);
      if (valueFollows) i++;
      continue;
    }
    args.push(argv[i]);
    if (valueFollows) args.push(argv[++i]);
  }
  return { args, withheld };
}
