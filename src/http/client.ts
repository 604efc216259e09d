/**
 * `HttpClient`: the one outbound HTTP client of the server. It adds auth, User-Agent and custom
 * headers, refuses every URL outside the service's origin, follows same-origin redirects only,
 * applies the per-request timeout, retries per `retry.ts`, and turns every failure into an
 * `AtlassianError`.
 *
 * Auth comes from `service.auth` (Basic, PAT) or from a `CredentialSource` (OAuth with refresh,
 * bring-your-own-token, per-request credentials), which is asked for the Authorization value
 * before every attempt; after a 401 whose `refresh()` resolves true the request is sent once
 * more, whatever its method (a 401 means the request was not applied). When a 401 ends the
 * request, the source's `refused()` may replace it with a clearer error.
 *
 * @module
 */
import type { ServiceConfig } from "../config/types.ts";
import { log } from "../log.ts";
import { USER_AGENT } from "../version.ts";
import {
  AtlassianError,
  credentialFailure,
  displayPath,
  envPrefix,
  type ErrorContext,
  errorFromFetchFailure,
  errorFromResponse,
  hostNotAllowed,
  isScopeMismatch,
  isWrite,
  productLabel,
  timeoutError,
} from "./errors.ts";
import { abortableSleep, defaultSleep, retryDelay } from "./retry.ts";
import { createTransport } from "./transport.ts";
import { basicCredential } from "./basic.ts";

/** HTTP methods the client sends. */
export type HttpMethod = "GET" | "HEAD" | "OPTIONS" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One query value; arrays become comma-separated lists. */
export type QueryValue = string | number | boolean | readonly (string | number)[];

/**
 * Query parameters: a record (undefined values skipped, arrays joined with commas) or a
 * `URLSearchParams` for repeated keys (`?expand=a&expand=b`).
 */
export type Query = Record<string, QueryValue | undefined> | URLSearchParams;

/** One request. */
export interface RequestOptions {
  method: HttpMethod;
  /**
   * Path relative to `service.url` (which may carry a context path such as `/wiki`), e.g.
   * `path\`/rest/api/2/issue/${key}\``; may carry its own query string. An absolute URL is
   * accepted only when its origin is the service's origin (e.g. a pagination link).
   */
  path: string;
  query?: Query;
  /**
   * Request body: plain data is sent as JSON; `string`, `FormData`, `Blob`, `URLSearchParams`,
   * `ArrayBuffer` and typed arrays are sent as they are.
   */
  body?: unknown;
  /** Extra headers for this request (they win over the defaults). */
  headers?: HeadersInit;
  /** Aborts the request; the abort reason is rethrown as it is (not wrapped). */
  signal?: AbortSignal;
  /** Resolve to a `RawBody` (bytes, status, headers) instead of parsed JSON/text. */
  raw?: boolean;
  /**
   * The request changes nothing although its method is POST (e.g. Jira Cloud's JQL search): it
   * is retried like a read and its failures never say the change may have been applied.
   */
  readOnly?: boolean;
}

/** The answer of a request made with `raw: true`. */
export interface RawBody {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/**
 * Where a client's Authorization header comes from when it is not a fixed credential of the
 * configuration (OAuth tokens that are refreshed, per-request credentials).
 */
export interface CredentialSource {
  /** The Authorization header value for the next request (e.g. `Bearer <access token>`). */
  authorization(): Promise<string>;
  /**
   * Called once per request after a 401 with the value that was rejected: resolve true to have
   * the request sent once more (with a new `authorization()`), false to fail with the 401. It
   * may reject with an error whose `message` is one clear sentence (and an optional `hint`),
   * which becomes the request's failure.
   */
  refresh?(rejected: string): Promise<boolean>;
  /**
   * Called when a 401 for `rejected` ends a request: `refresh()` resolved false, or the value
   * it led to was refused as well. Returns the error the request fails with instead of the 401
   * (one clear sentence, an optional `hint`), or undefined to keep the 401. A source may note
   * here that refreshing does not help, so that later 401s do not each cause a refresh.
   */
  refused?(rejected: string): Error | undefined;
}

/** Construction options, mostly for tests. */
export interface HttpClientOptions {
  /** Supplies the Authorization header (overrides `service.auth`). */
  credentials?: CredentialSource;
  /** Replaces `fetch` (it receives the `client` of the transport in its init when there is one). */
  fetchImpl?: typeof fetch;
  /** Replaces the timer used between retries. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries per request after the first attempt (default 3). */
  maxRetries?: number;
  /** Longest wait before a retry, also the cap of `Retry-After` (default 30000 ms). */
  maxRetryWaitMs?: number;
}

/** Redirects followed within one attempt. */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function isRawBody(body: unknown): body is BodyInit {
  return typeof body === "string" || body instanceof FormData || body instanceof Blob ||
    body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body) ||
    body instanceof ReadableStream;
}

/**
 * The HTTP client for one service (Jira or Confluence).
 *
 * TLS: `service.tls.caCerts` and the client certificate/key are applied through one
 * `Deno.createHttpClient` built in the constructor; `tls.verify === false` cannot be applied per
 * client, it needs the process flag `--unsafely-ignore-certificate-errors=<host>` (the sandbox
 * module prints it). Call `close()` when done.
 */
export class HttpClient {
  /** The service this client talks to. */
  readonly service: ServiceConfig;
  readonly #origin: string;
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #maxRetries: number;
  readonly #maxRetryWaitMs: number;
  readonly #credentials: CredentialSource | undefined;
  #transport: Deno.HttpClient | undefined;

  /** Creates the client (and its `Deno.HttpClient` when TLS material or a proxy is configured). */
  constructor(service: ServiceConfig, options: HttpClientOptions = {}) {
    this.service = service;
    const base = new URL(service.url);
    this.#origin = base.origin;
    this.#base = base.origin + base.pathname.replace(/\/+$/, "");
    this.#fetch = options.fetchImpl ?? fetch;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    this.#credentials = options.credentials;
    this.#transport = createTransport(service);
  }

  /** Sends one request and resolves to the parsed JSON body, text, or undefined (204/empty). */
  async request<T = unknown>(options: RequestOptions): Promise<T> {
    const method = options.method.toUpperCase() as HttpMethod;
    const ctx: ErrorContext = {
      service: this.service,
      method,
      path: options.path,
      readOnly: options.readOnly,
    };
    options.signal?.throwIfAborted();
    const url = this.resolveUrl(options.path, options.query, method);
    let retries = 0;
    let timeoutRetries = 0;
    let refreshed = false;
    for (;;) {
      const authorization = await this.#authorization(ctx);
      try {
        return await this.#attempt<T>(ctx, url, options, authorization);
      } catch (err) {
        if (!(err instanceof AtlassianError)) throw err;
        if (
          err.status === 401 && authorization !== undefined && this.#credentials?.refresh &&
          !isScopeMismatch(err)
        ) {
          if (!refreshed) {
            refreshed = true;
            let retry: boolean;
            try {
              retry = await this.#credentials.refresh(authorization);
            } catch (cause) {
              throw credentialFailure(ctx, cause, err);
            }
            if (retry) {
              log.debug(
                `${productLabel(this.service.product)} ${method} ${
                  displayPath(options.path)
                }: 401, credentials refreshed, sending once more`,
              );
              continue;
            }
          }
          // Not refreshed, or refused again right after the refresh: the request fails.
          const reason = this.#credentials.refused?.(authorization);
          throw reason ? credentialFailure(ctx, reason, err) : err;
        }
        const wait = retryDelay({
          method,
          readOnly: options.readOnly,
          error: err,
          retries,
          timeoutRetries,
          maxRetries: this.#maxRetries,
          maxRetryWaitMs: this.#maxRetryWaitMs,
        });
        if (wait === undefined) throw err;
        log.debug(
          `${productLabel(this.service.product)} ${method} ${displayPath(options.path)}: ` +
            `${err.status ?? err.kind}, retry ${retries + 1}/${this.#maxRetries} in ${wait} ms`,
        );
        retries++;
        if (err.kind === "timeout") timeoutRetries++;
        await abortableSleep(this.#sleep, wait, options.signal);
      }
    }
  }

  /** GET `path` with an optional query. */
  get<T = unknown>(
    path: string,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "GET", path, query });
  }

  /** POST `body` (JSON unless raw) to `path`. */
  post<T = unknown>(
    path: string,
    body?: unknown,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "POST", path, body, query });
  }

  /** PUT `body` (JSON unless raw) to `path`. */
  put<T = unknown>(
    path: string,
    body?: unknown,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "PUT", path, body, query });
  }

  /** DELETE `path`. */
  delete<T = unknown>(
    path: string,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "DELETE", path, query });
  }

  /**
   * The absolute URL a request goes to. Throws `AtlassianError` (`host_not_allowed`, nothing
   * sent) when it would leave the service's origin or carries userinfo.
   */
  resolveUrl(path: string, query?: Query, method: string = "GET"): URL {
    const ctx: ErrorContext = { service: this.service, method, path };
    const env = envPrefix(this.service.product);
    let url: URL;
    try {
      if (/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[\\/]{2}/.test(path)) {
        url = new URL(path, this.#origin);
      } else {
        url = new URL(this.#base + (path.startsWith("/") ? "" : "/") + path);
      }
    } catch (cause) {
      throw new AtlassianError({
        kind: "bad_request",
        product: this.service.product,
        method,
        path: displayPath(path),
        message: `Refused ${method} ${displayPath(path)}: it is not a valid URL path.`,
        hint: "Pass a path such as /rest/api/2/myself, built with the path`` template.",
        mayHaveReachedServer: false,
        cause,
      });
    }
    if (url.origin !== this.#origin || url.username || url.password) {
      const target = url.origin === "null" ? url.protocol : url.origin;
      throw hostNotAllowed(
        ctx,
        `Refused ${method} to ${target}: ${
          productLabel(this.service.product)
        } requests may only go to ${this.#origin} (${env}_URL).`,
      );
    }
    if (query instanceof URLSearchParams) {
      for (const [k, v] of query) url.searchParams.append(k, v);
    } else if (query) {
      for (const [k, v] of Object.entries(query)) {
        if (v === undefined) continue;
        if (Array.isArray(v)) {
          if (v.length > 0) url.searchParams.set(k, v.join(","));
        } else url.searchParams.set(k, String(v));
      }
    }
    return url;
  }

  /** Closes the underlying `Deno.HttpClient` (if any); the client must not be used afterwards. */
  close(): void {
    this.#transport?.close();
    this.#transport = undefined;
  }

  /** Same as `close()`, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** The Authorization value from the credential source, if any; its failures become `AtlassianError`s. */
  async #authorization(ctx: ErrorContext): Promise<string | undefined> {
    if (!this.#credentials) {
      const { kind } = this.service.auth;
      if (kind === "oauth" || kind === "byot" || kind === "per-request") {
        throw credentialFailure(
          ctx,
          new Error(
            `${
              productLabel(this.service.product)
            } authenticates with ${kind} credentials, but this client was given no credential source.`,
          ),
        );
      }
      return undefined;
    }
    try {
      return await this.#credentials.authorization();
    } catch (cause) {
      throw credentialFailure(ctx, cause);
    }
  }

  #headers(
    method: string,
    body: unknown,
    extra: HeadersInit | undefined,
    authorization: string | undefined,
  ): Headers {
    const h = new Headers({ "Accept": "application/json", "User-Agent": USER_AGENT });
    for (const [k, v] of Object.entries(this.service.customHeaders)) {
      try {
        h.set(k, v);
      } catch {
        log.warn(`Ignoring invalid custom header name ${JSON.stringify(k)}`);
      }
    }
    const { auth } = this.service;
    if (this.#credentials) {
      if (authorization) h.set("Authorization", authorization);
    } else if (auth.kind === "basic") {
      h.set("Authorization", `Basic ${basicCredential(auth.username, auth.token)}`);
    } else if (auth.kind === "pat") {
      h.set("Authorization", `Bearer ${auth.token}`);
    }
    if (isWrite(method)) h.set("X-Atlassian-Token", "no-check");
    if (body !== undefined && !isRawBody(body)) h.set("Content-Type", "application/json");
    if (extra) new Headers(extra).forEach((v, k) => h.set(k, v));
    return h;
  }

  async #attempt<T>(
    ctx: ErrorContext,
    url: URL,
    options: RequestOptions,
    authorization: string | undefined,
  ): Promise<T> {
    const timer = new AbortController();
    const id = setTimeout(() => timer.abort(), this.service.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    const fail = (err: unknown): unknown => {
      if (options.signal?.aborted) return options.signal.reason;
      if (timer.signal.aborted) return timeoutError(ctx, err);
      return errorFromFetchFailure(ctx, err);
    };
    let method = ctx.method;
    let body: BodyInit | undefined = options.body === undefined
      ? undefined
      : isRawBody(options.body)
      ? options.body
      : JSON.stringify(options.body);
    const headers = this.#headers(method, options.body, options.headers, authorization);
    let current = url;
    const started = Date.now();
    try {
      for (let hop = 0;; hop++) {
        let res: Response;
        try {
          const init: RequestInit & { client?: Deno.HttpClient } = {
            method,
            headers,
            body,
            redirect: "manual",
            signal,
          };
          if (this.#transport) init.client = this.#transport;
          res = await this.#fetch(current, init);
        } catch (err) {
          throw fail(err);
        }
        if (REDIRECTS.has(res.status) && res.headers.has("location")) {
          await res.body?.cancel();
          current = this.#redirectTarget(ctx, current, res.headers.get("location")!, hop);
          if (res.status === 303 || (res.status <= 302 && method === "POST")) {
            method = "GET";
            body = undefined;
            headers.delete("Content-Type");
          }
          continue;
        }
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await res.arrayBuffer());
        } catch (err) {
          throw fail(err);
        }
        log.debug(
          `${productLabel(this.service.product)} ${ctx.method} ${displayPath(ctx.path)} -> ` +
            `${res.status} (${Date.now() - started} ms)`,
        );
        if (res.status < 200 || res.status > 299) {
          const text = new TextDecoder().decode(bytes);
          throw errorFromResponse(ctx, res.status, res.statusText, res.headers, text);
        }
        if (options.raw) return { status: res.status, headers: res.headers, bytes } as T;
        if (bytes.length === 0 || res.status === 204 || res.status === 205) return undefined as T;
        const text = new TextDecoder().decode(bytes);
        if (/[/+]json\b/i.test(res.headers.get("content-type") ?? "")) {
          try {
            return JSON.parse(text) as T;
          } catch {
            return text as T;
          }
        }
        return text as T;
      }
    } finally {
      clearTimeout(id);
    }
  }

  #redirectTarget(ctx: ErrorContext, from: URL, location: string, hop: number): URL {
    const label = productLabel(this.service.product);
    const env = envPrefix(this.service.product);
    const path = displayPath(ctx.path);
    let next: URL;
    try {
      next = new URL(location, from);
    } catch (cause) {
      throw new AtlassianError({
        kind: "server",
        product: this.service.product,
        method: ctx.method,
        path,
        message: `${label} answered ${ctx.method} ${path} with a redirect to an invalid URL.`,
        hint: `Check ${env}_URL; it should be the site's final address.`,
        mayHaveReachedServer: true,
        cause,
      });
    }
    if (next.origin !== this.#origin) {
      throw hostNotAllowed(
        ctx,
        `${label} redirected ${ctx.method} ${path} to another host (${
          next.host || next.protocol
        }); ` +
          `the redirect was not followed, so no credentials were sent there.`,
        `If ${label} moved, set ${env}_URL to ${next.origin}; redirects to another origin are never followed.`,
        true,
      );
    }
    if (hop >= MAX_REDIRECTS) {
      throw new AtlassianError({
        kind: "server",
        product: this.service.product,
        method: ctx.method,
        path,
        message: `${label} redirected ${ctx.method} ${path} more than ${MAX_REDIRECTS} times.`,
        hint: `Check ${env}_URL; it should be the site's final address.`,
        mayHaveReachedServer: true,
      });
    }
    return next;
  }
}
