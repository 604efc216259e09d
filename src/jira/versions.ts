/**
 * Project versions (fix versions): list, read, create and update them. Dates travel as
 * `yyyy-mm-dd` on both deployments.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, listAnswer, objectAnswer, path } from "../http/mod.ts";
import { ToolError } from "../errors.ts";
import { apiRoot } from "./rich.ts";
import type { JiraVersion } from "./types.ts";

/** A version, as every version endpoint answers it. */
const VERSION_ANSWER = objectAnswer("a version", { id: z.string(), name: z.string() });

/** A project's versions (`GET project/{key}/versions`). */
const VERSIONS_ANSWER = listAnswer("a project's versions", { id: z.string(), name: z.string() });

/** The attributes of a version this server sets. */
export interface VersionFields {
  name?: string;
  description?: string;
  /** `yyyy-mm-dd`. */
  startDate?: string;
  /** `yyyy-mm-dd`. */
  releaseDate?: string;
  released?: boolean;
  archived?: boolean;
}

/** Lists every version of a project, oldest first (Jira's order). */
export function getProjectVersions(client: HttpClient, projectKey: string): Promise<JiraVersion[]> {
  return client.get<JiraVersion[]>(
    `${apiRoot(client.service)}${path`/project/${projectKey}/versions`}`,
    undefined,
    { expect: VERSIONS_ANSWER },
  );
}

/** Reads one version by id. */
export function getVersion(client: HttpClient, id: string): Promise<JiraVersion> {
  return client.get<JiraVersion>(`${apiRoot(client.service)}${path`/version/${id}`}`, undefined, {
    expect: VERSION_ANSWER,
  });
}

/** Creates a version in a project (by the project's numeric id, as Cloud requires). */
export function createVersion(
  client: HttpClient,
  projectId: number,
  fields: VersionFields & { name: string },
): Promise<JiraVersion> {
  return client.post<JiraVersion>(
    `${apiRoot(client.service)}/version`,
    { ...fields, projectId },
    undefined,
    { expect: VERSION_ANSWER },
  );
}

/** Changes the given attributes of a version; the others stay as they are. */
export function updateVersion(
  client: HttpClient,
  id: string,
  fields: VersionFields,
): Promise<JiraVersion> {
  return client.put<JiraVersion>(
    `${apiRoot(client.service)}${path`/version/${id}`}`,
    fields,
    undefined,
    { expect: VERSION_ANSWER },
  );
}

/** Finds a version by name among a project's versions (Jira compares names case-insensitively). */
export function findVersionByName(
  versions: readonly JiraVersion[],
  name: string,
): JiraVersion | undefined {
  const wanted = name.trim().toLowerCase();
  return versions.find((v) => v.name.trim().toLowerCase() === wanted);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a date argument written `yyyy-mm-dd` and returns it; `what` names it in the refusal
 * ("start_date", "versions[2].releaseDate").
 */
export function versionDate(what: string, value: string): string {
  const m = value.trim().match(ISO_DATE);
  const date = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (
    !m || !date || date.getUTCDate() !== Number(m[3]) || date.getUTCMonth() !== Number(m[2]) - 1
  ) {
    throw new ToolError(
      `${what} is not a date written yyyy-mm-dd: "${value}".`,
      "Write dates like 2025-03-31.",
    );
  }
  return m[0];
}

/**
 * Throws unless the start date (if any) is not after the release date (if any); `what`, when
 * given, names the version in the refusal ("versions[2]").
 */
export function assertDateOrder(what: string, fields: VersionFields): void {
  if (fields.startDate && fields.releaseDate && fields.startDate > fields.releaseDate) {
    const problem =
      `the start date ${fields.startDate} is after the release date ${fields.releaseDate}.`;
    throw new ToolError(
      what ? `${what}: ${problem}` : problem[0].toUpperCase() + problem.slice(1),
      "Jira needs the start date on or before the release date.",
    );
  }
}

/** A version as shown to the assistant. */
export function versionView(version: JiraVersion): Record<string, unknown> {
  return {
    id: version.id,
    name: version.name,
    description: version.description,
    start_date: version.startDate,
    release_date: version.releaseDate,
    released: version.released ?? false,
    archived: version.archived ?? false,
    overdue: version.overdue || undefined,
    project_id: version.projectId,
  };
}
