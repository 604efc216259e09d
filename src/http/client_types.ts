/**
 * The public types of `HttpClient`: request options, query values, raw answers, credential
 * sources and construction options.
 *
 * @module
 */
import type { z } from "zod";

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
  /** Resolve to a `RawBody` (bytes, status, headers) instead of parsed JSON. */
  raw?: boolean;
  /**
   * The most bytes of a successful answer to read: a longer body (by its Content-Length, or as
   * it arrives) is not read further and is an `unexpected_answer` error.
   */
  maxBytes?: number;
  /**
   * With `raw`: a redirect to another origin is answered as it is (status and `Location`, no
   * body) instead of refused, for the caller to follow without credentials (a signed link).
   */
  returnCrossOriginRedirect?: boolean;
  /**
   * The shape the JSON answer must have (see `expect.ts`); another shape, or no body, is an
   * `unexpected_answer` error instead of a result.
   */
  expect?: z.ZodType;
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
  /** Retries per request after the first attempt (default `service.retry.maxRetries`, else 3). */
  maxRetries?: number;
  /** Longest wait before a retry, also the cap of `Retry-After` (default 30000 ms). */
  maxRetryWaitMs?: number;
  /** A credential-free client of a signed link (`anonymous()`): its errors never name `*_URL`. */
  signedLink?: boolean;
}
