/**
 * The HTTP transports on `Deno.serve`: streamable HTTP (stateful sessions or `--stateless`),
 * legacy SSE, and `GET /healthz`. Binds where the configuration says (127.0.0.1 by default)
 * and refuses non-local Host/Origin headers while bound to loopback.
 *
 * @module
 */
import type { Config } from "../config/types.ts";
import { log } from "../log.ts";
import {
  isInitializeRequest,
  type Server,
  WebStandardStreamableHTTPServerTransport,
} from "../sdk.ts";
import { rebindingProblem } from "./guard.ts";
import { SessionTable } from "./sessions.ts";
import { SseServerTransport } from "./sse_transport.ts";

/** A running HTTP server. */
export interface HttpHandle {
  /** The base URL of the MCP endpoint, e.g. `http://127.0.0.1:8000/mcp`. */
  url: string;
  /** Stops accepting requests and ends every session. */
  shutdown(): Promise<void>;
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
}

function json(status: number, body: unknown, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers });
}

function jsonRpcError(status: number, message: string): Response {
  return json(status, { jsonrpc: "2.0", error: { code: -32000, message }, id: null });
}

type Handler = (request: Request) => Promise<Response>;

/** Largest request body accepted (the SDK's own default). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function streamableStateless(makeServer: () => Server): Handler {
  return async (request) => {
    if (request.method !== "POST") {
      return jsonRpcError(405, "Method not allowed: this server is stateless; use POST.");
    }
    const server = makeServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      queueMicrotask(() => void server.close());
    }
  };
}

function streamableStateful(makeServer: () => Server, sessions: SessionTable): Handler {
  return async (request) => {
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const transport = sessions.use(sessionId);
      if (!transport) {
        return jsonRpcError(
          404,
          `Session ${sessionId} not found; start a new session with initialize.`,
        );
      }
      return transport.handleRequest(request);
    }
    if (request.method !== "POST") return jsonRpcError(400, "Missing mcp-session-id header.");
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return jsonRpcError(400, "Request body is not valid JSON.");
    }
    const first = Array.isArray(body) ? body[0] : body;
    if (!isInitializeRequest(first)) {
      return jsonRpcError(400, "Missing mcp-session-id header: send initialize first.");
    }
    if (sessions.full) {
      return jsonRpcError(503, "Too many open sessions; close one (DELETE) or try again later.");
    }
    const transport: WebStandardStreamableHTTPServerTransport =
      new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        onsessioninitialized: (id) => sessions.add(id, transport),
        onsessionclosed: (id) => void sessions.delete(id),
      });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await makeServer().connect(transport);
    return transport.handleRequest(request, { parsedBody: body });
  };
}

function sseHandlers(
  makeServer: () => Server,
  messagesPath: string,
  sessions: Map<string, SseServerTransport>,
) {
  const open: Handler = async () => {
    const transport = new SseServerTransport(messagesPath);
    sessions.set(transport.sessionId, transport);
    transport.onclose = () => void sessions.delete(transport.sessionId);
    const response = transport.response();
    await makeServer().connect(transport);
    return response;
  };
  const post: Handler = (request) => {
    const id = new URL(request.url).searchParams.get("sessionId") ?? "";
    const transport = sessions.get(id);
    if (!transport) return Promise.resolve(json(404, { error: `SSE session ${id} not found.` }));
    return transport.handlePost(request);
  };
  return { open, post };
}

/** Starts the configured HTTP transport; `makeServer` builds one MCP server per session. */
export function serveHttp(config: Config, makeServer: () => Server): HttpHandle {
  const path = config.path;
  const streamSessions = new SessionTable();
  const sseSessions = new Map<string, SseServerTransport>();
  const messagesPath = "/messages";
  const streamable = config.stateless
    ? streamableStateless(makeServer)
    : streamableStateful(makeServer, streamSessions);
  const sse = sseHandlers(makeServer, messagesPath, sseSessions);

  const route = (request: Request): Promise<Response> | Response => {
    const problem = rebindingProblem(request, config.host);
    if (problem) return json(403, { error: problem });
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return json(413, { error: `Request body larger than ${MAX_BODY_BYTES} bytes.` });
    }
    const { pathname } = new URL(request.url);
    if (pathname === "/healthz") return json(200, { status: "ok" });
    const samePath = pathname === path || pathname === `${path}/`;
    if (config.transport === "streamable-http" && samePath) return streamable(request);
    if (config.transport === "sse" && samePath && request.method === "GET") {
      return sse.open(request);
    }
    if (config.transport === "sse" && pathname === messagesPath && request.method === "POST") {
      return sse.post(request);
    }
    return json(404, { error: `Not found: the MCP endpoint is ${path}` });
  };

  const server = Deno.serve({
    hostname: config.host,
    port: config.port,
    onListen: () => {},
    onError: (error) => {
      log.error("HTTP request failed", error);
      return json(500, { error: "Internal server error" });
    },
  }, route);
  const { hostname, port } = server.addr;
  const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
  const url = `http://${shown}:${port}${path}`;
  log.notice(
    `mcp-atlassian listening on ${url} (${config.transport}${
      config.stateless ? ", stateless" : ""
    })`,
  );
  return {
    url,
    finished: server.finished,
    shutdown: async () => {
      await streamSessions.closeAll();
      for (const t of sseSessions.values()) await t.close();
      await server.shutdown();
    },
  };
}
