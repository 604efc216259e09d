/**
 * Pagination iterators for the four models Atlassian uses. Each is an async generator of items
 * that stops at `limit` and never asks for more items than it still needs.
 *
 * @module
 */
import { z } from "zod";
import type { HttpClient, Query } from "./client.ts";
import { objectAnswer } from "./expect.ts";

/** Page size used when the caller gives none. */
const DEFAULT_PAGE_SIZE = 50;

/** Largest page `paginateNextPageToken` asks for. */
const MAX_JQL_PAGE_SIZE = 100;

function remainingOf(limit: number | undefined, yielded: number): number {
  return (limit ?? Infinity) - yielded;
}

function pageSizeOf(pageSize: number | undefined, remaining: number, max = Infinity): number {
  return Math.max(1, Math.min(pageSize ?? DEFAULT_PAGE_SIZE, max, remaining));
}

const ANY_ITEM = z.unknown();
const pageShapes = new WeakMap<z.ZodType, Map<string, z.ZodType>>();

/**
 * The shape of one page: an object whose `itemsKey` is a list (of `item`s, when given). Built
 * once per item schema and key, since zod compiles a schema on its first use.
 */
function pageShape(itemsKey: string, item: z.ZodType = ANY_ITEM): z.ZodType {
  const byKey = pageShapes.get(item) ?? new Map<string, z.ZodType>();
  pageShapes.set(item, byKey);
  let shape = byKey.get(itemsKey);
  if (!shape) {
    shape = objectAnswer(`a page of ${itemsKey}`, { [itemsKey]: z.array(item) });
    byKey.set(itemsKey, shape);
  }
  return shape;
}

/** A Confluence page of `results`. */
const RESULTS = pageShape("results");

/** Options of `paginateStartAt`. */
export interface StartAtOptions {
  query?: Query;
  /** Where the items are in a page: `issues`, `values`, `comments`, `worklogs`, ... */
  itemsKey: string;
  pageSize?: number;
  /** Most items to yield (default: all). */
  limit?: number;
  /** First `startAt` (default 0). */
  startAt?: number;
}

/**
 * Jira and Jira Agile `startAt`/`maxResults` pages. Stops at `limit`, on `isLast`, when
 * `total` is reached, or on a page shorter than the server's own `maxResults`.
 */
export async function* paginateStartAt<T = unknown>(
  client: HttpClient,
  path: string,
  options: StartAtOptions,
): AsyncGenerator<T, void, undefined> {
  let startAt = options.startAt ?? 0;
  let yielded = 0;
  while (remainingOf(options.limit, yielded) > 0) {
    const maxResults = pageSizeOf(options.pageSize, remainingOf(options.limit, yielded));
    const page = await client.get<Record<string, unknown>>(
      path,
      withParams(options.query, { startAt, maxResults }),
      { expect: pageShape(options.itemsKey) },
    );
    const items = page[options.itemsKey] as T[];
    for (const item of items) {
      if (remainingOf(options.limit, yielded) <= 0) return;
      yielded++;
      yield item;
    }
    startAt += items.length;
    const served = typeof page.maxResults === "number" ? page.maxResults : maxResults;
    if (
      items.length === 0 || page.isLast === true ||
      (typeof page.total === "number" && startAt >= page.total) || items.length < served
    ) return;
  }
}

/** Options of `paginateNextPageToken`. */
export interface NextPageTokenOptions {
  /** The search body (`jql`, `fields`, ...); `maxResults`/`nextPageToken` are filled in. */
  body: Record<string, unknown>;
  /** Most items to yield (default: all). */
  limit?: number;
  /** Page size, at most 100 (default 50). */
  pageSize?: number;
  /** Continue from this token (a value returned by `collectNextPageToken`). */
  nextPageToken?: string;
  /** The fields every issue must have (default: any object). */
  item?: z.ZodType;
}

/** One page of a `nextPageToken` search. */
export interface TokenPage<T> {
  items: T[];
  /** The token for the page after this one; undefined on the last page. */
  nextPageToken?: string;
}

async function* tokenPages<T>(
  client: HttpClient,
  path: string,
  options: NextPageTokenOptions,
): AsyncGenerator<TokenPage<T>, void, undefined> {
  let token = options.nextPageToken ?? (options.body.nextPageToken as string | undefined);
  let yielded = 0;
  while (remainingOf(options.limit, yielded) > 0) {
    const maxResults = pageSizeOf(
      options.pageSize,
      remainingOf(options.limit, yielded),
      MAX_JQL_PAGE_SIZE,
    );
    const body: Record<string, unknown> = { ...options.body, maxResults };
    if (token) body.nextPageToken = token;
    else delete body.nextPageToken;
    const page = await client.request<Record<string, unknown>>({
      method: "POST",
      path,
      body,
      readOnly: true, // a search changes nothing: retried like a read
      expect: pageShape("issues", options.item),
    });
    const items = (page.issues as T[]).slice(0, remainingOf(options.limit, yielded));
    yielded += items.length;
    const next = typeof page.nextPageToken === "string" && page.isLast !== true
      ? page.nextPageToken
      : undefined;
    yield { items, nextPageToken: next };
    token = next;
    if (!token || items.length === 0) return;
  }
}

/**
 * Jira Cloud `POST /rest/api/3/search/jql` pages (`nextPageToken`, items in `issues`). Stops at
 * `limit`, when no `nextPageToken` comes back, or on `isLast`.
 */
export async function* paginateNextPageToken<T = unknown>(
  client: HttpClient,
  path: string,
  options: NextPageTokenOptions,
): AsyncGenerator<T, void, undefined> {
  for await (const page of tokenPages<T>(client, path, options)) yield* page.items;
}

/**
 * Collects up to `limit` items of a `nextPageToken` search, with the token that continues after
 * them (undefined when there is nothing more), so a tool can hand it back to its caller.
 */
export async function collectNextPageToken<T = unknown>(
  client: HttpClient,
  path: string,
  options: NextPageTokenOptions,
): Promise<TokenPage<T>> {
  const items: T[] = [];
  let nextPageToken: string | undefined;
  for await (const page of tokenPages<T>(client, path, options)) {
    items.push(...page.items);
    nextPageToken = page.nextPageToken;
  }
  return { items, nextPageToken };
}

/** Options of `paginateCursor`. */
export interface CursorOptions {
  query?: Query;
  /** Most items to yield (default: all). */
  limit?: number;
  /** Page size sent as `limit` (default 50; Confluence v2 allows up to 250). */
  pageSize?: number;
}

/**
 * Resolves a Confluence `_links.next` against the service URL. A link that already starts with
 * the context path (v2: `/wiki/api/v2/pages?cursor=X`) is taken relative to the origin; one
 * without it (v1: `/rest/api/content?start=25`) relative to the service URL, so `/wiki` is
 * never doubled. Through the API gateway (`/ex/confluence/<cloudId>/wiki`) Confluence still
 * answers site-relative links (`/wiki/api/v2/...`), which go under the gateway prefix. An
 * absolute link is kept as it is (the client refuses other origins).
 */
export function resolveNextLink(serviceUrl: string, link: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) return link;
  const base = new URL(serviceUrl);
  const context = base.pathname.replace(/\/+$/, "");
  const rel = link.startsWith("/") ? link : `/${link}`;
  // The longest tail of the context path that the link starts with (`/wiki` of
  // `/ex/confluence/<id>/wiki`, or all of `/wiki`) is already in the link.
  const segments = context.split("/").filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    const tail = "/" + segments.slice(i).join("/");
    if (rel === tail || rel.startsWith(tail + "/") || rel.startsWith(tail + "?")) {
      return base.origin + "/" + segments.slice(0, i).map((x) => x + "/").join("") +
        rel.slice(1);
    }
  }
  return base.origin + context + rel;
}

function withLimit(serviceUrl: string, link: string, limit: number): string {
  const url = new URL(resolveNextLink(serviceUrl, link));
  url.searchParams.set("limit", String(limit));
  return url.href;
}

function withParams(query: Query | undefined, extra: Record<string, number>): Query {
  if (query instanceof URLSearchParams) {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(extra)) q.set(k, String(v));
    return q;
  }
  return { ...query, ...extra };
}

function nextLinkOf(page: Record<string, unknown> | undefined): string | undefined {
  const links = page?._links as Record<string, unknown> | undefined;
  return typeof links?.next === "string" && links.next ? links.next : undefined;
}

/**
 * Confluence v2 cursor pages (`results`, `_links.next`). Stops at `limit` or when there is no
 * next link; the last request asks only for the items still needed.
 */
export async function* paginateCursor<T = unknown>(
  client: HttpClient,
  path: string,
  options: CursorOptions = {},
): AsyncGenerator<T, void, undefined> {
  let yielded = 0;
  let next: string | undefined;
  let first = true;
  while (remainingOf(options.limit, yielded) > 0) {
    const limit = pageSizeOf(options.pageSize, remainingOf(options.limit, yielded));
    const page = first
      ? await client.get<Record<string, unknown>>(path, withParams(options.query, { limit }), {
        expect: RESULTS,
      })
      : await client.get<Record<string, unknown>>(
        withLimit(client.service.url, next!, limit),
        undefined,
        { expect: RESULTS },
      );
    first = false;
    const items = page.results as T[];
    for (const item of items) {
      if (remainingOf(options.limit, yielded) <= 0) return;
      yielded++;
      yield item;
    }
    next = nextLinkOf(page);
    if (!next || items.length === 0) return;
  }
}

/** Options of `paginateStartLimit`. */
export interface StartLimitOptions {
  query?: Query;
  /** Most items to yield (default: all). */
  limit?: number;
  /** Page size sent as `limit` (default 50). */
  pageSize?: number;
  /** First `start` (default 0). */
  start?: number;
}

/**
 * Confluence v1 `start`/`limit` pages (`results`, `size`, `_links.next`). Follows `_links.next`
 * when the page has one (Cloud's CQL search uses cursors there) and stops when it is absent;
 * when a page has no `_links` at all, it advances `start` and stops on a short page.
 */
export async function* paginateStartLimit<T = unknown>(
  client: HttpClient,
  path: string,
  options: StartLimitOptions = {},
): AsyncGenerator<T, void, undefined> {
  let yielded = 0;
  let start = options.start ?? 0;
  let next: string | undefined;
  while (remainingOf(options.limit, yielded) > 0) {
    const limit = pageSizeOf(options.pageSize, remainingOf(options.limit, yielded));
    const page = next
      ? await client.get<Record<string, unknown>>(
        withLimit(client.service.url, next, limit),
        undefined,
        { expect: RESULTS },
      )
      : await client.get<Record<string, unknown>>(
        path,
        withParams(options.query, { start, limit }),
        { expect: RESULTS },
      );
    const items = page.results as T[];
    for (const item of items) {
      if (remainingOf(options.limit, yielded) <= 0) return;
      yielded++;
      yield item;
    }
    if (items.length === 0) return;
    const size = typeof page.size === "number" ? page.size : items.length;
    start += size;
    if (page && typeof page._links === "object" && page._links !== null) {
      next = nextLinkOf(page);
      if (!next) return;
    } else if (size < limit) {
      return;
    }
  }
}
