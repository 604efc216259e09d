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
import { callWarning, log } from "../log.ts";
import type {
  CredentialSource,
  HttpClientOptions,
  HttpMethod,
  Query,
  RequestOptions,
} from "./client_types.ts";
import {
  AtlassianError,
  changesState,
  credentialFailure,
  displayPath,
  type ErrorContext,
  errorFromFetchFailure,
  errorFromResponse,
  isScopeMismatch,
  productLabel,
  timeoutError,
  unexpectedAnswer,
} from "./errors/mod.ts";
import { isRedirect, redirectsToGet, redirectTarget } from "./_redirect.ts";
import { bodyText, decodeBody, readBody } from "./_response_body.ts";
import { openBody, requestHeaders } from "./_request_init.ts";
import { resolveRequestUrl, type ServiceBase, serviceBase } from "./_url.ts";
import { abortableSleep, defaultSleep, retryDelay } from "./retry.ts";
import { createTransport, createWriteTransport } from "./transport.ts";

export type {
  CredentialSource,
  HttpClientOptions,
  HttpMethod,
  Query,
  QueryValue,
  RawBody,
  RequestOptions,
} from "./client_types.ts";
export { MAX_REDIRECTS } from "./_redirect.ts";

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
  readonly #base: ServiceBase;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #maxRetries: number;
  readonly #maxRetryWaitMs: number;
  readonly #credentials: CredentialSource | undefined;
  readonly #options: HttpClientOptions;
  #transport: Deno.HttpClient | undefined;
  #writeTransport: Deno.HttpClient | undefined;

  /** Creates the client (and its `Deno.HttpClient` when TLS material or a proxy is configured). */
  constructor(service: ServiceConfig, options: HttpClientOptions = {}) {
    this.service = service;
    this.#base = serviceBase(service.url);
    this.#fetch = options.fetchImpl ?? fetch;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#maxRetries = options.maxRetries ?? service.retry?.maxRetries ?? 3;
    this.#maxRetryWaitMs = options.maxRetryWaitMs ?? 30_000;
    this.#credentials = options.credentials;
    this.#options = options;
    this.#transport = createTransport(service);
  }

  /**
   * A client for another base URL of the same product (e.g. the Jira Forms API on
   * `api.atlassian.com`) with this client's credentials, CA certificates, proxy, timeout and
   * retry settings. Custom headers and the client certificate stay with the service's own
   * origin, as for per-request URLs. Close it when done.
   */
  sibling(url: string): HttpClient {
    if (new URL(url).origin === new URL(this.service.url).origin) {
      return new HttpClient({ ...this.service, url }, this.#options);
    }
    const { clientCert: _cert, clientKey: _key, ...tls } = this.service.tls;
    return new HttpClient({ ...this.service, url, tls, customHeaders: {} }, this.#options);
  }

  /**
   * A client for another origin without any credentials or custom headers (e.g. a signed
   * download link), with this client's CA certificates, proxy, timeout and retries. Close it
   * when done.
   */
  anonymous(url: string): HttpClient {
    const { clientCert: _cert, clientKey: _key, ...tls } = this.service.tls;
    return new HttpClient(
      { ...this.service, url, tls, customHeaders: {}, auth: { kind: "none" } },
      { fetchImpl: this.#options.fetchImpl, sleep: this.#options.sleep, signedLink: true },
    );
  }

  /** Sends one request and resolves to the parsed JSON body, text, or undefined (204/empty). */
  async request<T = unknown>(options: RequestOptions): Promise<T> {
    const method = options.method.toUpperCase() as HttpMethod;
    const ctx: ErrorContext = {
      service: this.service,
      method,
      path: options.path,
      readOnly: options.readOnly,
      signedLink: this.#options.signedLink,
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
          backoffBaseMs: this.service.retry?.backoffMs,
          ignoreRetryAfter: this.service.retry?.ignoreRetryAfter,
        });
        if (wait === undefined) throw err;
        callWarning(
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
    init?: Pick<RequestOptions, "headers" | "signal" | "expect">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "GET", path, query });
  }

  /** POST `body` (JSON unless raw) to `path`. */
  post<T = unknown>(
    path: string,
    body?: unknown,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal" | "expect">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "POST", path, body, query });
  }

  /** PUT `body` (JSON unless raw) to `path`. */
  put<T = unknown>(
    path: string,
    body?: unknown,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal" | "expect">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "PUT", path, body, query });
  }

  /** DELETE `path`. */
  delete<T = unknown>(
    path: string,
    query?: Query,
    init?: Pick<RequestOptions, "headers" | "signal" | "expect">,
  ): Promise<T> {
    return this.request<T>({ ...init, method: "DELETE", path, query });
  }

  /**
   * The absolute URL a request goes to. Throws `AtlassianError` (`host_not_allowed`, nothing
   * sent) when it would leave the service's origin or carries userinfo.
   */
  resolveUrl(path: string, query?: Query, method: string = "GET"): URL {
    return resolveRequestUrl({ service: this.service, method, path }, this.#base, query);
  }

  /** Closes the underlying `Deno.HttpClient` (if any); the client must not be used afterwards. */
  close(): void {
    this.#transport?.close();
    this.#transport = undefined;
    this.#writeTransport?.close();
    this.#writeTransport = undefined;
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

  /**
   * The connection pool a request goes through: a write gets a fresh connection every time
   * (`createWriteTransport`: a request on a reused connection may be resent by the runtime).
   */
  #transportFor(ctx: ErrorContext): Deno.HttpClient | undefined {
    if (!changesState(ctx)) return this.#transport;
    return this.#writeTransport ??= createWriteTransport(this.service);
  }

  async #attempt<T>(
    ctx: ErrorContext,
    url: URL,
    options: RequestOptions,
    authorization: string | undefined,
  ): Promise<T> {
    let sending = await openBody(options.body);
    const timer = new AbortController();
    const id = setTimeout(() => timer.abort(), this.service.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
    const fail = (err: unknown): unknown => {
      if (options.signal?.aborted) return options.signal.reason;
      if (timer.signal.aborted) return timeoutError(ctx, err);
      return errorFromFetchFailure(ctx, err);
    };
    let method = ctx.method;
    const headers = requestHeaders(
      this.service,
      this.#credentials !== undefined,
      method,
      options.body,
      options.headers,
      authorization,
    );
    let current = url;
    const started = Date.now();
    try {
      for (let hop = 0;; hop++) {
        let res: Response;
        try {
          const init: RequestInit & { client?: Deno.HttpClient } = {
            method,
            headers,
            body: sending?.body,
            redirect: "manual",
            signal,
          };
          const client = this.#transportFor(ctx);
          if (client) init.client = client;
          res = await this.#fetch(current, init);
        } catch (err) {
          throw fail(err);
        }
        if (isRedirect(res)) {
          await res.body?.cancel();
          if (options.raw && options.returnCrossOriginRedirect) {
            const location = res.headers.get("location");
            const to = location === null ? undefined : URL.parse(location, current);
            if (to && to.origin !== this.#base.origin) {
              return { status: res.status, headers: res.headers, bytes: new Uint8Array() } as T;
            }
          }
          current = redirectTarget(
            ctx,
            this.#base.origin,
            current,
            res.headers.get("location")!,
            hop,
          );
          sending?.close();
          sending = undefined;
          if (redirectsToGet(res.status, method)) {
            method = "GET";
            headers.delete("Content-Type");
          } else {
            sending = await openBody(options.body);
          }
          continue;
        }
        const ok = res.status >= 200 && res.status <= 299;
        let bytes: Uint8Array | undefined;
        try {
          bytes = await readBody(res, ok ? options.maxBytes : undefined);
        } catch (err) {
          throw fail(err);
        }
        if (!bytes) throw unexpectedAnswer(ctx, { kind: "too_large", limit: options.maxBytes! });
        log.debug(
          `${productLabel(this.service.product)} ${ctx.method} ${displayPath(ctx.path)} -> ` +
            `${res.status} (${Date.now() - started} ms)`,
        );
        if (!ok) {
          const text = bodyText(bytes);
          throw errorFromResponse(ctx, res.status, res.statusText, res.headers, text);
        }
        return decodeBody<T>(ctx, res, bytes, options);
      }
    } finally {
      clearTimeout(id);
      sending?.close();
    }
  }
}
