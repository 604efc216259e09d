import { z } from "zod";
import { componentView, getProjectComponents } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";

/** `jira_get_project_components`: a project's components. */
export const getProjectComponentsTool = defineTool({
  name: "jira_get_project_components",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Components",
  description: "List a Jira project's components: id, name, description, lead.",
  input: () => z.object({ project_key: projectKey }),
  handler: async (args, { service }) => {
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const components = await getProjectComponents(service.client, args.project_key);
    return components.map(componentView);
  },
});
