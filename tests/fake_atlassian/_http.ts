/**
 * Request context, JSON responses and Atlassian-shaped error bodies for the fake's handlers.
 *
 * @module
 */
import type { FakeState, FakeUser, Flavour } from "./_model.ts";

/** Which Atlassian API a route belongs to; decides the error body shape. */
export type ApiFamily = "jira" | "agile" | "servicedesk" | "confluence-v1" | "confluence-v2";

/** Everything a handler sees. */
export interface Ctx {
  state: FakeState;
  flavour: Flavour;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  user: FakeUser;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, the form of a multipart route, or the raw text, or undefined when empty. */
  body: unknown;
  /** The request headers. */
  headers: Headers;
  method: string;
  path: string;
  family: ApiFamily;
  /** Jira REST version of the route ("3" or "2"); "2" for agile and Confluence. */
  jiraApi: "2" | "3";
  now: Date;
}

/** A route handler. */
export type Handler = (ctx: Ctx) => Response | Promise<Response>;

/** Thrown by handlers to answer with a prepared error response. */
export class HttpError extends Error {
  /** Wraps a response. */
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
    this.name = "HttpError";
  }
}

const JSON_TYPE = "application/json;charset=UTF-8";

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
  });
}

/** A 204 response. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Reason phrases used in bodies. */
export const REASONS: Record<number, string> = {
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const V2_CODES: Record<number, string> = {
  400: "INVALID_REQUEST_PARAMETER",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

/** Jira's error body: `{ errorMessages, errors }`. */
export function jiraErrorBody(
  errorMessages: string[],
  errors: Record<string, string> = {},
): unknown {
  return { errorMessages, errors };
}

/** Confluence v1 error body: `{ statusCode, data, message, reason }`. */
export function v1ErrorBody(status: number, message: string): unknown {
  return {
    statusCode: status,
    data: {
      authorized: status !== 401 && status !== 403,
      valid: status !== 400,
      allowedInReadOnlyMode: true,
      errors: [],
      successful: false,
    },
    message,
    reason: REASONS[status] ?? "Error",
  };
}

/** Confluence v2 error body: `{ errors: [{ status, code, title, detail }] }`. */
export function v2ErrorBody(
  status: number,
  title: string,
  code = V2_CODES[status] ?? "ERROR",
): unknown {
  return { errors: [{ status, code, title, detail: null }] };
}

/** The error body of a family for a status and one message. */
export function errorBody(family: ApiFamily, status: number, message: string): unknown {
  if (family === "confluence-v1") return v1ErrorBody(status, message);
  if (family === "confluence-v2") return v2ErrorBody(status, message);
  if (family === "servicedesk") {
    return { errorMessage: message, i18nErrorMessage: { i18nKey: "sd.error", parameters: [] } };
  }
  return jiraErrorBody([message]);
}

/** Throws a Jira error response. */
export function jiraFail(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): never {
  throw new HttpError(json(jiraErrorBody(errorMessages, errors), status));
}

/** Throws a Confluence v1 error response. */
export function v1Fail(status: number, message: string): never {
  throw new HttpError(json(v1ErrorBody(status, message), status));
}

/** Throws a Confluence v2 error response. */
export function v2Fail(status: number, title: string, code?: string): never {
  throw new HttpError(json(v2ErrorBody(status, title, code), status));
}

/** Reads an integer query parameter, clamped to [min, max]. */
export function intParam(
  query: URLSearchParams,
  name: string,
  def: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return def;
  const n = Number(raw);
  if (!Number.isFinite(n)) return def;
  return Math.max(min, Math.min(max, Math.trunc(n)));
}

/** All values of a repeatable, comma-separable query parameter. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const all = query.getAll(name);
  if (!all.length) return undefined;
  return all.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

/** The body as a JSON object, or an empty object. */
export function bodyObject(ctx: Ctx): Record<string, unknown> {
  const b = ctx.body;
  return b && typeof b === "object" && !Array.isArray(b) ? b as Record<string, unknown> : {};
}

/** Opaque cursor for Confluence v2 / Jira nextPageToken paging. */
export function encodeCursor(offset: number, scope = ""): string {
  return btoa(JSON.stringify({ o: offset, s: scope })).replace(/=+$/, "").replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/** Decodes a cursor made by `encodeCursor`; null when it is not one (or for another scope). */
export function decodeCursor(cursor: string, scope = ""): number | null {
  try {
    const b64 = cursor.replace(/-/g, "+").replace(/_/g, "/");
    const v = JSON.parse(atob(b64 + "=".repeat((4 - b64.length % 4) % 4)));
    if (typeof v?.o !== "number" || v.o < 0 || v.s !== scope) return null;
    return v.o;
  } catch {
    return null;
  }
}

/** Jira's datetime format: `2024-03-01T09:00:00.000+0000`. */
export function jiraDate(iso: string | null): string | null {
  return iso === null ? null : iso.replace(/Z$/, "+0000");
}

/** A short stable hash of a string (for cursor scopes). */
export function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** English month abbreviations, as Atlassian's rendered dates use them. */
export const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
