import { z } from "zod";
import { fieldType, getCreateFields, getCreateIssueTypes } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { limitedString } from "../../schemas.ts";

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
    "List every field that can be set when creating issues in a Jira project, across all its issue types: field id, name, type, whether it is custom and required. issue_types is given when only some types have the field, required_for when only some of them require it. Reads one create screen per issue type (with progress notifications when asked).",
  input: z.object({
    // The Python server gives this parameter no key pattern.
    project_key: limitedString("id", "Jira project key, e.g. 'PROJ'.").min(1),
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
