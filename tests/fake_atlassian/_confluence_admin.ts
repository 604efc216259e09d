/**
 * Confluence administration for the fake: page restrictions (v1 on Cloud and Data Center), the
 * groups they name and the groups a user is in, and on Cloud only the content permission check,
 * space permission assignments (v2), page view analytics and page templates (v1).
 *
 * Who may do what follows one model: everyone (`confluence-users`) reads every space, the
 * administrators (`confluence-administrators`) create, delete and administer in every space, a
 * space's editors create pages in it; page restrictions narrow viewing and editing further.
 *
 * @module
 */
import { groupMembers } from "./_confluence_comments.ts";
import { cursorPage, livePage, siteBase, startLimit, user, v1User } from "./_confluence.ts";
import { bodyObject, type Ctx, json, v1Fail, v2Fail } from "./_http.ts";
import type { FakeState, FakeUser, Page } from "./_model.ts";

// --- state -----------------------------------------------------------------------------------

/** Who one operation of a page is restricted to: user ids and group names. */
export interface RestrictionEntry {
  users: string[];
  groups: string[];
}

/** The restrictions of one page. */
export type PageRestrictions = Record<"read" | "update", RestrictionEntry>;

/** A page template; `spaceKey` null for a global template. */
export interface FakeTemplate {
  id: string;
  name: string;
  description: string;
  spaceKey: string | null;
  labels: string[];
  storage: string;
}

/** The administration state of a site (seeded on first use). */
export interface AdminState {
  /** Restrictions by page id; a page without an entry is unrestricted. */
  restrictions: Record<string, PageRestrictions>;
  /** Total views by page id (Cloud analytics). */
  views: Record<string, number>;
  templates: FakeTemplate[];
}

/** Cloud group ids (Data Center groups have names only). */
export const GROUP_IDS: Record<string, string> = {
  "confluence-users": "8b2f5a1c-0d3e-4f6a-9b7c-000000000001",
  "confluence-administrators": "8b2f5a1c-0d3e-4f6a-9b7c-000000000002",
};

/** The seeded state: Architecture (1002) may be edited only by Alice and the administrators. */
export function seedAdmin(): AdminState {
  return {
    restrictions: {
      "1002": {
        read: { users: [], groups: [] },
        update: { users: ["alice"], groups: ["confluence-administrators"] },
      },
    },
    views: { "1001": 128, "1002": 57, "1003": 23, "1004": 4, "2001": 9 },
    templates: [
      {
        id: "65601",
        name: "Meeting notes",
        description: "Agenda, attendees and action items.",
        spaceKey: null,
        labels: ["meeting-notes"],
        storage:
          "<h2>Attendees</h2><ul><li><p>Name</p></li></ul><h2>Agenda</h2><ol><li><p>Topic</p></li></ol><h2>Action items</h2><ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Owner: task</ac:task-body></ac:task></ac:task-list>",
      },
      {
        id: "65602",
        name: "Decision record",
        description: "One architecture decision.",
        spaceKey: "DOCS",
        labels: ["decision"],
        storage:
          '<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="5e6f7a8b-0000-4000-8000-000000065602"><ac:rich-text-body><p>Status: proposed</p></ac:rich-text-body></ac:structured-macro><h2>Context</h2><p>What forces the decision.</p><h2>Decision</h2><p>What we do.</p>',
      },
      {
        id: "65603",
        name: "Policy",
        description: "A people policy.",
        spaceKey: "HR",
        labels: [],
        storage: "<h2>Scope</h2><p>Who this applies to.</p><h2>Policy</h2><p>The rules.</p>",
      },
    ],
  };
}

function admin(state: FakeState): AdminState {
  return state.admin ??= seedAdmin();
}

function restrictionsOf(ctx: Ctx, pageId: string): PageRestrictions {
  return admin(ctx.state).restrictions[pageId] ??
    { read: { users: [], groups: [] }, update: { users: [], groups: [] } };
}

/** The groups a user is in. */
function groupsOfUser(state: FakeState, id: string): string[] {
  return Object.keys(GROUP_IDS).filter((g) => groupMembers(state, g)?.includes(id));
}

function allows(state: FakeState, entry: RestrictionEntry, userId: string): boolean {
  if (!entry.users.length && !entry.groups.length) return true;
  return entry.users.includes(userId) ||
    groupsOfUser(state, userId).some((g) => entry.groups.includes(g));
}

/** The space permissions (`operation target` pairs) a user has in a space. */
function spaceOperations(state: FakeState, spaceKey: string, userId: string): Set<string> {
  const ops = new Set<string>();
  for (const a of spaceAssignments(state, spaceKey)) {
    const mine = a.type === "user" ? a.id === userId : groupMembers(state, a.id)?.includes(userId);
    if (mine) ops.add(`${a.operation} ${a.target}`);
  }
  return ops;
}

/** Whether a user may do `operation` (read, update, delete) on a page. */
function userMay(state: FakeState, page: Page, userId: string, operation: string): boolean {
  const r = admin(state).restrictions[page.id];
  const ops = spaceOperations(state, page.spaceKey, userId);
  const read = ops.has("read space") && (!r || allows(state, r.read, userId));
  if (operation === "read") return read;
  const edit = read && (!r || allows(state, r.update, userId));
  return edit && ops.has(operation === "update" ? "create page" : "delete page");
}

// --- restrictions ----------------------------------------------------------------------------

function pageOf(ctx: Ctx, id: string): Page {
  const page = livePage(ctx, id);
  if (!page || !userMay(ctx.state, page, ctx.user.id, "read")) {
    v1Fail(404, `No content found with id: ContentId{id=${id}}`);
  }
  return page;
}

function v1Group(ctx: Ctx, name: string): Record<string, unknown> {
  return ctx.flavour === "cloud"
    ? { type: "group", name, id: GROUP_IDS[name], _links: {} }
    : { type: "group", name };
}

function operationView(ctx: Ctx, page: Page, op: "read" | "update"): Record<string, unknown> {
  const entry = restrictionsOf(ctx, page.id)[op];
  const users = entry.users.map((id) => v1User(ctx, user(ctx, id)));
  const groups = entry.groups.map((g) => v1Group(ctx, g));
  const list = (results: unknown[]) => ({
    results,
    start: 0,
    limit: 200,
    size: results.length,
  });
  return {
    operation: op,
    restrictions: { user: list(users), group: list(groups) },
    _expandable: { content: `/rest/api/content/${page.id}` },
    _links: {
      self: `${siteBase(ctx)}/rest/api/content/${page.id}/restriction/byOperation/${op}`,
    },
  };
}

/** GET content/{id}/restriction/byOperation (Cloud and DC). */
export function getRestrictionsByOperation(ctx: Ctx): Response {
  const page = pageOf(ctx, ctx.params.id);
  return json({
    read: operationView(ctx, page, "read"),
    update: operationView(ctx, page, "update"),
  });
}

/** The users a restriction update names, by the id each flavour takes; 400 when unknown. */
function restrictionUsers(ctx: Ctx, items: unknown): string[] {
  const list = Array.isArray(items)
    ? items
    : (items as { results?: unknown[] } | undefined)?.results ?? [];
  return (list as Record<string, unknown>[]).map((item) => {
    const u = ctx.flavour === "cloud"
      ? ctx.state.users.find((x) => x.accountId === item?.accountId)
      : ctx.state.users.find((x) => x.name === item?.username || x.confluenceKey === item?.userKey);
    if (!u) {
      v1Fail(
        400,
        ctx.flavour === "cloud"
          ? `No user found with accountId : ${String(item?.accountId)}`
          : `No user found with username : ${String(item?.username ?? item?.userKey)}`,
      );
    }
    return u.id;
  });
}

/** The groups a restriction update names (Cloud by id, DC by name); 400 when unknown. */
function restrictionGroups(ctx: Ctx, items: unknown): string[] {
  return ((Array.isArray(items) ? items : []) as Record<string, unknown>[]).map((item) => {
    const name = ctx.flavour === "cloud"
      ? Object.keys(GROUP_IDS).find((g) => GROUP_IDS[g] === item?.id)
      : Object.keys(GROUP_IDS).find((g) => g === item?.name);
    if (!name) {
      v1Fail(
        400,
        ctx.flavour === "cloud"
          ? `No group found with id : ${String(item?.id)}`
          : `No group found with name : ${String(item?.name)}`,
      );
    }
    return name;
  });
}

/** PUT content/{id}/restriction (Cloud and DC): replaces read and update restrictions. */
export function putRestrictions(ctx: Ctx): Response {
  const page = pageOf(ctx, ctx.params.id);
  const body = Array.isArray(ctx.body) ? ctx.body : bodyObject(ctx).results;
  if (!Array.isArray(body)) v1Fail(400, "The request body must be a list of restrictions.");
  const next: PageRestrictions = {
    read: { users: [], groups: [] },
    update: { users: [], groups: [] },
  };
  for (const item of body as Record<string, unknown>[]) {
    const op = item?.operation;
    if (op !== "read" && op !== "update") {
      v1Fail(400, `Unsupported restriction operation: ${String(op)}`);
    }
    const r = (item.restrictions ?? {}) as Record<string, unknown>;
    next[op] = { users: restrictionUsers(ctx, r.user), groups: restrictionGroups(ctx, r.group) };
  }
  if (!userMay(ctx.state, page, ctx.user.id, "update")) {
    if (ctx.flavour === "cloud") v1Fail(404, `No content found with id: ContentId{id=${page.id}}`);
    v1Fail(403, `User not permitted to update restrictions of content with id ${page.id}`);
  }
  admin(ctx.state).restrictions[page.id] = next;
  const results = (["read", "update"] as const).map((op) => operationView(ctx, page, op));
  return json({ results, start: 0, limit: 2, size: 2, _links: { base: siteBase(ctx) } });
}

// --- groups ----------------------------------------------------------------------------------

function userFromQuery(ctx: Ctx): FakeUser {
  const q = ctx.query;
  if (ctx.flavour === "cloud") {
    const accountId = q.get("accountId");
    if (!accountId) v1Fail(400, "The accountId query parameter is required.");
    const u = ctx.state.users.find((x) => x.accountId === accountId);
    if (!u) v1Fail(404, `No user found with accountId : ${accountId}`);
    return u;
  }
  const username = q.get("username");
  const key = q.get("key");
  if (!username && !key) {
    v1Fail(400, "Either the username or the key query parameter must be provided.");
  }
  const u = ctx.state.users.find((x) => x.name === username || x.confluenceKey === key);
  if (!u) v1Fail(404, `No user found with username : ${username ?? key}`);
  return u;
}

/** GET user/memberof (Cloud by accountId, DC by username or key). */
export function getMemberOf(ctx: Ctx): Response {
  const u = userFromQuery(ctx);
  return startLimit(ctx, groupsOfUser(ctx.state, u.id).map((g) => v1Group(ctx, g)), 200, 200);
}

/** GET group/picker (Cloud): groups whose name contains `query`. */
export function groupPicker(ctx: Ctx): Response {
  const query = ctx.query.get("query");
  if (!query) v1Fail(400, "The query parameter is required.");
  const hits = Object.keys(GROUP_IDS).filter((g) => g.includes(query.toLowerCase()));
  return startLimit(ctx, hits.map((g) => v1Group(ctx, g)), 200, 200);
}

/** GET group/by-id (Cloud). */
export function groupById(ctx: Ctx): Response {
  const id = ctx.query.get("id") ?? "";
  const name = Object.keys(GROUP_IDS).find((g) => GROUP_IDS[g] === id);
  if (!name) v1Fail(404, `No group found with id : ${id}`);
  return json(v1Group(ctx, name));
}

/** GET group/{groupName} (DC). */
export function getGroup(ctx: Ctx): Response {
  const name = ctx.params.groupName;
  if (!groupMembers(ctx.state, name)) v1Fail(404, `Group not found: ${name}`);
  return json(v1Group(ctx, name));
}

// --- Cloud permissions -----------------------------------------------------------------------

/** One permission assignment of a space: a user (id) or group (name) may do `operation target`. */
interface Assignment {
  type: "user" | "group";
  id: string;
  operation: string;
  target: string;
}

function spaceAssignments(state: FakeState, spaceKey: string): Assignment[] {
  const space = state.spaces.find((s) => s.key === spaceKey);
  if (!space) return [];
  const group = (id: string, operation: string, target: string): Assignment => ({
    type: "group",
    id,
    operation,
    target,
  });
  return [
    group("confluence-users", "read", "space"),
    group("confluence-users", "create", "comment"),
    group("confluence-administrators", "read", "space"),
    group("confluence-administrators", "create", "page"),
    group("confluence-administrators", "delete", "page"),
    group("confluence-administrators", "administer", "space"),
    ...space.editors.map((id): Assignment => ({
      type: "user",
      id,
      operation: "create",
      target: "page",
    })),
  ];
}

/** GET /wiki/api/v2/spaces/{id}/permissions (Cloud). */
export function getSpacePermissions(ctx: Ctx): Response {
  const space = ctx.state.spaces.find((s) => String(s.id) === ctx.params.id);
  if (!space) v2Fail(404, "Space not found");
  const results = spaceAssignments(ctx.state, space.key).map((a, i) => ({
    id: String(space.id * 100 + i),
    principal: {
      type: a.type,
      id: a.type === "user" ? user(ctx, a.id).accountId : GROUP_IDS[a.id],
    },
    operation: { key: a.operation, targetType: a.target },
  }));
  return cursorPage(ctx, results, 25);
}

/** POST content/{id}/permission/check (Cloud). */
export function checkPermission(ctx: Ctx): Response {
  const page = pageOf(ctx, ctx.params.id);
  const body = bodyObject(ctx);
  const subject = (body.subject ?? {}) as Record<string, unknown>;
  const operation = body.operation;
  if (operation !== "read" && operation !== "update" && operation !== "delete") {
    v1Fail(400, `Invalid operation: ${String(operation)}`);
  }
  if (subject.type !== "user" && subject.type !== "group") {
    v1Fail(400, `Invalid subject type: ${String(subject.type)}`);
  }
  const isAdmin = groupsOfUser(ctx.state, ctx.user.id).includes("confluence-administrators");
  if (!(subject.type === "user" && subject.identifier === ctx.user.accountId) && !isAdmin) {
    v1Fail(403, "Only Confluence administrators can check permissions of other users or groups.");
  }
  let allowed: boolean;
  if (subject.type === "user") {
    const u = ctx.state.users.find((x) => x.accountId === subject.identifier);
    if (!u) v1Fail(400, `No user found with accountId : ${String(subject.identifier)}`);
    allowed = userMay(ctx.state, page, u.id, operation);
  } else {
    const name = Object.keys(GROUP_IDS).find((g) => GROUP_IDS[g] === subject.identifier);
    if (!name) v1Fail(400, `No group found with id : ${String(subject.identifier)}`);
    // A group may do what every one of its members may.
    const members = groupMembers(ctx.state, name) ?? [];
    allowed = members.length > 0 && members.every((id) => userMay(ctx.state, page, id, operation));
  }
  return json({
    hasPermission: allowed,
    errors: allowed ? [] : [{
      translation: `The ${subject.type} does not have ${operation} permission on this content.`,
      args: [],
    }],
    _links: {},
  });
}

// --- Cloud analytics and templates ------------------------------------------------------------

/** GET analytics/content/{contentId}/views (Cloud). */
export function getPageViews(ctx: Ctx): Response {
  const page = pageOf(ctx, ctx.params.contentId);
  return json({ id: Number(page.id), count: admin(ctx.state).views[page.id] ?? 0 });
}

function templateView(ctx: Ctx, t: FakeTemplate, withBody: boolean): Record<string, unknown> {
  return {
    templateId: t.id,
    name: t.name,
    description: t.description,
    templateType: "page",
    editorVersion: "v2",
    labels: t.labels.map((name, i) => ({
      prefix: "global",
      name,
      id: String(Number(t.id) * 10 + i),
      label: name,
    })),
    ...(t.spaceKey ? { space: { key: t.spaceKey } } : {}),
    body: withBody ? { storage: { value: t.storage, representation: "storage" } } : {},
    _expandable: withBody ? {} : { body: "" },
    _links: { self: `${siteBase(ctx)}/rest/api/template/${t.id}` },
  };
}

function wantsBody(ctx: Ctx): boolean {
  return (ctx.query.get("expand") ?? "").split(",").some((e) =>
    e === "body" || e === "body.storage"
  );
}

/** GET template/page (Cloud): a space's templates, or the global ones. */
export function listTemplates(ctx: Ctx): Response {
  const spaceKey = ctx.query.get("spaceKey");
  if (spaceKey && !ctx.state.spaces.some((s) => s.key === spaceKey)) {
    v1Fail(404, `No space with key : ${spaceKey}`);
  }
  const templates = admin(ctx.state).templates.filter((t) => t.spaceKey === (spaceKey || null));
  return startLimit(ctx, templates.map((t) => templateView(ctx, t, wantsBody(ctx))), 25, 200);
}

/** GET template/{contentTemplateId} (Cloud): 403 for an unknown id, as Atlassian answers. */
export function getTemplate(ctx: Ctx): Response {
  const t = admin(ctx.state).templates.find((x) => x.id === ctx.params.contentTemplateId);
  if (!t) v1Fail(403, `Could not find or access template with id ${ctx.params.contentTemplateId}`);
  return json(templateView(ctx, t, wantsBody(ctx)));
}
