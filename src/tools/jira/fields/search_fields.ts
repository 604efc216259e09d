import { z } from "zod";
import { listFields } from "../../../jira/fields.ts";
import type { JiraField } from "../../../jira/types.ts";
import { defineTool } from "../../define.ts";
import { limitedString } from "../../schemas.ts";

/** Scores how well a field matches a keyword: exact, prefix, word, substring, in-order letters. */
export function fieldScore(field: JiraField, keyword: string): number {
  const k = keyword.toLowerCase();
  const candidates = [field.name, field.id, field.key ?? "", ...(field.clauseNames ?? [])].map((
    s,
  ) => s.toLowerCase());
  let best = 0;
  for (const c of candidates) {
    if (c === k) best = Math.max(best, 100);
    else if (c.startsWith(k)) best = Math.max(best, 90);
    else if (c.split(/[\s_.\-[\]]+/).some((w) => w.startsWith(k))) best = Math.max(best, 80);
    else if (c.includes(k)) best = Math.max(best, 70);
    else {
      let i = 0;
      for (const ch of c) if (ch === k[i]) i++;
      if (i === k.length) best = Math.max(best, 40);
    }
  }
  return best;
}

/** `jira_search_fields`: find field ids by (fuzzy) name, e.g. to learn a custom field's id. */
export const searchFieldsTool = defineTool({
  name: "jira_search_fields",
  toolset: "jira_fields",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search Fields",
  description: "Find Jira field ids by name, e.g. 'story points'.",
  input: () =>
    z.object({
      keyword: limitedString(
        "name",
        "Part of a name or id",
      ).default(""),
      limit: z.number().int().min(1).default(10),
      refresh: z.boolean().default(false),
    }),
  handler: async (args, { service }) => {
    const fields = await listFields(service.client, args.refresh);
    const ranked = args.keyword.trim()
      ? fields.map((f) => ({ f, score: fieldScore(f, args.keyword.trim()) }))
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score || a.f.name.localeCompare(b.f.name))
        .map((r) => r.f)
      : fields;
    return ranked.slice(0, args.limit).map((f) => ({
      id: f.id,
      name: f.name,
      custom: f.custom,
      type: f.schema?.items ? `${f.schema.type}<${f.schema.items}>` : f.schema?.type,
      jql: f.clauseNames?.[0],
    }));
  },
});
