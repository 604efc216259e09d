/**
 * Jira platform handlers (`/rest/api/3` and `/rest/api/2`) and Jira Software agile handlers
 * (`/rest/agile/1.0`), for both flavours. State lives in `ctx.state`; every write changes it.
 *
 * @module
 */
import {
  bodyObject,
  type Ctx,
  decodeCursor,
  encodeCursor,
  hash,
  intParam,
  jiraDate,
  jiraFail,
  json,
  listParam,
  noContent,
} from "./_http.ts";
import {
  apiBase,
  availableTransitions,
  commentJson,
  DURATION_UNITS,
  expandSet,
  FIELD_DEFS,
  fieldJson,
  fieldMeta,
  fieldSelector,
  issueJson,
  issueTypeJson,
  jiraUser,
  priorityJson,
  projectDetailJson,
  projectJson,
  remoteLinkJson,
  richIn,
  sprintJson,
  statusJson,
  transitionsJson,
  userById,
  userFromRef,
  watchersJson,
  worklogJson,
} from "./_jira_render.ts";
import { optionAllowedValues } from "./_jira_fields.ts";
import { setTimetracking } from "./_jira_people.ts";
import { compileJql, JqlError } from "./_jql.ts";
import {
  type FakeUser,
  type History,
  type Issue,
  newIssue,
  type Project,
  type Worklog,
} from "./_model.ts";

// --- lookups ---------------------------------------------------------------------------------

/** Projects the caller may browse. */
export function visibleProjects(ctx: Ctx): Project[] {
  return ctx.state.projects.filter((p) => p.members.includes(ctx.user.id));
}

function findProject(ctx: Ctx, idOrKey: string): Project {
  const p = visibleProjects(ctx).find((p) =>
    p.key.toLowerCase() === idOrKey.toLowerCase() || p.id === idOrKey
  );
  if (!p) jiraFail(404, [`No project could be found with key '${idOrKey}'.`]);
  return p;
}

/** The issue for a path parameter: 404 when unknown, 403 when its project is not browsable. */
export function findIssue(ctx: Ctx, idOrKey: string): Issue {
  const lower = idOrKey.toLowerCase();
  const issue = ctx.state.issues.find((i) => i.key.toLowerCase() === lower || i.id === idOrKey) ??
    ctx.state.issues.find((i) => i.formerKeys?.some((k) => k.toLowerCase() === lower));
  if (!issue) jiraFail(404, ["Issue does not exist or you do not have permission to see it."]);
  if (!visibleProjects(ctx).some((p) => p.key === issue.projectKey)) {
    jiraFail(403, ["You do not have the permission to see the specified issue."]);
  }
  return issue;
}

const CANNOT_SET = (id: string) =>
  `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

function nameOrId(value: unknown): { name?: string; id?: string; key?: string } | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  return {
    name: typeof v.name === "string" ? v.name : undefined,
    id: v.id !== undefined ? String(v.id) : undefined,
    key: typeof v.key === "string" ? v.key : undefined,
  };
}

// --- myself / server info / fields / projects / users -----------------------------------------

/** GET myself. */
export function getMyself(ctx: Ctx): Response {
  return json({
    ...jiraUser(ctx, ctx.user.id),
    groups: { size: 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: "groups,applicationRoles",
  });
}

/** GET serverInfo (anonymous allowed, as on Jira). */
export function getServerInfo(ctx: Ctx): Response {
  const cloud = ctx.flavour === "cloud";
  return json({
    baseUrl: ctx.origin,
    version: cloud ? "1001.0.0-SNAPSHOT" : "10.3.4",
    versionNumbers: cloud ? [1001, 0, 0] : [10, 3, 4],
    deploymentType: cloud ? "Cloud" : "Server",
    buildNumber: cloud ? 100284 : 10030004,
    buildDate: "2024-03-01T00:00:00.000+0000",
    serverTime: jiraDate(ctx.now.toISOString()),
    scmInfo: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
    serverTitle: "Jira",
  });
}

/** GET field. */
export function getFields(ctx: Ctx): Response {
  return json(FIELD_DEFS.map((f) => fieldJson(ctx, f)));
}

/** GET status. */
export function getStatuses(ctx: Ctx): Response {
  return json(ctx.state.statuses.map((s) => statusJson(ctx, s)));
}

/** GET priority. */
export function getPriorities(ctx: Ctx): Response {
  return json(ctx.state.priorities.map((p) => priorityJson(ctx, p)));
}

/** GET issuetype. */
export function getIssueTypes(ctx: Ctx): Response {
  return json(ctx.state.issueTypes.map((t) => issueTypeJson(ctx, t)));
}

function projectWithExpand(ctx: Ctx, p: Project): Record<string, unknown> {
  const expand = expandSet(ctx.query.get("expand") ?? "");
  const out = projectJson(ctx, p);
  if (expand.has("description")) out.description = p.description;
  if (expand.has("lead")) out.lead = jiraUser(ctx, p.lead);
  if (expand.has("issueTypes")) {
    out.issueTypes = p.issueTypeIds.map((id) =>
      issueTypeJson(ctx, ctx.state.issueTypes.find((t) => t.id === id)!)
    );
  }
  return out;
}

/** GET project (all browsable projects, as an array; archived ones with `includeArchived`). */
export function getProjects(ctx: Ctx): Response {
  const archived = ctx.query.get("includeArchived") === "true";
  return json(
    visibleProjects(ctx).filter((p) => archived || !p.archived)
      .map((p) => projectWithExpand(ctx, p)),
  );
}

/** GET project/search (Cloud; startAt/maxResults/isLast paging). */
export function searchProjects(ctx: Ctx): Response {
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 100);
  const q = (ctx.query.get("query") ?? "").toLowerCase();
  const keys = listParam(ctx.query, "keys");
  const status = listParam(ctx.query, "status") ?? ["live"];
  const all = visibleProjects(ctx).filter((p) =>
    (!q || p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q)) &&
    (!keys || keys.includes(p.key)) && status.includes(p.archived ? "archived" : "live")
  );
  const page = all.slice(startAt, startAt + maxResults);
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/project/search?startAt=${startAt}&maxResults=${maxResults}`,
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + maxResults >= all.length,
    values: page.map((p) => projectWithExpand(ctx, p)),
  };
  if (!out.isLast) {
    out.nextPage = `${apiBase(ctx)}/project/search?startAt=${
      startAt + maxResults
    }&maxResults=${maxResults}`;
  }
  return json(out);
}

/** GET project/{projectIdOrKey}. */
export function getProject(ctx: Ctx): Response {
  return json(projectDetailJson(ctx, findProject(ctx, ctx.params.projectIdOrKey)));
}

function matchesUser(u: FakeUser, q: string): boolean {
  const lower = q.toLowerCase();
  if (!lower) return true;
  return [u.displayName, u.email, u.name, ...u.displayName.split(" ")].some((s) =>
    s.toLowerCase().startsWith(lower)
  ) ||
    u.accountId === q;
}

/** GET user/search. */
export function searchUsers(ctx: Ctx): Response {
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 1000);
  let users: FakeUser[];
  if (ctx.flavour === "cloud") {
    const query = ctx.query.get("query");
    const accountId = ctx.query.get("accountId");
    if (query === null && accountId === null) {
      jiraFail(400, ["One of the query parameters 'query' or 'accountId' is required."]);
    }
    users = ctx.state.users.filter((u) =>
      (accountId === null || u.accountId === accountId) && (query === null || matchesUser(u, query))
    );
  } else {
    const username = ctx.query.get("username");
    if (username === null) jiraFail(400, ["The username query parameter was not provided"]);
    users = ctx.state.users.filter((u) => username === "." || matchesUser(u, username));
  }
  return json(users.slice(startAt, startAt + maxResults).map((u) => jiraUser(ctx, u.id)));
}

/** GET user/assignable/search. */
export function searchAssignable(ctx: Ctx): Response {
  const projectKey = ctx.query.get("project");
  const issueKey = ctx.query.get("issueKey");
  let project: Project;
  if (issueKey) {
    project = ctx.state.projects.find((p) => p.key === findIssue(ctx, issueKey).projectKey)!;
  } else if (projectKey) project = findProject(ctx, projectKey);
  else jiraFail(400, ["The project or issueKey query parameter was not provided"]);
  const q = ctx.flavour === "cloud"
    ? ctx.query.get("query") ?? ""
    : ctx.query.get("username") ?? "";
  const accountId = ctx.query.get("accountId");
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 1000);
  const users = ctx.state.users.filter((u) =>
    project.members.includes(u.id) && matchesUser(u, q) && (!accountId || u.accountId === accountId)
  );
  return json(users.slice(startAt, startAt + maxResults).map((u) => jiraUser(ctx, u.id)));
}

/** GET user (Cloud `accountId`, DC `username` or `key`). */
export function getUser(ctx: Ctx): Response {
  let u: FakeUser | undefined;
  if (ctx.flavour === "cloud") {
    const accountId = ctx.query.get("accountId");
    if (!accountId) jiraFail(400, ["The query parameter 'accountId' is required."]);
    u = ctx.state.users.find((x) => x.accountId === accountId);
    if (!u) {
      jiraFail(404, ["Specified user does not exist or you do not have required permissions"]);
    }
  } else {
    const username = ctx.query.get("username");
    const key = ctx.query.get("key");
    if (!username && !key) {
      jiraFail(400, ["Either the 'username' or the 'key' query parameters need to be provided"]);
    }
    u = ctx.state.users.find((x) =>
      (username && x.name === username) || (key && x.jiraKey === key)
    );
    if (!u) {
      jiraFail(404, [
        username
          ? `The user named '${username}' does not exist`
          : `The user with the key '${key}' does not exist`,
      ]);
    }
  }
  return json({
    ...jiraUser(ctx, u.id),
    groups: { size: 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: "groups,applicationRoles",
  });
}

// --- createmeta ------------------------------------------------------------------------------

function createFields(ctx: Ctx, project: Project, typeId: string) {
  const type = ctx.state.issueTypes.find((t) => t.id === typeId)!;
  const ids = [
    "summary",
    "issuetype",
    "project",
    "description",
    "reporter",
    "assignee",
    "priority",
    "labels",
    "duedate",
  ];
  if (type.subtask) ids.push("parent");
  else if (type.name !== "Epic") {
    if (ctx.flavour === "cloud") ids.push("parent");
    ids.push("customfield_10014", "customfield_10016", "customfield_10020");
  }
  if (type.name === "Bug") ids.push("customfield_10030", "customfield_10031");
  const required = new Set([
    "summary",
    "issuetype",
    "project",
    ...(type.subtask ? ["parent"] : []),
  ]);
  return ids.map((id) => {
    const meta = fieldMeta(ctx, FIELD_DEFS.find((f) => f.id === id)!, required.has(id), project);
    if (id === "issuetype") meta.allowedValues = [issueTypeJson(ctx, type)];
    const options = optionAllowedValues(ctx, id, project);
    if (options) meta.allowedValues = options;
    return meta;
  });
}

function paged<T>(ctx: Ctx, items: T[], cloudKey: string): Record<string, unknown> {
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 200);
  const page = items.slice(startAt, startAt + maxResults);
  if (ctx.flavour === "cloud") {
    return { [cloudKey]: page, maxResults, startAt, total: items.length };
  }
  return {
    maxResults,
    startAt,
    total: items.length,
    isLast: startAt + maxResults >= items.length,
    values: page,
  };
}

/** GET issue/createmeta/{projectIdOrKey}/issuetypes. */
export function createMetaIssueTypes(ctx: Ctx): Response {
  const project = findProject(ctx, ctx.params.projectIdOrKey);
  const types = project.issueTypeIds.map((id) =>
    issueTypeJson(ctx, ctx.state.issueTypes.find((t) => t.id === id)!)
  );
  return json(paged(ctx, types, "issueTypes"));
}

/** GET issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}. */
export function createMetaFields(ctx: Ctx): Response {
  const project = findProject(ctx, ctx.params.projectIdOrKey);
  const typeId = ctx.params.issueTypeId;
  if (!project.issueTypeIds.includes(typeId)) {
    jiraFail(404, [`Issue type with id '${typeId}' does not exist.`]);
  }
  return json(paged(ctx, createFields(ctx, project, typeId), "fields"));
}

// --- issues ----------------------------------------------------------------------------------

/** GET issue/{issueIdOrKey}. */
export function getIssue(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  return json(issueJson(ctx, issue, {
    select: fieldSelector(listParam(ctx.query, "fields"), "*all"),
    expand: expandSet(ctx.query.getAll("expand").join(",")),
    properties: listParam(ctx.query, "properties"),
  }));
}

type Draft = Issue;

/** Applies one `set` of a field to a draft; problems go to `errors`. */
function setField(
  ctx: Ctx,
  draft: Draft,
  id: string,
  value: unknown,
  errors: Record<string, string>,
): void {
  const { state } = ctx;
  const project = state.projects.find((p) => p.key === draft.projectKey)!;
  switch (id) {
    case "summary":
      if (typeof value !== "string" || value.trim() === "") {
        errors.summary = "You must specify a summary of the issue.";
      } else if (value.length > 255) errors.summary = "Summary must be less than 255 characters.";
      else draft.summary = value;
      return;
    case "description":
      draft.description = richIn(ctx, value, "description");
      return;
    case "assignee":
    case "reporter": {
      const ref = value as Record<string, unknown> | null;
      if (id === "assignee" && ref && (ref.accountId === "-1" || ref.name === "-1")) {
        draft.assignee = project.lead;
        return;
      }
      const u = userFromRef(ctx, value);
      if (u === undefined) {
        const who = ref && typeof ref === "object"
          ? String(ref.accountId ?? ref.name ?? ref.key ?? ref.id ?? "")
          : String(value);
        errors[id] = ctx.flavour === "cloud"
          ? "Specified user does not exist or you do not have required permissions"
          : `User '${who}' does not exist.`;
        return;
      }
      if (id === "assignee" && u && !project.members.includes(u.id)) {
        errors.assignee = `User '${
          ctx.flavour === "cloud" ? u.accountId : u.name
        }' cannot be assigned issues.`;
        return;
      }
      if (id === "assignee") draft.assignee = u ? u.id : null;
      else if (u) draft.reporter = u.id;
      else errors.reporter = "Reporter is required.";
      return;
    }
    case "priority": {
      const ref = nameOrId(value);
      const p = ref && state.priorities.find((p) => p.id === ref.id || p.name === ref.name);
      if (!p) errors.priority = "The priority selected is invalid.";
      else draft.priorityId = p.id;
      return;
    }
    case "labels":
      if (!Array.isArray(value) || value.some((l) => typeof l !== "string")) {
        errors.labels = "Operation value must be an array of strings";
        return;
      }
      for (const l of value as string[]) {
        if (/\s/.test(l)) {
          errors.labels = `The label '${l}' contains spaces which is invalid.`;
          return;
        }
      }
      draft.labels = [...new Set(value as string[])];
      return;
    case "duedate":
      if (value === null) draft.duedate = null;
      else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        draft.duedate = value;
      } else errors.duedate = `Error parsing date string: ${String(value)}`;
      return;
    case "parent": {
      if (value === null) {
        draft.parentKey = null;
        return;
      }
      const ref = nameOrId(value);
      const parent = ref && state.issues.find((i) => i.key === ref.key || i.id === ref.id);
      if (!parent || parent.key === draft.key) errors.parent = "Could not find issue by id or key.";
      else if (parent.projectKey !== draft.projectKey) {
        errors.parent = "Parent issue must belong to the same project.";
      } else draft.parentKey = parent.key;
      return;
    }
    case "issuetype": {
      const ref = nameOrId(value);
      const t = ref &&
        state.issueTypes.find((t) =>
          (t.id === ref.id || t.name === ref.name) && project.issueTypeIds.includes(t.id)
        );
      if (!t) errors.issuetype = "The issue type selected is invalid.";
      else draft.typeId = t.id;
      return;
    }
    case "customfield_10014": {
      if (value === null) {
        draft.epicLink = null;
        return;
      }
      const epic = typeof value === "string"
        ? state.issues.find((i) => i.key === value)
        : undefined;
      if (!epic || epic.typeId !== "10000") {
        errors.customfield_10014 = `Epic '${String(value)}' does not exist or is not an epic.`;
      } else draft.epicLink = epic.key;
      return;
    }
    case "customfield_10016":
      if (value !== null && typeof value !== "number") {
        errors.customfield_10016 = "Operation value must be a number";
      } else draft.storyPoints = value as number | null;
      return;
    case "customfield_10020": {
      if (value === null) {
        draft.sprintIds = [];
        return;
      }
      const sprint = typeof value === "number"
        ? state.sprints.find((s) => s.id === value)
        : undefined;
      if (!sprint) errors.customfield_10020 = `Sprint with id ${String(value)} does not exist.`;
      else {draft.sprintIds = [
          ...draft.sprintIds.filter((id) =>
            state.sprints.find((s) => s.id === id)?.state === "closed"
          ),
          sprint.id,
        ];}
      return;
    }
    case "timetracking":
      setTimetracking(draft, value, errors);
      return;
    default:
      errors[id] = CANNOT_SET(id);
  }
}

function addComment(ctx: Ctx, issue: Issue, body: unknown): Issue["comments"][number] {
  const rich = richIn(ctx, body, "comment");
  if (
    rich === null || (typeof rich === "string" ? rich.trim() === "" : rich.content.length === 0)
  ) {
    jiraFail(400, [], { comment: "Comment body can not be empty!" });
  }
  const now = ctx.now.toISOString();
  const c = {
    id: String(ctx.state.seq.comment++),
    author: ctx.user.id,
    updateAuthor: ctx.user.id,
    body: rich,
    created: now,
    updated: now,
  };
  issue.comments.push(c);
  issue.updated = now;
  return c;
}

function applyUpdate(
  ctx: Ctx,
  draft: Draft,
  update: unknown,
  errors: Record<string, string>,
  pendingComments: unknown[],
): void {
  if (update === undefined) return;
  if (!update || typeof update !== "object") {
    errors.update = "Operation value must be an object";
    return;
  }
  for (const [id, ops] of Object.entries(update as Record<string, unknown>)) {
    if (!Array.isArray(ops)) {
      errors[id] = "Operation value must be an array of operations";
      continue;
    }
    for (const op of ops as Record<string, unknown>[]) {
      if (id === "comment") {
        const add = op?.add as Record<string, unknown> | undefined;
        if (add) pendingComments.push(add.body);
        else errors.comment = "Only the 'add' operation is supported for comments here.";
      } else if (id === "labels") {
        if ("add" in op) draft.labels = [...new Set([...draft.labels, String(op.add)])];
        else if ("remove" in op) draft.labels = draft.labels.filter((l) => l !== op.remove);
        else if ("set" in op) setField(ctx, draft, id, op.set, errors);
      } else if ("set" in op && FIELD_DEFS.some((f) => f.id === id && f.editable)) {
        setField(ctx, draft, id, op.set, errors);
      } else errors[id] = CANNOT_SET(id);
    }
  }
}

function recordChanges(ctx: Ctx, before: Issue, after: Issue): void {
  const items: History["items"] = [];
  const push = (
    field: string,
    fieldId: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toString: string | null,
  ) => items.push({ field, fieldId, from, fromString, to, toString });
  const { state } = ctx;
  if (before.summary !== after.summary) {
    push("summary", "summary", null, before.summary, null, after.summary);
  }
  if (before.statusId !== after.statusId) {
    push(
      "status",
      "status",
      before.statusId,
      state.statuses.find((s) => s.id === before.statusId)!.name,
      after.statusId,
      state.statuses.find((s) => s.id === after.statusId)!.name,
    );
  }
  if (before.assignee !== after.assignee) {
    const ref = (id: string | null) =>
      id === null ? null : ctx.flavour === "cloud" ? userById(ctx, id)!.accountId : id;
    const name = (id: string | null) => id === null ? null : userById(ctx, id)!.displayName;
    push(
      "assignee",
      "assignee",
      ref(before.assignee),
      name(before.assignee),
      ref(after.assignee),
      name(after.assignee),
    );
  }
  if (before.priorityId !== after.priorityId) {
    push(
      "priority",
      "priority",
      before.priorityId,
      state.priorities.find((p) => p.id === before.priorityId)!.name,
      after.priorityId,
      state.priorities.find((p) => p.id === after.priorityId)!.name,
    );
  }
  if (before.labels.join(" ") !== after.labels.join(" ")) {
    push("labels", "labels", null, before.labels.join(" "), null, after.labels.join(" "));
  }
  if (JSON.stringify(before.description) !== JSON.stringify(after.description)) {
    push("description", "description", null, null, null, null);
  }
  if (before.resolution !== after.resolution) {
    push("resolution", "resolution", null, before.resolution, null, after.resolution);
  }
  if (before.storyPoints !== after.storyPoints) {
    push(
      "Story Points",
      "customfield_10016",
      null,
      before.storyPoints?.toString() ?? null,
      null,
      after.storyPoints?.toString() ?? null,
    );
  }
  if (items.length) {
    after.changelog.push({
      id: String(state.seq.history++),
      author: ctx.user.id,
      created: ctx.now.toISOString(),
      items,
    });
  }
}

function commit(ctx: Ctx, issue: Issue, draft: Draft): void {
  recordChanges(ctx, issue, draft);
  Object.assign(issue, draft, { updated: ctx.now.toISOString() });
}

/** POST issue. */
export function createIssue(ctx: Ctx): Response {
  const { state } = ctx;
  const b = bodyObject(ctx);
  const fields = (b.fields && typeof b.fields === "object" ? b.fields : {}) as Record<
    string,
    unknown
  >;
  const errors: Record<string, string> = {};
  const pref = nameOrId(fields.project);
  let project: Project | undefined;
  if (!pref) errors.project = "Specify a valid project ID or key";
  else {
    project = visibleProjects(ctx).find((p) => p.id === pref.id || p.key === pref.key);
    if (!project) errors.project = "valid project is required";
  }
  const tref = nameOrId(fields.issuetype);
  const type = tref && state.issueTypes.find((t) => t.id === tref.id || t.name === tref.name);
  if (!tref) errors.issuetype = "Specify an issue type";
  else if (!type || (project && !project.issueTypeIds.includes(type.id))) {
    errors.issuetype = "The issue type selected is invalid.";
  }
  if (typeof fields.summary !== "string" || fields.summary.trim() === "") {
    errors.summary = "You must specify a summary of the issue.";
  }
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  const now = ctx.now.toISOString();
  const draft: Draft = newIssue({
    id: String(state.seq.issue),
    key: `${project!.key}-${state.seq.projectNext[project!.key] ?? 1}`,
    typeId: type!.id,
    summary: "",
    reporter: ctx.user.id,
    created: now,
    watchers: [ctx.user.id],
  });
  for (const [id, value] of Object.entries(fields)) {
    if (id === "project" || id === "issuetype") continue;
    setField(ctx, draft, id, value, errors);
  }
  const pendingComments: unknown[] = [];
  applyUpdate(ctx, draft, b.update, errors, pendingComments);
  if (type!.subtask && !draft.parentKey) {
    errors.parent = "Issue type is a sub-task but parent issue key or id not specified.";
  }
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  state.seq.issue++;
  state.seq.projectNext[project!.key] = (state.seq.projectNext[project!.key] ?? 1) + 1;
  state.issues.push(draft);
  for (const c of pendingComments) addComment(ctx, draft, c);
  return json({ id: draft.id, key: draft.key, self: `${apiBase(ctx)}/issue/${draft.id}` }, 201);
}

/** PUT issue/{issueIdOrKey}. */
export function editIssue(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const b = bodyObject(ctx);
  const draft: Draft = structuredClone(issue);
  const errors: Record<string, string> = {};
  if (b.fields !== undefined && (typeof b.fields !== "object" || b.fields === null)) {
    errors.fields = "Operation value must be an object";
  }
  for (const [id, value] of Object.entries((b.fields ?? {}) as Record<string, unknown>)) {
    setField(ctx, draft, id, value, errors);
  }
  const pendingComments: unknown[] = [];
  applyUpdate(ctx, draft, b.update, errors, pendingComments);
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  commit(ctx, issue, draft);
  for (const c of pendingComments) addComment(ctx, issue, c);
  if (ctx.query.get("returnIssue") === "true" && ctx.flavour === "cloud") {
    return json(
      issueJson(ctx, issue, {
        select: fieldSelector(undefined, "*all"),
        expand: expandSet(ctx.query.get("expand") ?? ""),
      }),
    );
  }
  return noContent();
}

/** DELETE issue/{issueIdOrKey}. */
export function deleteIssue(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const subtasks = ctx.state.issues.filter((i) =>
    i.parentKey === issue.key && ctx.state.issueTypes.find((t) => t.id === i.typeId)?.subtask
  );
  if (subtasks.length && ctx.query.get("deleteSubtasks") !== "true") {
    jiraFail(400, [
      "The issue has subtasks. Set deleteSubtasks to true to delete the issue and its subtasks.",
    ]);
  }
  const gone = new Set([issue.key, ...subtasks.map((s) => s.key)]);
  ctx.state.issues = ctx.state.issues.filter((i) => !gone.has(i.key));
  for (const i of ctx.state.issues) {
    if (i.parentKey && gone.has(i.parentKey)) i.parentKey = null;
    if (i.epicLink && gone.has(i.epicLink)) i.epicLink = null;
  }
  return noContent();
}

/** PUT issue/{issueIdOrKey}/assignee. */
export function assignIssue(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const draft = structuredClone(issue);
  const errors: Record<string, string> = {};
  const body = ctx.body === undefined ? null : ctx.body;
  const ref = body as Record<string, unknown> | null;
  const unassign = ref === null ||
    (typeof ref === "object" && (ref.accountId === null || ref.name === null));
  setField(ctx, draft, "assignee", unassign ? null : ref, errors);
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  commit(ctx, issue, draft);
  return noContent();
}

/** GET issue/{issueIdOrKey}/transitions. */
export function getTransitions(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const only = ctx.query.get("transitionId");
  const withFields = expandSet(ctx.query.get("expand") ?? "").has("transitions.fields");
  const list = transitionsJson(ctx, issue, withFields).filter((t) => !only || t.id === only);
  return json({ expand: "transitions", transitions: list });
}

/** POST issue/{issueIdOrKey}/transitions. */
export function doTransition(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const b = bodyObject(ctx);
  const ref = nameOrId(b.transition);
  if (!ref?.id) jiraFail(400, ["Missing 'transition' identifier"]);
  const t = availableTransitions(ctx, issue).find((t) => t.id === ref.id);
  if (!t) jiraFail(400, [`Transition id '${ref.id}' is not valid for this issue.`]);
  const draft = structuredClone(issue);
  const errors: Record<string, string> = {};
  for (const [id, value] of Object.entries((b.fields ?? {}) as Record<string, unknown>)) {
    if (id === "resolution") {
      const r = nameOrId(value);
      if (!r?.name && !r?.id) errors.resolution = "The resolution selected is invalid.";
      else draft.resolution = r.name ?? "Done";
    } else if (id === "assignee") setField(ctx, draft, id, value, errors);
    else errors[id] = CANNOT_SET(id);
  }
  const pendingComments: unknown[] = [];
  const update = b.update as Record<string, unknown> | undefined;
  if (update) {
    for (const id of Object.keys(update)) if (id !== "comment") errors[id] = CANNOT_SET(id);
    applyUpdate(ctx, draft, { comment: update.comment ?? [] }, errors, pendingComments);
  }
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  draft.statusId = t.to;
  const done = ctx.state.statuses.find((s) => s.id === t.to)!.category === "done";
  if (done) {
    draft.resolution ??= "Done";
    draft.resolutiondate = ctx.now.toISOString();
  } else {
    draft.resolution = null;
    draft.resolutiondate = null;
  }
  commit(ctx, issue, draft);
  for (const c of pendingComments) addComment(ctx, issue, c);
  return noContent();
}

/** GET issue/{issueIdOrKey}/comment. */
export function getComments(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 5000);
  const order = ctx.query.get("orderBy") ?? "created";
  const rendered = expandSet(ctx.query.get("expand") ?? "").has("renderedBody");
  const list = [...issue.comments];
  if (order.startsWith("-")) list.reverse();
  return json({
    startAt,
    maxResults,
    total: list.length,
    comments: list.slice(startAt, startAt + maxResults).map((c) =>
      commentJson(ctx, issue, c, rendered)
    ),
  });
}

/** POST issue/{issueIdOrKey}/comment. */
export function postComment(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const c = addComment(ctx, issue, bodyObject(ctx).body ?? null);
  return json(commentJson(ctx, issue, c), 201);
}

function findComment(ctx: Ctx, issue: Issue) {
  const c = issue.comments.find((c) => c.id === ctx.params.id);
  if (!c) jiraFail(404, [`Can not find a comment for the id: ${ctx.params.id}.`]);
  return c;
}

/** GET issue/{issueIdOrKey}/comment/{id}. */
export function getComment(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const rendered = expandSet(ctx.query.get("expand") ?? "").has("renderedBody");
  return json(commentJson(ctx, issue, findComment(ctx, issue), rendered));
}

/** PUT issue/{issueIdOrKey}/comment/{id}. */
export function putComment(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const c = findComment(ctx, issue);
  if (c.author !== ctx.user.id) {
    jiraFail(403, ["You do not have the permission to edit this comment."]);
  }
  const rich = richIn(ctx, bodyObject(ctx).body ?? null, "comment");
  if (rich === null) jiraFail(400, [], { comment: "Comment body can not be empty!" });
  c.body = rich;
  c.updated = ctx.now.toISOString();
  c.updateAuthor = ctx.user.id;
  return json(commentJson(ctx, issue, c));
}

/** DELETE issue/{issueIdOrKey}/comment/{id}. */
export function deleteComment(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const c = findComment(ctx, issue);
  issue.comments = issue.comments.filter((x) => x !== c);
  return noContent();
}

// --- worklogs --------------------------------------------------------------------------------

/**
 * Seconds of a duration in Jira's notation (`1w 2d 3h 30m`, `1.5h`, `90` = minutes) with the
 * default 8h day and 5d week; null when it is not one.
 */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (s === "") return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 60);
  const token = /(\d+(?:\.\d+)?)\s*([wdhm])\s*/y;
  let seconds = 0;
  let m: RegExpExecArray | null;
  while (token.lastIndex < s.length && (m = token.exec(s))) {
    seconds += Number(m[1]) * DURATION_UNITS[m[2] as keyof typeof DURATION_UNITS];
  }
  return token.lastIndex === s.length ? Math.round(seconds) : null;
}

const INVALID_DURATION = "Invalid time duration entered.";

/** `timeSpent` (or `timeSpentSeconds`) of a worklog request, in seconds; 400 like Jira. */
function timeSpentOf(b: Record<string, unknown>): number {
  const raw = b.timeSpent ?? null;
  if (raw !== null) {
    const seconds = typeof raw === "string" || typeof raw === "number"
      ? parseDuration(String(raw))
      : null;
    if (seconds === null || seconds <= 0) jiraFail(400, [], { timeLogged: INVALID_DURATION });
    return seconds;
  }
  const secs = b.timeSpentSeconds ?? null;
  if (secs === null) {
    jiraFail(400, [], { timeLogged: "You must indicate the time spent working." });
  }
  if (typeof secs !== "number" || !Number.isInteger(secs) || secs <= 0) {
    jiraFail(400, [], { timeLogged: INVALID_DURATION });
  }
  return secs;
}

/** Jira's worklog date `2024-03-20T09:00:00.000+0100` as an ISO UTC string; 400 otherwise. */
function startedOf(value: unknown, now: Date): string {
  if (value === undefined || value === null) return now.toISOString();
  const m = typeof value === "string"
    ? /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})([+-]\d{2})(\d{2})$/.exec(value)
    : null;
  const date = m ? new Date(`${m[1]}${m[2]}:${m[3]}`) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    jiraFail(400, [
      `Cannot deserialize value of type \`java.util.Date\` from String ${
        JSON.stringify(String(value))
      }: expected format "yyyy-MM-dd'T'HH:mm:ss.SSSZ"`,
    ]);
  }
  return date.toISOString();
}

/** GET issue/{issueIdOrKey}/worklog (Cloud: startAt/maxResults/startedAfter/startedBefore). */
export function getWorklogs(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  if (ctx.flavour === "datacenter") {
    // Jira DC takes no paging parameters here: every worklog, startAt 0, maxResults = total.
    const all = issue.worklogs.map((w) => worklogJson(ctx, issue, w));
    return json({ startAt: 0, maxResults: all.length, total: all.length, worklogs: all });
  }
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 5000, 1, 5000);
  const after = intParam(ctx.query, "startedAfter", Number.MIN_SAFE_INTEGER, -Infinity);
  const before = intParam(ctx.query, "startedBefore", Number.MAX_SAFE_INTEGER, -Infinity);
  const list = issue.worklogs.filter((w) => {
    const t = Date.parse(w.started);
    return t >= after && t < before;
  });
  return json({
    startAt,
    maxResults,
    total: list.length,
    worklogs: list.slice(startAt, startAt + maxResults).map((w) => worklogJson(ctx, issue, w)),
  });
}

/** POST issue/{issueIdOrKey}/worklog: `{timeSpent | timeSpentSeconds, started?, comment?}`. */
export function postWorklog(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const b = bodyObject(ctx);
  const timeSpentSeconds = timeSpentOf(b);
  const started = startedOf(b.started, ctx.now);
  const comment = b.comment === undefined ? null : richIn(ctx, b.comment, "comment");
  const now = ctx.now.toISOString();
  const w: Worklog = {
    id: String(ctx.state.seq.worklog++),
    author: ctx.user.id,
    updateAuthor: ctx.user.id,
    comment,
    started,
    timeSpentSeconds,
    created: now,
    updated: now,
  };
  issue.worklogs.push(w);
  issue.updated = now;
  return json(worklogJson(ctx, issue, w), 201);
}

// --- watchers and remote links ------------------------------------------------------------------

/** GET issue/{issueIdOrKey}/watchers. */
export function getWatchers(ctx: Ctx): Response {
  return json(watchersJson(ctx, findIssue(ctx, ctx.params.issueIdOrKey)));
}

/** GET issue/{issueIdOrKey}/remotelink: every link, or the one with `globalId` (404 if none). */
export function getRemoteLinks(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const globalId = ctx.query.get("globalId");
  if (globalId === null) return json(issue.remoteLinks.map((l) => remoteLinkJson(ctx, issue, l)));
  const link = issue.remoteLinks.find((l) => l.globalId === globalId);
  if (!link) jiraFail(404, ["No remote link with the given global ID exists."]);
  return json(remoteLinkJson(ctx, issue, link));
}

// --- search ----------------------------------------------------------------------------------

function runJql(ctx: Ctx, jql: string) {
  try {
    const compiled = compileJql(jql, {
      state: ctx.state,
      user: ctx.user,
      now: ctx.now,
      projects: visibleProjects(ctx),
    });
    return { compiled, issues: ctx.state.issues.filter(compiled.filter).sort(compiled.compare) };
  } catch (e) {
    if (e instanceof JqlError) jiraFail(400, e.messages);
    throw e;
  }
}

function topLevelMeta(
  out: Record<string, unknown>,
  issues: Record<string, unknown>[],
  expand: Set<string>,
) {
  const ids = new Set(issues.flatMap((i) => Object.keys(i.fields as object)));
  if (expand.has("names")) {
    out.names = Object.fromEntries(
      FIELD_DEFS.filter((f) => ids.has(f.id)).map((f) => [f.id, f.name]),
    );
  }
  if (expand.has("schema")) {
    out.schema = Object.fromEntries(
      FIELD_DEFS.filter((f) => ids.has(f.id)).map((f) => [f.id, f.schema]),
    );
  }
}

function issueExpand(expand: Set<string>): Set<string> {
  return new Set([...expand].filter((e) => e !== "names" && e !== "schema"));
}

/** Cloud `POST /rest/api/3/search/approximate-count`: the number of matches of a bounded JQL. */
export function countJql(ctx: Ctx): Response {
  const jql = String(bodyObject(ctx).jql ?? "");
  const { compiled, issues } = runJql(ctx, jql);
  if (!compiled.bounded) {
    jiraFail(400, [
      "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
    ]);
  }
  return json({ count: issues.length });
}

/** GET/POST /rest/api/3/search/jql (Cloud: nextPageToken paging, default fields = id). */
export function searchJql(ctx: Ctx): Response {
  const b = ctx.method === "POST" ? bodyObject(ctx) : undefined;
  const jql = String(b ? b.jql ?? "" : ctx.query.get("jql") ?? "");
  const token = b
    ? (b.nextPageToken as string | undefined) ?? null
    : ctx.query.get("nextPageToken");
  const fieldList = b
    ? (Array.isArray(b.fields) ? b.fields.map(String) : undefined)
    : listParam(ctx.query, "fields");
  const expand = expandSet(b ? b.expand : ctx.query.getAll("expand").join(","));
  const properties = b
    ? (Array.isArray(b.properties) ? b.properties.map(String) : undefined)
    : listParam(ctx.query, "properties");
  const { compiled, issues } = runJql(ctx, jql);
  if (!compiled.bounded) {
    jiraFail(400, [
      "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
    ]);
  }
  const idOnly = !fieldList || fieldList.every((f) => f === "id" || f === "key");
  const rawMax = b ? b.maxResults : ctx.query.get("maxResults");
  const maxResults = Math.max(
    1,
    Math.min(
      idOnly ? 5000 : 100,
      rawMax === undefined || rawMax === null || rawMax === "" ? 50 : Number(rawMax) || 50,
    ),
  );
  let offset = 0;
  if (token) {
    const o = decodeCursor(String(token), hash(jql));
    if (o === null) jiraFail(400, ["The provided next page token is invalid or expired."]);
    offset = o;
  }
  const page = issues.slice(offset, offset + maxResults).map((i) =>
    issueJson(ctx, i, {
      select: fieldSelector(fieldList, "id"),
      expand: issueExpand(expand),
      properties,
    })
  );
  const out: Record<string, unknown> = { issues: page };
  const isLast = offset + maxResults >= issues.length;
  if (!isLast) out.nextPageToken = encodeCursor(offset + maxResults, hash(jql));
  out.isLast = isLast;
  topLevelMeta(out, page, expand);
  return json(out);
}

/** GET/POST /rest/api/{2,3}/search on Cloud: removed by Atlassian (410). */
export function searchRemoved(_ctx: Ctx): Response {
  jiraFail(410, [
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
  ]);
}

/** GET/POST /rest/api/2/search on Data Center (startAt/maxResults/total, maxResults <= 50). */
export function searchDc(ctx: Ctx): Response {
  const b = ctx.method === "POST" ? bodyObject(ctx) : undefined;
  const jql = String(b ? b.jql ?? "" : ctx.query.get("jql") ?? "");
  const startAt = Math.max(0, b ? Number(b.startAt ?? 0) || 0 : intParam(ctx.query, "startAt", 0));
  const rawMax = b ? Number(b.maxResults ?? 50) : intParam(ctx.query, "maxResults", 50);
  const maxResults = Math.max(0, Math.min(50, Number.isFinite(rawMax) ? rawMax : 50));
  const fieldList = b
    ? (Array.isArray(b.fields) ? b.fields.map(String) : undefined)
    : listParam(ctx.query, "fields");
  const expand = expandSet(b ? b.expand : ctx.query.getAll("expand").join(","));
  const properties = b
    ? (Array.isArray(b.properties) ? b.properties.map(String) : undefined)
    : listParam(ctx.query, "properties");
  const { issues } = runJql(ctx, jql);
  const page = issues.slice(startAt, startAt + maxResults).map((i) =>
    issueJson(ctx, i, {
      select: fieldSelector(fieldList, "*navigable"),
      expand: issueExpand(expand),
      properties,
    })
  );
  const out: Record<string, unknown> = {
    expand: "schema,names",
    startAt,
    maxResults,
    total: issues.length,
    issues: page,
  };
  topLevelMeta(out, page, expand);
  return json(out);
}

// --- agile -----------------------------------------------------------------------------------

function boardJson(ctx: Ctx, boardId: number): Record<string, unknown> {
  const b = ctx.state.boards.find((x) => x.id === boardId)!;
  const p = ctx.state.projects.find((x) => x.key === b.projectKey)!;
  return {
    id: b.id,
    self: `${ctx.origin}/rest/agile/1.0/board/${b.id}`,
    name: b.name,
    type: b.type,
    location: {
      projectId: Number(p.id),
      displayName: `${p.name} (${p.key})`,
      projectName: p.name,
      projectKey: p.key,
      projectTypeKey: "software",
      avatarURI: `/secure/projectavatar?size=small&pid=${p.id}`,
      name: `${p.name} (${p.key})`,
    },
  };
}

function visibleBoards(ctx: Ctx) {
  const keys = new Set(visibleProjects(ctx).map((p) => p.key));
  return ctx.state.boards.filter((b) => keys.has(b.projectKey));
}

/** The board of the route's `boardId`, when the user can see it (else Jira's 404). */
export function findBoard(ctx: Ctx) {
  const b = visibleBoards(ctx).find((b) => String(b.id) === ctx.params.boardId);
  if (!b) jiraFail(404, ["Board does not exist or you do not have permission to see it."]);
  return b;
}

/** The sprint of the route's `sprintId`, when the user can see its board (else Jira's 404). */
export function findSprint(ctx: Ctx) {
  const s = ctx.state.sprints.find((s) => String(s.id) === ctx.params.sprintId);
  if (!s || !visibleBoards(ctx).some((b) => b.id === s.boardId)) {
    jiraFail(404, [
      "The requested sprint cannot be viewed because it either does not exist or you do not have permission to view it.",
    ]);
  }
  return s;
}

function valuesPage<T>(ctx: Ctx, items: T[]): Record<string, unknown> {
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 50);
  return {
    maxResults,
    startAt,
    total: items.length,
    isLast: startAt + maxResults >= items.length,
    values: items.slice(startAt, startAt + maxResults),
  };
}

/** GET agile board. */
export function getBoards(ctx: Ctx): Response {
  const type = ctx.query.get("type");
  const name = ctx.query.get("name")?.toLowerCase();
  const project = ctx.query.get("projectKeyOrId");
  const boards = visibleBoards(ctx).filter((b) => {
    const p = ctx.state.projects.find((p) => p.key === b.projectKey)!;
    return (!type || b.type === type) && (!name || b.name.toLowerCase().includes(name)) &&
      (!project || p.key === project || p.id === project);
  });
  return json(valuesPage(ctx, boards.map((b) => boardJson(ctx, b.id))));
}

/** GET agile board/{boardId}. */
export function getBoard(ctx: Ctx): Response {
  return json(boardJson(ctx, findBoard(ctx).id));
}

/** GET agile board/{boardId}/sprint. */
export function getBoardSprints(ctx: Ctx): Response {
  const board = findBoard(ctx);
  if (board.type !== "scrum") jiraFail(400, ["The board does not support sprints"]);
  const states = listParam(ctx.query, "state");
  const sprints = ctx.state.sprints.filter((s) =>
    s.boardId === board.id && (!states || states.includes(s.state))
  );
  return json(valuesPage(ctx, sprints.map((s) => sprintJson(ctx, s))));
}

/** GET agile sprint/{sprintId}. */
export function getSprint(ctx: Ctx): Response {
  return json(sprintJson(ctx, findSprint(ctx)));
}

function agileIssues(ctx: Ctx, scope: (i: Issue) => boolean): Response {
  const jql = ctx.query.get("jql") ?? "";
  // Agile lists are ordered by rank unless the JQL says otherwise (rank = key order here).
  const { issues } = runJql(ctx, /\border\s+by\b/i.test(jql) ? jql : `${jql} ORDER BY rank ASC`);
  const matching = issues.filter(scope);
  const startAt = intParam(ctx.query, "startAt", 0);
  const maxResults = intParam(ctx.query, "maxResults", 50, 1, 50);
  const select = fieldSelector(listParam(ctx.query, "fields"), "*navigable");
  const expand = expandSet(ctx.query.getAll("expand").join(","));
  const page = matching.slice(startAt, startAt + maxResults).map((i) => {
    const out = issueJson(ctx, i, { select, expand });
    out.self = `${ctx.origin}/rest/agile/1.0/issue/${i.id}`;
    const fields = out.fields as Record<string, unknown>;
    const open = i.sprintIds.map((id) => ctx.state.sprints.find((s) => s.id === id)!).filter((s) =>
      s && s.state !== "closed"
    );
    if (select("sprint") || select("customfield_10020") || !listParam(ctx.query, "fields")) {
      fields.sprint = open.length ? sprintJson(ctx, open[open.length - 1]) : null;
      fields.closedSprints = i.sprintIds.map((id) => ctx.state.sprints.find((s) => s.id === id)!)
        .filter((s) => s?.state === "closed")
        .map((s) => sprintJson(ctx, s));
      fields.flagged = false;
      const epic = i.epicLink ? ctx.state.issues.find((e) => e.key === i.epicLink) : undefined;
      fields.epic = epic
        ? {
          id: Number(epic.id),
          key: epic.key,
          self: `${ctx.origin}/rest/agile/1.0/epic/${epic.id}`,
          name: epic.summary,
          summary: epic.summary,
          color: { key: "color_4" },
          done: ctx.state.statuses.find((s) => s.id === epic.statusId)!.category === "done",
        }
        : null;
    }
    return out;
  });
  return json({
    expand: "schema,names",
    startAt,
    maxResults,
    total: matching.length,
    issues: page,
  });
}

/** GET agile board/{boardId}/issue. */
export function getBoardIssues(ctx: Ctx): Response {
  const board = findBoard(ctx);
  return agileIssues(ctx, (i) => i.projectKey === board.projectKey);
}

/** GET agile sprint/{sprintId}/issue. */
export function getSprintIssues(ctx: Ctx): Response {
  const sprint = findSprint(ctx);
  return agileIssues(ctx, (i) => i.sprintIds.includes(sprint.id));
}

/** POST agile sprint/{sprintId}/issue: move issues into a sprint. */
export function moveToSprint(ctx: Ctx): Response {
  const sprint = findSprint(ctx);
  if (sprint.state === "closed") jiraFail(400, ["Cannot move issues to a closed sprint."]);
  const keys = bodyObject(ctx).issues;
  if (!Array.isArray(keys) || !keys.length) {
    jiraFail(400, ["The 'issues' field is required and must contain at least one issue."]);
  }
  if (keys.length > 50) jiraFail(400, ["Maximum 50 issues can be moved at once."]);
  const issues = keys.map((k) => findIssue(ctx, String(k)));
  for (const i of issues) {
    i.sprintIds = [
      ...i.sprintIds.filter((id) => ctx.state.sprints.find((s) => s.id === id)?.state === "closed"),
      sprint.id,
    ];
    i.updated = ctx.now.toISOString();
  }
  return noContent();
}
