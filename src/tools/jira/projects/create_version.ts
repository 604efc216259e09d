import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { versionView } from "../../../jira/versions.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { limitedString, projectKey } from "../../schemas.ts";
import { checkVersion, createVersionOnce, takenName, versionProject } from "./_versions.ts";

/** `jira_create_version`: create one fix version in a project. */
export const createVersionTool = defineTool({
  name: "jira_create_version",
  toolset: "jira_projects",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Version",
  description: "Create a fix version in a Jira project; a name the project already has is refused.",
  input: () =>
    z.object({
      project_key: projectKey,
      name: limitedString("name", "Version name, e.g. 'v1.2'").min(1),
      start_date: limitedString("name", "yyyy-mm-dd, e.g. '2025-01-01'").optional(),
      release_date: limitedString("name", "yyyy-mm-dd, e.g. '2025-03-31'")
        .optional(),
      description: limitedString("text", "Version description").optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const version = checkVersion("", {
      name: args.name,
      description: args.description,
      startDate: args.start_date,
      releaseDate: args.release_date,
    }, { startDate: "start_date", releaseDate: "release_date" });
    if (typeof version === "string") {
      throw new ToolError(
        `Not created: ${version}.`,
        "Give a name, and write dates yyyy-mm-dd with the start on or before the release.",
      );
    }
    const project = await versionProject(client, args.project_key);
    const taken = takenName(project, version.name);
    if (taken) {
      throw new ToolError(
        `Not created: ${taken}.`,
        "Choose another name, or change that version with jira_update_version.",
      );
    }
    const { value, recovered } = await createVersionOnce(client, project, version);
    const created = `Created version "${value.name}" (id ${value.id}) in ${project.key}`;
    return {
      message: recovered ? `${created} (${recovered}).` : `${created}.`,
      version: versionView(value),
    };
  },
});
