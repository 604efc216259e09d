import { z } from "zod";
import {
  hierarchyPhrases,
  hierarchyRole,
  linkEnds,
  projectOf,
} from "../../../jira/link_analysis.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, isAllowed, queryLiteral } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";
import { readBounded } from "./_read.ts";

/** Most issues one call reads, and the default. */
const MAX_ISSUES = 500;
const DEFAULT_ISSUES = 200;

/** One link from an issue of the project to an issue of another project. */
interface Dependency {
  source: string;
  target: string;
  target_summary?: string;
  target_status?: string;
  direction: "outward" | "inward";
  relation: string;
  hierarchy?: string;
}

/** `jira_get_cross_project_dependencies`: a project's issue links into other projects. */
export const getCrossProjectDependenciesTool = defineTool({
  name: "jira_get_cross_project_dependencies",
  toolset: "jira_project_analysis",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Cross-Project Dependencies",
  description:
    `Map links from a Jira project's issues to other projects' issues, by target project and link type. Reads up to max_issues, latest updated first; links outside JIRA_PROJECTS_FILTER are hidden.`,
  input: () =>
    z.object({
      project_key: projectKey,
      max_issues: z.number().int().min(1).max(MAX_ISSUES).default(DEFAULT_ISSUES).describe(
        "Most issues to read",
      ),
    }),
  handler: async (args, { service, config, progress }) => {
    const allowlist = service.service.allowlist;
    assertProjectAllowed(args.project_key, allowlist);
    const jql = `project = ${queryLiteral(args.project_key)} ORDER BY updated DESC`;
    const { issues, more } = await readBounded(
      service.client,
      jql,
      args.max_issues,
      progress,
      "issues",
    );
    const phrases = hierarchyPhrases(config.hierarchyPhrases);
    const byProject = new Map<string, Map<string, Dependency[]>>();
    let total = 0;
    let hidden = 0;
    for (const issue of issues) {
      for (const end of linkEnds(issue)) {
        const target = projectOf(end.other.key);
        if (target === projectOf(issue.key)) continue;
        if (!isAllowed(target, allowlist)) {
          hidden++;
          continue;
        }
        const byType = byProject.get(target) ?? new Map<string, Dependency[]>();
        byProject.set(target, byType);
        const list = byType.get(end.type) ?? [];
        byType.set(end.type, list);
        list.push({
          source: issue.key,
          target: end.other.key,
          target_summary: end.other.fields?.summary,
          target_status: end.other.fields?.status?.name,
          direction: end.direction,
          relation: end.phrase,
          hierarchy: hierarchyRole(end, phrases) || undefined,
        });
        total++;
      }
    }
    return {
      message: `Read ${issues.length} issues of ${args.project_key}${
        more ? ` and stopped at max_issues ${args.max_issues}; more exist` : ""
      }: ${total} links into ${byProject.size} other projects${
        hidden ? `, ${hidden} links hidden (outside the allowed projects)` : ""
      }.`,
      project_key: args.project_key,
      issues_read: issues.length,
      more_available: more,
      total_cross_project_links: total,
      hidden_links: hidden,
      by_project: Object.fromEntries(
        [...byProject.keys()].sort().map((p) => {
          const byType = byProject.get(p)!;
          return [p, {
            total_links: [...byType.values()].reduce((n, l) => n + l.length, 0),
            by_link_type: Object.fromEntries(byType),
          }];
        }),
      ),
    };
  },
});
