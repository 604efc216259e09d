/**
 * The HTTP transports on `Deno.serve`: streamable HTTP (stateful sessions or `--stateless`),
 * legacy SSE, and `GET /healthz`. Binds where the configuration says (127.0.0.1 by default)
 * and refuses non-local Host/Origin headers while bound to loopback.
 *
 * Credentials per request (multi-user mode, `src/auth/request_auth.ts`): every request to the
 * MCP endpoint (and to the SSE message endpoint) has its credential headers read before the
 * MCP layer sees it. A malformed header is answered 401 and a per-request URL outside
 * `MCP_ALLOWED_URL_DOMAINS` 403, both `{"error": "..."}`; in multi-user mode a request without
 * credentials is answered 401 unless `ALLOW_GLOBAL_CRED_FALLBACK` is on. Accepted credentials
 * ride to the tool handlers as the SDK's `authInfo` for that one request only.
 *
 * A session is bound to the credentials that opened it (a SHA-256 fingerprint, never the
 * token): a later request of that session with other credentials is refused (403), so one
 * client's answers can never be delivered into another client's stream. A client whose token
 * changes opens a new session.
 *
 * Legacy SSE: the `GET` that opens the stream is authenticated like any request and its
 * credentials belong to the session; each `POST` to the message endpoint either repeats the
 * same credentials or sends none (then the session's apply). Answers travel on the stream, so a
 * POST with other credentials is refused rather than answered into someone else's stream.
 *
 * @module
 */
import {
  type CarriedAuthInfo,
  carryCredentials,
  credentialFingerprint,
  credentialsRequiredMessage,
  headerAuthMode,
  readRequestAuth,
  requestAuthOptions,
} from "../auth/request_auth.ts";
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

/** A request's identity: its credentials for the tool handlers, and their fingerprint. */
interface Identity {
  /** Absent when the server's own credentials serve the request. */
  authInfo?: CarriedAuthInfo;
  /** SHA-256 of the credentials, or `"server"`. */
  fingerprint: string;
}

/** Reads a request's credentials; a `Response` is the refusal to send instead. */
interface Authenticate {
  /** A request without credentials is refused in multi-user mode, else served as the server. */
  (request: Request): Promise<Identity | Response>;
  /** A request without credentials yields `undefined`: the caller decides. */
  optional(request: Request): Promise<Identity | Response | undefined>;
}

const SESSION_MISMATCH =
  "Forbidden: this session was opened with other credentials; start a new session with these.";

function authenticator(config: Config): Authenticate {
  const mode = headerAuthMode(config);
  const options = requestAuthOptions(config);
  const required = credentialsRequiredMessage(options);
  const optional = async (request: Request): Promise<Identity | Response | undefined> => {
    if (mode === "off") return { fingerprint: "server" };
    const auth = readRequestAuth(request.headers, options);
    if (auth.kind === "refused") {
      log.info(`Refused ${request.method} ${new URL(request.url).pathname}: ${auth.error}`);
      return json(auth.status, { error: auth.error });
    }
    if (auth.kind === "none") return undefined;
    return {
      authInfo: carryCredentials(auth.credentials),
      fingerprint: await credentialFingerprint(auth.credentials),
    };
  };
  const authenticate = async (request: Request): Promise<Identity | Response> => {
    const identity = await optional(request);
    if (identity) return identity;
    if (mode === "required") {
      log.info(`Refused ${request.method} ${new URL(request.url).pathname}: no credentials`);
      return json(401, { error: required });
    }
    return { fingerprint: "server" };
  };
  return Object.assign(authenticate, { optional });
}

/** Largest request body accepted (the SDK's own default). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function streamableStateless(makeServer: () => Server, authenticate: Authenticate): Handler {
  return async (request) => {
    if (request.method !== "POST") {
      return jsonRpcError(405, "Method not allowed: this server is stateless; use POST.");
    }
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;
    const server = makeServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, { authInfo: identity.authInfo });
    } finally {
      queueMicrotask(() => void server.close());
    }
  };
}

function streamableStateful(
  makeServer: () => Server,
  sessions: SessionTable,
  authenticate: Authenticate,
): Handler {
  // The fingerprint of the credentials each session was opened with.
  const owners = new WeakMap<WebStandardStreamableHTTPServerTransport, string>();
  return async (request) => {
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const transport = sessions.use(sessionId);
      if (!transport) {
        return jsonRpcError(
          404,
          `Session ${sessionId} not found; start a new session with initialize.`,
        );
      }
      if (owners.get(transport) !== identity.fingerprint) {
        log.info(`Refused ${request.method} for session ${sessionId}: other credentials`);
        return json(403, { error: SESSION_MISMATCH });
      }
      return transport.handleRequest(request, { authInfo: identity.authInfo });
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
    owners.set(transport, identity.fingerprint);
    await makeServer().connect(transport);
    return transport.handleRequest(request, { parsedBody: body, authInfo: identity.authInfo });
  };
}

/** An open SSE session and the identity of the GET that opened it. */
interface SseSession {
  transport: SseServerTransport;
  owner: Identity;
}

function sseHandlers(
  makeServer: () => Server,
  messagesPath: string,
  sessions: Map<string, SseSession>,
  authenticate: Authenticate,
) {
  const open: Handler = async (request) => {
    const owner = await authenticate(request);
    if (owner instanceof Response) return owner;
    const transport = new SseServerTransport(messagesPath);
    sessions.set(transport.sessionId, { transport, owner });
    transport.onclose = () => void sessions.delete(transport.sessionId);
    const response = transport.response();
    await makeServer().connect(transport);
    return response;
  };
  const post: Handler = async (request) => {
    const id = new URL(request.url).searchParams.get("sessionId") ?? "";
    const session = sessions.get(id);
    if (!session) return json(404, { error: `SSE session ${id} not found.` });
    const identity = await authenticate.optional(request);
    if (identity instanceof Response) return identity;
    if (identity && identity.fingerprint !== session.owner.fingerprint) {
      log.info(`Refused POST for SSE session ${id}: other credentials`);
      return json(403, { error: SESSION_MISMATCH });
    }
    return session.transport.handlePost(request, session.owner.authInfo);
  };
  return { open, post };
}

/** Starts the configured HTTP transport; `makeServer` builds one MCP server per session. */
export function serveHttp(config: Config, makeServer: () => Server): HttpHandle {
  const path = config.path;
  const streamSessions = new SessionTable();
  const sseSessions = new Map<string, SseSession>();
  const messagesPath = "/messages";
  const authenticate = authenticator(config);
  const streamable = config.stateless
    ? streamableStateless(makeServer, authenticate)
    : streamableStateful(makeServer, streamSessions, authenticate);
  const sse = sseHandlers(makeServer, messagesPath, sseSessions, authenticate);

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
      for (const { transport } of sseSessions.values()) await transport.close();
      await server.shutdown();
    },
  };
}
