import { z } from "zod";
import { projectView, searchProjects } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { isAllowed } from "../../policy.ts";
import { commaList, limitedString } from "../../schemas.ts";

/** `jira_search_projects`: find projects by (part of) their name or key. */
export const searchProjectsTool = defineTool({
  name: "jira_search_projects",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search Projects",
  description:
    "Find Jira projects by text in their name or key (Cloud: any part; Server/Data Center: start of a word): key, name, id.",
  input: () =>
    z.object({
      query: limitedString("name", "Text to find, e.g. 'pay'"),
      max_results: z.number().int().min(1).max(50).default(20).describe(
        "Most projects to return",
      ),
      current_project_ids: limitedString(
        "query",
        "Comma-separated project ids or keys to leave out, e.g. '10000,10001'",
      ).optional(),
    }),
  handler: async (args, { service }) => {
    const { allowlist } = service.service;
    const excluded = new Set(commaList(args.current_project_ids).map((s) => s.toUpperCase()));
    // Cloud narrows to the allowlist itself (up to 50 keys); otherwise ask for a full page and
    // filter here, so allowed projects are not crowded out by others.
    const narrowed = service.service.deployment === "cloud" && allowlist.length <= 50;
    const found = await searchProjects(service.client, args.query, {
      maxResults: allowlist.length && !narrowed ? 100 : args.max_results + excluded.size,
      keys: allowlist.map((key) => key.toUpperCase()),
    });
    return found
      .filter((p) => isAllowed(p.key, allowlist))
      .filter((p) => !excluded.has(p.id) && !excluded.has(p.key.toUpperCase()))
      .slice(0, args.max_results)
      .map(projectView);
  },
});
