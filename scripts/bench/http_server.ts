/**
 * A streamable-HTTP server under the benchmark, and plain JSON-RPC POSTs to it (fetch, no SDK
 * client, so the load generator costs little next to the server).
 *
 * @module
 */
import { type Launch, spawn } from "./launch.ts";

/** A running HTTP server: its MCP endpoint, its process id, and how to stop it. */
export interface HttpServer {
  /** The MCP endpoint the server printed. */
  url: string;
  /** Process id of the server. */
  pid: number;
  /** Ends the server and waits for it. */
  stop: () => Promise<void>;
}

/** Spawns `launch` and waits (at most 30 s) for its `listening on <url>` line on stderr. */
export async function startHttpServer(launch: Launch): Promise<HttpServer> {
  const child = spawn(launch, "null");
  await child.stdout.cancel();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  let url: string | undefined;
  while (!url) {
    const { value, done } = await reader.read();
    if (done) {
      clearTimeout(timer);
      throw new Error(`HTTP server did not start: ${stderr.slice(-600)}`);
    }
    stderr += value;
    url = stderr.match(/listening on (http:\/\/\S+)/)?.[1];
  }
  clearTimeout(timer);
  const drained = (async () => {
    while (!(await reader.read().catch(() => ({ done: true }))).done) { /* discard */ }
  })();
  return {
    url,
    pid: child.pid,
    stop: async () => {
      child.kill("SIGTERM");
      const ended = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await child.status;
      clearTimeout(ended);
      await drained;
    },
  };
}

/** One MCP client over plain fetch: stateless, or stateful with the session id it was given. */
export class RpcClient {
  #sessionId?: string;
  #nextId = 1;

  /** A client of `url`; call `initialize` first for a stateful server. */
  constructor(readonly url: string) {}

  /** Opens a session (stateful servers): `initialize`, then `notifications/initialized`. */
  async initialize(): Promise<void> {
    const response = await this.#post({
      jsonrpc: "2.0",
      id: this.#nextId++,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "bench", version: "1" },
      },
    });
    this.#sessionId = response.headers.get("mcp-session-id") ?? undefined;
    await answerOf(response);
    const note = await this.#post({ jsonrpc: "2.0", method: "notifications/initialized" });
    await note.body?.cancel();
  }

  /** Calls a tool and returns the JSON-RPC answer's text; throws on an error or tool error. */
  async callTool(name: string, args: Record<string, unknown>): Promise<string> {
    return await this.request("tools/call", { name, arguments: args });
  }

  /** Sends one request and returns the answer's text; throws on an error or tool error. */
  async request(method: string, params: Record<string, unknown>): Promise<string> {
    const response = await this.#post({ jsonrpc: "2.0", id: this.#nextId++, method, params });
    const text = await answerOf(response);
    if (text.includes('"isError":true')) throw new Error(`${method} failed: ${text.slice(0, 300)}`);
    return text;
  }

  #post(message: Record<string, unknown>): Promise<Response> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-06-18",
    };
    if (this.#sessionId) headers["mcp-session-id"] = this.#sessionId;
    return fetch(this.url, { method: "POST", headers, body: JSON.stringify(message) });
  }
}

async function answerOf(response: Response): Promise<string> {
  const text = await response.text();
  if (!response.ok || !text.includes('"result"')) {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  return text;
}
