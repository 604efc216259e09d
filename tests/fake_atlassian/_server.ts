/**
 * One fake site (Cloud or Data Center) on loopback HTTP: request recording, injected faults,
 * authentication, routing through the route table, and Atlassian-shaped errors.
 *
 * Connections arrive at a tiny TCP relay that forwards bytes to an internal `Deno.serve`; the
 * relay is what lets a fault drop a connection for real (the client sees a network error, no
 * HTTP response at all), which `Deno.serve` alone cannot do.
 *
 * @module
 */
import { type ApiFamily, type Ctx, errorBody, HttpError, json, REASONS } from "./_http.ts";
import { type FakeState, type FakeUser, type Flavour, seedState } from "./_model.ts";
import { familyOfPath, matchRoute, type RouteMatch } from "./routes.ts";

/** A recorded request. */
export interface RecordedRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The URL path (no query). */
  path: string;
  /** The query string. */
  query: URLSearchParams;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** A copy of the request headers. */
  headers: Headers;
  /** When the request arrived (`performance.now()` of this process). */
  receivedAt: number;
  /** When its response was handed back (before its body was sent); NaN until then. */
  answeredAt: number;
}

/** A fault to inject into the next matching request(s). */
export interface FaultSpec {
  /** Path to match: a RegExp tested on the path, or a string the path must contain. */
  match: RegExp | string;
  /** Only for this HTTP method. */
  method?: string;
  /** Answer with this status (default 500 unless `delayMs` or `drop` is given alone). */
  status?: number;
  /** `Retry-After` seconds to send with the status. */
  retryAfter?: number;
  /** Wait this long first (then answer normally unless `status` or `drop` is set). */
  delayMs?: number;
  /**
   * Drop the connection without any response: `true` before the request is handled (nothing
   * happens), `"after"` once it has been handled (a write takes effect, the answer is lost).
   */
  drop?: true | "after";
  /** Handle the request first (a write takes effect), then answer with `status` and `body`. */
  apply?: true;
  /** How many requests it applies to (default 1; `Infinity` for all). */
  times?: number;
  /** Response body for `status` (object = JSON, string = text); default: Atlassian-style. */
  body?: unknown;
  /** Extra response headers for `status`. */
  headers?: Record<string, string>;
}

/** Options of a site. */
export interface SiteOptions {
  flavour: Flavour;
  hostname: string;
  port: number;
  now: () => Date;
  /** Called with one line per handled request (method, path, status, duration). */
  log?: (line: string) => void;
  /** The state to start from and to restore on `reset` (default: `seedState(flavour)`). */
  seed?: () => FakeState;
  /** What the site serves besides its REST routes (the Data Center OAuth 2.0 provider). */
  extension?: SiteExtension;
}

/**
 * Endpoints and credentials a site serves besides its REST route table: the fake's OAuth 2.0
 * provider on Data Center (`/rest/oauth2/latest/...`, see `_oauth.ts`).
 */
export interface SiteExtension {
  /** Answers a request no REST route matches (after faults), or null to answer 404. */
  serve?(req: Request, url: URL, body: string): Response | null | Promise<Response | null>;
  /**
   * Resolves a Bearer token the site does not know as a PAT: `{ user }` (a user id) to proceed
   * as that user, `{ forbidden }` for 403 with that message, null for 401.
   */
  bearer?(
    token: string,
    request: { method: string; path: string; family: ApiFamily },
  ): { user: string } | { forbidden: string } | null;
}

/** A received request, read once. */
interface Incoming {
  req: Request;
  url: URL;
  method: string;
  text: string;
  /** The body's bytes (a multipart route reads its form from them). */
  bytes: Uint8Array;
  parsed: unknown;
  jsonError: boolean;
  routed: RouteMatch;
  family: ApiFamily;
}

interface Pair {
  client: Deno.Conn;
  upstream: Deno.Conn;
}

const ANONYMOUS: FakeUser = {
  id: "anonymous",
  accountId: "",
  name: "anonymous",
  jiraKey: "",
  confluenceKey: "",
  email: "",
  displayName: "Anonymous",
  timeZone: "UTC",
  cloudToken: "",
  personalToken: "",
  password: "",
};

function safeClose(c: Deno.Conn): void {
  try {
    c.close();
  } catch {
    // already closed
  }
}

async function pump(src: Deno.Conn, dst: Deno.Conn): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  try {
    for (;;) {
      const n = await src.read(buf);
      if (n === null) return;
      let off = 0;
      while (off < n) off += await dst.write(buf.subarray(off, n));
    }
  } catch {
    // connection closed or reset
  }
}

/** Waits `ms`, or less when `signal` aborts (the site is closing). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal.aborted) return done();
    signal.addEventListener("abort", done, { once: true });
  });
}

/** A running fake site. */
export class Site {
  readonly flavour: Flavour;
  state: FakeState;
  readonly requests: RecordedRequest[] = [];
  /** Each request's record, to note when it was answered. */
  readonly #recorded = new WeakMap<Request, RecordedRequest>();
  #faults: (FaultSpec & { remaining: number })[] = [];
  #now: () => Date;
  #inner?: Deno.HttpServer<Deno.NetAddr>;
  #outer?: Deno.Listener;
  #pairs = new Map<number, Pair>();
  #tasks = new Set<Promise<void>>();
  #accept?: Promise<void>;
  #closing = new AbortController();
  #origin = "";

  /** Creates a site (call `start`). */
  constructor(readonly options: SiteOptions) {
    this.flavour = options.flavour;
    this.state = options.seed?.() ?? seedState(options.flavour);
    this.#now = options.now;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return this.#origin;
  }

  /** Starts listening. */
  start(): void {
    const { hostname } = this.options;
    this.#inner = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {}, signal: this.#closing.signal },
      (req, info) => this.#handle(req, info),
    );
    this.#outer = Deno.listen({ hostname, port: this.options.port });
    const addr = this.#outer.addr as Deno.NetAddr;
    const host = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
    this.#origin = `http://${host}:${addr.port}`;
    this.#accept = this.#acceptLoop(this.#outer);
  }

  async #acceptLoop(listener: Deno.Listener): Promise<void> {
    try {
      for await (const client of listener) {
        const task = this.#relay(client);
        this.#tasks.add(task);
        task.finally(() => this.#tasks.delete(task));
      }
    } catch {
      // listener closed
    }
  }

  async #relay(client: Deno.Conn): Promise<void> {
    let upstream: Deno.Conn;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: this.#inner!.addr.port });
    } catch {
      safeClose(client);
      return;
    }
    const key = (upstream.localAddr as Deno.NetAddr).port;
    this.#pairs.set(key, { client, upstream });
    await Promise.race([pump(client, upstream), pump(upstream, client)]);
    safeClose(client);
    safeClose(upstream);
    this.#pairs.delete(key);
  }

  /** Adds a fault. */
  fault(f: FaultSpec): void {
    this.#faults.push({ ...f, remaining: f.times ?? 1 });
  }

  /** Restores the seed, clears recorded requests and pending faults. */
  reset(): void {
    this.state = this.options.seed?.() ?? seedState(this.flavour);
    this.requests.length = 0;
    this.#faults = [];
  }

  /** Stops the site and closes every connection. */
  async close(): Promise<void> {
    this.#closing.abort();
    try {
      this.#outer?.close();
    } catch {
      // already closed
    }
    await this.#accept;
    for (const p of this.#pairs.values()) {
      safeClose(p.client);
      safeClose(p.upstream);
    }
    await this.#inner?.finished;
    await Promise.all([...this.#tasks]);
  }

  #takeFault(method: string, path: string): (FaultSpec & { remaining: number }) | undefined {
    const f = this.#faults.find((f) =>
      f.remaining > 0 && (!f.method || f.method.toUpperCase() === method) &&
      (typeof f.match === "string" ? path.includes(f.match) : f.match.test(path))
    );
    if (f) f.remaining--;
    this.#faults = this.#faults.filter((x) => x.remaining > 0);
    return f;
  }

  async #handle(req: Request, info: Deno.ServeHandlerInfo<Deno.NetAddr>): Promise<Response> {
    const started = performance.now();
    const res = await this.#respond(req, info, started);
    const record = this.#recorded.get(req);
    if (record) record.answeredAt = performance.now();
    if (this.options.log) {
      const url = new URL(req.url);
      const status = res.status === 444 ? "dropped" : String(res.status);
      const ms = Math.round(performance.now() - started);
      this.options.log(
        `${this.flavour} ${req.method} ${url.pathname}${url.search} -> ${status} (${ms} ms)`,
      );
    }
    return res;
  }

  async #respond(
    req: Request,
    info: Deno.ServeHandlerInfo<Deno.NetAddr>,
    receivedAt: number,
  ): Promise<Response> {
    const url = new URL(req.url);
    const path = url.pathname;
    const method = req.method.toUpperCase();
    const bytes = new Uint8Array(await req.arrayBuffer().catch(() => new ArrayBuffer(0)));
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown = undefined;
    let jsonError = false;
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
        jsonError = true;
      }
    }
    const record: RecordedRequest = {
      method,
      path,
      query: new URLSearchParams(url.search),
      body: parsed,
      headers: new Headers(req.headers),
      receivedAt,
      answeredAt: NaN,
    };
    this.requests.push(record);
    this.#recorded.set(req, record);
    const routed = matchRoute(this.flavour, method, path);
    const family: ApiFamily = routed.kind === "route" ? routed.route.family : familyOfPath(path);

    const incoming: Incoming = { req, url, method, text, bytes, parsed, jsonError, routed, family };

    const fault = this.#takeFault(method, path);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs, this.#closing.signal);
      if (fault.drop === true) return this.#drop(info);
      if (fault.drop === "after") {
        const handled = await this.#route(incoming);
        await handled.body?.cancel();
        return this.#drop(info);
      }
      if (fault.status || !fault.delayMs) {
        if (fault.apply) await (await this.#route(incoming)).body?.cancel();
        const status = fault.status ?? 500;
        const headers: Record<string, string> = { ...fault.headers };
        if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
        if (fault.body !== undefined) {
          if (typeof fault.body === "string") {
            return new Response(fault.body, {
              status,
              headers: { "content-type": "text/plain;charset=UTF-8", ...headers },
            });
          }
          return json(fault.body, status, headers);
        }
        const message = status === 429
          ? "Rate limit exceeded."
          : REASONS[status] ?? `HTTP ${status}`;
        return json(errorBody(family, status, message), status, headers);
      }
    }

    return await this.#route(incoming);
  }

  #drop(info: Deno.ServeHandlerInfo<Deno.NetAddr>): Response {
    const pair = this.#pairs.get(info.remoteAddr.port);
    if (pair) {
      safeClose(pair.client);
      safeClose(pair.upstream);
    }
    return new Response(null, { status: 444 });
  }

  async #route(incoming: Incoming): Promise<Response> {
    const { req, url, method, text, bytes, jsonError, routed, family } = incoming;
    let parsed = incoming.parsed;
    const path = url.pathname;
    if (routed.kind === "none") {
      const extra = await this.options.extension?.serve?.(req, url, text);
      if (extra) return extra;
      return json(
        errorBody(
          family,
          404,
          family === "confluence-v2" ? "Not Found" : `null for uri: ${url.href}`,
        ),
        404,
      );
    }
    if (routed.kind === "method") {
      return json(errorBody(family, 405, "Method Not Allowed"), 405, {
        allow: routed.allow.join(", "),
      });
    }
    const { route, params } = routed;

    let auth = this.#authenticate(req.headers.get("authorization"));
    const bearer = this.options.extension?.bearer;
    if (auth === "invalid" && bearer) {
      const token = /^bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1];
      const verdict = token ? bearer(token, { method, path, family }) : null;
      if (verdict && "forbidden" in verdict) {
        return json(errorBody(family, 403, verdict.forbidden), 403);
      }
      if (verdict) auth = this.state.users.find((u) => u.id === verdict.user) ?? "invalid";
    }
    if (auth === "invalid" || (auth === "missing" && !route.anonymous)) {
      return this.#unauthorized(family);
    }
    const user = auth === "missing" ? ANONYMOUS : auth;

    if (text !== "" && (method === "POST" || method === "PUT")) {
      const type = req.headers.get("content-type") ?? "";
      if (route.multipart && /^multipart\/form-data/i.test(type)) {
        parsed = await new Response(bytes as Uint8Array<ArrayBuffer>, {
          headers: { "content-type": type },
        }).formData();
      } else if (!/json/i.test(type)) {
        return json(
          errorBody(family, 415, "Unsupported Media Type: send the body as application/json."),
          415,
        );
      } else if (jsonError) {
        const c = text.trimStart()[0] ?? "";
        const message = `Unexpected character ('${c}' (code ${
          c.charCodeAt(0)
        })): expected a valid value (number, String, array, object, 'true', 'false' or 'null')`;
        return json(errorBody(family, 400, message), 400);
      }
    }

    const ctx: Ctx = {
      state: this.state,
      flavour: this.flavour,
      origin: this.#origin,
      user,
      params,
      query: new URLSearchParams(url.search),
      body: parsed,
      headers: req.headers,
      method,
      path: path.length > 1 ? path.replace(/\/+$/, "") : path,
      family,
      jiraApi: route.jiraApi,
      now: this.#now(),
    };
    try {
      return await route.handler(ctx);
    } catch (e) {
      if (e instanceof HttpError) return e.response;
      console.error(`fake atlassian: ${method} ${path} failed:`, e);
      return json(
        errorBody(
          family,
          500,
          `Internal server error: ${e instanceof Error ? e.message : String(e)}`,
        ),
        500,
      );
    }
  }

  #authenticate(header: string | null): FakeUser | "missing" | "invalid" {
    if (!header) return "missing";
    const [scheme, value = ""] = header.trim().split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) {
      let decoded: string;
      try {
        decoded = new TextDecoder().decode(Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0)));
      } catch {
        return "invalid";
      }
      const i = decoded.indexOf(":");
      const name = decoded.slice(0, i);
      const secret = decoded.slice(i + 1);
      const u = this.flavour === "cloud"
        ? this.state.users.find((u) =>
          u.email.toLowerCase() === name.toLowerCase() && u.cloudToken === secret
        )
        : this.state.users.find((u) => u.name === name && u.password === secret);
      return u ?? "invalid";
    }
    if (/^bearer$/i.test(scheme) && this.flavour === "datacenter") {
      return this.state.users.find((u) => u.personalToken === value) ?? "invalid";
    }
    return "invalid";
  }

  #unauthorized(family: ApiFamily): Response {
    const message = family === "confluence-v2"
      ? "Unauthorized"
      : family === "confluence-v1"
      ? "This request requires authentication."
      : "You are not authenticated. Authentication required to perform this operation.";
    const headers: Record<string, string> = {
      "www-authenticate": this.flavour === "cloud"
        ? 'Basic realm="protected-area"'
        : `Bearer realm="${this.#origin}"`,
    };
    if (family === "jira" || family === "agile" || family === "servicedesk") {
      headers["x-seraph-loginreason"] = "AUTHENTICATED_FAILED";
    }
    return json(errorBody(family, 401, message), 401, headers);
  }
}

/** Exported for tests that want a state without a server. */
export { seedState };
export type { FakeState };
