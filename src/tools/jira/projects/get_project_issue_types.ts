import { z } from "zod";
import { getCreateIssueTypes, issueTypeView } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";

/** `jira_get_project_issue_types`: the issue types that can be created in a project. */
export const getProjectIssueTypesTool = defineTool({
  name: "jira_get_project_issue_types",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Issue Types",
  description:
    "List the issue types creatable in a Jira project: id, name, description, subtask or not. Pass an id to jira_get_create_fields.",
  input: () => z.object({ project_key: projectKey }),
  handler: async (args, { service }) => {
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const types = await getCreateIssueTypes(service.client, args.project_key);
    return types.map(issueTypeView);
  },
});
