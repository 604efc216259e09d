/**
 * JQL search: Cloud `POST /rest/api/3/search/jql` (nextPageToken), Data Center
 * `GET /rest/api/2/search` (startAt/maxResults, at most 50 a page).
 *
 * @module
 */
import { z } from "zod";
import {
  collectNextPageToken,
  type HttpClient,
  objectAnswer,
  paginateNextPageToken,
  paginateStartAt,
} from "../http/mod.ts";
import type { JiraIssue } from "./types.ts";

const DC_PAGE_SIZE = 50;
const ISSUE_SHAPE = z.looseObject({ key: z.string() });
/** One page of Data Center search results. */
const SEARCH_PAGE = objectAnswer("a page of search results", { issues: z.array(ISSUE_SHAPE) });

/** A search request. */
export interface SearchRequest {
  jql: string;
  fields: string[];
  limit: number;
  startAt?: number;
  pageToken?: string;
  expand?: string;
}

/** A page of results, with what the caller needs to ask for the next one. */
export interface SearchPage {
  issues: JiraIssue[];
  /** Total matches (Data Center only; Cloud's search/jql does not count). */
  total?: number;
  startAt?: number;
  nextPageToken?: string;
}

async function searchCloud(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  const page = await collectNextPageToken<JiraIssue>(client, "/rest/api/3/search/jql", {
    body: { jql: request.jql, fields: request.fields, expand: request.expand },
    limit: request.limit,
    nextPageToken: request.pageToken,
    item: ISSUE_SHAPE,
  });
  return { issues: page.items, nextPageToken: page.nextPageToken };
}

async function searchDataCenter(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  const startAt = request.startAt ?? 0;
  const issues: JiraIssue[] = [];
  let total: number | undefined;
  // Jira Data Center answers at most 50 issues a page: page until the limit or the end.
  while (issues.length < request.limit) {
    const page = await client.get<{ issues?: JiraIssue[]; total?: number }>("/rest/api/2/search", {
      jql: request.jql,
      fields: request.fields.join(","),
      expand: request.expand,
      startAt: startAt + issues.length,
      maxResults: Math.min(DC_PAGE_SIZE, request.limit - issues.length),
    }, { expect: SEARCH_PAGE });
    const batch = page.issues ?? [];
    issues.push(...batch);
    total = page.total;
    if (!batch.length || (total !== undefined && startAt + issues.length >= total)) break;
  }
  return { issues: issues.slice(0, request.limit), total, startAt };
}

/** Runs a JQL search on the deployment's search endpoint. */
export function searchIssues(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  return client.service.deployment === "cloud"
    ? searchCloud(client, request)
    : searchDataCenter(client, request);
}

/** What a count of JQL matches answers. */
export interface IssueCount {
  count: number;
  /** Cloud counts approximately: recent changes may not show yet. */
  approximate: boolean;
}

const COUNT_ANSWER = objectAnswer("an issue count", { count: z.number() });
const TOTAL_ANSWER = objectAnswer("a page of search results", { total: z.number() });

/**
 * Counts the issues a JQL query matches without reading them: Cloud's approximate count, Data
 * Center's search `total` with no results asked for.
 */
export async function countIssues(client: HttpClient, jql: string): Promise<IssueCount> {
  if (client.service.deployment === "cloud") {
    const answer = await client.request<{ count: number }>({
      method: "POST",
      path: "/rest/api/3/search/approximate-count",
      body: { jql },
      readOnly: true, // a count changes nothing: retried like a read
      expect: COUNT_ANSWER,
    });
    return { count: answer.count, approximate: true };
  }
  const page = await client.get<{ total: number }>("/rest/api/2/search", {
    jql,
    maxResults: 0,
    fields: "key",
  }, { expect: TOTAL_ANSWER });
  return { count: page.total, approximate: false };
}

/** Issues a search asks for in one page while walking all its results. */
export const SEARCH_PAGE_SIZE = DC_PAGE_SIZE;

/**
 * Every issue a JQL search matches, up to `limit`, page by page through the shared paginators
 * (Cloud `search/jql` tokens, Data Center `startAt`), `SEARCH_PAGE_SIZE` issues a page. Lazy:
 * a page is requested when the caller has consumed the previous one.
 */
export function paginateSearch(
  client: HttpClient,
  request: { jql: string; fields: string[]; limit: number },
): AsyncGenerator<JiraIssue, void, undefined> {
  if (client.service.deployment === "cloud") {
    return paginateNextPageToken<JiraIssue>(client, "/rest/api/3/search/jql", {
      body: { jql: request.jql, fields: request.fields },
      limit: request.limit,
      pageSize: SEARCH_PAGE_SIZE,
      item: ISSUE_SHAPE,
    });
  }
  return paginateStartAt<JiraIssue>(client, "/rest/api/2/search", {
    query: { jql: request.jql, fields: request.fields.join(",") },
    itemsKey: "issues",
    limit: request.limit,
    pageSize: SEARCH_PAGE_SIZE,
  });
}
