/**
 * Jira project handlers: a project's versions and components, creating, reading and updating
 * versions, and the Data Center project picker. Both flavours; Cloud v3 and v2 answer alike.
 *
 * @module
 */
import { bodyObject, type Ctx, intParam, jiraFail, json, MONTHS } from "./_http.ts";
import { visibleProjects } from "./_jira.ts";
import { apiBase, jiraUser } from "./_jira_render.ts";
import type { Component, Project, Version } from "./_model.ts";

// --- lookups ---------------------------------------------------------------------------------

/** The browsable project of a path parameter (key, case-insensitive, or id), else 404. */
function projectOf(ctx: Ctx, idOrKey: string): Project {
  const p = visibleProjects(ctx).find((p) =>
    p.key.toLowerCase() === idOrKey.toLowerCase() || p.id === idOrKey
  );
  if (!p) jiraFail(404, [`No project could be found with key '${idOrKey}'.`]);
  return p;
}

/** The version of a path parameter, when its project is browsable, else 404. */
function versionOf(ctx: Ctx, id: string): Version {
  const v = ctx.state.versions.find((v) => v.id === id);
  if (!v || !visibleProjects(ctx).some((p) => p.id === v.projectId)) {
    jiraFail(404, [`Could not find version for id '${id}'`]);
  }
  return v;
}

// --- JSON shapes -----------------------------------------------------------------------------

/** Jira's user-facing date: `29/Feb/24`. */
function userDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d}/${MONTHS[m - 1]}/${String(y).slice(2)}`;
}

/** Jira's version object (empty description and unset dates left out, as Jira does). */
export function versionJson(ctx: Ctx, v: Version): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/version/${v.id}`,
    id: v.id,
    name: v.name,
    archived: v.archived,
    released: v.released,
  };
  if (v.description) out.description = v.description;
  if (v.startDate) {
    out.startDate = v.startDate;
    out.userStartDate = userDate(v.startDate);
  }
  if (v.releaseDate) {
    out.releaseDate = v.releaseDate;
    out.userReleaseDate = userDate(v.releaseDate);
    out.overdue = !v.released && v.releaseDate < ctx.now.toISOString().slice(0, 10);
  }
  out.projectId = Number(v.projectId);
  return out;
}

/** Jira's component object. */
function componentJson(ctx: Ctx, c: Component, project: Project): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/component/${c.id}`,
    id: c.id,
    name: c.name,
    assigneeType: c.assigneeType,
    realAssigneeType: c.assigneeType === "COMPONENT_LEAD" && !c.lead
      ? "PROJECT_DEFAULT"
      : c.assigneeType,
    isAssigneeTypeValid: true,
    project: project.key,
    projectId: Number(project.id),
  };
  if (c.description) out.description = c.description;
  if (c.lead) {
    out.lead = jiraUser(ctx, c.lead);
    if (ctx.flavour === "datacenter") out.leadUserName = c.lead;
  }
  return out;
}

// --- versions and components -----------------------------------------------------------------

/** GET project/{projectIdOrKey}/versions: every version, in sequence. */
export function getProjectVersions(ctx: Ctx): Response {
  const project = projectOf(ctx, ctx.params.projectIdOrKey);
  return json(
    ctx.state.versions.filter((v) => v.projectId === project.id).map((v) => versionJson(ctx, v)),
  );
}

/** GET project/{projectIdOrKey}/components. */
export function getProjectComponents(ctx: Ctx): Response {
  const project = projectOf(ctx, ctx.params.projectIdOrKey);
  return json(
    ctx.state.components.filter((c) => c.projectKey === project.key)
      .map((c) => componentJson(ctx, c, project)),
  );
}

/** GET version/{id}. */
export function getVersion(ctx: Ctx): Response {
  return json(versionJson(ctx, versionOf(ctx, ctx.params.id)));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FORMAT = 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".';

/** A date attribute of a version body: absent (undefined), cleared (null) or `yyyy-mm-dd`. */
function dateOf(
  b: Record<string, unknown>,
  key: "startDate" | "releaseDate",
  errors: Record<string, string>,
): string | null | undefined {
  const value = b[key];
  if (value === undefined) return undefined;
  if (value === null || value === "") return null;
  const parsed = typeof value === "string" && DATE.test(value)
    ? new Date(`${value}T00:00:00Z`)
    : null;
  if (!parsed || isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    errors[key] = DATE_FORMAT;
    return undefined;
  }
  return value;
}

/**
 * Applies a version body (create or update) to `draft`, collecting Jira's field errors: a name
 * is required, at most 255 characters and unique in the project (case-insensitively); the
 * start date may not be after the release date.
 */
function applyVersionBody(
  ctx: Ctx,
  draft: Version,
  b: Record<string, unknown>,
  creating: boolean,
): void {
  const errors: Record<string, string> = {};
  if (b.name !== undefined || creating) {
    const name = typeof b.name === "string" ? b.name.trim() : "";
    if (!name) errors.name = "You must specify a valid version name";
    else if (name.length > 255) errors.name = "The version name must not exceed 255 characters.";
    else if (
      ctx.state.versions.some((v) =>
        v.projectId === draft.projectId && v.id !== draft.id &&
        v.name.toLowerCase() === name.toLowerCase()
      )
    ) errors.name = "A version with this name already exists in this project.";
    else draft.name = name;
  }
  if (b.description !== undefined) {
    draft.description = typeof b.description === "string" ? b.description : "";
  }
  const start = dateOf(b, "startDate", errors);
  const release = dateOf(b, "releaseDate", errors);
  if (start !== undefined) draft.startDate = start;
  if (release !== undefined) draft.releaseDate = release;
  if (draft.startDate && draft.releaseDate && draft.startDate > draft.releaseDate) {
    errors.startDate ??= "The start date must be before the release date.";
  }
  if (typeof b.released === "boolean") draft.released = b.released;
  if (typeof b.archived === "boolean") draft.archived = b.archived;
  if (Object.keys(errors).length) jiraFail(400, [], errors);
}

/** POST version: `projectId` (or the deprecated `project` key) and a unique name; 201. */
export function createVersion(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  let project: Project | undefined;
  if (b.projectId !== undefined) {
    project = visibleProjects(ctx).find((p) => p.id === String(b.projectId));
    if (!project) jiraFail(404, [`No project could be found with id '${b.projectId}'.`]);
  } else if (typeof b.project === "string") {
    project = projectOf(ctx, b.project);
  } else jiraFail(400, [], { project: "Project must be specified to create a version." });
  const draft: Version = {
    id: String(ctx.state.seq.version),
    projectId: project.id,
    name: "",
    description: "",
    startDate: null,
    releaseDate: null,
    released: false,
    archived: false,
  };
  applyVersionBody(ctx, draft, b, true);
  ctx.state.seq.version++;
  ctx.state.versions.push(draft);
  return json(versionJson(ctx, draft), 201);
}

/** PUT version/{id}: changes the attributes given. */
export function updateVersion(ctx: Ctx): Response {
  const version = versionOf(ctx, ctx.params.id);
  const draft = structuredClone(version);
  applyVersionBody(ctx, draft, bodyObject(ctx), false);
  Object.assign(version, draft);
  return json(versionJson(ctx, version));
}

// --- project picker (Data Center) ------------------------------------------------------------

function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Whether a word of the text starts with the query (case-insensitive). */
function wordPrefix(text: string, query: string): boolean {
  return text.toLowerCase().split(/[\s\-_.]+/).some((w) => w.startsWith(query));
}

/**
 * GET projects/picker: projects whose key or a word of whose name starts with `query`; an
 * empty query matches nothing unless `allowEmptyQuery`; at most 100 (0 means 100).
 */
export function projectPicker(ctx: Ctx): Response {
  const query = (ctx.query.get("query") ?? "").trim().toLowerCase();
  const allowEmpty = ctx.query.get("allowEmptyQuery") === "true";
  const requested = intParam(ctx.query, "maxResults", 0, -1);
  const max = requested < 0 ? 0 : requested === 0 ? 100 : Math.min(requested, 100);
  const matches = visibleProjects(ctx).filter((p) =>
    !p.archived &&
    (query ? p.key.toLowerCase().startsWith(query) || wordPrefix(p.name, query) : allowEmpty)
  );
  const shown = matches.slice(0, max);
  return json({
    header: `Showing ${shown.length} of ${matches.length} matching projects`,
    total: matches.length,
    projects: shown.map((p) => ({
      key: p.key,
      name: p.name,
      id: p.id,
      avatar: `${ctx.origin}/secure/projectavatar?size=small&pid=${p.id}`,
      html: `${escapeHtml(p.name)} (${escapeHtml(p.key)})`,
    })),
  });
}
