import { z } from "zod";
import { listServiceDesks } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";
import { deskView } from "./_desk.ts";

/** Service desks read at most, 50 per page, while looking for a project's. */
const MAX_DESKS = 1_000;

/** `jira_get_service_desk_for_project`: the service desk of a Jira Service Management project. */
export const getServiceDeskForProjectTool = defineTool({
  name: "jira_get_service_desk_for_project",
  toolset: "jira_service_desk",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Service Desk For Project",
  description:
    "Find the Jira Service Management service desk of a project and its id (found: false when there is none).",
  input: () => z.object({ project_key: projectKey }),
  handler: async (args, { service }) => {
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const wanted = args.project_key.toUpperCase();
    for (let start = 0; start < MAX_DESKS;) {
      const page = await listServiceDesks(service.client, start, 50);
      const desk = page.values.find((d) => d.projectKey.toUpperCase() === wanted);
      if (desk) return { found: true, service_desk: deskView({ ...desk, id: String(desk.id) }) };
      if (page.isLastPage || page.values.length === 0) {
        return {
          found: false,
          message: `Project ${args.project_key} has no service desk you can see (read ${
            start + page.values.length
          } service desks).`,
        };
      }
      start += page.values.length;
    }
    return {
      found: false,
      message:
        `No service desk of project ${args.project_key} among the first ${MAX_DESKS} service desks; there are more.`,
    };
  },
});
