/**
 * What the error builders know about a request (`ErrorContext`), and the facts they derive
 * from it: whether it may change state, and its path fit for a message.
 *
 * @module
 */
import type { Product, ServiceAuth, ServiceConfig, TlsSettings } from "../../config/types.ts";

/** What the error builders need to know about the request. */
export interface ErrorContext {
  /**
   * The service; its `auth` (when given) picks the hint for a 401, its `tls.verify` (when given)
   * the hint for a certificate that was checked although `*_SSL_VERIFY=false`.
   */
  service: Pick<ServiceConfig, "product" | "url" | "timeoutMs"> & {
    auth?: ServiceAuth;
    tls?: Pick<TlsSettings, "verify">;
  };
  method: string;
  /** Request path; a query string or userinfo is removed before it is used. */
  path: string;
  /** A POST that changes nothing (a search): never "may have been applied". */
  readOnly?: boolean;
  /** The request follows a signed link of another service (e.g. Atlassian's media service). */
  signedLink?: boolean;
}

/** Whether the request of `ctx` may change state on the server. */
export function changesState(ctx: Pick<ErrorContext, "method" | "readOnly">): boolean {
  return !ctx.readOnly && isWrite(ctx.method);
}

/** Methods that change state (the others are retried and never "may have been applied"). */
export function isWrite(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
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

/** The fields every error about the request of `ctx` starts from: product, method, path. */
export function requestFields(
  ctx: ErrorContext,
): { product: Product; method: string; path: string } {
  return { product: ctx.service.product, method: ctx.method, path: displayPath(ctx.path) };
}
