import { z } from "zod";
import { formatFields } from "../../../jira/field_values.ts";
import { listFields } from "../../../jira/fields.ts";
import { createIssue, findCreatedIssues, getIssue } from "../../../jira/issues.ts";
import { getCreateIssueTypes } from "../../../jira/projects.ts";
import { toJiraText } from "../../../jira/rich.ts";
import { userReference } from "../../../jira/users.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { ToolError } from "../../../errors.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { theOne, writeOnce } from "../../reconcile.ts";
import { commaList, jsonObject, jsonText, limitedString, projectKey } from "../../schemas.ts";

/** `jira_create_issue`: create an issue from a summary, a type and Markdown description. */
export const createIssueTool = defineTool({
  name: "jira_create_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Issue",
  description: "Create a Jira issue.",
  input: () =>
    z.object({
      project_key: projectKey,
      summary: limitedString("name", "Issue title").min(1),
      issue_type: limitedString("name", SHARED_PARAMETERS.issue_type),
      assignee: limitedString("name", SHARED_PARAMETERS.assignee).optional(),
      description: limitedString("text", "Markdown text").optional(),
      components: limitedString("query", SHARED_PARAMETERS.components).optional(),
      additional_fields: jsonText(SHARED_PARAMETERS.additional_fields).optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const extra = jsonObject("additional_fields", args.additional_fields);
    const types = await getCreateIssueTypes(client, args.project_key);
    const wanted = args.issue_type.toLowerCase().replace(/[-\s]/g, "");
    const type = types.find((t) =>
      t.name.toLowerCase().replace(/[-\s]/g, "") === wanted || t.id === args.issue_type
    );
    if (!type) {
      throw new ToolError(
        `Issue type "${args.issue_type}" does not exist in project ${args.project_key}.`,
        `Use one of: ${types.map((t) => t.name).join(", ")}.`,
      );
    }
    if ("project" in extra || "pid" in extra) {
      throw new ToolError(
        "additional_fields must not set the project.",
        "Pass the project as project_key.",
      );
    }
    const formatted = await formatFields(client, await listFields(client), extra);
    const parent = formatted.parent as { key?: string } | undefined;
    if (parent?.key) await assertIssueAllowed(service, parent.key);
    const fields: Record<string, unknown> = {
      ...formatted,
      project: { key: args.project_key },
      summary: args.summary,
      issuetype: { id: type.id },
    };
    if (args.description) fields.description = toJiraText(client.service, args.description);
    if (args.assignee) fields.assignee = await userReference(client, args.assignee);
    const components = commaList(args.components);
    if (components.length) fields.components = components.map((name) => ({ name }));
    const { value: created, recovered } = await writeOnce(() => createIssue(client, fields), {
      verdict: "Not created",
      missing: `no issue "${args.summary}" by you exists in ${args.project_key}`,
      find: async (startedAt) =>
        theOne(
          await findCreatedIssues(client, args.project_key, args.summary, startedAt),
          `issues "${args.summary}" by you`,
        ),
      consistent: false,
    });
    const issue = await readBack(() =>
      getIssue(client, created.key, { fields: [...DEFAULT_FIELDS, "parent"] })
    );
    return {
      message: recovered ? `Created ${created.key} (${recovered}).` : `Created ${created.key}.`,
      key: created.key,
      note: issue.note,
      issue: issue.value && issueView(client.service, issue.value),
    };
  },
});
