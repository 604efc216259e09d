/**
 * Custom field contexts and options: the Cloud listings (`field/{fieldId}/context` and
 * `field/{fieldId}/context/{contextId}/option`, `/rest/api/3` and `/rest/api/2`), and the
 * `allowedValues` of select-like fields on create screens (both flavours).
 *
 * Two select-like fields carry options: Severity (`customfield_10030`, a single select with one
 * global context) and Region (`customfield_10031`, a cascading select with one context per
 * project and none global); their definitions are in `FIELD_DEFS` (`_jira_render.ts`). Every other custom field has one global context and no options, as
 * a custom field on Jira always has a context.
 *
 * @module
 */
import { type Ctx, intParam, jiraFail, json, listParam } from "./_http.ts";
import { apiBase, FIELD_DEFS, type FieldDef } from "./_jira_render.ts";
import type { Project } from "./_model.ts";

/** One option; `parent` makes it a cascading child. */
interface OptionDef {
  id: string;
  value: string;
  disabled?: boolean;
  parent?: string;
}

/** One context of a field, with the projects it applies to (none: global). */
interface ContextDef {
  id: string;
  name: string;
  projects: string[];
  options: OptionDef[];
}

/** Contexts of the select-like fields, by field id. */
const CONTEXTS: Record<string, ContextDef[]> = {
  customfield_10030: [{
    id: "10130",
    name: "Default Configuration Scheme for Severity",
    projects: [],
    options: [
      { id: "10300", value: "Critical" },
      { id: "10301", value: "Major" },
      { id: "10302", value: "Minor" },
      { id: "10303", value: "Trivial", disabled: true },
    ],
  }],
  customfield_10031: [
    {
      id: "10140",
      name: "Region for DEMO",
      projects: ["DEMO"],
      options: [
        { id: "10310", value: "Europe" },
        { id: "10311", value: "Americas" },
        { id: "10312", value: "France", parent: "10310" },
        { id: "10313", value: "Germany", parent: "10310" },
        { id: "10314", value: "Canada", parent: "10311" },
        { id: "10315", value: "Brazil", parent: "10311" },
      ],
    },
    {
      id: "10141",
      name: "Region for OPS",
      projects: ["OPS"],
      options: [
        { id: "10320", value: "Asia" },
        { id: "10321", value: "Japan", parent: "10320" },
      ],
    },
  ],
};

/** The custom field for a path parameter: 404 as on Jira when it is unknown or a system field. */
function customField(fieldId: string): FieldDef {
  const field = FIELD_DEFS.find((f) => f.id === fieldId && f.custom);
  if (!field) jiraFail(404, ["The custom field was not found."]);
  return field;
}

function contextsOf(field: FieldDef): ContextDef[] {
  return CONTEXTS[field.id] ?? [{
    id: String(10100 + Number(field.schema.customId)),
    name: `Default Configuration Scheme for ${field.name}`,
    projects: [],
    options: [],
  }];
}

function page<T>(ctx: Ctx, items: T[], path: string, def: number, max: number) {
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", def, 1, max);
  const isLast = startAt + maxResults >= items.length;
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}${path}?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: items.length,
    isLast,
    values: items.slice(startAt, startAt + maxResults),
  };
  if (!isLast) {
    out.nextPage = `${apiBase(ctx)}${path}?startAt=${
      startAt + maxResults
    }&maxResults=${maxResults}`;
  }
  return out;
}

/** GET field/{fieldId}/context (Cloud). */
export function getFieldContexts(ctx: Ctx): Response {
  const field = customField(ctx.params.fieldId);
  const global = ctx.query.get("isGlobalContext");
  const ids = listParam(ctx.query, "contextId");
  const contexts = contextsOf(field).filter((c) =>
    (global === null || String(c.projects.length === 0) === global) &&
    (!ids || ids.includes(c.id))
  ).map((c) => ({
    id: c.id,
    name: c.name,
    description: "",
    isGlobalContext: c.projects.length === 0,
    isAnyIssueType: true,
  }));
  return json(page(ctx, contexts, `/field/${field.id}/context`, 50, 100));
}

/** GET field/{fieldId}/context/{contextId}/option (Cloud). */
export function getContextOptions(ctx: Ctx): Response {
  const field = customField(ctx.params.fieldId);
  if (!CONTEXTS[field.id]) jiraFail(400, ["The custom field doesn't support options."]);
  const context = contextsOf(field).find((c) => c.id === ctx.params.contextId);
  if (!context) jiraFail(404, ["The context was not found."]);
  const optionId = ctx.query.get("optionId");
  const onlyOptions = ctx.query.get("onlyOptions") === "true";
  const options = context.options.filter((o) =>
    (!onlyOptions || o.parent === undefined) &&
    (optionId === null || o.id === optionId || o.parent === optionId)
  ).map((o) => {
    const out: Record<string, unknown> = { id: o.id, value: o.value, disabled: !!o.disabled };
    if (o.parent !== undefined) out.optionId = o.parent;
    return out;
  });
  return json(
    page(ctx, options, `/field/${field.id}/context/${context.id}/option`, 100, 1000),
  );
}

/**
 * The `allowedValues` of a select-like field on a project's create screen, as both flavours show
 * them (cascading children under `children`); undefined for other fields.
 */
export function optionAllowedValues(
  ctx: Ctx,
  fieldId: string,
  project: Project,
): Record<string, unknown>[] | undefined {
  const contexts = CONTEXTS[fieldId];
  if (!contexts) return undefined;
  const context = contexts.find((c) => c.projects.includes(project.key)) ??
    contexts.find((c) => c.projects.length === 0);
  if (!context) return [];
  const base = apiBase(ctx);
  const option = (o: OptionDef) => ({
    self: `${base}/customFieldOption/${o.id}`,
    value: o.value,
    id: o.id,
    disabled: !!o.disabled,
  });
  return context.options.filter((o) => o.parent === undefined).map((o) => {
    const out: Record<string, unknown> = option(o);
    const children = context.options.filter((c) => c.parent === o.id).map(option);
    if (children.length) out.children = children;
    return out;
  });
}
