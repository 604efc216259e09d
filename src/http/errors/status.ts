/**
 * The error for a non-2xx HTTP response: its kind by status, the status's reason phrase,
 * `Retry-After`, Atlassian's messages and the matching hint.
 *
 * @module
 */
import { AtlassianError, type ErrorKind } from "./atlassian_error.ts";
import { changesState, type ErrorContext, requestFields } from "./context.ts";
import { parseErrorMessages } from "./body.ts";
import { CHECK_FIRST, hintFor, messageHint } from "./hints.ts";
import { productLabel, sentence, UNCERTAIN } from "./wording.ts";

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
function kindForStatus(status: number): ErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 409 || status === 412) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 400 && status < 500) return "bad_request";
  return "server";
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

/** Builds the error for a non-2xx response whose body has been read as text. */
export function errorFromResponse(
  ctx: ErrorContext,
  status: number,
  statusText: string,
  headers: Headers,
  body: string,
): AtlassianError {
  const { product, method, path } = requestFields(ctx);
  const kind = kindForStatus(status);
  const messages = parseErrorMessages(body);
  const retryAfterSeconds = status === 429 || status === 503
    ? parseRetryAfter(headers.get("retry-after"))
    : undefined;
  const reason = REASONS[status] ?? statusText;
  let message = `${productLabel(product)} returned ${status}${
    reason ? " " + reason : ""
  } for ${method} ${path}`;
  if (retryAfterSeconds !== undefined) message += ` (retry after ${retryAfterSeconds} s)`;
  message = messages.length ? `${message}: ${sentence(messages.join("; "))}` : `${message}.`;
  const uncertain = kind === "server" && changesState(ctx);
  if (uncertain) message += UNCERTAIN;
  return new AtlassianError({
    kind,
    product,
    method,
    path,
    status,
    messages,
    retryAfterSeconds,
    message,
    hint: uncertain ? CHECK_FIRST : messageHint({ status, messages }, ctx.service.auth?.kind) ??
      hintFor(kind, product, retryAfterSeconds, ctx.service.auth?.kind),
    mayHaveReachedServer: true,
  });
}
