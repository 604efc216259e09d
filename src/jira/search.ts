/**
 * JQL search: Cloud `POST /rest/api/3/search/jql` (nextPageToken), Data Center
 * `GET /rest/api/2/search` (startAt/maxResults, at most 50 a page).
 *
 * @module
 */
import type { HttpClient } from "../http/mod.ts";
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
  /** Field id -> display name, when `expand` asked for `names`. */
  names?: Record<string, string>;
}

async function searchCloud(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  const issues: JiraIssue[] = [];
  let names: Record<string, string> | undefined;
  let token = request.pageToken;
  while (issues.length < request.limit) {
    const page = await client.post<
      {
        issues?: JiraIssue[];
        nextPageToken?: string;
        isLast?: boolean;
        names?: Record<string, string>;
      }
    >(
      "/rest/api/3/search/jql",
      {
        jql: request.jql,
        fields: request.fields,
        expand: request.expand,
        maxResults: Math.min(100, request.limit - issues.length),
        nextPageToken: token,
      },
    );
    issues.push(...(page.issues ?? []));
    names ??= page.names;
    token = page.isLast === true ? undefined : page.nextPageToken;
    if (!token || !page.issues?.length) break;
  }
  return { issues: issues.slice(0, request.limit), nextPageToken: token, names };
}

async function searchDataCenter(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  const startAt = request.startAt ?? 0;
  const page = await client.get<
    { issues?: JiraIssue[]; total?: number; startAt?: number; names?: Record<string, string> }
  >(
    "/rest/api/2/search",
    {
      jql: request.jql,
      fields: request.fields.join(","),
      expand: request.expand,
      startAt,
      maxResults: Math.min(50, request.limit),
    },
  );
  return {
    issues: page.issues ?? [],
    total: page.total,
    startAt: page.startAt ?? startAt,
    names: page.names,
  };
}

/** Runs a JQL search on the deployment's search endpoint. */
export function searchIssues(client: HttpClient, request: SearchRequest): Promise<SearchPage> {
  return client.service.deployment === "cloud"
    ? searchCloud(client, request)
    : searchDataCenter(client, request);
}
