/**
 * What an attempt sends besides its URL: the encoded body and the headers (defaults, custom
 * headers, Authorization, XSRF bypass for writes, Content-Type, then the caller's own).
 *
 * @module
 */
import type { ServiceConfig } from "../config/types.ts";
import { log } from "../log.ts";
import { USER_AGENT } from "../version.ts";
import { basicCredential } from "./basic.ts";
import { isWrite } from "./errors/mod.ts";
import { type OpenedBody, ReplayableBody } from "./multipart.ts";

/** Bodies sent as they are; a stream only inside a `ReplayableBody` (a resend needs it again). */
function isRawBody(body: unknown): body is BodyInit | ReplayableBody {
  return body instanceof ReplayableBody || isPlainRawBody(body);
}

/** Raw bodies fetch sends as they are, and can send again. */
function isPlainRawBody(body: unknown): body is BodyInit {
  return typeof body === "string" || body instanceof FormData || body instanceof Blob ||
    body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body);
}

/**
 * The body for one send: raw bodies as they are, a `ReplayableBody` opened afresh, plain data as
 * JSON, undefined as no body. A bare stream is refused: it could not be sent again.
 */
export async function openBody(body: unknown): Promise<OpenedBody | undefined> {
  if (body === undefined) return undefined;
  if (body instanceof ReadableStream) {
    throw new TypeError("A request body stream cannot be resent; wrap it in a ReplayableBody.");
  }
  if (body instanceof ReplayableBody) return await body.open();
  return { body: isPlainRawBody(body) ? body : JSON.stringify(body), close() {} };
}

/**
 * The headers of a request. With a credential source (`fromSource`) the Authorization is
 * `authorization` (when given); otherwise it comes from `service.auth` (Basic or PAT).
 */
export function requestHeaders(
  service: Pick<ServiceConfig, "auth" | "customHeaders">,
  fromSource: boolean,
  method: string,
  body: unknown,
  extra: HeadersInit | undefined,
  authorization: string | undefined,
): Headers {
  const h = new Headers({ "Accept": "application/json", "User-Agent": USER_AGENT });
  for (const [k, v] of Object.entries(service.customHeaders)) {
    try {
      h.set(k, v);
    } catch {
      log.warn(`Ignoring invalid custom header name ${JSON.stringify(k)}`);
    }
  }
  const { auth } = service;
  if (fromSource) {
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
