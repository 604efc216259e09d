import { z } from "zod";
import { fieldType, getCreateFields, getCreateIssueTypes } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** One field of the union, while it is being collected. */
interface Collected {
  field_id: string;
  name: string;
  type?: string;
  custom?: true;
  types: string[];
  requiredBy: string[];
}

/** `jira_get_project_fields`: every create-screen field of a project, across its issue types. */
export const getProjectFieldsTool = defineTool({
  name: "jira_get_project_fields",
  toolset: "jira_projects",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Project Fields",
  description:
    "List every field settable when creating issues in a Jira project, over all issue types: id, name, type, custom, required; issue_types and required_for when only some types have or require it.",
  input: () =>
    z.object({
      // The Python server gives this parameter no key pattern.
      project_key: limitedString("id", SHARED_PARAMETERS.project_key).min(1),
    }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    const key = args.project_key.trim().toUpperCase();
    assertProjectAllowed(key, service.service.allowlist);
    const types = await getCreateIssueTypes(client, key);
    const fields = new Map<string, Collected>();
    for (const [i, type] of types.entries()) {
      await progress?.(i, types.length, `Reading the fields of ${type.name}`);
      for (const field of await getCreateFields(client, key, type.id)) {
        let entry = fields.get(field.fieldId);
        if (!entry) {
          entry = {
            field_id: field.fieldId,
            name: field.name,
            type: fieldType(field.schema),
            custom: field.schema?.custom ? true : undefined,
            types: [],
            requiredBy: [],
          };
          fields.set(field.fieldId, entry);
        }
        entry.types.push(type.name);
        if (field.required) entry.requiredBy.push(type.name);
      }
    }
    return {
      project_key: key,
      issue_types: types.map((t) => t.name),
      fields: [...fields.values()].map((f) => ({
        field_id: f.field_id,
        name: f.name,
        type: f.type,
        custom: f.custom,
        required: f.requiredBy.length > 0 && f.requiredBy.length === f.types.length,
        required_for: f.requiredBy.length && f.requiredBy.length < f.types.length
          ? f.requiredBy
          : undefined,
        issue_types: f.types.length < types.length ? f.types : undefined,
      })),
    };
  },
});
