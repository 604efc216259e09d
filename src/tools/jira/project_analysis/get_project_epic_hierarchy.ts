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
    `Group a Jira project's epics by their parent issue in another project: the epic's parent field, else an issue link whose phrase says "is child of" (more phrases: HIERARCHY_LINK_PHRASES). Epics without such a parent are grouped as Unlinked. Reads every epic page by page, most recently updated first, up to max_epics (default ${DEFAULT_EPICS}, at most ${MAX_EPICS}); says how many it read and whether more exist. Parents in projects outside JIRA_PROJECTS_FILTER are hidden and counted (their epics are listed as Unlinked with parent_hidden). Sends progress notifications when asked.`,
  input: z.object({
    project_key: projectKey,
    max_epics: z.number().int().min(1).max(MAX_EPICS).default(DEFAULT_EPICS).describe(
      `Most epics to read, 1-${MAX_EPICS} (default ${DEFAULT_EPICS}).`,
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
