/**
 * Field definitions (`GET field`), cached per client for a few minutes: every create and
 * update needs the name -> id map and the field types.
 *
 * @module
 */
import { z } from "zod";
import type { HttpClient } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraField } from "./types.ts";

const TTL_MS = 5 * 60_000;
const cache = new WeakMap<HttpClient, { at: number; fields: Promise<JiraField[]> }>();

/** Lists every field of the instance (cached for five minutes unless `refresh`). */
export function listFields(client: HttpClient, refresh = false): Promise<JiraField[]> {
  const hit = cache.get(client);
  if (hit && !refresh && Date.now() - hit.at < TTL_MS) return hit.fields;
  const fields = client.get<JiraField[]>(`${apiRoot(client.service)}/field`, undefined, {
    // A Jira site always has its system fields: an empty list is not its answer.
    expect: z.array(z.looseObject({ id: z.string(), name: z.string() })).min(1).describe(
      "the list of fields",
    ),
  });
  cache.set(client, { at: Date.now(), fields });
  fields.catch(() => {
    if (cache.get(client)?.fields === fields) cache.delete(client);
  });
  return fields;
}

/** Finds a field by id, key or (case-insensitive) name. */
export function findField(fields: JiraField[], idOrName: string): JiraField | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return fields.find((f) => f.id.toLowerCase() === wanted || f.key?.toLowerCase() === wanted) ??
    fields.find((f) => f.name.toLowerCase() === wanted);
}

/** Custom field id -> display name, for keying custom fields by name (`use_display_names`). */
export async function fieldNames(client: HttpClient): Promise<Record<string, string>> {
  const custom = (await listFields(client)).filter((f) => f.custom);
  return Object.fromEntries(custom.map((f) => [f.id, f.name]));
}
