/**
 * What creating versions shares: checking a version's attributes before any write, the
 * project a version goes into (its id, and the names it already has), and a create that is
 * reconciled when its answer is lost (version names are unique in a project, so the name finds
 * it).
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { getProject } from "../../../jira/projects.ts";
import type { JiraVersion } from "../../../jira/types.ts";
import {
  assertDateOrder,
  createVersion,
  findVersionByName,
  getProjectVersions,
  versionDate,
  type VersionFields,
} from "../../../jira/versions.ts";
import { ABSENT, found, writeOnce, type Written } from "../../reconcile.ts";
import { jsonArray, jsonText, LIMITS } from "../../schemas.ts";

/** A version to create, checked. */
export type NewVersion = VersionFields & { name: string };

/** The attributes of a version to create, as given (tool arguments or a batch item). */
export interface VersionInput {
  name?: unknown;
  description?: unknown;
  startDate?: unknown;
  releaseDate?: unknown;
}

/**
 * Checks one version's attributes and returns them as Jira takes them, or the sentence that
 * says what is wrong. `what` names the version in it (`versions[2]`; empty for the only one),
 * `names` the date attributes as the caller wrote them (`start_date`).
 */
export function checkVersion(
  what: string,
  input: VersionInput,
  names: Partial<Record<"startDate" | "releaseDate", string>> = {},
): NewVersion | string {
  const prefix = what ? `${what}: ` : "";
  const name = typeof input.name === "string" ? input.name.trim() : "";
  if (!name) return `${what || "The version"} has no name`;
  if (name.length > LIMITS.name) {
    return `${prefix}the name is longer than ${LIMITS.name} characters`;
  }
  const out: NewVersion = { name };
  if (input.description !== undefined && input.description !== null) {
    if (typeof input.description !== "string") return `${prefix}description is not a string`;
    out.description = input.description;
  }
  try {
    for (const key of ["startDate", "releaseDate"] as const) {
      const value = input[key];
      if (value === undefined || value === null || value === "") continue;
      const label = `${prefix}${names[key] ?? key}`;
      if (typeof value !== "string") return `${label} is not a date written yyyy-mm-dd`;
      out[key] = versionDate(label, value);
    }
    assertDateOrder(what, out);
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return error.message.replace(/\.$/, "");
  }
  return out;
}

/** The project versions go into: its id (Cloud creates by id) and its versions so far. */
export interface VersionProject {
  key: string;
  id: number;
  versions: JiraVersion[];
}

/** Reads the project a version goes into, and the versions it has. */
export async function versionProject(client: HttpClient, key: string): Promise<VersionProject> {
  const [project, versions] = await Promise.all([
    getProject(client, key),
    getProjectVersions(client, key),
  ]);
  return { key: project.key, id: Number(project.id), versions };
}

/** Creates one version; when the answer is lost, looks for a version of that name. */
export function createVersionOnce(
  client: HttpClient,
  project: VersionProject,
  version: NewVersion,
): Promise<Written<JiraVersion>> {
  return writeOnce(() => createVersion(client, project.id, version), {
    verdict: "Not created",
    missing: `project ${project.key} has no version "${version.name}"`,
    find: async () => {
      const now = findVersionByName(await getProjectVersions(client, project.key), version.name);
      return now ? found(now) : ABSENT;
    },
  });
}

/** Refuses a version whose name the project already has (Jira would refuse it anyway). */
export function takenName(project: VersionProject, name: string): string | undefined {
  const same = findVersionByName(project.versions, name);
  return same && `project ${project.key} already has a version "${same.name}" (id ${same.id})`;
}

/** The `versions` parameter: a JSON array, given as JSON text (the Python form) or as the array. */
export const versionsInput = jsonText(
  'JSON array of {"name": "v1.0", "startDate": "2025-01-01", "releaseDate": "2025-02-01", "description": "..."}; only name is required',
);

/** Most versions one batch creates. */
export const MAX_BATCH = 100;

/** Item keys accepted besides the Jira names (the single tool's parameter names). */
const ALIASES: Record<string, keyof VersionInput> = {
  start_date: "startDate",
  release_date: "releaseDate",
};
const KEYS = new Set(["name", "description", "startDate", "releaseDate"]);

/**
 * Parses and checks every item of a batch before anything is written: the JSON, each item's
 * attributes, names repeated within the batch, and names the project already has. Refuses the
 * whole batch, naming every problem, when any item is wrong.
 */
export function checkBatch(text: string, project: VersionProject): NewVersion[] {
  const parsed = jsonArray(
    "versions",
    text,
    '[{"name": "v1.0"}, {"name": "v1.1", "releaseDate": "2025-06-30"}]',
    MAX_BATCH,
  );
  const problems: string[] = [];
  const checked: NewVersion[] = [];
  const seen = new Map<string, number>();
  parsed.forEach((item: unknown, i) => {
    const what = `versions[${i}]`;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      problems.push(`${what} is not an object`);
      return;
    }
    const input: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) {
      const name = ALIASES[key] ?? key;
      if (!KEYS.has(name)) problems.push(`${what} has an unknown attribute "${key}"`);
      else input[name] = value;
    }
    const version = checkVersion(what, input);
    if (typeof version === "string") return problems.push(version);
    const lower = version.name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      problems.push(`${what} repeats the name "${version.name}" of versions[${first}]`);
    } else seen.set(lower, i);
    const taken = takenName(project, version.name);
    if (taken) problems.push(`${what}: ${taken}`);
    checked.push(version);
  });
  if (problems.length) {
    const shown = problems.slice(0, 10).join("; ");
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : "";
    throw new ToolError(
      `Nothing was created: ${problems.length} problem${
        problems.length === 1 ? "" : "s"
      } in versions: ${shown}${more}.`,
      "Fix or leave out those items and call again; the others were not created either.",
    );
  }
  return checked;
}
