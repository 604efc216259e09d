import { z } from "zod";
import { createFieldView, getCreateFields, getCreateIssueTypes } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { idString, projectKey } from "../../schemas.ts";
import { issueTypeOf } from "./_issue_type.ts";

/** `jira_get_create_fields`: the fields of one issue type's create screen in a project. */
export const getCreateFieldsTool = defineTool({
  name: "jira_get_create_fields",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Create Fields",
  description:
    "List the fields settable when creating an issue of one type in a Jira project: id, name, required, type, allowed values (first 20). For additional_fields of jira_create_issue.",
  input: () =>
    z.object({
      project_key: projectKey,
      issue_type_id: idString(
        "Issue type id, e.g. '10001', or name such as 'Bug'",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const type = issueTypeOf(
      await getCreateIssueTypes(client, args.project_key),
      args.issue_type_id,
      args.project_key,
    );
    const fields = await getCreateFields(client, args.project_key, type.id);
    return {
      issue_type: { id: type.id, name: type.name },
      fields: fields.map((field) => createFieldView(client.service, field)),
    };
  },
});
