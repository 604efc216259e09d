/**
 * Projects: listing and searching them, their components, and their create metadata (the issue
 * types a project offers and the fields of each type's create screen).
 *
 * @module
 */
import { z } from "zod";
import {
  type HttpClient,
  listAnswer,
  objectAnswer,
  paginateStartAt,
  path,
  type Query,
} from "../http/mod.ts";
import type { ServiceConfig } from "../config/types.ts";
import { apiRoot } from "./rich.ts";
import { userName } from "./users.ts";
import { fieldValue } from "./view.ts";
import type { JiraComponent, JiraCreateField, JiraIssueType, JiraProject } from "./types.ts";

const ISSUE_TYPE = z.looseObject({ id: z.string(), name: z.string() });

/** A page of `createmeta/{project}/issuetypes`: `issueTypes` on Cloud, `values` on Data Center. */
const ISSUE_TYPES_PAGE = objectAnswer("a page of a project's issue types", {
  issueTypes: z.array(ISSUE_TYPE).optional(),
  values: z.array(ISSUE_TYPE).optional(),
}).refine((a) => a.issueTypes || a.values, "it has no issueTypes or values list");

const CREATE_FIELD = z.looseObject({
  fieldId: z.string(),
  name: z.string(),
  required: z.boolean(),
});

/** A page of `createmeta/{project}/issuetypes/{id}`: `fields` on Cloud, `values` on Data Center. */
const CREATE_FIELDS_PAGE = objectAnswer("a page of an issue type's create fields", {
  fields: z.array(CREATE_FIELD).optional(),
  values: z.array(CREATE_FIELD).optional(),
}).refine((a) => a.fields || a.values, "it has no fields or values list");

/** A project (`GET project/{key}`). */
const PROJECT_ANSWER = objectAnswer("a project", { id: z.string(), key: z.string() });

/** Every project (`GET project`, Data Center). */
const PROJECTS_ANSWER = listAnswer("a list of projects", { key: z.string(), name: z.string() });

/** One page of `GET project/search` (Cloud). */
const PROJECT_PAGE = objectAnswer("a page of projects", {
  values: z.array(z.looseObject({ key: z.string(), name: z.string() })),
});

/** The answer of `GET projects/picker` (Data Center). */
const PICKER_ANSWER = objectAnswer("the projects matching a query", {
  projects: z.array(z.looseObject({ key: z.string(), name: z.string() })),
});

/** A project's components. */
const COMPONENTS_ANSWER = listAnswer("a project's components", {
  id: z.string(),
  name: z.string(),
});

/** Items asked for per page of create metadata (Cloud allows up to 200). */
const META_PAGE_SIZE = 100;

/** Reads every page of a create-metadata listing (`startAt`/`maxResults`, `total`). */
async function allPages<T>(
  client: HttpClient,
  url: string,
  expect: z.ZodType,
  items: (page: Record<string, unknown>) => T[],
): Promise<T[]> {
  const all: T[] = [];
  for (let startAt = 0;;) {
    const page = await client.get<Record<string, unknown>>(
      url,
      { startAt, maxResults: META_PAGE_SIZE },
      { expect },
    );
    const got = items(page);
    all.push(...got);
    startAt += got.length;
    const size = typeof page.maxResults === "number" ? page.maxResults : META_PAGE_SIZE;
    if (
      got.length === 0 || got.length < size || page.isLast === true ||
      (typeof page.total === "number" && startAt >= page.total)
    ) return all;
  }
}

/** Lists the issue types that can be created in a project (`createmeta/{project}/issuetypes`). */
export function getCreateIssueTypes(
  client: HttpClient,
  projectKey: string,
): Promise<JiraIssueType[]> {
  return allPages(
    client,
    `${apiRoot(client.service)}${path`/issue/createmeta/${projectKey}/issuetypes`}`,
    ISSUE_TYPES_PAGE,
    (page) => (page.issueTypes ?? page.values) as JiraIssueType[],
  );
}

/** Lists the fields of one issue type's create screen in a project. */
export function getCreateFields(
  client: HttpClient,
  projectKey: string,
  issueTypeId: string,
): Promise<JiraCreateField[]> {
  return allPages(
    client,
    `${apiRoot(client.service)}${path`/issue/createmeta/${projectKey}/issuetypes/${issueTypeId}`}`,
    CREATE_FIELDS_PAGE,
    (page) => (page.fields ?? page.values) as JiraCreateField[],
  );
}

/** Reads one project by key or id. */
export function getProject(client: HttpClient, keyOrId: string): Promise<JiraProject> {
  return client.get<JiraProject>(
    `${apiRoot(client.service)}${path`/project/${keyOrId}`}`,
    undefined,
    { expect: PROJECT_ANSWER },
  );
}

/** Options of `listProjects`. */
export interface ListProjectsOptions {
  includeArchived?: boolean;
  /** Only these project keys (Cloud narrows server-side; up to 50 keys). */
  keys?: readonly string[];
  /** Most projects to read through Cloud's pages (Data Center answers all at once). */
  limit: number;
}

/** Most keys `project/search` takes in one request. */
const MAX_KEYS = 50;

/**
 * Lists the projects the user can see, with their descriptions: Cloud pages through
 * `project/search` (archived ones through `status`), Data Center answers `GET project` at once.
 */
export async function listProjects(
  client: HttpClient,
  options: ListProjectsOptions,
): Promise<JiraProject[]> {
  const root = apiRoot(client.service);
  if (client.service.deployment !== "cloud") {
    return await client.get<JiraProject[]>(
      `${root}/project`,
      { expand: "description", includeArchived: options.includeArchived || undefined },
      { expect: PROJECTS_ANSWER },
    );
  }
  const query = new URLSearchParams({ expand: "description" });
  if (options.includeArchived) {
    query.append("status", "live");
    query.append("status", "archived");
  }
  if (options.keys?.length && options.keys.length <= MAX_KEYS) {
    for (const key of options.keys) query.append("keys", key);
  }
  const projects: JiraProject[] = [];
  for await (
    const project of paginateStartAt<JiraProject>(client, `${root}/project/search`, {
      query,
      itemsKey: "values",
      limit: options.limit,
    })
  ) projects.push(project);
  return projects;
}

/** Options of `searchProjects`. */
export interface SearchProjectsOptions {
  /** Most projects to ask for (at most 100). */
  maxResults: number;
  /** Only these project keys (Cloud narrows server-side; up to 50 keys). */
  keys?: readonly string[];
}

/**
 * Finds projects by name or key: Cloud `project/search?query=` (any part of the key or name),
 * Data Center `projects/picker` (word prefixes of the key or name).
 */
export async function searchProjects(
  client: HttpClient,
  text: string,
  options: SearchProjectsOptions,
): Promise<JiraProject[]> {
  const root = apiRoot(client.service);
  const maxResults = Math.min(100, Math.max(1, options.maxResults));
  if (client.service.deployment !== "cloud") {
    const answer = await client.get<{ projects: JiraProject[] }>(
      `${root}/projects/picker`,
      { query: text, maxResults, allowEmptyQuery: text.trim() === "" || undefined },
      { expect: PICKER_ANSWER },
    );
    return answer.projects;
  }
  const query: Query = new URLSearchParams({ query: text, maxResults: String(maxResults) });
  if (options.keys?.length && options.keys.length <= MAX_KEYS) {
    for (const key of options.keys) query.append("keys", key);
  }
  const page = await client.get<{ values: JiraProject[] }>(`${root}/project/search`, query, {
    expect: PROJECT_PAGE,
  });
  return page.values;
}

/** Lists a project's components. */
export function getProjectComponents(
  client: HttpClient,
  projectKey: string,
): Promise<JiraComponent[]> {
  return client.get<JiraComponent[]>(
    `${apiRoot(client.service)}${path`/project/${projectKey}/components`}`,
    undefined,
    { expect: COMPONENTS_ANSWER },
  );
}

/** A project as shown to the assistant. */
export function projectView(project: JiraProject): Record<string, unknown> {
  return {
    key: project.key.toUpperCase(),
    name: project.name,
    id: project.id,
    type: project.projectTypeKey,
    archived: project.archived || undefined,
    lead: userName(project.lead),
    description: typeof project.description === "string" ? project.description.trim() : undefined,
  };
}

/** A component as shown to the assistant. */
export function componentView(component: JiraComponent): Record<string, unknown> {
  return {
    id: component.id,
    name: component.name,
    description: component.description,
    lead: userName(component.lead),
    assignee_type: component.assigneeType,
  };
}

/** An issue type as shown to the assistant. */
export function issueTypeView(type: JiraIssueType): Record<string, unknown> {
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    subtask: type.subtask ?? false,
    hierarchy_level: type.hierarchyLevel,
  };
}

/** A field's type in one word: `string`, `user`, `array<option>`, ... */
export function fieldType(schema: JiraCreateField["schema"]): string | undefined {
  if (!schema?.type) return undefined;
  return schema.items ? `${schema.type}<${schema.items}>` : schema.type;
}

/** Allowed values shown per field; the rest is counted. */
const ALLOWED_VALUES_SHOWN = 20;

/** A create-screen field as shown to the assistant. */
export function createFieldView(
  service: ServiceConfig,
  field: JiraCreateField,
): Record<string, unknown> {
  const allowed = field.allowedValues ?? [];
  return {
    field_id: field.fieldId,
    name: field.name,
    required: field.required,
    type: fieldType(field.schema),
    custom: field.schema?.custom ? true : undefined,
    allowed_values: allowed.slice(0, ALLOWED_VALUES_SHOWN).map((v) => fieldValue(service, v)),
    allowed_values_total: allowed.length > ALLOWED_VALUES_SHOWN ? allowed.length : undefined,
    default: field.hasDefaultValue ? fieldValue(service, field.defaultValue) : undefined,
  };
}
