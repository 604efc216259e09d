import { z } from "zod";
import { crossProjectParent, hierarchyPhrases, projectOf } from "../../../jira/link_analysis.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, isAllowed, queryLiteral } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";
import { readBounded } from "./_read.ts";

/** Most epics one call reads, and the default. */
const MAX_EPICS = 500;
const DEFAULT_EPICS = 200;

/** `jira_get_project_epic_hierarchy`: a project's epics grouped by their parent elsewhere. */
export const getProjectEpicHierarchyTool = defineTool({
  name: "jira_get_project_epic_hierarchy",
  toolset: "jira_project_analysis",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Epic Hierarchy",
  description:
    `Group a Jira project's epics by parent issue in other projects (parent field, else an "is child of" link), the rest as Unlinked. Reads up to max_epics, latest updated first; parents outside JIRA_PROJECTS_FILTER are hidden.`,
  input: () =>
    z.object({
      project_key: projectKey,
      max_epics: z.number().int().min(1).max(MAX_EPICS).default(DEFAULT_EPICS).describe(
        "Most epics to read",
      ),
    }),
  handler: async (args, { service, config, progress }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    assertProjectAllowed(args.project_key, allowlist);
    const jql = `project = ${
      queryLiteral(args.project_key)
    } AND issuetype = Epic ORDER BY updated DESC`;
    const { issues, more } = await readBounded(client, jql, args.max_epics, progress, "epics");
    const phrases = hierarchyPhrases(config.hierarchyPhrases);
    const groups = new Map<string, Record<string, unknown>[]>();
    const summaries = new Map<string, string | undefined>();
    let hidden = 0;
    for (const epic of issues) {
      const parent = crossProjectParent(epic, phrases);
      let key = parent?.key ?? "";
      const hide = key !== "" && !isAllowed(projectOf(key), allowlist);
      if (hide) {
        hidden++;
        key = "";
      }
      if (key) summaries.set(key, parent?.fields?.summary);
      const list = groups.get(key) ?? [];
      list.push({
        key: epic.key,
        summary: epic.fields.summary as string | undefined,
        status: (epic.fields.status as { name?: string } | undefined)?.name,
        parent_hidden: hide || undefined,
      });
      groups.set(key, list);
    }
    const parents = [...groups.keys()].filter(Boolean).sort();
    return {
      message: `Read ${issues.length} epics of ${args.project_key}${
        more ? ` and stopped at max_epics ${args.max_epics}; more exist` : ""
      }: ${parents.length} parents in other projects${
        hidden ? `, ${hidden} parents hidden (outside the allowed projects)` : ""
      }.`,
      project_key: args.project_key,
      epics_read: issues.length,
      more_available: more,
      hidden_parents: hidden,
      groups: [
        ...parents.map((key) => ({
          parent: { key, summary: summaries.get(key), project: projectOf(key) },
          epics: groups.get(key),
        })),
        ...(groups.has("") ? [{ group_name: "Unlinked", epics: groups.get("") }] : []),
      ],
    };
  },
});
