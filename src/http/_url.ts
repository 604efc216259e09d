/**
 * Where a request goes: its path (or same-origin absolute URL) resolved against the service's
 * URL, refused when it would leave the service's origin, with the query appended.
 *
 * @module
 */
import type { Query } from "./client_types.ts";
import {
  AtlassianError,
  displayPath,
  envPrefix,
  type ErrorContext,
  hostNotAllowed,
  productLabel,
  requestFields,
} from "./errors/mod.ts";

/** The service URL split into its origin and its base (origin + context path, no final `/`). */
export interface ServiceBase {
  /** e.g. `https://example.atlassian.net`. */
  origin: string;
  /** e.g. `https://example.atlassian.net/wiki`. */
  base: string;
}

/** The origin and base of a service URL. */
export function serviceBase(serviceUrl: string): ServiceBase {
  const url = new URL(serviceUrl);
  return { origin: url.origin, base: url.origin + url.pathname.replace(/\/+$/, "") };
}

/**
 * The absolute URL for the request of `ctx`. Throws `AtlassianError` (`host_not_allowed`,
 * nothing sent) when it would leave the service's origin or carries userinfo.
 */
export function resolveRequestUrl(ctx: ErrorContext, service: ServiceBase, query?: Query): URL {
  const { method, path } = ctx;
  const { product } = ctx.service;
  const env = envPrefix(product);
  let url: URL;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[\\/]{2}/.test(path)) {
      url = new URL(path, service.origin);
    } else {
      url = new URL(service.base + (path.startsWith("/") ? "" : "/") + path);
    }
  } catch (cause) {
    throw new AtlassianError({
      ...requestFields(ctx),
      kind: "bad_request",
      message: `Refused ${method} ${displayPath(path)}: it is not a valid URL path.`,
      hint: "Pass a path such as /rest/api/2/myself, built with the path`` template.",
      mayHaveReachedServer: false,
      cause,
    });
  }
  if (url.origin !== service.origin || url.username || url.password) {
    const target = url.origin === "null" ? url.protocol : url.origin;
    throw hostNotAllowed(
      ctx,
      `Refused ${method} to ${target}: ${
        productLabel(product)
      } requests may only go to ${service.origin} (${env}_URL).`,
    );
  }
  appendQuery(url, query);
  return url;
}

/**
 * Adds `query` to the URL's own query in one update (each change through `url.searchParams`
 * serializes the whole URL again).
 */
function appendQuery(url: URL, query: Query | undefined): void {
  if (!query) return;
  const params = new URLSearchParams(url.search);
  let changed = false;
  if (query instanceof URLSearchParams) {
    for (const [k, v] of query) params.append(k, v);
    changed = query.size > 0;
  } else {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
      params.set(k, Array.isArray(v) ? v.join(",") : String(v));
      changed = true;
    }
  }
  if (changed) url.search = params.toString();
}
