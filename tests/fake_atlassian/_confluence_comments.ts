/**
 * Confluence comments, labels and user search for the fake: Cloud REST v2 footer and inline
 * comments (with replies and resolution), Data Center v1 comments (content of type `comment`,
 * inline ones with `extensions.inlineProperties`), the Data Center inline-comment plugin's resolve
 * call, v1 label writes on both, Cloud CQL user search and Data Center group members.
 *
 * @module
 */
import { bodyText } from "./_cql.ts";
import {
  contextPath,
  cursorPage,
  livePage,
  siteBase,
  startLimit,
  user,
  v1User,
} from "./_confluence.ts";
import { bodyObject, type Ctx, json, noContent, v1ErrorBody, v1Fail, v2Fail } from "./_http.ts";
import { HttpError } from "./_http.ts";
import { current, type FakeState, type Page } from "./_model.ts";
import { isWellFormedStorage } from "./_rich.ts";

/** An inline comment thread's state. */
export type Resolution = "open" | "reopened" | "resolved" | "dangling";

/** A page comment (footer or inline); replies have a `parentId`. */
export interface ContentComment {
  id: string;
  pageId: string;
  parentId: string | null;
  location: "footer" | "inline";
  storage: string;
  authorId: string;
  createdAt: string;
  version: number;
  updatedAt: string;
  /** Inline threads: the highlighted text and its marker. */
  selection?: string;
  markerRef?: string;
  resolution?: Resolution;
  resolutionBy?: string;
  resolutionAt?: string;
}

/** The seeded comments: a footer thread and an inline thread on the Runbook, one on HR. */
export function seedComments(): ContentComment[] {
  const at = (day: number, hour: number) =>
    `2024-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;
  const base = { version: 1, parentId: null } as const;
  return [
    {
      ...base,
      id: "60001",
      pageId: "1003",
      location: "footer",
      storage: "<p>Is the <strong>standby region</strong> kept warm?</p>",
      authorId: "bob",
      createdAt: at(6, 9),
      updatedAt: at(6, 9),
    },
    {
      ...base,
      id: "60002",
      pageId: "1003",
      parentId: "60001",
      location: "footer",
      storage: "<p>Yes, it runs at 20% capacity.</p>",
      authorId: "alice",
      createdAt: at(6, 10),
      updatedAt: at(6, 10),
    },
    {
      ...base,
      id: "60003",
      pageId: "1003",
      location: "inline",
      storage: "<p>Which status page?</p>",
      authorId: "bob",
      createdAt: at(6, 11),
      updatedAt: at(6, 11),
      selection: "status page",
      markerRef: "9c1f2e3d-0000-4000-8000-000000060003",
      resolution: "open",
    },
    {
      ...base,
      id: "60004",
      pageId: "2001",
      location: "footer",
      storage: "<p>Does this apply to contractors?</p>",
      authorId: "bob",
      createdAt: at(7, 9),
      updatedAt: at(7, 9),
    },
  ];
}

/** The comments of a state (seeded on first use). */
function comments(state: FakeState): ContentComment[] {
  return state.contentComments ??= seedComments();
}

/** A comment of a live page, by id. */
export function commentById(ctx: Ctx, id: string): ContentComment | undefined {
  return comments(ctx.state).find((c) => c.id === id && livePage(ctx, c.pageId));
}

function nextId(state: FakeState): string {
  return String(Math.max(60000, ...comments(state).map((c) => Number(c.id))) + 1);
}

function childrenOf(ctx: Ctx, id: string): ContentComment[] {
  return comments(ctx.state).filter((c) => c.parentId === id);
}

/** The thread's top comment. */
function rootOf(ctx: Ctx, c: ContentComment): ContentComment {
  let top = c;
  while (top.parentId) top = commentById(ctx, top.parentId)!;
  return top;
}

function webui(ctx: Ctx, page: Page, c: ContentComment): string {
  const title = encodeURIComponent(current(page).title).replace(/%20/g, "+");
  const view = ctx.flavour === "cloud"
    ? `/spaces/${page.spaceKey}/pages/${page.id}/${title}`
    : `/display/${page.spaceKey}/${title}`;
  return `${view}?focusedCommentId=${c.id}#comment-${c.id}`;
}

function checkStorage(value: unknown, fail: (msg: string) => never): string {
  if (typeof value !== "string" || !value.trim()) fail("Comment body cannot be empty");
  if (!isWellFormedStorage(value as string)) {
    fail("Error parsing xhtml: the content is not well-formed XML");
  }
  return value as string;
}

function newComment(
  ctx: Ctx,
  page: Page,
  fields: Pick<ContentComment, "parentId" | "location" | "storage"> & Partial<ContentComment>,
): ContentComment {
  const now = ctx.now.toISOString();
  const c: ContentComment = {
    id: nextId(ctx.state),
    pageId: page.id,
    authorId: ctx.user.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...fields,
  };
  comments(ctx.state).push(c);
  return c;
}

/** How often the text occurs in the page's visible text. */
function occurrences(ctx: Ctx, page: Page, text: string): number {
  const visible = bodyText(page, ctx.state);
  let n = 0;
  for (
    let at = visible.indexOf(text);
    text && at >= 0;
    at = visible.indexOf(text, at + text.length)
  ) n++;
  return n;
}

// --- Cloud v2 --------------------------------------------------------------------------------

/**
 * Which v2 model a comment is answered in: one comment read (`FooterCommentModel`,
 * `InlineCommentModel`), a page's comments (`PageCommentModel`: no parent) or a comment's
 * children (`ChildrenCommentModel`: no pageId).
 */
type V2CommentModel = "single" | "page" | "children";

function v2Comment(
  ctx: Ctx,
  c: ContentComment,
  withBody: boolean,
  model: V2CommentModel,
): Record<string, unknown> {
  const page = livePage(ctx, c.pageId)!;
  const out: Record<string, unknown> = {
    id: c.id,
    status: "current",
    title: `Re: ${current(page).title}`,
    ...(model !== "children" ? { pageId: c.pageId } : {}),
    ...(c.parentId && model !== "page" ? { parentCommentId: c.parentId } : {}),
    version: {
      createdAt: c.updatedAt,
      message: "",
      number: c.version,
      minorEdit: false,
      authorId: user(ctx, c.authorId).accountId,
    },
    body: withBody ? { storage: { representation: "storage", value: c.storage } } : {},
    _links: { webui: webui(ctx, page, c) },
  };
  if (c.location === "inline") {
    const root = rootOf(ctx, c);
    out.resolutionStatus = root.resolution;
    if (model === "single") {
      out.resolutionLastModifierId = root.resolutionBy
        ? user(ctx, root.resolutionBy).accountId
        : null;
      out.resolutionLastModifiedAt = root.resolutionAt ?? null;
    }
    out.properties = {
      inlineMarkerRef: root.markerRef,
      inlineOriginalSelection: root.selection,
    };
  }
  return out;
}

function bodyFormat(ctx: Ctx): boolean {
  const f = ctx.query.get("body-format");
  if (f === null || f === "") return false;
  if (f !== "storage" && f !== "atlas_doc_format") {
    v2Fail(400, `Invalid value for body-format: ${f}`);
  }
  return true;
}

function v2PageOf(ctx: Ctx): Page {
  const id = ctx.params.id;
  if (!/^\d+$/.test(id)) v2Fail(400, `Invalid value for id: ${id}`);
  const page = livePage(ctx, id);
  if (!page) v2Fail(404, "Not Found");
  return page;
}

function v2CommentOf(ctx: Ctx, location: ContentComment["location"]): ContentComment {
  const id = ctx.params["comment-id"] ?? ctx.params.id;
  if (!/^\d+$/.test(id)) v2Fail(400, `Invalid value for comment-id: ${id}`);
  const c = commentById(ctx, id);
  if (!c || c.location !== location) v2Fail(404, "Not Found");
  return c;
}

/** GET /pages/{id}/footer-comments and /pages/{id}/inline-comments: top-level comments. */
export function v2PageComments(ctx: Ctx): Response {
  const page = v2PageOf(ctx);
  const location = ctx.path.endsWith("/inline-comments") ? "inline" : "footer";
  const withBody = bodyFormat(ctx);
  const statuses = ctx.query.getAll("resolution-status").flatMap((s) => s.split(","));
  const list = comments(ctx.state).filter((c) =>
    c.pageId === page.id && !c.parentId && c.location === location &&
    (!statuses.length || statuses.includes(c.resolution ?? ""))
  );
  return cursorPage(ctx, list.map((c) => v2Comment(ctx, c, withBody, "page")));
}

/** GET /footer-comments/{comment-id} and /inline-comments/{comment-id}. */
export function v2GetComment(ctx: Ctx): Response {
  const location = ctx.path.includes("/inline-comments/") ? "inline" : "footer";
  const c = v2CommentOf(ctx, location);
  return json(v2Comment(ctx, c, bodyFormat(ctx), "single"));
}

/** GET /footer-comments/{id}/children and /inline-comments/{id}/children. */
export function v2CommentChildren(ctx: Ctx): Response {
  const location = ctx.path.includes("/inline-comments/") ? "inline" : "footer";
  const parent = v2CommentOf(ctx, location);
  const withBody = bodyFormat(ctx);
  return cursorPage(
    ctx,
    childrenOf(ctx, parent.id).map((c) => v2Comment(ctx, c, withBody, "children")),
  );
}

/** The body of a v2 create as storage (`representation` storage only here). */
function v2Body(b: Record<string, unknown>): string {
  const body = b.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object") v2Fail(400, "Comment body is required");
  if (body!.representation !== "storage") {
    v2Fail(400, `Unsupported representation: ${String(body!.representation)}`);
  }
  return checkStorage(body!.value, (msg) => v2Fail(400, msg));
}

/** POST /footer-comments and /inline-comments: a top-level comment or a reply. */
export function v2CreateComment(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const location = ctx.path.endsWith("/inline-comments") ? "inline" : "footer";
  const pageId = b.pageId === undefined ? undefined : String(b.pageId);
  const parentId = b.parentCommentId === undefined ? undefined : String(b.parentCommentId);
  if ((pageId === undefined) === (parentId === undefined)) {
    v2Fail(400, "Exactly one of pageId, blogPostId or parentCommentId must be provided");
  }
  const storage = v2Body(b);
  if (parentId !== undefined) {
    const parent = commentById(ctx, parentId);
    if (!parent || parent.location !== location) v2Fail(404, "Not Found");
    const c = newComment(ctx, livePage(ctx, parent.pageId)!, { parentId, location, storage });
    return json(v2Comment(ctx, c, true, "single"), 201);
  }
  const page = livePage(ctx, pageId!);
  if (!page) v2Fail(404, "Not Found");
  if (location === "footer") {
    return json(
      v2Comment(ctx, newComment(ctx, page, { parentId: null, location, storage }), true, "single"),
      201,
    );
  }
  const props = b.inlineCommentProperties as Record<string, unknown> | undefined;
  const text = props?.textSelection;
  if (typeof text !== "string" || !text) {
    v2Fail(400, "inlineCommentProperties.textSelection is required for a top level inline comment");
  }
  const count = occurrences(ctx, page, text as string);
  const index = props!.textSelectionMatchIndex;
  if (count === 0) v2Fail(400, "The text selection could not be found on the page");
  if (props!.textSelectionMatchCount !== count) {
    v2Fail(400, "textSelectionMatchCount does not match the number of matches on the page");
  }
  if (typeof index !== "number" || index < 0 || index >= count) {
    v2Fail(400, "textSelectionMatchIndex must be less than textSelectionMatchCount");
  }
  const c = newComment(ctx, page, {
    parentId: null,
    location,
    storage,
    selection: text as string,
    markerRef: crypto.randomUUID(),
    resolution: "open",
  });
  return json(v2Comment(ctx, c, true, "single"), 201);
}

/** Sets a thread's resolution (resolved, or reopened after having been resolved). */
function resolve(ctx: Ctx, root: ContentComment, resolved: boolean): void {
  const next: Resolution = resolved
    ? "resolved"
    : root.resolution === "resolved"
    ? "reopened"
    : root.resolution!;
  if (next === root.resolution) return;
  root.resolution = next;
  root.resolutionBy = ctx.user.id;
  root.resolutionAt = ctx.now.toISOString();
}

/** PUT /inline-comments/{comment-id}: a new body and/or the resolution, as the next version. */
export function v2UpdateInlineComment(ctx: Ctx): Response {
  const c = v2CommentOf(ctx, "inline");
  const b = bodyObject(ctx);
  const version = b.version as Record<string, unknown> | undefined;
  if (!version || typeof version.number !== "number") v2Fail(400, "version.number is required");
  if (version!.number !== c.version + 1) {
    v2Fail(409, `Version must be incremented on update. Current version is: ${c.version}`);
  }
  const storage = b.body === undefined ? c.storage : v2Body(b);
  if (b.resolved !== undefined) {
    if (typeof b.resolved !== "boolean") v2Fail(400, "resolved must be a boolean");
    if (c.parentId) v2Fail(400, "Only the parent comment of a thread can be resolved");
    if (c.resolution === "dangling") v2Fail(400, "A dangling comment cannot be updated");
    resolve(ctx, c, b.resolved as boolean);
  }
  c.storage = storage;
  c.version++;
  c.updatedAt = ctx.now.toISOString();
  return json(v2Comment(ctx, c, true, "single"));
}

// --- Data Center v1 --------------------------------------------------------------------------

function has(expand: string | null, name: string): boolean {
  return (expand ?? "").split(",").some((e) =>
    e.trim() === name || e.trim().startsWith(`${name}.`)
  );
}

function v1Comment(ctx: Ctx, c: ContentComment, expand: string | null): Record<string, unknown> {
  const page = livePage(ctx, c.pageId)!;
  const by = v1User(ctx, user(ctx, c.authorId));
  const self = `${siteBase(ctx)}/rest/api/content/${c.id}`;
  const out: Record<string, unknown> = {
    id: c.id,
    type: "comment",
    status: "current",
    title: `Re: ${current(page).title}`,
  };
  if (has(expand, "space")) {
    const space = ctx.state.spaces.find((s) => s.key === page.spaceKey)!;
    out.space = { id: space.id, key: space.key, name: space.name, type: "global" };
  }
  if (has(expand, "history")) {
    out.history = { latest: true, createdBy: by, createdDate: c.createdAt };
  }
  if (has(expand, "version")) {
    out.version = { by, when: c.updatedAt, message: "", number: c.version, minorEdit: false };
  }
  if (has(expand, "container")) {
    out.container = { id: page.id, type: "page", status: "current", title: current(page).title };
  }
  if (has(expand, "ancestors")) {
    const chain: ContentComment[] = [];
    for (let p = c.parentId; p; p = commentById(ctx, p)?.parentId ?? null) {
      chain.unshift(commentById(ctx, p)!);
    }
    out.ancestors = chain.map((a) => ({ id: a.id, type: "comment", status: "current" }));
  }
  if (has(expand, "body.storage")) {
    out.body = { storage: { value: c.storage, representation: "storage" } };
  }
  const extensions: Record<string, unknown> = { location: c.location };
  if (c.location === "inline") {
    const root = rootOf(ctx, c);
    if (has(expand, "extensions.inlineProperties")) {
      extensions.inlineProperties = {
        originalSelection: root.selection,
        markerRef: root.markerRef,
      };
    }
    if (has(expand, "extensions.resolution")) {
      extensions.resolution = {
        status: root.resolution,
        lastModifier: root.resolutionBy ? v1User(ctx, user(ctx, root.resolutionBy)) : undefined,
        lastModifiedDate: root.resolutionAt ?? c.createdAt,
      };
    }
  }
  out.extensions = extensions;
  out._links = {
    webui: webui(ctx, page, c),
    self,
    base: siteBase(ctx),
    context: contextPath(ctx),
  };
  return out;
}

/** GET content/{id} for a comment (reached through `_confluence.ts`'s content route). */
export function v1GetComment(ctx: Ctx, c: ContentComment): Response {
  return json(v1Comment(ctx, c, ctx.query.get("expand")));
}

/** DC `DELETE content/{id}` for a comment: it and its replies are gone. */
export function v1DeleteComment(ctx: Ctx, c: ContentComment): Response {
  const page = livePage(ctx, c.pageId)!;
  if (!canEditPage(ctx, page)) v1Fail(403, `Could not delete Content with id ${c.id}`);
  const gone = new Set([c.id]);
  for (const x of comments(ctx.state)) if (x.parentId && gone.has(x.parentId)) gone.add(x.id);
  ctx.state.contentComments = comments(ctx.state).filter((x) => !gone.has(x.id));
  return noContent();
}

/** GET content/{id}/child/comment (`depth=all` for replies, `location` filter). */
export function v1ChildComments(ctx: Ctx): Response {
  const page = livePage(ctx, ctx.params.id);
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${ctx.params.id}}`);
  const depth = ctx.query.get("depth") ?? "";
  if (depth !== "" && depth !== "all" && depth !== "root") {
    v1Fail(400, `Invalid depth: ${depth}. Valid values are: [root, all]`);
  }
  const locations = ctx.query.getAll("location").flatMap((l) => l.split(","));
  const list = comments(ctx.state).filter((c) =>
    c.pageId === page.id && (depth === "all" || !c.parentId) &&
    (!locations.length || locations.includes(c.location))
  );
  const expand = ctx.query.get("expand");
  return startLimit(ctx, list.map((c) => v1Comment(ctx, c, expand)), 25, 100);
}

const INLINE_FIELDS = [
  "originalSelection",
  "numMatches",
  "matchIndex",
  "lastFetchTime",
  "serializedHighlights",
];

/** Data Center's answer to an invalid comment: the missing fields named in `data.errors`. */
function invalidComment(missing: string[]): never {
  const body = v1ErrorBody(400, "Could not create content with type comment") as {
    data: Record<string, unknown>;
  };
  body.data.errors = missing.map((key) => ({ message: { key } }));
  throw new HttpError(json(body, 400));
}

/** POST content of type `comment` (reached through `_confluence.ts`'s content route). */
export function v1CreateComment(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const containerId = (b.container as Record<string, unknown> | undefined)?.id;
  if (containerId === undefined) v1Fail(400, "A comment must have a container.");
  const page = livePage(ctx, String(containerId));
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${String(containerId)}}`);
  const storage = checkStorage(
    (b.body as { storage?: { value?: unknown } } | undefined)?.storage?.value,
    (msg) => v1Fail(400, msg),
  );
  const ancestors = b.ancestors as { id?: unknown }[] | undefined;
  const parentId = Array.isArray(ancestors) && ancestors.length
    ? String(ancestors[ancestors.length - 1].id)
    : null;
  const extensions = b.extensions as Record<string, unknown> | undefined;
  let c: ContentComment;
  if (parentId) {
    const parent = commentById(ctx, parentId);
    if (!parent || parent.pageId !== page.id) {
      v1Fail(400, `Could not find parent comment with id ${parentId} on content ${page.id}`);
    }
    c = newComment(ctx, page, { parentId, location: parent!.location, storage });
  } else if (extensions?.location === "inline") {
    const props = (extensions.inlineProperties ?? {}) as Record<string, unknown>;
    const missing = INLINE_FIELDS.filter((f) => props[f] === undefined || props[f] === null);
    if (missing.length) invalidComment(missing);
    const text = String(props.originalSelection);
    const count = occurrences(ctx, page, text);
    const index = Number(props.matchIndex);
    if (count === 0 || Number(props.numMatches) !== count || !(index >= 0 && index < count)) {
      invalidComment(["matchIndex"]);
    }
    c = newComment(ctx, page, {
      parentId: null,
      location: "inline",
      storage,
      selection: text,
      markerRef: crypto.randomUUID(),
      resolution: "open",
    });
  } else {
    c = newComment(ctx, page, { parentId: null, location: "footer", storage });
  }
  return json(v1Comment(ctx, c, "body.storage,version,history,container,ancestors,extensions"));
}

/**
 * PUT /rest/inlinecomments/1.0/comments/{id}/resolve/{resolved}/dangling/{dangling}: the Data
 * Center page view's own (undocumented) call; answers the comment in the plugin's shape.
 */
export function dcResolveInlineComment(ctx: Ctx): Response {
  const c = commentById(ctx, ctx.params.id);
  if (!c || c.location !== "inline") {
    return json({ message: `Inline comment ${ctx.params.id} not found` }, 404);
  }
  const resolved = ctx.params.resolved;
  if (resolved !== "true" && resolved !== "false") {
    return json({ message: `Invalid resolved value: ${resolved}` }, 400);
  }
  if (c.parentId) return json({ message: "Only a thread's first comment can be resolved" }, 400);
  resolve(ctx, c, resolved === "true");
  return json({
    id: Number(c.id),
    containerId: Number(c.pageId),
    body: c.storage,
    originalSelection: c.selection,
    markerRef: c.markerRef,
    authorDisplayName: user(ctx, c.authorId).displayName,
    resolveProperties: {
      resolved: c.resolution === "resolved",
      resolvedUser: c.resolutionBy ? user(ctx, c.resolutionBy).name : "",
      resolvedTime: c.resolutionAt ? Date.parse(c.resolutionAt) : 0,
    },
  });
}

// --- labels (v1 writes on Cloud and DC, v1 reads on DC) --------------------------------------

const LABEL_FORBIDDEN = /[\s!#&()*,.:;<>?@[\]^/\\]/;

/**
 * A label as the APIs answer it (v2; v1 adds `label`): a page's labels are stored as written,
 * `my:todo` and `team:x` for personal and team labels, the bare name for global ones.
 */
export function labelObject(
  stored: string,
  i: number,
): { id: string; name: string; prefix: string } {
  const [, prefix = "global", name] = stored.match(/^(?:(my|team):)?(.*)$/)!;
  return { id: String(900 + i), name, prefix };
}

function labelItems(page: Page): Record<string, unknown>[] {
  return page.labels.map((stored, i) => ({ ...labelObject(stored, i), label: stored }));
}

function v1PageOf(ctx: Ctx): Page {
  const page = livePage(ctx, ctx.params.id);
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${ctx.params.id}}`);
  return page;
}

function canEditPage(ctx: Ctx, page: Page): boolean {
  return ctx.state.spaces.find((s) => s.key === page.spaceKey)?.editors.includes(ctx.user.id) ??
    false;
}

/** GET content/{id}/label (DC). */
export function v1GetLabels(ctx: Ctx): Response {
  return startLimit(ctx, labelItems(v1PageOf(ctx)), 200, 200);
}

/** POST content/{id}/label: one label object or a list; answers every label of the page. */
export function v1AddLabels(ctx: Ctx): Response {
  const page = v1PageOf(ctx);
  const list = Array.isArray(ctx.body) ? ctx.body : [ctx.body];
  const names: string[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const name = item && typeof item.name === "string" ? item.name.trim().toLowerCase() : "";
    const prefix = item?.prefix ?? "global";
    if (!name) v1Fail(400, "Label name cannot be empty");
    if (prefix !== "global") {
      v1Fail(400, `Only global labels can be added here, not ${String(prefix)}`);
    }
    if (LABEL_FORBIDDEN.test(name)) v1Fail(400, `Label '${name}' contains invalid characters`);
    if (name.length > 255) v1Fail(400, "Label name must be at most 255 characters long");
    names.push(name);
  }
  if (!canEditPage(ctx, page)) {
    v1Fail(403, `User not permitted to add labels to content with id ${page.id}`);
  }
  for (const name of names) if (!page.labels.includes(name)) page.labels.push(name);
  const items = labelItems(page);
  return json({ results: items, start: 0, limit: items.length, size: items.length, _links: {} });
}

/** DELETE content/{id}/label/{label} and content/{id}/label?name=. */
export function v1RemoveLabel(ctx: Ctx): Response {
  const page = v1PageOf(ctx);
  const name = (ctx.params.label ?? ctx.query.get("name") ?? "").replace(/^global:/, "");
  if (name.includes("/")) v1Fail(400, "Label names with '/' must be removed with ?name=");
  if (!canEditPage(ctx, page)) {
    v1Fail(403, `User not permitted to remove labels from content with id ${page.id}`);
  }
  if (!page.labels.includes(name)) {
    v1Fail(404, `Label ${name} does not exist on content with id ${page.id}`);
  }
  page.labels = page.labels.filter((l) => l !== name);
  return noContent();
}

// --- users -----------------------------------------------------------------------------------

/** GET /wiki/rest/api/search/user (Cloud): `user.fullname ~ "x"` or `user.accountid = "x"`. */
export function cloudSearchUsers(ctx: Ctx): Response {
  const cql = (ctx.query.get("cql") ?? "").trim();
  if (!cql) v1Fail(400, "The CQL query parameter (cql) is required.");
  const m = cql.match(/^user\.(fullname|accountid)\s*(~|=)\s*"((?:[^"\\]|\\.)*)"$/i);
  if (!m || (m[1].toLowerCase() === "fullname") !== (m[2] === "~")) {
    v1Fail(400, `Could not parse cql : ${cql}`);
  }
  const value = m![3].replace(/\\(.)/g, "$1").toLowerCase();
  const users = ctx.state.users.filter((u) =>
    m![1].toLowerCase() === "fullname"
      ? u.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(value)) ||
        u.displayName.toLowerCase().includes(value)
      : u.accountId.toLowerCase() === value
  );
  const results = users.map((u) => ({
    user: v1User(ctx, u),
    title: u.displayName,
    excerpt: "",
    url: `/people/${u.accountId}`,
    entityType: "user",
    lastModified: "2024-03-01T09:00:00.000Z",
    score: 1,
  }));
  return startLimit(ctx, results, 25, 1000, { totalSize: results.length, cqlQuery: cql });
}

/** The fake's groups (member ids): everyone, and the administrators; undefined for others. */
export function groupMembers(state: FakeState, group: string): string[] | undefined {
  if (group === "confluence-users") return state.users.map((u) => u.id);
  if (group === "confluence-administrators") return ["alice"];
  return undefined;
}

/** GET /rest/api/group/{groupName}/member (DC). */
export function dcGroupMembers(ctx: Ctx): Response {
  const members = groupMembers(ctx.state, ctx.params.groupName);
  if (!members) v1Fail(404, `Group not found: ${ctx.params.groupName}`);
  return startLimit(ctx, members.map((id) => v1User(ctx, user(ctx, id))), 200, 200);
}
