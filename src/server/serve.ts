/**
 * Runs the MCP server on the configured transport until the client goes away (stdio) or the
 * process is asked to stop (HTTP).
 *
 * @module
 */
import type { Config } from "../config/types.ts";
import { log } from "../log.ts";
import { StdioTransport } from "./stdio.ts";
import { closeContext, createContext } from "./context.ts";
import { createServer, serverFactory } from "./create.ts";
import { type HttpHandle, ListenError, serveHttp } from "./http.ts";
import { TOOLSETS } from "../tools/registry.ts";
import { LIMITS } from "../tools/schemas.ts";
import { selectionFor, selectionWarnings } from "../tools/select.ts";

/**
 * The longest message read from stdin: a call with one base64 file of up to 50 MiB and its other
 * arguments. A longer one ends the session (`StdioTransport`).
 */
const MAX_STDIO_MESSAGE = LIMITS.files + 2 * LIMITS.text;

/** Serves over stdio; resolves when stdin ends or the transport closes. */
async function serveStdio(config: Config): Promise<void> {
  const ctx = createContext(config);
  const server = createServer(ctx);
  const transport = new StdioTransport(MAX_STDIO_MESSAGE);
  const ended = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  await server.connect(transport);
  log.info("mcp-atlassian serving over stdio");
  if (Deno.stdin.isTerminal()) {
    log.notice(
      "mcp-atlassian speaks MCP over stdin/stdout: an MCP client (Claude Desktop, Claude Code, Cursor, VS Code) starts it, see the README's Client configuration. Ctrl-C stops it.",
    );
  }
  await ended;
  await server.close().catch(() => {});
  closeContext(ctx);
}

/** Starts the HTTP transport; the returned handle stops it. */
export function startHttp(config: Config): HttpHandle {
  const ctx = createContext(config);
  const handle = serveHttp(config, serverFactory(ctx));
  handle.finished.then(() => closeContext(ctx));
  return handle;
}

/**
 * Serves on the configured transport and resolves when serving has ended; first warns about
 * tool selection names that match nothing.
 */
export async function serve(config: Config): Promise<void> {
  for (const warning of selectionWarnings(TOOLSETS, selectionFor(config))) log.warn(warning);
  if (config.transport === "stdio") return await serveStdio(config);
  const handle = startHttp(config);
  await handle.finished;
}

/**
 * Serves (see `serve`) and gives the process's exit status: 0 when serving ended normally, 1
 * when it could not start or stopped on an error, which is logged in one sentence.
 */
export async function serveToEnd(config: Config): Promise<number> {
  try {
    await serve(config);
    return 0;
  } catch (error) {
    if (error instanceof ListenError) log.error(error.message);
    else log.error("The server stopped", error);
    return 1;
  }
}
