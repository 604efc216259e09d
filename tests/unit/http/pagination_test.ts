import assert from "node:assert/strict";
import {
  collectNextPageToken,
  HttpClient,
  paginateCursor,
  paginateNextPageToken,
  paginateStartAt,
  paginateStartLimit,
  resolveNextLink,
} from "../../../src/http/mod.ts";
import { json, service, startServer } from "./_helpers.ts";

const ITEMS = ["a", "b", "c", "d", "e", "f", "g"]; // 7 items: pages of 3 are 3 + 3 + 1

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function slice(from: number, count: number) {
  return ITEMS.slice(from, from + Math.min(count, 3)); // the server caps pages at 3
}

Deno.test("paginateStartAt walks Jira pages and stops at total", async () => {
  await using srv = startServer((_req, seen) => {
    const startAt = Number(seen.url.searchParams.get("startAt"));
    const max = Number(seen.url.searchParams.get("maxResults"));
    return json({
      startAt,
      maxResults: Math.min(max, 3),
      total: ITEMS.length,
      values: slice(startAt, max),
    });
  });
  using client = new HttpClient(service(srv.origin));
  const got = await all(
    paginateStartAt(client, "/rest/agile/1.0/board", {
      itemsKey: "values",
      pageSize: 50,
      query: { type: "scrum" },
    }),
  );
  assert.deepEqual(got, ITEMS);
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/rest/agile/1.0/board?type=scrum&startAt=0&maxResults=50",
    "/rest/agile/1.0/board?type=scrum&startAt=3&maxResults=50",
    "/rest/agile/1.0/board?type=scrum&startAt=6&maxResults=50",
  ]);
});

Deno.test("paginateStartAt stops at limit and asks only for what it needs", async () => {
  await using srv = startServer((_req, seen) => {
    const startAt = Number(seen.url.searchParams.get("startAt"));
    const max = Number(seen.url.searchParams.get("maxResults"));
    const values = slice(startAt, max);
    return json({
      startAt,
      maxResults: max,
      isLast: startAt + values.length >= ITEMS.length,
      values,
    });
  });
  using client = new HttpClient(service(srv.origin));
  const got = await all(
    paginateStartAt(client, "/b", { itemsKey: "values", pageSize: 3, limit: 5 }),
  );
  assert.deepEqual(got, ["a", "b", "c", "d", "e"]);
  assert.deepEqual(srv.requests.map((r) => r.url.searchParams.get("maxResults")), ["3", "2"]);
});

Deno.test("paginateNextPageToken posts tokens and stops when none comes back", async () => {
  await using srv = startServer((_req, seen) => {
    const body = JSON.parse(seen.body);
    const from = body.nextPageToken ? Number(body.nextPageToken.slice(1)) : 0;
    const issues = slice(from, body.maxResults).map((key) => ({ key }));
    const end = from + issues.length;
    return json(
      end < ITEMS.length ? { issues, nextPageToken: `t${end}` } : { issues, isLast: true },
    );
  });
  using client = new HttpClient(service(srv.origin));
  const got = await all(
    paginateNextPageToken<{ key: string }>(client, "/rest/api/3/search/jql", {
      body: { jql: "project = DEMO", fields: ["summary"] },
      pageSize: 500,
    }),
  );
  assert.deepEqual(got.map((i) => i.key), ITEMS);
  const bodies = srv.requests.map((r) => JSON.parse(r.body));
  assert.deepEqual(bodies.map((b) => [b.maxResults, b.nextPageToken]), [
    [100, undefined],
    [100, "t3"],
    [100, "t6"],
  ]);
  assert.equal(bodies[0].jql, "project = DEMO");
});

Deno.test("collectNextPageToken stops at limit and returns the token to continue", async () => {
  await using srv = startServer((_req, seen) => {
    const body = JSON.parse(seen.body);
    const from = body.nextPageToken ? Number(body.nextPageToken.slice(1)) : 0;
    const issues = slice(from, body.maxResults);
    const end = from + issues.length;
    return json({ issues, nextPageToken: end < ITEMS.length ? `t${end}` : undefined });
  });
  using client = new HttpClient(service(srv.origin));
  const first = await collectNextPageToken<string>(client, "/rest/api/3/search/jql", {
    body: { jql: "x" },
    pageSize: 2,
    limit: 5,
  });
  assert.deepEqual(first, { items: ["a", "b", "c", "d", "e"], nextPageToken: "t5" });
  assert.deepEqual(srv.requests.map((r) => JSON.parse(r.body).maxResults), [2, 2, 1]);
  const rest = await collectNextPageToken<string>(client, "/rest/api/3/search/jql", {
    body: { jql: "x" },
    nextPageToken: first.nextPageToken,
  });
  assert.deepEqual(rest, { items: ["f", "g"], nextPageToken: undefined });
});

Deno.test("paginateCursor follows v2 next links without doubling the context path", async () => {
  await using srv = startServer((_req, seen) => {
    const cursor = Number(seen.url.searchParams.get("cursor") ?? "0");
    const limit = Number(seen.url.searchParams.get("limit"));
    const results = slice(cursor, limit);
    const end = cursor + results.length;
    const next = end < ITEMS.length
      ? `/wiki/api/v2/pages?space-id=9&cursor=${end}&limit=${limit}`
      : undefined;
    return json({ results, _links: { next, base: `${srv.origin}/wiki` } });
  });
  using client = new HttpClient(service(`${srv.origin}/wiki`, { product: "confluence" }));
  assert.deepEqual(
    await all(paginateCursor(client, "/api/v2/pages", { query: { "space-id": 9 }, pageSize: 3 })),
    ITEMS,
  );
  assert.deepEqual(await all(paginateCursor(client, "/api/v2/pages", { pageSize: 3, limit: 4 })), [
    "a",
    "b",
    "c",
    "d",
  ]);
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/wiki/api/v2/pages?space-id=9&limit=3",
    "/wiki/api/v2/pages?space-id=9&cursor=3&limit=3",
    "/wiki/api/v2/pages?space-id=9&cursor=6&limit=3",
    "/wiki/api/v2/pages?limit=3",
    "/wiki/api/v2/pages?space-id=9&cursor=3&limit=1",
  ]);
});

Deno.test("paginateStartLimit follows v1 next links relative to the context path", async () => {
  await using srv = startServer((_req, seen) => {
    const start = Number(seen.url.searchParams.get("start"));
    const limit = Number(seen.url.searchParams.get("limit"));
    const results = slice(start, limit);
    const end = start + results.length;
    const next = end < ITEMS.length
      ? `/rest/api/content?type=page&start=${end}&limit=${limit}`
      : undefined;
    return json({
      results,
      start,
      limit,
      size: results.length,
      _links: { base: `${srv.origin}/confluence`, context: "/confluence", next },
    });
  });
  using client = new HttpClient(
    service(`${srv.origin}/confluence`, { product: "confluence", deployment: "datacenter" }),
  );
  const got = await all(
    paginateStartLimit(client, "/rest/api/content", {
      query: { type: "page" },
      pageSize: 25,
      limit: 6,
    }),
  );
  assert.deepEqual(got, ["a", "b", "c", "d", "e", "f"]);
  assert.deepEqual(srv.requests.map((r) => r.target), [
    "/confluence/rest/api/content?type=page&start=0&limit=6",
    "/confluence/rest/api/content?type=page&start=3&limit=3",
  ]);
});

Deno.test("paginateStartLimit without _links advances start and stops on a short page", async () => {
  await using srv = startServer((_req, seen) => {
    const start = Number(seen.url.searchParams.get("start"));
    const limit = Number(seen.url.searchParams.get("limit"));
    const results = ITEMS.slice(start, start + limit);
    return json({ results, start, limit, size: results.length });
  });
  using client = new HttpClient(service(srv.origin, { product: "confluence" }));
  assert.deepEqual(
    await all(paginateStartLimit(client, "/rest/api/space", { pageSize: 3 })),
    ITEMS,
  );
  assert.deepEqual(srv.requests.map((r) => r.url.searchParams.get("start")), ["0", "3", "6"]);
});

Deno.test("resolveNextLink keeps the API gateway prefix for site-relative links", () => {
  const gateway = "https://api.atlassian.com/ex/confluence/c-1/wiki";
  assert.equal(
    resolveNextLink(gateway, "/wiki/api/v2/pages?cursor=A"),
    "https://api.atlassian.com/ex/confluence/c-1/wiki/api/v2/pages?cursor=A",
  );
  assert.equal(
    resolveNextLink(gateway, "/rest/api/content?start=25"),
    "https://api.atlassian.com/ex/confluence/c-1/wiki/rest/api/content?start=25",
  );
  assert.equal(
    resolveNextLink(gateway, "/ex/confluence/c-1/wiki/api/v2/pages?cursor=B"),
    "https://api.atlassian.com/ex/confluence/c-1/wiki/api/v2/pages?cursor=B",
  );
});

Deno.test("resolveNextLink handles context paths, bare sites and absolute links", () => {
  assert.equal(
    resolveNextLink("https://x.atlassian.net/wiki", "/wiki/api/v2/pages?cursor=A"),
    "https://x.atlassian.net/wiki/api/v2/pages?cursor=A",
  );
  assert.equal(
    resolveNextLink("https://x.atlassian.net/wiki", "/rest/api/content?start=25"),
    "https://x.atlassian.net/wiki/rest/api/content?start=25",
  );
  assert.equal(
    resolveNextLink("https://c.example", "/rest/api/content?start=25"),
    "https://c.example/rest/api/content?start=25",
  );
  assert.equal(
    resolveNextLink("https://c.example/wiki", "https://c.example/x"),
    "https://c.example/x",
  );
});
