/**
 * Turns what an assistant writes for a field (names, plain strings, Markdown) into the payload
 * Jira expects for that field's type, and field names into field ids.
 *
 * @module
 */
import type { HttpClient } from "../http/mod.ts";
import { findField } from "./fields.ts";
import { isRichTextField, toJiraText } from "./rich.ts";
import type { JiraField } from "./types.ts";
import { userReference } from "./users.ts";

function names(value: unknown): unknown {
  const list = typeof value === "string"
    ? value.split(",").map((s) => s.trim()).filter(Boolean)
    : value;
  return Array.isArray(list) ? list.map((v) => (typeof v === "string" ? { name: v } : v)) : list;
}

function option(value: unknown): unknown {
  return typeof value === "string" ? { value } : value;
}

/** Formats one value for the field `id` (already resolved from a name). */
async function formatFieldValue(
  client: HttpClient,
  id: string,
  field: JiraField | undefined,
  value: unknown,
): Promise<unknown> {
  if (value === null) return null;
  if (typeof value === "string" && isRichTextField(field, id)) {
    return toJiraText(client.service, value);
  }
  const type = field?.schema?.type;
  const items = field?.schema?.items;
  switch (id) {
    case "priority":
    case "issuetype":
    case "resolution":
      return typeof value === "string" ? { name: value } : value;
    case "labels":
      return typeof value === "string"
        ? value.split(",").map((s) => s.trim()).filter(Boolean)
        : value;
    case "components":
    case "fixVersions":
    case "versions":
      return names(value);
    case "parent":
      return typeof value === "string" ? { key: value } : value;
  }
  if (type === "user" && typeof value === "string") return await userReference(client, value);
  if (type === "option" || type === "option-with-child") return option(value);
  if (type === "array" && items === "option") {
    return Array.isArray(value) ? value.map(option) : option(value);
  }
  if (type === "array" && (items === "version" || items === "component")) return names(value);
  if (
    type === "number" && typeof value === "string" && value.trim() !== "" && !isNaN(Number(value))
  ) {
    return Number(value);
  }
  return value;
}

/** Resolves field names to ids and formats every value; unknown keys pass through unchanged. */
export async function formatFields(
  client: HttpClient,
  fields: JiraField[],
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = findField(fields, key);
    const id = field?.id ?? key;
    out[id] = await formatFieldValue(client, id, field, value);
  }
  return out;
}
