/**
 * Confluence Cloud page analytics (REST v1 `/rest/api/analytics`): how often a page was viewed.
 *
 * @module
 */
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";

const VIEWS = objectAnswer("a view count", {});

/** The total number of views of a page. */
export async function pageViews(client: HttpClient, pageId: string): Promise<number> {
  const answer = await client.get<{ count?: number }>(
    path`/rest/api/analytics/content/${pageId}/views`,
    undefined,
    { expect: VIEWS },
  );
  return answer.count ?? 0;
}
