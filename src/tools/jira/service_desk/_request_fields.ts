/**
 * Checks a customer request's field values against its request type's field list before the
 * request is created, and puts them in the shape the Service Management API takes: every
 * required (visible) field present, no field the type does not have, select values matched to
 * the allowed values by id or label (any case) and sent as `{"id": ...}`, list fields as lists.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { RequestTypeField, SdValidValue } from "../../../jira/service_desk.ts";

/** At most this many allowed values are named in a refusal. */
const SHOWN_VALUES = 8;

/** Whether a value counts as not given: null, blank text, an empty list or object. */
function isMissing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** How a field is named in a sentence: `Urgency (customfield_10100)`. */
function named(field: RequestTypeField): string {
  return field.name && field.name !== field.fieldId
    ? `${field.name} (${field.fieldId})`
    : field.fieldId;
}

/** Whether the field takes options (select, radio buttons, checkboxes). */
function isSelect(field: RequestTypeField): boolean {
  const schema = field.jiraSchema ?? {};
  const custom = (schema.custom ?? "").toLowerCase();
  return schema.type === "option" || schema.items === "option" ||
    ["select", "radiobuttons", "checkbox"].some((marker) => custom.includes(marker));
}

/** The texts an option argument may name it by: a string or number, or an object's id/value/label/name. */
function candidates(value: unknown): string[] {
  if (typeof value === "string" || typeof value === "number") return [String(value).trim()];
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    return ["id", "value", "label", "name"].map((k) => v[k])
      .filter((x) => typeof x === "string" || typeof x === "number")
      .map((x) => String(x).trim());
  }
  return [];
}

/** The allowed option an argument names (id first, then label, any case), or undefined. */
function matchOption(options: readonly SdValidValue[], value: unknown): SdValidValue | undefined {
  for (const wanted of candidates(value).filter(Boolean)) {
    const lower = wanted.toLowerCase();
    const hit = options.find((o) => o.value === wanted) ??
      options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower);
    if (hit) return hit;
  }
  return undefined;
}

/** A list argument: a list as it is, text split at commas, anything else as a one-item list. */
function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") {
    const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
    return parts.length ? parts : [value];
  }
  return [value];
}

/** Refuses a select value no allowed value matches, naming some allowed ones. */
function badOption(field: RequestTypeField, value: unknown): never {
  const options = field.validValues ?? [];
  const shown = options.slice(0, SHOWN_VALUES).map((o) => `"${o.label}"`).join(", ");
  const more = options.length > SHOWN_VALUES ? `, and ${options.length - SHOWN_VALUES} more` : "";
  throw new ToolError(
    `Not created: ${JSON.stringify(value)} is not an allowed value of ${named(field)}.`,
    `Use one of ${shown}${more} (the label or its id).`,
  );
}

/** A select field's value in the API's shape: `{"id": ...}`, or a list of them. */
function selectValue(field: RequestTypeField, value: unknown): unknown {
  const options = field.validValues ?? [];
  const list = field.jiraSchema?.type === "array";
  if (!options.length) return list ? asList(value) : value;
  const one = (item: unknown) => {
    const hit = matchOption(options, item);
    return hit ? { id: hit.value } : badOption(field, item);
  };
  return list ? asList(value).map(one) : one(value);
}

/**
 * The field values to send, checked against the request type's fields; throws a `ToolError`
 * naming the missing required fields, the fields the type does not have, or the select value
 * that matches no allowed value.
 */
export function prepareFieldValues(
  fields: readonly RequestTypeField[],
  values: Record<string, unknown>,
  requestType: string,
): Record<string, unknown> {
  const byId = new Map(fields.map((f) => [f.fieldId, f]));
  const unknown = Object.keys(values).filter((id) => !byId.has(id));
  if (unknown.length) {
    throw new ToolError(
      `Not created: request type ${requestType} has no field ${unknown.join(", ")}.`,
      `Its fields are ${fields.map(named).join(", ")} (see jira_get_request_type_fields).`,
    );
  }
  const missing = fields.filter((f) =>
    f.required && f.visible !== false && isMissing(values[f.fieldId])
  );
  if (missing.length) {
    throw new ToolError(
      `Not created: request type ${requestType} requires ${missing.map(named).join(", ")}.`,
      "Add them to request_field_values (see jira_get_request_type_fields for their values).",
    );
  }
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    if (isMissing(value)) continue;
    const field = byId.get(id)!;
    out[id] = isSelect(field)
      ? selectValue(field, value)
      : field.jiraSchema?.type === "array"
      ? asList(value)
      : value;
  }
  return out;
}
