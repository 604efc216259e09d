/**
 * Jira issue links and link types, remote link creation, and watcher changes, for both flavours
 * (`/rest/api/3` and `/rest/api/2` on Cloud, `/rest/api/2` on Data Center).
 *
 * A link is stored by issue ids as `source` -> `destination`; it reads "source <outward phrase>
 * destination" ("DEMO-4 blocks DEMO-2"). As on Jira, `POST issueLink` takes the source as
 * `inwardIssue` and the destination as `outwardIssue`, `GET issueLink/{id}` answers the same
 * way, and an issue's `issuelinks` field lists the other end only: `outwardIssue` on the source,
 * `inwardIssue` on the destination.
 *
 * @module
 */
import { bodyObject, type Ctx, jiraFail, json, noContent } from "./_http.ts";
import { findIssue, visibleProjects } from "./_jira.ts";
import { apiBase, issueTypeJson, priorityJson, richIn, statusJson } from "./_jira_render.ts";
import type { FakeUser, Issue, IssueLink, IssueLinkType, RemoteLink, RichText } from "./_model.ts";

// --- link types --------------------------------------------------------------------------------

function linkTypeJson(ctx: Ctx, t: IssueLinkType): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    inward: t.inward,
    outward: t.outward,
    self: `${apiBase(ctx)}/issueLinkType/${t.id}`,
  };
}

/** GET issueLinkType. */
export function getIssueLinkTypes(ctx: Ctx): Response {
  return json({ issueLinkTypes: ctx.state.issueLinkTypes.map((t) => linkTypeJson(ctx, t)) });
}

// --- issue links -------------------------------------------------------------------------------

function canBrowse(ctx: Ctx, issue: Issue): boolean {
  return visibleProjects(ctx).some((p) => p.key === issue.projectKey);
}

/** An end of a link as Jira shows it: id, key and a few fields. */
function linkedIssueJson(ctx: Ctx, i: Issue): Record<string, unknown> {
  const { state } = ctx;
  return {
    id: i.id,
    key: i.key,
    self: `${apiBase(ctx)}/issue/${i.id}`,
    fields: {
      summary: i.summary,
      status: statusJson(ctx, state.statuses.find((s) => s.id === i.statusId)!),
      priority: priorityJson(ctx, state.priorities.find((p) => p.id === i.priorityId)!),
      issuetype: issueTypeJson(ctx, state.issueTypes.find((t) => t.id === i.typeId)!),
    },
  };
}

/**
 * The `issuelinks` field of an issue: one entry per link, naming the other end only. Links whose
 * other end was deleted or cannot be browsed are left out, as on Jira.
 */
export function issueLinksJson(ctx: Ctx, issue: Issue): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const link of ctx.state.issueLinks) {
    const fromHere = link.source === issue.id;
    if (!fromHere && link.destination !== issue.id) continue;
    const other = ctx.state.issues.find((i) =>
      i.id === (fromHere ? link.destination : link.source)
    );
    const type = ctx.state.issueLinkTypes.find((t) => t.id === link.typeId);
    if (!other || !type || !canBrowse(ctx, other)) continue;
    out.push({
      id: link.id,
      self: `${apiBase(ctx)}/issueLink/${link.id}`,
      type: linkTypeJson(ctx, type),
      [fromHere ? "outwardIssue" : "inwardIssue"]: linkedIssueJson(ctx, other),
    });
  }
  return out;
}

/** The issue an `{key}` or `{id}` reference names (404 unknown, 403 not browsable). */
function issueOfRef(ctx: Ctx, ref: unknown, field: string): Issue {
  const r = ref && typeof ref === "object" ? ref as Record<string, unknown> : {};
  const idOrKey = r.key ?? r.id;
  if (typeof idOrKey !== "string" && typeof idOrKey !== "number") {
    jiraFail(400, [`The ${field} must have an id or a key.`]);
  }
  return findIssue(ctx, String(idOrKey));
}

/**
 * POST issueLink: `{type: {id | name}, inwardIssue, outwardIssue, comment?: {body}}`. A link that
 * exists already is not made twice (the answer is 201 all the same); the comment goes to the
 * source (`inwardIssue`). 201 without a body.
 */
export function createIssueLink(ctx: Ctx): Response {
  const { state } = ctx;
  const b = bodyObject(ctx);
  const ref = (b.type && typeof b.type === "object" ? b.type : {}) as Record<string, unknown>;
  const type = state.issueLinkTypes.find((t) =>
    (ref.id !== undefined && t.id === String(ref.id)) ||
    (ref.id === undefined && ref.name !== undefined && t.name === ref.name)
  );
  if (!type) {
    jiraFail(404, [`No issue link type with name '${String(ref.name ?? ref.id ?? "")}' found.`]);
  }
  const source = issueOfRef(ctx, b.inwardIssue, "inwardIssue");
  const destination = issueOfRef(ctx, b.outwardIssue, "outwardIssue");
  let body: RichText | null = null;
  if (b.comment !== undefined) {
    const comment = (b.comment && typeof b.comment === "object" ? b.comment : {}) as Record<
      string,
      unknown
    >;
    body = richIn(ctx, comment.body ?? null, "comment");
    const empty = body === null ||
      (typeof body === "string" ? body.trim() === "" : body.content.length === 0);
    if (empty) jiraFail(400, [], { comment: "Comment body can not be empty!" });
  }
  const now = ctx.now.toISOString();
  const exists = state.issueLinks.some((l) =>
    l.typeId === type.id && l.source === source.id && l.destination === destination.id
  );
  if (!exists) {
    state.issueLinks.push({
      id: String(state.seq.issueLink++),
      typeId: type.id,
      source: source.id,
      destination: destination.id,
    });
    source.updated = now;
    destination.updated = now;
  }
  if (body !== null) {
    source.comments.push({
      id: String(state.seq.comment++),
      author: ctx.user.id,
      updateAuthor: ctx.user.id,
      body,
      created: now,
      updated: now,
    });
    source.updated = now;
  }
  return new Response(null, { status: 201 });
}

/** The link of the path's `linkId` with both its ends: 400 not a number, 404 unknown or hidden. */
function findLink(ctx: Ctx): { link: IssueLink; source: Issue; destination: Issue } {
  const id = ctx.params.linkId;
  if (!/^\d+$/.test(id)) jiraFail(400, [`The issue link id '${id}' is not valid.`]);
  const link = ctx.state.issueLinks.find((l) => l.id === id);
  const source = link && ctx.state.issues.find((i) => i.id === link.source);
  const destination = link && ctx.state.issues.find((i) => i.id === link.destination);
  if (!link || !source || !destination || !canBrowse(ctx, source) || !canBrowse(ctx, destination)) {
    jiraFail(404, [`No issue link with id '${id}' exists.`]);
  }
  return { link, source, destination };
}

/** GET issueLink/{linkId}. */
export function getIssueLink(ctx: Ctx): Response {
  const { link, source, destination } = findLink(ctx);
  const type = ctx.state.issueLinkTypes.find((t) => t.id === link.typeId)!;
  return json({
    id: link.id,
    self: `${apiBase(ctx)}/issueLink/${link.id}`,
    type: linkTypeJson(ctx, type),
    inwardIssue: linkedIssueJson(ctx, source),
    outwardIssue: linkedIssueJson(ctx, destination),
  });
}

/** DELETE issueLink/{linkId}. */
export function deleteIssueLink(ctx: Ctx): Response {
  const { link, source, destination } = findLink(ctx);
  ctx.state.issueLinks = ctx.state.issueLinks.filter((l) => l !== link);
  const now = ctx.now.toISOString();
  source.updated = now;
  destination.updated = now;
  return noContent();
}

// --- remote links --------------------------------------------------------------------------------

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * POST issue/{issueIdOrKey}/remotelink: `{globalId?, application?, relationship?, object: {url,
 * title, summary?, icon?, status?}}`. A known `globalId` updates that link (200), otherwise a
 * new link is made (201); both answer `{id, self}`.
 */
export function createRemoteLink(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const b = bodyObject(ctx);
  if (!b.object || typeof b.object !== "object") {
    jiraFail(400, [], { object: "'object' is required." });
  }
  const o = b.object as Record<string, unknown>;
  const errors: Record<string, string> = {};
  if (!text(o.url)) errors.url = "'url' is required.";
  if (!text(o.title)) errors.title = "'title' is required.";
  if (Object.keys(errors).length) jiraFail(400, [], errors);
  const app = (b.application && typeof b.application === "object" ? b.application : {}) as Record<
    string,
    unknown
  >;
  const icon = (o.icon && typeof o.icon === "object" ? o.icon : {}) as Record<string, unknown>;
  const status = (o.status && typeof o.status === "object" ? o.status : {}) as Record<
    string,
    unknown
  >;
  const globalId = text(b.globalId);
  const existing = globalId ? issue.remoteLinks.find((l) => l.globalId === globalId) : undefined;
  const link: RemoteLink = {
    id: existing?.id ?? ctx.state.seq.remoteLink++,
    globalId,
    application: { type: text(app.type), name: text(app.name) },
    relationship: text(b.relationship),
    object: {
      url: text(o.url),
      title: text(o.title),
      summary: text(o.summary),
      icon: { url16x16: text(icon.url16x16), title: text(icon.title) },
      status: { resolved: status.resolved === true },
    },
  };
  if (existing) Object.assign(existing, link);
  else issue.remoteLinks.push(link);
  issue.updated = ctx.now.toISOString();
  return json(
    { id: link.id, self: `${apiBase(ctx)}/issue/${issue.key}/remotelink/${link.id}` },
    existing ? 200 : 201,
  );
}

// --- watchers ------------------------------------------------------------------------------------

/** The user a watcher request names: Cloud by account id, Data Center by user name. */
function watcherUser(ctx: Ctx, id: string): FakeUser {
  const cloud = ctx.flavour === "cloud";
  const user = ctx.state.users.find((u) => cloud ? u.accountId === id : u.name === id);
  if (!user) {
    jiraFail(
      404,
      [cloud ? `The user with account ID '${id}' does not exist.` : `User '${id}' does not exist.`],
    );
  }
  return user;
}

/**
 * Only the project lead may change other users' watching (the "Manage watcher list"
 * permission); everyone may change their own. Cloud answers 403, Data Center 401.
 */
function assertMayManage(ctx: Ctx, issue: Issue, user: FakeUser): void {
  if (user.id === ctx.user.id) return;
  const lead = ctx.state.projects.find((p) => p.key === issue.projectKey)?.lead;
  if (lead !== ctx.user.id) {
    jiraFail(ctx.flavour === "cloud" ? 403 : 401, [
      "You do not have the permission to manage the watcher list.",
    ]);
  }
}

/**
 * POST issue/{issueIdOrKey}/watchers: the body is the user as a bare JSON string (Cloud account
 * id, Data Center user name; DC also takes `?userName=`); no user = the caller. 204.
 */
export function addWatcher(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  if (ctx.body !== undefined && typeof ctx.body !== "string") {
    jiraFail(400, [
      "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)",
    ]);
  }
  const named = ctx.body ??
    (ctx.flavour === "datacenter" ? ctx.query.get("userName") ?? undefined : undefined);
  const user = named === undefined ? ctx.user : watcherUser(ctx, named as string);
  assertMayManage(ctx, issue, user);
  if (!issue.watchers.includes(user.id)) issue.watchers.push(user.id);
  return noContent();
}

/**
 * DELETE issue/{issueIdOrKey}/watchers: Cloud `?accountId=` (required), Data Center
 * `?username=` or `?userName=` (required). Removing a user who does not watch is a no-op. 204.
 */
export function removeWatcher(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const named = ctx.flavour === "cloud"
    ? ctx.query.get("accountId")
    : ctx.query.get("username") ?? ctx.query.get("userName");
  if (!named) {
    jiraFail(400, [
      ctx.flavour === "cloud"
        ? "The accountId query parameter must be provided."
        : "The username query parameter was not provided.",
    ]);
  }
  const user = watcherUser(ctx, named);
  assertMayManage(ctx, issue, user);
  issue.watchers = issue.watchers.filter((id) => id !== user.id);
  return noContent();
}
