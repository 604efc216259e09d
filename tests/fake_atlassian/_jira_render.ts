/**
 * JSON shapes of Jira entities as Jira answers them: users, projects, statuses, issue types,
 * priorities, sprints, fields, and issues (with `fields=`, `expand=` and `properties=`).
 * Cloud v3 returns ADF; Cloud v2 and agile return the wiki rendering of the stored ADF; Data
 * Center returns its stored wiki markup.
 *
 * @module
 */
import { type Ctx, jiraDate, jiraFail } from "./_http.ts";
import type {
  Comment,
  FakeUser,
  History,
  Issue,
  IssueType,
  Priority,
  Project,
  RemoteLink,
  RichText,
  Sprint,
  Status,
  Worklog,
} from "./_model.ts";
import { type AdfDoc, adfToHtml, adfToWiki, isAdfDoc, wikiToAdf, wikiToHtml } from "./_rich.ts";
import { issueLinksJson } from "./_jira_links.ts";
import { issueAttachmentsJson } from "./_jira_attachments.ts";
import { MONTHS } from "./_http.ts";

/** `http://host/rest/api/<2|3>`. */
export function apiBase(ctx: Ctx): string {
  return `${ctx.origin}/rest/api/${ctx.jiraApi}`;
}

/** Finds a user by internal id. */
export function userById(ctx: Ctx, id: string): FakeUser | undefined {
  return ctx.state.users.find((u) => u.id === id);
}

/** Jira's user object (Cloud: accountId; DC: name + key). */
export function jiraUser(ctx: Ctx, id: string | null): Record<string, unknown> | null {
  if (!id) return null;
  const u = userById(ctx, id);
  if (!u) return null;
  const avatar = (size: number) => `${ctx.origin}/secure/useravatar?size=${size}&ownerId=${u.name}`;
  const avatarUrls = {
    "48x48": avatar(48),
    "24x24": avatar(24),
    "16x16": avatar(16),
    "32x32": avatar(32),
  };
  if (ctx.flavour === "cloud") {
    return {
      self: `${apiBase(ctx)}/user?accountId=${encodeURIComponent(u.accountId)}`,
      accountId: u.accountId,
      accountType: "atlassian",
      emailAddress: u.email,
      avatarUrls,
      displayName: u.displayName,
      active: true,
      timeZone: u.timeZone,
      locale: "en_US",
    };
  }
  return {
    self: `${ctx.origin}/rest/api/2/user?username=${encodeURIComponent(u.name)}`,
    key: u.jiraKey,
    name: u.name,
    emailAddress: u.email,
    avatarUrls,
    displayName: u.displayName,
    active: true,
    timeZone: u.timeZone,
    locale: "en_US",
  };
}

/** Resolves a user reference from a request body (`{accountId}` on Cloud, `{name}`/`{key}` on DC). */
export function userFromRef(ctx: Ctx, ref: unknown): FakeUser | undefined | null {
  if (ref === null) return null;
  if (!ref || typeof ref !== "object") return undefined;
  const r = ref as Record<string, unknown>;
  if (ctx.flavour === "cloud") {
    const id = r.accountId ?? r.id;
    if (id === null) return null;
    return ctx.state.users.find((u) => u.accountId === id);
  }
  if (r.name === null || r.key === null) return null;
  return ctx.state.users.find((u) =>
    (r.name !== undefined && u.name === r.name) || (r.key !== undefined && u.jiraKey === r.key)
  );
}

const CATEGORIES = {
  new: { id: 2, key: "new", colorName: "blue-gray", name: "To Do" },
  indeterminate: { id: 4, key: "indeterminate", colorName: "yellow", name: "In Progress" },
  done: { id: 3, key: "done", colorName: "green", name: "Done" },
};

/** Jira's status object. */
export function statusJson(ctx: Ctx, s: Status): Record<string, unknown> {
  const cat = CATEGORIES[s.category];
  return {
    self: `${apiBase(ctx)}/status/${s.id}`,
    description: "",
    iconUrl: `${ctx.origin}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: { self: `${apiBase(ctx)}/statuscategory/${cat.id}`, ...cat },
  };
}

/** Jira's issue type object. */
export function issueTypeJson(ctx: Ctx, t: IssueType): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${ctx.origin}/images/icons/issuetypes/${t.icon}.svg`,
    name: t.name,
    subtask: t.subtask,
  };
  if (ctx.flavour === "cloud") out.hierarchyLevel = t.hierarchyLevel;
  return out;
}

/** Jira's priority object. */
export function priorityJson(ctx: Ctx, p: Priority): Record<string, unknown> {
  return {
    self: `${apiBase(ctx)}/priority/${p.id}`,
    iconUrl: `${ctx.origin}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
    name: p.name,
    id: p.id,
  };
}

/** Jira's short project object. */
export function projectJson(ctx: Ctx, p: Project): Record<string, unknown> {
  const avatar = (size: string) => `${ctx.origin}/secure/projectavatar?size=${size}&pid=${p.id}`;
  const out: Record<string, unknown> = {
    expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
    self: `${apiBase(ctx)}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: {
      "48x48": avatar("large"),
      "24x24": avatar("small"),
      "16x16": avatar("xsmall"),
      "32x32": avatar("medium"),
    },
    projectTypeKey: p.typeKey ?? "software",
  };
  if (ctx.flavour === "cloud") {
    out.simplified = false;
    out.style = "classic";
    out.isPrivate = false;
    if (p.archived) out.archived = true;
  } else out.archived = p.archived ?? false;
  return out;
}

/** Jira's full project object (GET project/{key}). */
export function projectDetailJson(ctx: Ctx, p: Project): Record<string, unknown> {
  return {
    ...projectJson(ctx, p),
    description: p.description,
    lead: jiraUser(ctx, p.lead),
    components: [],
    issueTypes: p.issueTypeIds.map((id) =>
      issueTypeJson(ctx, ctx.state.issueTypes.find((t) => t.id === id)!)
    ),
    assigneeType: "UNASSIGNED",
    versions: [],
    roles: {},
  };
}

/** Agile sprint object. */
export function sprintJson(ctx: Ctx, s: Sprint): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    self: `${ctx.origin}/rest/agile/1.0/sprint/${s.id}`,
    state: s.state,
    name: s.name,
  };
  if (s.startDate) out.startDate = s.startDate;
  if (s.endDate) out.endDate = s.endDate;
  if (s.completeDate) out.completeDate = s.completeDate;
  out.originBoardId = s.boardId;
  out.goal = s.goal;
  return out;
}

function sprintFieldValue(ctx: Ctx, ids: number[]): unknown {
  if (!ids.length) return null;
  const sprints = ids.map((id) => ctx.state.sprints.find((s) => s.id === id)!).filter(Boolean);
  if (ctx.flavour === "cloud") {
    return sprints.map((s) => ({
      id: s.id,
      name: s.name,
      state: s.state,
      boardId: s.boardId,
      goal: s.goal,
      ...(s.startDate ? { startDate: s.startDate } : {}),
      ...(s.endDate ? { endDate: s.endDate } : {}),
    }));
  }
  return sprints.map((s) =>
    `com.atlassian.greenhopper.service.sprint.Sprint@1f2e3d${s.id}[id=${s.id},rapidViewId=${s.boardId},state=${s.state.toUpperCase()},name=${s.name},startDate=${
      s.startDate ?? "<null>"
    },endDate=${s.endDate ?? "<null>"},completeDate=${s.completeDate ?? "<null>"},activatedDate=${
      s.startDate ?? "<null>"
    },sequence=${s.id},goal=${s.goal},autoStartStop=false,synced=false]`
  );
}

// --- rich text at the API edge ---------------------------------------------------------------

/** Whether this route speaks ADF (Cloud `/rest/api/3`). */
export function speaksAdf(ctx: Ctx): boolean {
  return ctx.flavour === "cloud" && ctx.jiraApi === "3" && ctx.family === "jira";
}

/** Stored rich text as this route returns it. */
export function richOut(ctx: Ctx, value: RichText | null): unknown {
  if (value === null) return null;
  if (typeof value === "string") return value;
  return speaksAdf(ctx) ? structuredClone(value) : adfToWiki(value);
}

/** HTML rendering of stored rich text (renderedFields). */
export function richHtml(value: RichText | null): string | null {
  if (value === null) return null;
  return typeof value === "string" ? wikiToHtml(value) : adfToHtml(value);
}

/** Validates and converts request rich text into the stored form; 400 with Jira's message. */
export function richIn(ctx: Ctx, value: unknown, field: string): RichText | null {
  if (value === null) return null;
  if (speaksAdf(ctx)) {
    if (!isAdfDoc(value)) {
      jiraFail(400, [], {
        [field]:
          "Operation value must be an Atlassian Document (see the Atlassian Document Format)",
      });
    }
    return structuredClone(value as AdfDoc);
  }
  if (typeof value !== "string") jiraFail(400, [], { [field]: "Operation value must be a string" });
  if (ctx.flavour === "datacenter") return value as string;
  return wikiToAdf(value as string, (who) => {
    const u = ctx.state.users.find((u) => u.accountId === who || u.name === who);
    return { id: u?.accountId ?? who, text: `@${u?.displayName ?? who}` };
  });
}

// --- fields ----------------------------------------------------------------------------------

/** One field definition as GET /field lists it. */
export interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  navigable: boolean;
  schema: Record<string, unknown>;
  clauseNames: string[];
  editable: boolean;
}

const sys = (
  id: string,
  name: string,
  type: string,
  extra: Record<string, unknown> = {},
  editable = false,
  navigable = true,
): FieldDef => ({
  id,
  name,
  custom: false,
  navigable,
  schema: { type, ...extra, system: id },
  clauseNames: [id],
  editable,
});

/** All fields the fake knows, in Jira's order. */
export const FIELD_DEFS: FieldDef[] = [
  sys("summary", "Summary", "string", {}, true),
  sys("issuetype", "Issue Type", "issuetype", {}, true),
  sys("project", "Project", "project"),
  sys("status", "Status", "status"),
  sys("statuscategorychangedate", "Status Category Changed", "datetime"),
  sys("priority", "Priority", "priority", {}, true),
  sys("assignee", "Assignee", "user", {}, true),
  sys("reporter", "Reporter", "user", {}, true),
  sys("creator", "Creator", "user"),
  sys("created", "Created", "datetime"),
  sys("updated", "Updated", "datetime"),
  sys("description", "Description", "string", {}, true),
  sys("labels", "Labels", "array", { items: "string" }, true),
  sys("comment", "Comment", "comments-page", {}, true, false),
  sys("parent", "Parent", "issuelink", {}, true),
  sys("resolution", "Resolution", "resolution"),
  sys("resolutiondate", "Resolved", "datetime"),
  sys("duedate", "Due date", "date", {}, true),
  sys("subtasks", "Sub-tasks", "array", { items: "issuelinks" }),
  sys("issuelinks", "Linked Issues", "array", { items: "issuelinks" }),
  sys("attachment", "Attachment", "array", { items: "attachment" }),
  sys("fixVersions", "Fix versions", "array", { items: "version" }),
  sys("versions", "Affects versions", "array", { items: "version" }),
  sys("components", "Components", "array", { items: "component" }),
  sys("watches", "Watchers", "watches"),
  sys("votes", "Votes", "votes"),
  {
    id: "customfield_10014",
    name: "Epic Link",
    custom: true,
    navigable: true,
    schema: { type: "any", custom: "com.pyxis.greenhopper.jira:gh-epic-link", customId: 10014 },
    clauseNames: ["cf[10014]", "Epic Link"],
    editable: true,
  },
  {
    id: "customfield_10016",
    name: "Story Points",
    custom: true,
    navigable: true,
    schema: {
      type: "number",
      custom: "com.atlassian.jira.plugin.system.customfieldtypes:float",
      customId: 10016,
    },
    clauseNames: ["cf[10016]", "Story Points"],
    editable: true,
  },
  {
    id: "customfield_10020",
    name: "Sprint",
    custom: true,
    navigable: true,
    schema: {
      type: "array",
      items: "json",
      custom: "com.pyxis.greenhopper.jira:gh-sprint",
      customId: 10020,
    },
    clauseNames: ["cf[10020]", "Sprint"],
    editable: true,
  },
  // Select-like fields with options (contexts and options in _jira_fields.ts)
  {
    id: "customfield_10030",
    name: "Severity",
    custom: true,
    navigable: true,
    schema: {
      type: "option",
      custom: "com.atlassian.jira.plugin.system.customfieldtypes:select",
      customId: 10030,
    },
    clauseNames: ["cf[10030]", "Severity"],
    editable: false,
  },
  {
    id: "customfield_10031",
    name: "Region",
    custom: true,
    navigable: true,
    schema: {
      type: "option-with-child",
      custom: "com.atlassian.jira.plugin.system.customfieldtypes:cascadingselect",
      customId: 10031,
    },
    clauseNames: ["cf[10031]", "Region"],
    editable: false,
  },
];

/** GET /field entry. */
export function fieldJson(ctx: Ctx, f: FieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = { id: f.id };
  if (ctx.flavour === "cloud") out.key = f.id;
  Object.assign(out, {
    name: f.name,
    custom: f.custom,
    orderable: f.editable,
    navigable: f.navigable,
    searchable: true,
    clauseNames: f.clauseNames,
    schema: f.schema,
  });
  if (ctx.flavour === "cloud" && f.custom) out.untranslatedName = f.name;
  return out;
}

/** Parses `fields=` into a predicate over field ids. */
export function fieldSelector(
  list: string[] | undefined,
  def: "*all" | "*navigable" | "id",
): (id: string) => boolean {
  const items = list && list.length ? list : [def];
  const include = new Set<string>();
  const exclude = new Set<string>();
  let all = false;
  let navigable = false;
  for (const raw of items) {
    const it = raw.trim();
    if (it === "*all") all = true;
    else if (it === "*navigable") navigable = true;
    else if (it.startsWith("-")) exclude.add(it.slice(1));
    else include.add(it);
  }
  const byId = new Map(FIELD_DEFS.map((f) => [f.id, f]));
  return (id) => {
    if (exclude.has(id)) return false;
    if (include.has(id)) return true;
    if (all) return true;
    if (navigable) return byId.get(id)?.navigable ?? false;
    return false;
  };
}

function issueRef(ctx: Ctx, key: string): Record<string, unknown> | null {
  const i = ctx.state.issues.find((x) => x.key === key);
  if (!i) return null;
  return {
    id: i.id,
    key: i.key,
    self: `${apiBase(ctx)}/issue/${i.id}`,
    fields: {
      summary: i.summary,
      status: statusJson(ctx, ctx.state.statuses.find((s) => s.id === i.statusId)!),
      priority: priorityJson(ctx, ctx.state.priorities.find((p) => p.id === i.priorityId)!),
      issuetype: issueTypeJson(ctx, ctx.state.issueTypes.find((t) => t.id === i.typeId)!),
    },
  };
}

/** A comment as Jira returns it. */
export function commentJson(
  ctx: Ctx,
  issue: Issue,
  c: Comment,
  rendered = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: jiraUser(ctx, c.author),
    body: richOut(ctx, c.body),
    updateAuthor: jiraUser(ctx, c.updateAuthor),
    created: jiraDate(c.created),
    updated: jiraDate(c.updated),
  };
  if (rendered) out.renderedBody = richHtml(c.body);
  if (ctx.flavour === "cloud") out.jsdPublic = c.jsdPublic ?? true;
  return out;
}

/** Seconds per unit of Jira's duration notation (default settings: 8h day, 5d week). */
export const DURATION_UNITS = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 } as const;

/** Jira's "pretty" duration: `1w 2d 3h 30m` (whole minutes; `0m` for less than a minute). */
export function formatDuration(seconds: number): string {
  let minutes = Math.floor(seconds / 60);
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(DURATION_UNITS)) {
    const n = Math.floor(minutes / (size / 60));
    if (n > 0) parts.push(`${n}${unit}`);
    minutes -= n * (size / 60);
  }
  return parts.length ? parts.join(" ") : "0m";
}

/** A worklog as Jira returns it (`comment` only when there is one). */
export function worklogJson(ctx: Ctx, issue: Issue, w: Worklog): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${apiBase(ctx)}/issue/${issue.id}/worklog/${w.id}`,
    author: jiraUser(ctx, w.author),
    updateAuthor: jiraUser(ctx, w.updateAuthor),
  };
  if (w.comment !== null) out.comment = richOut(ctx, w.comment);
  Object.assign(out, {
    created: jiraDate(w.created),
    updated: jiraDate(w.updated),
    started: jiraDate(w.started),
    timeSpent: formatDuration(w.timeSpentSeconds),
    timeSpentSeconds: w.timeSpentSeconds,
    id: w.id,
    issueId: issue.id,
  });
  return out;
}

/** `GET issue/{key}/watchers`: Cloud lists users as `UserDetails` (no locale). */
export function watchersJson(ctx: Ctx, issue: Issue): Record<string, unknown> {
  const watchers = issue.watchers.map((id) => {
    const u = jiraUser(ctx, id)!;
    if (ctx.flavour === "cloud") delete u.locale;
    return u;
  });
  return {
    self: `${apiBase(ctx)}/issue/${issue.key}/watchers`,
    isWatching: issue.watchers.includes(ctx.user.id),
    watchCount: watchers.length,
    watchers,
  };
}

/** A remote issue link as Jira returns it. */
export function remoteLinkJson(ctx: Ctx, issue: Issue, link: RemoteLink): Record<string, unknown> {
  return {
    id: link.id,
    self: `${apiBase(ctx)}/issue/${issue.key}/remotelink/${link.id}`,
    globalId: link.globalId,
    application: { ...link.application },
    relationship: link.relationship,
    object: structuredClone(link.object),
  };
}

function resolutionJson(ctx: Ctx, name: string | null): unknown {
  if (!name) return null;
  return {
    self: `${apiBase(ctx)}/resolution/10000`,
    id: "10000",
    description: "Work has been completed on this issue.",
    name,
  };
}

/** The value of every field of an issue (before selection). */
export function fieldValues(ctx: Ctx, issue: Issue): Record<string, unknown> {
  const { state } = ctx;
  const base = `${apiBase(ctx)}/issue/${issue.key}`;
  const v: Record<string, unknown> = {
    summary: issue.summary,
    issuetype: issueTypeJson(ctx, state.issueTypes.find((t) => t.id === issue.typeId)!),
    project: projectJson(ctx, state.projects.find((p) => p.key === issue.projectKey)!),
    status: statusJson(ctx, state.statuses.find((s) => s.id === issue.statusId)!),
    statuscategorychangedate: jiraDate(issue.updated),
    priority: priorityJson(ctx, state.priorities.find((p) => p.id === issue.priorityId)!),
    assignee: jiraUser(ctx, issue.assignee),
    reporter: jiraUser(ctx, issue.reporter),
    creator: jiraUser(ctx, issue.creator),
    created: jiraDate(issue.created),
    updated: jiraDate(issue.updated),
    description: richOut(ctx, issue.description),
    labels: [...issue.labels],
    comment: {
      comments: issue.comments.map((c) => commentJson(ctx, issue, c)),
      self: `${apiBase(ctx)}/issue/${issue.id}/comment`,
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    },
    resolution: resolutionJson(ctx, issue.resolution),
    resolutiondate: jiraDate(issue.resolutiondate),
    duedate: issue.duedate,
    subtasks: state.issues.filter((i) =>
      i.parentKey === issue.key && state.issueTypes.find((t) => t.id === i.typeId)?.subtask
    )
      .map((i) => issueRef(ctx, i.key)),
    issuelinks: issueLinksJson(ctx, issue),
    attachment: issueAttachmentsJson(ctx, issue),
    fixVersions: [],
    versions: [],
    components: [],
    watches: {
      self: `${base}/watchers`,
      watchCount: issue.watchers.length,
      isWatching: issue.watchers.includes(ctx.user.id),
    },
    votes: { self: `${base}/votes`, votes: 0, hasVoted: false },
    customfield_10014: issue.epicLink,
    customfield_10016: issue.storyPoints,
    customfield_10020: sprintFieldValue(ctx, issue.sprintIds),
  };
  if (issue.parentKey) v.parent = issueRef(ctx, issue.parentKey);
  return v;
}

/** Options for rendering an issue. */
export interface IssueRenderOptions {
  select: (id: string) => boolean;
  expand: Set<string>;
  properties?: string[];
}

/** Parses an `expand` value (comma string or array). */
export function expandSet(value: unknown): Set<string> {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === "string"
    ? value.split(",")
    : [];
  return new Set(items.map((s) => s.trim()).filter(Boolean));
}

/** Renders an issue as Jira does. */
export function issueJson(
  ctx: Ctx,
  issue: Issue,
  opts: IssueRenderOptions,
): Record<string, unknown> {
  const values = fieldValues(ctx, issue);
  const fields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(values)) if (opts.select(id)) fields[id] = value;
  const out: Record<string, unknown> = {
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    id: issue.id,
    self: `${apiBase(ctx)}/issue/${issue.id}`,
    key: issue.key,
  };
  if (opts.properties?.length) {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(issue.properties)) {
      if (opts.properties.includes("*all") || opts.properties.includes(k)) {
        props[k] = structuredClone(v);
      }
    }
    out.properties = props;
  }
  out.fields = fields;
  if (opts.expand.has("renderedFields")) {
    const rendered: Record<string, unknown> = {};
    for (const id of Object.keys(fields)) rendered[id] = null;
    if ("description" in fields) rendered.description = richHtml(issue.description);
    if ("comment" in fields) {
      rendered.comment = {
        comments: issue.comments.map((c) => ({
          ...commentJson(ctx, issue, c),
          body: richHtml(c.body),
        })),
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      };
    }
    for (const d of ["created", "updated", "resolutiondate"] as const) {
      if (d in fields && issue[d]) rendered[d] = friendlyDate(issue[d]!);
    }
    out.renderedFields = rendered;
  }
  if (opts.expand.has("names")) {
    out.names = Object.fromEntries(
      FIELD_DEFS.filter((f) => f.id in fields).map((f) => [f.id, f.name]),
    );
  }
  if (opts.expand.has("schema")) {
    out.schema = Object.fromEntries(
      FIELD_DEFS.filter((f) => f.id in fields).map((f) => [f.id, f.schema]),
    );
  }
  if (opts.expand.has("transitions")) out.transitions = transitionsJson(ctx, issue);
  if (opts.expand.has("editmeta")) {
    out.editmeta = {
      fields: Object.fromEntries(
        FIELD_DEFS.filter((f) => f.editable).map((f) => [f.id, fieldMeta(ctx, f, false)]),
      ),
    };
  }
  if (opts.expand.has("changelog")) {
    // Cloud embeds at most 100 histories (the rest through GET issue/{key}/changelog); Data
    // Center embeds them all.
    const shown = ctx.flavour === "cloud"
      ? issue.changelog.slice(0, EMBEDDED_HISTORIES)
      : issue.changelog;
    out.changelog = {
      startAt: 0,
      maxResults: shown.length,
      total: issue.changelog.length,
      histories: shown.map((h) => historyJson(ctx, h)),
    };
  }
  return out;
}

/** Most changelog entries Jira Cloud embeds in an issue (`expand=changelog`). */
export const EMBEDDED_HISTORIES = 100;

/** One changelog entry as Jira renders it. */
export function historyJson(ctx: Ctx, h: History): Record<string, unknown> {
  return {
    id: h.id,
    author: jiraUser(ctx, h.author),
    created: jiraDate(h.created),
    items: h.items.map((it) => ({ ...it })),
  };
}

/** `12/Mar/24 9:00 AM`, the way Jira renders dates in renderedFields. */
export function friendlyDate(iso: string): string {
  const d = new Date(iso);
  const mon = MONTHS[d.getUTCMonth()];
  const h = d.getUTCHours() % 12 || 12;
  const m = String(d.getUTCMinutes()).padStart(2, "0");
  return `${String(d.getUTCDate()).padStart(2, "0")}/${mon}/${
    String(d.getUTCFullYear()).slice(2)
  } ${h}:${m} ${d.getUTCHours() < 12 ? "AM" : "PM"}`;
}

/** The transitions available on an issue (every global transition except the one to its status). */
export function availableTransitions(ctx: Ctx, issue: Issue) {
  return ctx.state.transitions.filter((t) => t.to !== issue.statusId);
}

/** GET transitions entries. */
export function transitionsJson(
  ctx: Ctx,
  issue: Issue,
  withFields = false,
): Record<string, unknown>[] {
  return availableTransitions(ctx, issue).map((t) => {
    const out: Record<string, unknown> = {
      id: t.id,
      name: t.name,
      to: statusJson(ctx, ctx.state.statuses.find((s) => s.id === t.to)!),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    };
    if (withFields) out.fields = {};
    return out;
  });
}

/** One field's create/edit metadata. */
export function fieldMeta(
  ctx: Ctx,
  f: FieldDef,
  required: boolean,
  project?: Project,
): Record<string, unknown> {
  const ops = f.id === "labels"
    ? ["add", "set", "remove"]
    : f.id === "comment"
    ? ["add", "edit", "remove"]
    : ["set"];
  const out: Record<string, unknown> = {
    required,
    schema: f.schema,
    name: f.name,
    key: f.id,
    fieldId: f.id,
    hasDefaultValue: f.id === "priority",
    operations: ops,
  };
  if (f.id === "priority") {
    out.allowedValues = ctx.state.priorities.map((p) => priorityJson(ctx, p));
    out.defaultValue = priorityJson(ctx, ctx.state.priorities.find((p) => p.name === "Medium")!);
  }
  if (f.id === "project" && project) out.allowedValues = [projectJson(ctx, project)];
  if (f.id === "assignee" || f.id === "reporter") {
    out.autoCompleteUrl = `${apiBase(ctx)}/user/${f.id === "assignee" ? "assignable/" : ""}search?${
      ctx.flavour === "cloud" ? "query" : "username"
    }=`;
  }
  return out;
}
