import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import {
  type FieldContext,
  type FieldOption,
  getContextOptions,
  getCreateScreenOptions,
  getFieldContexts,
} from "../../../jira/field_options.ts";
import { getCreateIssueTypes } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { idString, limitedString, projectKey } from "../../schemas.ts";
import { issueTypeOf } from "../projects/_issue_type.ts";

/** The context whose options to list: the one asked for, the global one, or the only one. */
function pickContext(
  contexts: readonly FieldContext[],
  fieldId: string,
  wanted: string | undefined,
): FieldContext {
  const list = contexts.map((c) => `${c.name} (${c.id})`).join(", ");
  if (wanted !== undefined) {
    const found = contexts.find((c) => c.id === wanted.trim());
    if (!found) {
      throw new ToolError(
        `Field ${fieldId} has no context ${wanted}.`,
        contexts.length ? `Use one of: ${list}.` : "The field has no contexts on this site.",
      );
    }
    return found;
  }
  const global = contexts.find((c) => c.isGlobalContext);
  if (global) return global;
  if (contexts.length === 1) return contexts[0];
  if (contexts.length === 0) {
    throw new ToolError(
      `Field ${fieldId} has no contexts, so it has no options.`,
      "Check the field id with jira_search_fields: options exist for select-like custom fields.",
    );
  }
  throw new ToolError(
    `Field ${fieldId} has ${contexts.length} contexts and none is global.`,
    `Pass context_id, one of: ${list}.`,
  );
}

/**
 * Keeps the options whose value contains `text` (case-insensitive); a cascading parent stays
 * with all its children when it matches, or with its matching children when only they match.
 */
export function filterOptions(options: readonly FieldOption[], text: string): FieldOption[] {
  const wanted = text.toLowerCase();
  const hit = (o: FieldOption) => o.value.toLowerCase().includes(wanted);
  return options.flatMap((o) => {
    if (hit(o)) return [o];
    const children = o.children.filter(hit);
    return children.length ? [{ ...o, children }] : [];
  });
}

function optionView(o: FieldOption): Record<string, unknown> {
  const out: Record<string, unknown> = { id: o.id, value: o.value };
  if (o.disabled) out.disabled = true;
  if (o.children.length) out.children = o.children.map(optionView);
  return out;
}

/** The values alone; a cascading child as `Parent > Child`, right after its parent. */
export function optionValues(options: readonly FieldOption[]): string[] {
  return options.flatMap((o) => [o.value, ...o.children.map((c) => `${o.value} > ${c.value}`)]);
}

/** `jira_get_field_options`: the allowed options of a select-like custom field. */
export const getFieldOptionsTool = defineTool({
  name: "jira_get_field_options",
  toolset: "jira_fields",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Field Options",
  description:
    "List a select, checkbox or cascading field's options; DC needs project_key and issue_type.",
  input: () =>
    z.object({
      field_id: limitedString("id", SHARED_PARAMETERS.field_id),
      context_id: idString(
        "Cloud context; default global",
      ).optional(),
      project_key: projectKey.optional(),
      issue_type: limitedString("name", SHARED_PARAMETERS.issue_type).optional(),
      contains: limitedString(
        "name",
        "Filter by value text",
      ).optional(),
      return_limit: z.number().int().min(1).optional().describe(
        "Most options; default all",
      ),
      values_only: z.boolean().default(false).describe(
        "Values only, without ids",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    if (args.project_key !== undefined) assertProjectAllowed(args.project_key, allowlist);
    const fieldId = args.field_id.trim();
    const answer: Record<string, unknown> = { field_id: fieldId };
    let options: FieldOption[];
    if (client.service.deployment === "cloud") {
      const context = pickContext(
        await getFieldContexts(client, fieldId),
        fieldId,
        args.context_id,
      );
      options = await getContextOptions(client, fieldId, context.id);
      answer.context = { id: context.id, name: context.name };
    } else {
      if (args.project_key === undefined || args.issue_type === undefined) {
        throw new ToolError(
          "On Jira Data Center, project_key and issue_type are required.",
          "Pass the project and issue type whose create screen has the field, e.g. project_key 'PROJ', issue_type 'Bug'.",
        );
      }
      const type = issueTypeOf(
        await getCreateIssueTypes(client, args.project_key),
        args.issue_type,
        args.project_key,
      );
      const found = await getCreateScreenOptions(client, args.project_key, type.id, fieldId);
      if (found === undefined) {
        throw new ToolError(
          `Field ${fieldId} is not on the create screen of ${type.name} in ${args.project_key}.`,
          "Check the id with jira_get_create_fields for that project and issue type.",
        );
      }
      options = found;
      answer.project_key = args.project_key;
      answer.issue_type = type.name;
    }
    if (args.contains?.trim()) options = filterOptions(options, args.contains.trim());
    answer.total = options.length;
    if (args.return_limit !== undefined) options = options.slice(0, args.return_limit);
    if (args.values_only) answer.values = optionValues(options);
    else answer.options = options.map(optionView);
    return answer;
  },
});
