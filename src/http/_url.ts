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
  // A path without a query of its own gets the query in the same parse.
  const search = path.includes("?") || path.includes("#") ? "" : queryString(query);
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[\\/]{2}/.test(path)) {
      url = new URL(path + search, service.origin);
    } else {
      url = new URL(service.base + (path.startsWith("/") ? "" : "/") + path + search);
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
  if (!search) appendQuery(url, query);
  return url;
}

/** `?` and `query` in form encoding (as `URLSearchParams` writes it), or "" when it has nothing. */
function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  if (query) addQuery(params, query);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Adds `query` to the URL's own query in one update (each change through `url.searchParams`
 * serializes the whole URL again); the URL is left as it is when there is nothing to add.
 */
function appendQuery(url: URL, query: Query | undefined): void {
  if (!query) return;
  const params = new URLSearchParams(url.search);
  if (addQuery(params, query)) url.search = params.toString();
}

/**
 * Adds `query` to `params`: a `URLSearchParams` entry by entry, an object's defined values (a
 * list joined with commas, an empty one left out) in place of those of the same name. Returns
 * how many it added.
 */
function addQuery(params: URLSearchParams, query: Query): number {
  if (query instanceof URLSearchParams) {
    for (const [k, v] of query) params.append(k, v);
    return query.size;
  }
  let added = 0;
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    params.set(k, Array.isArray(v) ? v.join(",") : String(v));
    added++;
  }
  return added;
}
