/**
 * The one error type of the HTTP client: `AtlassianError`, with a `kind`, Atlassian's own
 * messages, one actionable hint, and whether a write may have reached the server. The builders
 * below turn an HTTP response, a fetch failure or a timeout into one; they never put header
 * values, credentials or query strings into a message.
 *
 * @module
 */
import { SETUP_COMMAND } from "../config/oauth.ts";
import type { Product, ServiceAuth, ServiceConfig } from "../config/types.ts";

/** What went wrong, coarse enough for a caller to branch on. */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "tls"
  | "host_not_allowed";

/** The fields of an `AtlassianError` (see the class for their meaning). */
export interface AtlassianErrorInit {
  kind: ErrorKind;
  product: Product;
  method: string;
  path: string;
  message: string;
  hint: string;
  status?: number;
  messages?: string[];
  retryAfterSeconds?: number;
  mayHaveReachedServer: boolean;
  cause?: unknown;
}

/** A failed call to Jira or Confluence; `message` is one clear sentence, `hint` one fix. */
export class AtlassianError extends Error {
  /** What went wrong. */
  readonly kind: ErrorKind;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** The product the request went to. */
  readonly product: Product;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request path without query string. */
  readonly path: string;
  /** Atlassian's own error texts (`errorMessages`, `errors`, `message`, ...), possibly empty. */
  readonly messages: string[];
  /** Seconds the server asked to wait (429/503 `Retry-After`). */
  readonly retryAfterSeconds?: number;
  /** One actionable sentence for the user. */
  readonly hint: string;
  /** False only when the request certainly never left this process or never connected. */
  readonly mayHaveReachedServer: boolean;

  /** Builds the error from its fields. */
  constructor(init: AtlassianErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AtlassianError";
    this.kind = init.kind;
    this.status = init.status;
    this.product = init.product;
    this.method = init.method;
    this.path = init.path;
    this.messages = init.messages ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.hint = init.hint;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
  }
}

/** What the error builders need to know about the request. */
export interface ErrorContext {
  /** The service; its `auth` (when given) picks the hint for a 401. */
  service: Pick<ServiceConfig, "product" | "url" | "timeoutMs"> & { auth?: ServiceAuth };
  method: string;
  /** Request path; a query string or userinfo is removed before it is used. */
  path: string;
  /** A POST that changes nothing (a search): never "may have been applied". */
  readOnly?: boolean;
}

/** Whether the request of `ctx` may change state on the server. */
export function changesState(ctx: Pick<ErrorContext, "method" | "readOnly">): boolean {
  return !ctx.readOnly && isWrite(ctx.method);
}

/** Methods that change state (the others are retried and never "may have been applied"). */
export function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** "Jira" or "Confluence". */
export function productLabel(product: Product): string {
  return product === "jira" ? "Jira" : "Confluence";
}

/** "JIRA" or "CONFLUENCE", the prefix of the product's environment variables. */
export function envPrefix(product: Product): string {
  return product.toUpperCase();
}

const REASONS: Record<number, string> = {
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The error kind for a non-2xx HTTP status. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 409 || status === 412) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "bad_request";
  return "server";
}

/** A path fit for a message: query string, fragment and userinfo removed. */
export function displayPath(path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    try {
      return new URL(path).pathname;
    } catch {
      // fall through to the plain cut below
    }
  }
  return path.split(/[?#]/, 1)[0];
}

/** Seconds as text: `75`, `0.2`. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10 || ms / 1000);
}

/**
 * Parses a `Retry-After` value (delta seconds or an HTTP date) into whole seconds.
 * Returns undefined for a missing or unreadable value.
 */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return asText(o.translation) ?? asText(o.message) ?? asText(o.key);
  }
  return undefined;
}

/**
 * Atlassian's own error texts from a response body: Jira `errorMessages` + `errors` (as
 * "field: msg"), Confluence v1 `message` (+ `data.errors`), Confluence v2 `errors[]`
 * (title/detail), OAuth-style `error_description`, else the trimmed text (HTML tags removed).
 */
export function parseErrorMessages(body: string): string[] {
  const text = body.trim();
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [plainText(text)].filter((s) => s !== "");
  }
  const out: string[] = [];
  const push = (s: string | undefined) => {
    if (s && !out.includes(s)) out.push(s);
  };
  if (!json || typeof json !== "object") {
    push(asText(json));
    return out;
  }
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.errorMessages)) o.errorMessages.forEach((m) => push(asText(m)));
  if (Array.isArray(o.errors)) {
    for (const e of o.errors) {
      if (e && typeof e === "object") {
        const r = e as Record<string, unknown>;
        const title = asText(r.title) ?? asText(r.message) ?? asText(r.code);
        const detail = asText(r.detail);
        push(title && detail && detail !== title ? `${title}: ${detail}` : detail ?? title);
      } else push(asText(e));
    }
  } else if (o.errors && typeof o.errors === "object") {
    for (const [field, msg] of Object.entries(o.errors as Record<string, unknown>)) {
      const m = asText(msg);
      if (m) push(`${field}: ${m}`);
    }
  }
  push(asText(o.errorMessage));
  push(asText(o.message));
  const data = o.data as Record<string, unknown> | undefined;
  if (data && Array.isArray(data.errors)) data.errors.forEach((e) => push(asText(e)));
  push(asText(o.error_description));
  if (out.length === 0) push(asText(o.error) ?? asText(o.reason));
  return out;
}

function plainText(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const stripped = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " "))
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return stripped.length > 300 ? stripped.slice(0, 297) + "..." : stripped;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : t + ".";
}

const UNCERTAIN = " The change may or may not have been applied.";
const CHECK_FIRST = "Read the item back to see whether the change was applied before trying again.";

/** The hint for a 401, by how the service authenticates. */
function unauthorizedHint(product: Product, auth?: ServiceAuth["kind"]): string {
  const p = productLabel(product);
  const env = envPrefix(product);
  switch (auth) {
    case "oauth":
      return `The OAuth access token was refused even after a refresh: check that ATLASSIAN_OAUTH_SCOPE covers ${p}, then run ${SETUP_COMMAND}.`;
    case "byot":
      return "The access token you supplied (ATLASSIAN_OAUTH_ACCESS_TOKEN) was rejected or has expired; supply a new one.";
    case "per-request":
      return "Send valid credentials with the request: Authorization: Bearer <OAuth access token> (with X-Atlassian-Cloud-Id on Cloud), Token <personal access token>, or Basic <base64(email:api_token)>.";
    default:
      return `Check ${env}_USERNAME and ${env}_API_TOKEN (Cloud) or ${env}_PERSONAL_TOKEN (Server/Data Center).`;
  }
}

function hintFor(
  kind: ErrorKind,
  product: Product,
  retryAfterSeconds?: number,
  auth?: ServiceAuth["kind"],
): string {
  const p = productLabel(product);
  const env = envPrefix(product);
  switch (kind) {
    case "unauthorized":
      return unauthorizedHint(product, auth);
    case "forbidden":
      return `Your ${p} account lacks permission for this; ask a ${p} administrator for access or use an account that has it.`;
    case "not_found":
      return `Check the key or id, and that your account can see it (${p} answers 404 when you lack access).`;
    case "conflict":
      return "Someone changed it meanwhile: fetch the latest version and apply the change again.";
    case "rate_limited":
      return retryAfterSeconds === undefined
        ? `${p} is rate limiting requests: wait a minute before retrying.`
        : `${p} is rate limiting requests: wait ${retryAfterSeconds} s before retrying.`;
    case "bad_request":
      return `Correct the request as ${p}'s message says (field names, values, JQL/CQL syntax).`;
    case "server":
      return `The problem is on ${p}'s side; try again later, and check the site's status if it persists.`;
    case "timeout":
      return `Try again, narrow the request, or raise ${env}_TIMEOUT (seconds); also check ${env}_URL and any proxy.`;
    case "network":
      return `Check ${env}_URL and that the host is reachable from here, including the proxy settings (${env}_HTTPS_PROXY / HTTPS_PROXY, NO_PROXY).`;
    case "tls":
      return `Set ${env}_CA_BUNDLE to your CA certificate (PEM), or ${env}_SSL_VERIFY=false as a last resort.`;
    case "host_not_allowed":
      return `Requests may only go to the origin of ${env}_URL; correct ${env}_URL if it is wrong.`;
  }
}

/**
 * Whether a 401 is the API gateway's "Unauthorized; scope does not match": the token is valid
 * but lacks a scope, which no refresh cures.
 */
export function isScopeMismatch(error: Pick<AtlassianError, "status" | "messages">): boolean {
  return error.status === 401 && error.messages.some((m) => /scope does not match/i.test(m));
}

const SCOPE_HINT =
  `The access token lacks a scope this call needs: add it to ATLASSIAN_OAUTH_SCOPE (and to the app's permissions at developer.atlassian.com), then run ${SETUP_COMMAND}.`;

/** Builds the error for a non-2xx response whose body has been read as text. */
export function errorFromResponse(
  ctx: ErrorContext,
  status: number,
  statusText: string,
  headers: Headers,
  body: string,
): AtlassianError {
  const { product } = ctx.service;
  const kind = kindForStatus(status);
  const messages = parseErrorMessages(body);
  const retryAfterSeconds = status === 429 || status === 503
    ? parseRetryAfter(headers.get("retry-after"))
    : undefined;
  const path = displayPath(ctx.path);
  const reason = REASONS[status] ?? statusText;
  let message = `${productLabel(product)} returned ${status}${
    reason ? " " + reason : ""
  } for ${ctx.method} ${path}`;
  if (retryAfterSeconds !== undefined) message += ` (retry after ${retryAfterSeconds} s)`;
  message = messages.length ? `${message}: ${sentence(messages.join("; "))}` : `${message}.`;
  const uncertain = kind === "server" && changesState(ctx);
  if (uncertain) message += UNCERTAIN;
  return new AtlassianError({
    kind,
    product,
    method: ctx.method,
    path,
    status,
    messages,
    retryAfterSeconds,
    message,
    hint: uncertain
      ? CHECK_FIRST
      : isScopeMismatch({ status, messages })
      ? SCOPE_HINT
      : hintFor(kind, product, retryAfterSeconds, ctx.service.auth?.kind),
    mayHaveReachedServer: true,
  });
}

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "server",
  "timeout",
  "network",
  "tls",
  "host_not_allowed",
]);

/**
 * Builds the error for a credential source that failed (`authorization()` or `refresh()`
 * rejected): its message (one sentence) and hint, its `kind` when it names one (default
 * `unauthorized`), and the 401 that led to the refresh, if any. Nothing was applied.
 */
export function credentialFailure(
  ctx: ErrorContext,
  cause: unknown,
  rejected?: AtlassianError,
): AtlassianError {
  if (cause instanceof AtlassianError) return cause;
  const info = (cause ?? {}) as { message?: unknown; hint?: unknown; kind?: unknown };
  const kind = typeof info.kind === "string" && KINDS.has(info.kind)
    ? info.kind as ErrorKind
    : "unauthorized";
  const { product } = ctx.service;
  const text = typeof info.message === "string" && info.message.trim()
    ? info.message
    : `${productLabel(product)} credentials are not available`;
  return new AtlassianError({
    kind,
    product,
    method: ctx.method,
    path: displayPath(ctx.path),
    status: rejected?.status,
    messages: rejected?.messages,
    message: sentence(text.charAt(0).toUpperCase() + text.slice(1)),
    hint: typeof info.hint === "string" && info.hint
      ? info.hint
      : hintFor(kind, product, undefined, ctx.service.auth?.kind),
    mayHaveReachedServer: false,
    cause,
  });
}

/** Builds the error for an attempt that hit `service.timeoutMs`. */
export function timeoutError(ctx: ErrorContext, cause?: unknown): AtlassianError {
  const { product, timeoutMs } = ctx.service;
  const path = displayPath(ctx.path);
  const write = changesState(ctx);
  return new AtlassianError({
    kind: "timeout",
    product,
    method: ctx.method,
    path,
    message:
      `${productLabel(product)} did not answer within ${
        formatSeconds(timeoutMs)
      } s for ${ctx.method} ${path}.` +
      (write ? UNCERTAIN : ""),
    hint: write ? CHECK_FIRST : hintFor("timeout", product),
    mayHaveReachedServer: true,
    cause,
  });
}

/** Builds a `host_not_allowed` error raised before any connection was made. */
export function hostNotAllowed(
  ctx: ErrorContext,
  message: string,
  hint?: string,
  mayHaveReachedServer = false,
): AtlassianError {
  const { product } = ctx.service;
  return new AtlassianError({
    kind: "host_not_allowed",
    product,
    method: ctx.method,
    path: displayPath(ctx.path),
    message,
    hint: hint ?? hintFor("host_not_allowed", product),
    mayHaveReachedServer,
  });
}

function causeText(err: unknown, depth = 0): string {
  if (depth > 4 || err === undefined || err === null) return "";
  if (typeof err === "string") return err;
  if (err instanceof Error) return `${err.message} ${causeText(err.cause, depth + 1)}`;
  return String(err);
}

/** The short detail of a hyper error: the part after `client error (Kind): `. */
function detailOf(text: string): string {
  const m = /client error \(\w+\):\s*(.*)$/s.exec(text);
  const d = (m ? m[1] : text).replace(/\s+/g, " ").trim();
  // Never echo a URL (it could carry a query string).
  return d.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>");
}

interface TlsCase {
  test: RegExp;
  explain: string;
  hint: (env: string) => string;
}

const TLS_CASES: TlsCase[] = [
  {
    test: /UnknownIssuer/i,
    explain:
      "its certificate is signed by an authority this process does not trust (UnknownIssuer)",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE to your company's CA certificate (PEM), or ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /CaUsedAsEndEntity/i,
    explain:
      "its certificate is a CA certificate (CA:TRUE) used as a server certificate, which is rejected even when trusted (CaUsedAsEndEntity)",
    hint: (env) =>
      `Re-issue the server certificate with CA:FALSE, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /NotValidForName/i,
    explain: "its certificate is not issued for this host name (NotValidForName)",
    hint: (env) =>
      `Use the host name the certificate was issued for in ${env}_URL, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /Expired|NotValidYet/i,
    explain: "its certificate has expired or is not valid yet",
    hint: (env) =>
      `Renew the server certificate (or fix this machine's clock), or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /CertificateRequired/i,
    explain: "the server requires a client certificate (CertificateRequired)",
    hint: (env) =>
      `Set ${env}_CLIENT_CERT and ${env}_CLIENT_KEY to the client certificate and key the server expects.`,
  },
  {
    test: /UnsupportedCertVersion/i,
    explain: "its certificate is an old X.509 v1 certificate (UnsupportedCertVersion)",
    hint: (env) =>
      `Re-issue the server certificate as X.509 v3, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /certificate|tls|handshake|alert/i,
    explain: "the TLS handshake failed",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE / ${env}_SSL_VERIFY=false if the server uses a private certificate.`,
  },
];

/**
 * Builds the error for a fetch that threw: `Deno.errors.NotCapable` (sandbox) becomes
 * `host_not_allowed`, certificate problems `tls`, everything else `network`.
 */
export function errorFromFetchFailure(ctx: ErrorContext, err: unknown): AtlassianError {
  const { product, url } = ctx.service;
  const label = productLabel(product);
  const env = envPrefix(product);
  const path = displayPath(ctx.path);
  const base = { product, method: ctx.method, path, cause: err };
  if (err instanceof Deno.errors.NotCapable) {
    const target = /"([^"]+)"/.exec(err.message)?.[1] ?? new URL(url).host;
    return new AtlassianError({
      ...base,
      kind: "host_not_allowed",
      message:
        `${label} request ${ctx.method} ${path} was blocked: this process is not allowed to connect to ${target}.`,
      hint: `Run with --allow-net=${target} if that host is right, otherwise correct ${env}_URL.`,
      mayHaveReachedServer: false,
    });
  }
  const text = causeText(err);
  const origin = new URL(url).origin;
  const tls =
    /UnknownIssuer|CaUsedAsEndEntity|NotValidForName|Expired|NotValidYet|CertificateRequired|UnsupportedCertVersion|BadCertificate|invalid peer certificate|certificate|\btls\b|handshake/i
      .test(text);
  if (tls) {
    const c = TLS_CASES.find((t) => t.test.test(text)) ?? TLS_CASES[TLS_CASES.length - 1];
    return new AtlassianError({
      ...base,
      kind: "tls",
      message:
        `The TLS connection to ${label} at ${origin} failed for ${ctx.method} ${path}: ${c.explain}.`,
      hint: c.hint(env),
      mayHaveReachedServer: false,
    });
  }
  const detail = detailOf(text) || "unknown error";
  // "(Connect)", DNS and refused connections fail before a byte of the request is sent.
  const beforeSend =
    /\(Connect\)|dns error|tcp connect error|connection refused|are blocked|failed to lookup|network is unreachable|no route to host/i
      .test(text);
  const write = changesState(ctx);
  const message = beforeSend
    ? `Could not connect to ${label} at ${origin} for ${ctx.method} ${path}: ${sentence(detail)}`
    : `The connection to ${label} at ${origin} failed during ${ctx.method} ${path}: ${
      sentence(detail)
    }` +
      (write ? UNCERTAIN : "");
  return new AtlassianError({
    ...base,
    kind: "network",
    message,
    hint: !beforeSend && write ? CHECK_FIRST : hintFor("network", product),
    mayHaveReachedServer: !beforeSend,
  });
}
