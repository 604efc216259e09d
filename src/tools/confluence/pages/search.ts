import { z } from "zod";
import { searchContent } from "../../../confluence/search.ts";
import { defineTool } from "../../define.ts";
import { isAllowed, queryLiteral, restrictCql } from "../../policy.ts";
import { commaList, limitedString } from "../../schemas.ts";

/** True when the query already is CQL rather than plain words. */
export function looksLikeCql(query: string): boolean {
  return /[=~<>]|\bAND\b|\bOR\b|currentUser\(\)/.test(query);
}

/** `confluence_search`: CQL or plain-text search over pages and blog posts. */
export const confluenceSearchTool = defineTool({
  name: "confluence_search",
  toolset: "confluence_pages",
  product: "confluence",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search Content",
  description: "Search content by CQL or plain text.",
  input: () =>
    z.object({
      query: limitedString("query", "CQL or plain text").min(1),
      limit: z.number().int().min(1).max(50).default(10).describe("Max results"),
      spaces_filter: limitedString(
        "query",
        "Space keys, e.g. 'DEV,OPS'",
      ).optional(),
    }),
  handler: async (args, { service }) => {
    const field = service.service.deployment === "cloud" ? "siteSearch" : "text";
    let cql = looksLikeCql(args.query) ? args.query : `${field} ~ ${queryLiteral(args.query)}`;
    cql = restrictCql(cql, service.service.allowlist);
    cql = restrictCql(cql, commaList(args.spaces_filter));
    const hits = await searchContent(service.client, cql, args.limit);
    // The allowlist again, on what came back.
    return hits.filter((h) => isAllowed(h.spaceKey, service.service.allowlist)).map((h) => ({
      id: h.id,
      type: h.type,
      title: h.title,
      space_key: h.spaceKey,
      url: h.url,
      last_modified: h.lastModified,
      excerpt: h.excerpt?.replace(/@@@(end)?hl@@@/g, "").trim(),
    }));
  },
});
