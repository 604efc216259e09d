/**
 * JQL search: Cloud `POST /rest/api/3/search/jql` (nextPageToken), Data Center
 * `GET /rest/api/2/search` (startAt/maxResults, at most 50 a page).
 *
 * @module
 */
import { collectNextPageToken, type HttpClient } from "../http/mod.ts";
import type { JiraIssue } from "./types.ts";

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
  });
  return { issues: page.items, nextPageToken: page.nextPageToken };
}

async function searchDataCenter(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  const startAt = request.startAt ?? 0;
  const page = await client.get<{ issues?: JiraIssue[]; total?: number; startAt?: number }>(
    "/rest/api/2/search",
    {
      jql: request.jql,
      fields: request.fields.join(","),
      expand: request.expand,
      startAt,
      maxResults: Math.min(50, request.limit),
    },
  );
  return { issues: page.issues ?? [], total: page.total, startAt: page.startAt ?? startAt };
}

/** Runs a JQL search on the deployment's search endpoint. */
export function searchIssues(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  return client.service.deployment === "cloud"
    ? searchCloud(client, request)
    : searchDataCenter(client, request);
}
