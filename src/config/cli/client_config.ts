/**
 * `--print-client-config`: a ready MCP client configuration that starts this server as it was
 * started now, in the shape each client reads. Secrets are never written into it: they appear as
 * the client's own reference to an environment variable or a prompted input (Claude Desktop has
 * neither, so it gets a placeholder to replace, or the .env file holds them).
 *
 * @module
 */

/** The clients a configuration can be printed for (`http`: any client, over streamable HTTP). */
export const CLIENT_KINDS = ["claude-desktop", "claude-code", "cursor", "vscode", "http"] as const;

/** A client a configuration can be printed for. */
export type ClientKind = typeof CLIENT_KINDS[number];

/** How the client starts the server (stdio) or where it reaches it (http). */
export interface ServerLaunch {
  command: string;
  args: string[];
  /** The variables to pass. */
  env: Record<string, string>;
  /** Which of them are secrets: written as the client's references, never as values. */
  secrets: readonly string[];
  /** The streamable HTTP endpoint, for `http`. */
  url: string;
}

/** How each client refers to a secret instead of holding it. */
const SECRET_REFERENCE: Record<Exclude<ClientKind, "http">, (name: string) => string> = {
  "claude-desktop": (name) => `<your ${name}>`,
  "claude-code": (name) => `\${${name}}`,
  cursor: (name) => `\${env:${name}}`,
  vscode: (name) => `\${input:${name.toLowerCase()}}`,
};

/** The client configuration as pretty JSON. */
export function clientConfigText(kind: ClientKind, launch: ServerLaunch): string {
  if (kind === "http") {
    return JSON.stringify(
      { mcpServers: { atlassian: { type: "http", url: launch.url } } },
      null,
      2,
    );
  }
  const reference = SECRET_REFERENCE[kind];
  const secrets = Object.keys(launch.env).filter((name) => launch.secrets.includes(name));
  const env = Object.fromEntries(
    Object.entries(launch.env).map((
      [name, value],
    ) => [name, secrets.includes(name) ? reference(name) : value]),
  );
  const server = {
    ...(kind === "vscode" || kind === "claude-code" ? { type: "stdio" } : {}),
    command: launch.command,
    args: launch.args,
    ...(Object.keys(env).length ? { env } : {}),
  };
  if (kind !== "vscode") return JSON.stringify({ mcpServers: { atlassian: server } }, null, 2);
  const inputs = secrets.map((name) => ({
    type: "promptString",
    id: name.toLowerCase(),
    description: name,
    password: true,
  }));
  return JSON.stringify(
    { ...(inputs.length ? { inputs } : {}), servers: { atlassian: server } },
    null,
    2,
  );
}

/** Where each client reads the configuration, for the line printed before it. */
export const CLIENT_CONFIG_FILE: Record<ClientKind, string> = {
  "claude-desktop": "claude_desktop_config.json",
  "claude-code": ".mcp.json in your project (or: claude mcp add-json atlassian '<the server>')",
  cursor: ".cursor/mcp.json (or ~/.cursor/mcp.json)",
  vscode: ".vscode/mcp.json",
  http: "your client's MCP configuration; start the server with --transport streamable-http",
};
