import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { searchAssignableUsers, userView } from "../../../jira/users.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { issueKey, limitedString, projectKey } from "../../schemas.ts";

/** `jira_search_assignable_users`: who may be assigned in a project or on an issue. */
export const searchAssignableUsersTool = defineTool({
  name: "jira_search_assignable_users",
  toolset: "jira_users",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Search Assignable Users",
  description:
    "Find users assignable in a project or on an issue (give exactly one of project_key, issue_key) by the start of their name, user name or e-mail.",
  input: () =>
    z.object({
      query: limitedString("name", "Start of a name, user name or e-mail, e.g. 'ali'").min(1),
      project_key: projectKey.optional(),
      issue_key: issueKey.optional(),
      limit: z.number().int().min(1).max(1000).default(20).describe(
        "Most users to return",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    if (!args.project_key === !args.issue_key) {
      throw new ToolError(
        "Pass exactly one of project_key and issue_key.",
        "Use project_key for a project's assignable users, issue_key for one issue's.",
      );
    }
    const project = args.project_key ?? projectOfIssueKey(args.issue_key!);
    assertProjectAllowed(project, service.service.allowlist);
    const scope = args.project_key ? { project: args.project_key } : { issueKey: args.issue_key! };
    const users = await searchAssignableUsers(client, args.query, scope, args.limit);
    const cloud = client.service.deployment === "cloud";
    return { count: users.length, users: users.map((user) => userView(user, cloud)) };
  },
});
