import { z } from "zod";
import { getProjectVersions, versionView } from "../../../jira/versions.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";

/** `jira_get_project_versions`: a project's fix versions. */
export const getProjectVersionsTool = defineTool({
  name: "jira_get_project_versions",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Versions",
  description:
    "List a Jira project's fix versions: id, name, description, start and release dates, released, archived.",
  input: () => z.object({ project_key: projectKey }),
  handler: async (args, { service }) => {
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const versions = await getProjectVersions(service.client, args.project_key);
    return versions.map(versionView);
  },
});
