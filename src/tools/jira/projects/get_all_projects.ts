import { z } from "zod";
import { listProjects, projectView } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { isAllowed } from "../../policy.ts";

/** Most projects one answer lists. */
export const MAX_PROJECTS = 1000;

/** `jira_get_all_projects`: every project the user can see (within JIRA_PROJECTS_FILTER). */
export const getAllProjectsTool = defineTool({
  name: "jira_get_all_projects",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get All Projects",
  description:
    `List the Jira projects you can see (within JIRA_PROJECTS_FILTER), at most ${MAX_PROJECTS}: key, name, id, type, lead, description.`,
  input: () =>
    z.object({
      include_archived: z.boolean().default(false).describe(
        "Also list archived projects",
      ),
    }),
  handler: async (args, { service }) => {
    const { allowlist } = service.service;
    const read = await listProjects(service.client, {
      includeArchived: args.include_archived,
      keys: allowlist.map((key) => key.toUpperCase()),
      limit: MAX_PROJECTS + 1,
    });
    const allowed = read.filter((p) => isAllowed(p.key, allowlist));
    return {
      count: Math.min(allowed.length, MAX_PROJECTS),
      projects: allowed.slice(0, MAX_PROJECTS).map(projectView),
      note: allowed.length > MAX_PROJECTS || read.length > MAX_PROJECTS
        ? `More projects exist than the ${MAX_PROJECTS} listed; use jira_search_projects to find one by name or key.`
        : undefined,
    };
  },
});
