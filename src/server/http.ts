/**
 * The HTTP transports on `Deno.serve`: streamable HTTP (stateful sessions or `--stateless`),
 * legacy SSE, and `GET /healthz`. Binds where the configuration says (127.0.0.1 by default)
 * and refuses non-local Host/Origin headers while bound to loopback.
 *
 * Credentials per request (multi-user mode, `src/auth/request/mod.ts`): every request to the
 * MCP endpoint (and to the SSE message endpoint) has its credential headers read before the
 * MCP layer sees it. A malformed header is answered 401 and a per-request URL outside
 * `MCP_ALLOWED_URL_DOMAINS` 403, both `{"error": "..."}`; in multi-user mode a request without
 * credentials is answered 401 unless `ALLOW_GLOBAL_CRED_FALLBACK` is on. Accepted credentials
 * ride to the tool handlers as the SDK's `authInfo` for that one request only.
 *
 * Sessions are bound to an identity, not to a token. Clients refresh their access token (about
 * hourly on Cloud) and keep their session, so binding a session to a hash of the raw token broke
 * every session at each refresh with an answer MCP clients do not recover from. A session is
 * therefore bound to what the headers say about who is calling (`credentialIdentity`): per
 * product the credential kind and where it goes (the cloud id, the per-request instance URL or
 * the configured site) and, for Basic, the user name (e-mail). A Bearer or Token credential
 * names no user without asking Atlassian, so two such users of one site have the same identity;
 * between them the session id (a random UUID the client keeps) is what separates sessions, and
 * it grants nothing more: every request runs with the credentials it brought itself, never with
 * those that opened the session. A request whose identity is not the session's gets the same
 * 404 "Session not found" as an unknown session id (the MCP spec has the client start a new
 * session then), so it neither reaches the session nor learns that it exists.
 *
 * Legacy SSE: the `GET` that opens the stream is authenticated like any request and its
 * identity owns the session; every `POST` to the message endpoint must bring credentials of the
 * same identity (in multi-user mode a POST without credentials is 401, another identity 404) and
 * runs with its own credentials. Answers travel on the stream, so a POST of another identity is
 * never answered into it, and a POST without credentials never borrows the stream owner's.
 *
 * Limits: each transport holds at most 500 sessions (503 when full) and at most 20 per exact
 * credentials (429), counted by a fingerprint of the token (`credentialFingerprint`), so one
 * client with unchecked credentials cannot take every session; the server's own credentials
 * count only towards the overall limit. Streamable-HTTP sessions idle for 30 minutes are
 * closed; an SSE session ends with its stream.
 *
 * @module
 */
import {
  type CarriedAuthInfo,
  carryCredentials,
  credentialFingerprint,
  credentialIdentity,
  credentialsRequiredMessage,
  headerAuthMode,
  readRequestAuth,
  requestAuthOptions,
} from "../auth/request/mod.ts";
import type { Config } from "../config/types.ts";
import { log } from "../log.ts";
import { listenAddress } from "../sandbox/plan.ts";
import { isInitializeRequest, WebStandardStreamableHTTPServerTransport } from "../sdk.ts";
import { rebindingProblem } from "./guard.ts";
import type { McpServer } from "./mcp_server.ts";
import { type SessionLimits, type SessionOwner, SessionTable } from "./sessions.ts";
import { SseServerTransport } from "./sse_transport.ts";

/** The HTTP server cannot listen where it was told to; its message says why and what to do. */
export class ListenError extends Error {
  override name = "ListenError";
}

/** `Deno.serve`, with a port already in use explained in one sentence that names the fix. */
function listen(
  options: Deno.ServeTcpOptions,
  handler: Deno.ServeHandler<Deno.NetAddr>,
): Deno.HttpServer<Deno.NetAddr> {
  try {
    return Deno.serve(options, handler);
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    throw new ListenError(
      `Cannot listen on ${
        listenAddress(options.hostname!, options.port!)
      }: the port is already in use (another program, or this server started twice). Choose another with --port or PORT; 0 picks any free port.`,
    );
  }
}

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

/** A request's identity: its credentials for the tool handlers, and whom they speak for. */
interface Identity {
  /** Absent when the server's own credentials serve the request. */
  authInfo?: CarriedAuthInfo;
  /** The identity a session is bound to, and the fingerprint sessions are counted by. */
  owner: SessionOwner;
}

/** Reads a request's credentials; a `Response` is the refusal to send instead. */
type Authenticate = (request: Request) => Promise<Identity | Response>;

/** The owner of requests served with the server's own credentials. */
const SERVER_OWNER: SessionOwner = { identity: "server", fingerprint: "server" };

/**
 * What a request with a session id gets when the session is unknown, or was opened by another
 * identity (the same answer, so it does not tell whether the session exists): the MCP spec has
 * the client start a new session on a 404.
 */
function sessionNotFound(): Response {
  return json(404, {
    jsonrpc: "2.0",
    error: { code: -32001, message: "Session not found" },
    id: null,
  });
}

function authenticator(config: Config): Authenticate {
  const mode = headerAuthMode(config);
  const options = requestAuthOptions(config);
  const required = credentialsRequiredMessage(options);
  return async (request) => {
    if (mode === "off") return { owner: SERVER_OWNER };
    const auth = readRequestAuth(request.headers, options);
    if (auth.kind === "refused") {
      log.info(`Refused ${request.method} ${new URL(request.url).pathname}: ${auth.error}`);
      return json(auth.status, { error: auth.error });
    }
    if (auth.kind === "none") {
      if (mode === "optional") return { owner: SERVER_OWNER };
      log.info(`Refused ${request.method} ${new URL(request.url).pathname}: no credentials`);
      return json(401, { error: required });
    }
    const [identity, fingerprint] = await Promise.all([
      credentialIdentity(auth.credentials),
      credentialFingerprint(auth.credentials),
    ]);
    return { authInfo: carryCredentials(auth.credentials), owner: { identity, fingerprint } };
  };
}

/** Largest request body accepted (the SDK's own default). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function streamableStateless(makeServer: () => McpServer, authenticate: Authenticate): Handler {
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

type StreamSessions = SessionTable<WebStandardStreamableHTTPServerTransport>;

function streamableStateful(
  makeServer: () => McpServer,
  sessions: StreamSessions,
  authenticate: Authenticate,
): Handler {
  return async (request) => {
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const session = sessions.use(sessionId);
      if (!session) return sessionNotFound();
      if (session.owner.identity !== identity.owner.identity) {
        log.info(`Refused ${request.method} for session ${sessionId}: another identity`);
        return sessionNotFound();
      }
      return session.transport.handleRequest(request, { authInfo: identity.authInfo });
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
    const refusal = sessions.refusal(identity.owner);
    if (refusal) {
      log.info(`Refused a new session: ${refusal.error}`);
      return jsonRpcError(refusal.status, refusal.error);
    }
    // Registered before anything is awaited, so concurrent initializes all see it counted.
    const id = crypto.randomUUID();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessionclosed: (closed) => sessions.delete(closed),
    });
    sessions.add(id, transport, identity.owner);
    transport.onclose = () => sessions.delete(id);
    try {
      await makeServer().connect(transport);
      return await transport.handleRequest(request, {
        parsedBody: body,
        authInfo: identity.authInfo,
      });
    } finally {
      if (transport.sessionId !== id) {
        // The initialize failed: no session came of it.
        sessions.delete(id);
        void transport.close().catch(() => {});
      }
    }
  };
}

type SseSessions = SessionTable<SseServerTransport>;

function sseHandlers(
  makeServer: () => McpServer,
  path: string,
  messagesPath: string,
  sessions: SseSessions,
  authenticate: Authenticate,
) {
  const notFound = () =>
    json(404, { error: `SSE session not found: open a new stream with GET ${path}.` });
  const open: Handler = async (request) => {
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;
    const refusal = sessions.refusal(identity.owner);
    if (refusal) {
      log.info(`Refused a new SSE stream: ${refusal.error}`);
      return json(refusal.status, { error: refusal.error });
    }
    const transport = new SseServerTransport(messagesPath);
    sessions.add(transport.sessionId, transport, identity.owner);
    transport.onclose = () => void sessions.delete(transport.sessionId);
    const response = transport.response();
    await makeServer().connect(transport);
    return response;
  };
  const post: Handler = async (request) => {
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;
    const id = new URL(request.url).searchParams.get("sessionId") ?? "";
    const session = sessions.use(id);
    if (!session) return notFound();
    if (session.owner.identity !== identity.owner.identity) {
      log.info(`Refused POST for SSE session ${id}: another identity`);
      return notFound();
    }
    return session.transport.handlePost(request, identity.authInfo);
  };
  return { open, post };
}

/**
 * Starts the configured HTTP transport; `makeServer` builds one MCP server per session.
 * `limits` bounds the open sessions of each transport (defaults: 500, 20 per credentials).
 */
export function serveHttp(
  config: Config,
  makeServer: () => McpServer,
  limits: Partial<Pick<SessionLimits, "max" | "perCredential">> = {},
): HttpHandle {
  const path = config.path;
  const streamSessions: StreamSessions = new SessionTable(limits);
  // An SSE session lasts as long as its stream: closed by the client, never for idleness.
  const sseSessions: SseSessions = new SessionTable({ ...limits, idleMs: Infinity });
  const messagesPath = "/messages";
  const authenticate = authenticator(config);
  const streamable = config.stateless
    ? streamableStateless(makeServer, authenticate)
    : streamableStateful(makeServer, streamSessions, authenticate);
  const sse = sseHandlers(makeServer, path, messagesPath, sseSessions, authenticate);

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

  const server = listen({
    hostname: config.host,
    port: config.port,
    onListen: () => {},
    onError: (error) => {
      log.error("HTTP request failed", error);
      return json(500, { error: "Internal server error" });
    },
  }, route);
  const { hostname, port } = server.addr;
  const url = `http://${listenAddress(hostname, port)}${path}`;
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
      await sseSessions.closeAll();
      await server.shutdown();
    },
  };
}
