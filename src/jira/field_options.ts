/**
 * The options of select-like custom fields (select, multi-select, radio, checkboxes, cascading
 * select): Cloud reads them from the field's contexts (`field/{id}/context/{ctx}/option`), Data
 * Center from the `allowedValues` of an issue type's create screen.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { getCreateFields } from "./projects.ts";
import { apiRoot } from "./rich.ts";

/** One option, cascading children nested under their parent. */
export interface FieldOption {
  id: string;
  value: string;
  disabled: boolean;
  children: FieldOption[];
}

/** A custom field context (Cloud). */
export interface FieldContext {
  id: string;
  name: string;
  isGlobalContext: boolean;
}

const CONTEXT = z.looseObject({
  id: z.string(),
  name: z.string(),
  isGlobalContext: z.boolean().optional(),
});

/** A page of `field/{id}/context`. */
const CONTEXTS_PAGE = objectAnswer("a page of a field's contexts", {
  values: z.array(CONTEXT),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

const CONTEXT_OPTION = z.looseObject({
  id: z.string(),
  value: z.string(),
  disabled: z.boolean().optional(),
  optionId: z.string().optional(),
});

/** A page of `field/{id}/context/{ctx}/option`. */
const OPTIONS_PAGE = objectAnswer("a page of a field context's options", {
  values: z.array(CONTEXT_OPTION),
  isLast: z.boolean().optional(),
  total: z.number().optional(),
});

/** Items asked for per page (the most these Cloud listings return). */
const PAGE_SIZE = 100;

/** Reads every page of a Cloud `values` listing (`startAt`/`maxResults`, `isLast`/`total`). */
async function allValues<T>(client: HttpClient, url: string, expect: z.ZodType): Promise<T[]> {
  const all: T[] = [];
  for (let startAt = 0;;) {
    const page = await client.get<{ values: T[]; isLast?: boolean; total?: number }>(
      url,
      { startAt, maxResults: PAGE_SIZE },
      { expect },
    );
    all.push(...page.values);
    startAt += page.values.length;
    if (
      page.values.length === 0 || page.isLast === true ||
      (typeof page.total === "number" && startAt >= page.total) ||
      (page.isLast === undefined && page.total === undefined && page.values.length < PAGE_SIZE)
    ) return all;
  }
}

/** Lists a custom field's contexts (Cloud). */
export async function getFieldContexts(
  client: HttpClient,
  fieldId: string,
): Promise<FieldContext[]> {
  const contexts = await allValues<z.infer<typeof CONTEXT>>(
    client,
    `${apiRoot(client.service)}${path`/field/${fieldId}/context`}`,
    CONTEXTS_PAGE,
  );
  return contexts.map((c) => ({ id: c.id, name: c.name, isGlobalContext: !!c.isGlobalContext }));
}

/** Lists the options of one context of a custom field (Cloud), children under their parent. */
export async function getContextOptions(
  client: HttpClient,
  fieldId: string,
  contextId: string,
): Promise<FieldOption[]> {
  const flat = await allValues<z.infer<typeof CONTEXT_OPTION>>(
    client,
    `${apiRoot(client.service)}${path`/field/${fieldId}/context/${contextId}/option`}`,
    OPTIONS_PAGE,
  );
  const parents = new Map<string, FieldOption>();
  const out: FieldOption[] = [];
  for (const o of flat) {
    if (o.optionId !== undefined) continue;
    const option = { id: o.id, value: o.value, disabled: !!o.disabled, children: [] };
    parents.set(o.id, option);
    out.push(option);
  }
  for (const o of flat) {
    if (o.optionId === undefined) continue;
    const child = { id: o.id, value: o.value, disabled: !!o.disabled, children: [] };
    const parent = parents.get(o.optionId);
    // A child whose parent is not listed still is an option: keep it rather than lose it.
    if (parent) parent.children.push(child);
    else out.push(child);
  }
  return out;
}

const ALLOWED_VALUE = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  value: z.string().optional(),
  name: z.string().optional(),
  disabled: z.boolean().optional(),
  children: z.array(z.unknown()).optional(),
});

function allowedOption(raw: unknown): FieldOption | undefined {
  const parsed = ALLOWED_VALUE.safeParse(raw);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  const value = v.value ?? v.name;
  if (value === undefined || v.id === undefined) return undefined;
  return {
    id: String(v.id),
    value,
    disabled: !!v.disabled,
    children: (v.children ?? []).map(allowedOption).filter((o) => o !== undefined),
  };
}

/**
 * The options of a field on one issue type's create screen (Data Center): its `allowedValues`.
 * Undefined when the field is not on that screen.
 */
export async function getCreateScreenOptions(
  client: HttpClient,
  projectKey: string,
  issueTypeId: string,
  fieldId: string,
): Promise<FieldOption[] | undefined> {
  const fields = await getCreateFields(client, projectKey, issueTypeId);
  const field = fields.find((f) => f.fieldId === fieldId);
  if (!field) return undefined;
  return (field.allowedValues ?? []).map(allowedOption).filter((o) => o !== undefined);
}
