/**
 * Loopback servers and service configs for the HTTP client tests.
 *
 * @module
 */
import type { ServiceConfig } from "../../../src/config/types.ts";
import { AtlassianError } from "../../../src/http/mod.ts";

/** One request as a test server saw it. */
export interface Seen {
  method: string;
  /** Path and query as sent (still percent-encoded). */
  target: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A running loopback server. */
export interface TestServer {
  origin: string;
  port: number;
  requests: Seen[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts `Deno.serve` on 127.0.0.1 with a random port; every request is recorded first. */
export function startServer(
  handler: (req: Request, seen: Seen) => Response | Promise<Response>,
  tls?: { cert: string; key: string },
): TestServer {
  const requests: Seen[] = [];
  const ac = new AbortController();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen() {}, ...tls },
    async (req) => {
      const url = new URL(req.url);
      const seen: Seen = {
        method: req.method,
        target: url.pathname + url.search,
        url,
        headers: req.headers,
        body: await req.text(),
      };
      requests.push(seen);
      return handler(req, seen);
    },
  );
  const close = async () => {
    ac.abort();
    await server.finished;
  };
  const port = server.addr.port;
  return {
    origin: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A service config for `url` with Basic auth and no TLS/proxy settings. */
export function service(url: string, overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    product: "jira",
    url,
    deployment: "cloud",
    auth: { kind: "basic", username: "alice@example.com", token: "secret-token" },
    tls: { verify: true },
    proxy: { noProxy: [] },
    timeoutMs: 5_000,
    customHeaders: {},
    allowlist: [],
    ...overrides,
  };
}

/** A recording sleep that returns at once. */
export function fakeSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on. */
export function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

/** Awaits a promise that must reject with an `AtlassianError`, and returns that error. */
export async function caught(promise: Promise<unknown>): Promise<AtlassianError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AtlassianError) return err;
    throw err;
  }
  throw new Error("expected an AtlassianError, but the promise resolved");
}

/** A server whose answers wait until it is closed (for timeouts); it records every request. */
export function startHangingServer(): TestServer {
  let release!: () => void;
  const released = new Promise<void>((r) => release = r);
  const srv = startServer(async () => {
    await released;
    return json({});
  });
  const close = () => {
    release();
    return srv.close();
  };
  return { ...srv, close, [Symbol.asyncDispose]: close };
}
