/**
 * CQL search (`GET /rest/api/search`, v1 on both deployments: v2 has no CQL).
 *
 * @module
 */
import { z } from "zod";
import { webBase } from "../config/mod.ts";
import { type HttpClient, objectAnswer } from "../http/mod.ts";

/** The answer of a CQL search. */
const SEARCH_RESULTS = objectAnswer("search results", { results: z.array(z.looseObject({})) });

/** One search hit, trimmed. */
export interface SearchHit {
  id?: string;
  type?: string;
  title: string;
  spaceKey?: string;
  excerpt?: string;
  url?: string;
  lastModified?: string;
}

interface V1SearchResult {
  content?: {
    id?: string;
    type?: string;
    title?: string;
    space?: { key?: string };
    _links?: { webui?: string };
  };
  title?: string;
  excerpt?: string;
  url?: string;
  lastModified?: string;
  resultGlobalContainer?: { title?: string; displayUrl?: string };
}

/** Runs a CQL query and returns at most `limit` hits. */
export async function searchContent(
  client: HttpClient,
  cql: string,
  limit: number,
): Promise<SearchHit[]> {
  const answer = await client.get<{ results?: V1SearchResult[] }>("/rest/api/search", {
    cql,
    limit,
    expand: "content.space",
  }, { expect: SEARCH_RESULTS });
  const base = webBase(client.service);
  return (answer.results ?? []).slice(0, limit).map((r) => ({
    id: r.content?.id,
    type: r.content?.type,
    title: r.content?.title ?? r.title ?? "",
    spaceKey: r.content?.space?.key ?? r.resultGlobalContainer?.displayUrl?.split("/").pop(),
    excerpt: r.excerpt,
    url: r.url && base ? `${base}${r.url}` : undefined,
    lastModified: r.lastModified,
  }));
}
