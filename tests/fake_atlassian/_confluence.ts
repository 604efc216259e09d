/**
 * Confluence handlers: Cloud REST v2 (`/wiki/api/v2`), Cloud REST v1 (`/wiki/rest/api`: CQL
 * search and users) and Data Center REST v1 (`/confluence/rest/api`). Pages are stored as
 * storage XHTML with their full version history.
 *
 * @module
 */
import { bodyText, compileCql, CqlError } from "./_cql.ts";
import {
  bodyObject,
  type Ctx,
  decodeCursor,
  encodeCursor,
  hash,
  intParam,
  json,
  listParam,
  noContent,
  v1Fail,
  v2Fail,
} from "./_http.ts";
import {
  current,
  type FakeUser,
  newPage,
  type Page,
  type PageVersion,
  type Space,
} from "./_model.ts";
import { adfToHtml, isAdfDoc, isWellFormedStorage, storageToAdf, wikiToAdf } from "./_rich.ts";
import { textMatches } from "./_query.ts";
import { MONTHS } from "./_http.ts";
import {
  commentById,
  labelObject,
  v1CreateComment,
  v1DeleteComment,
  v1GetComment,
} from "./_confluence_comments.ts";
import {
  attachmentById,
  attachmentVersion,
  v1DeleteAttachment,
  v1GetAttachment,
} from "./_confluence_attachments.ts";

// --- common ----------------------------------------------------------------------------------

/** `http://host/wiki` (Cloud) or `http://host/confluence` (DC). */
export function siteBase(ctx: Ctx): string {
  return ctx.origin + contextPath(ctx);
}

/** `/wiki` (Cloud) or `/confluence` (DC). */
export function contextPath(ctx: Ctx): string {
  return ctx.flavour === "cloud" ? "/wiki" : "/confluence";
}

/** The seeded user with this id. */
export function user(ctx: Ctx, id: string): FakeUser {
  return ctx.state.users.find((u) => u.id === id)!;
}

/** The space with this key. */
export function spaceByKey(ctx: Ctx, key: string): Space | undefined {
  return ctx.state.spaces.find((s) => s.key === key);
}

/** A page that is not trashed, by id. */
export function livePage(ctx: Ctx, id: string): Page | undefined {
  return ctx.state.pages.find((p) => p.id === id && p.status === "current");
}

function slug(title: string): string {
  return encodeURIComponent(title.replace(/\s+/g, "+")).replace(/%2B/g, "+");
}

function webui(ctx: Ctx, page: Page): string {
  const v = current(page);
  return ctx.flavour === "cloud"
    ? `/spaces/${page.spaceKey}/pages/${page.id}/${slug(v.title)}`
    : `/display/${page.spaceKey}/${slug(v.title)}`;
}

function tinyui(id: string): string {
  return `/x/${btoa(String.fromCharCode(...new TextEncoder().encode(id))).replace(/=+$/, "")}`;
}

/** True when the calling user may edit in the space. */
export function canEdit(ctx: Ctx, spaceKey: string): boolean {
  return spaceByKey(ctx, spaceKey)?.editors.includes(ctx.user.id) ?? false;
}

function ancestorIds(ctx: Ctx, page: Page): string[] {
  const out: string[] = [];
  let parent = page.parentId;
  while (parent) {
    out.unshift(parent);
    parent = ctx.state.pages.find((p) => p.id === parent)?.parentId ?? null;
  }
  return out;
}

/** The current child pages of a page, in tree order. */
export function children(ctx: Ctx, id: string): Page[] {
  return ctx.state.pages.filter((p) => p.parentId === id && p.status === "current").sort((a, b) =>
    a.position - b.position || Number(a.id) - Number(b.id)
  );
}

/** The id of the next page made. */
export function nextPageId(ctx: Ctx): string {
  return String(ctx.state.seq.page++);
}

/** Converts an incoming body to storage; `fail` answers 400 in the route's error style. */
function toStorage(
  representation: unknown,
  value: unknown,
  fail: (msg: string) => never,
): { storage: string; adf?: PageVersion["adf"] } {
  if (typeof value !== "string") fail("Body value must be a string");
  const v = value as string;
  switch (representation) {
    case "storage":
    case "editor":
      if (!isWellFormedStorage(v)) fail("Error parsing xhtml: the content is not well-formed XML");
      return { storage: v };
    case "wiki":
      return { storage: adfToHtml(wikiToAdf(v)) };
    case "atlas_doc_format": {
      let adf: unknown;
      try {
        adf = JSON.parse(v);
      } catch {
        fail("Invalid ADF: the value is not valid JSON");
      }
      if (!isAdfDoc(adf)) fail("Invalid ADF: the value is not an ADF document");
      return { storage: adfToHtml(adf as PageVersion["adf"]), adf: adf as PageVersion["adf"] };
    }
    default:
      fail(`Unsupported representation: ${String(representation)}`);
  }
}

/** True when a current page of the space has this title (any case). */
export function titleTaken(ctx: Ctx, spaceKey: string, title: string, exceptId?: string): boolean {
  return ctx.state.pages.some((p) =>
    p.status === "current" && p.spaceKey === spaceKey && p.id !== exceptId &&
    current(p).title.toLowerCase() === title.toLowerCase()
  );
}

// --- Cloud v2 --------------------------------------------------------------------------------

function v2Version(ctx: Ctx, v: PageVersion): Record<string, unknown> {
  return {
    createdAt: v.createdAt,
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    authorId: user(ctx, v.authorId).accountId,
  };
}

const BODY_FORMATS = [
  "storage",
  "atlas_doc_format",
  "view",
  "export_view",
  "anonymous_export_view",
  "styled_view",
  "editor",
];

function v2Body(v: PageVersion, format: string | null): Record<string, unknown> {
  if (!format) return {};
  if (format === "atlas_doc_format") {
    return {
      atlas_doc_format: {
        representation: "atlas_doc_format",
        value: JSON.stringify(v.adf ?? storageToAdf(v.storage)),
      },
    };
  }
  return { [format]: { representation: format, value: v.storage } };
}

function bodyFormat(ctx: Ctx): string | null {
  const f = ctx.query.get("body-format");
  if (f === null || f === "") return null;
  if (!BODY_FORMATS.includes(f)) v2Fail(400, `Invalid value for body-format: ${f}`);
  return f;
}

/** A v2 page object (`single`: as a page read answers it, with `_links.base`). */
export function v2Page(
  ctx: Ctx,
  page: Page,
  format: string | null,
  v: PageVersion = current(page),
  single = true,
): Record<string, unknown> {
  const space = spaceByKey(ctx, page.spaceKey)!;
  const out: Record<string, unknown> = {
    id: page.id,
    status: v === current(page) ? page.status : "historical",
    title: v.title,
    spaceId: String(space.id),
    parentId: v.parentId,
    parentType: v.parentId ? "page" : null,
    position: page.position,
    authorId: user(ctx, page.authorId).accountId,
    ownerId: user(ctx, page.authorId).accountId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    ...(page.subtype ? { subtype: page.subtype } : {}),
    version: v2Version(ctx, v),
    body: v2Body(v, format),
    _links: {
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      webui: webui(ctx, page),
      edituiv2: `/spaces/${page.spaceKey}/pages/edit-v2/${page.id}`,
      tinyui: tinyui(page.id),
      ...(single ? { base: siteBase(ctx) } : {}),
    },
  };
  return out;
}

/** Cursor pagination: `_links.next` is a `/wiki/api/v2/...` path, mirrored in a `Link` header. */
export function cursorPage<T>(ctx: Ctx, items: T[], defLimit = 25): Response {
  const limit = intParam(ctx.query, "limit", defLimit, 1, 250);
  const scopeParams = new URLSearchParams(ctx.query);
  scopeParams.delete("cursor");
  scopeParams.delete("limit");
  scopeParams.sort();
  const scope = hash(ctx.path + "?" + scopeParams);
  let offset = 0;
  const cursor = ctx.query.get("cursor");
  if (cursor) {
    const o = decodeCursor(cursor, scope);
    if (o === null) v2Fail(400, "Invalid cursor");
    offset = o;
  }
  const results = items.slice(offset, offset + limit);
  const links: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  if (offset + limit < items.length) {
    const q = new URLSearchParams(ctx.query);
    q.set("limit", String(limit));
    q.set("cursor", encodeCursor(offset + limit, scope));
    links.next = `${ctx.path}?${q}`;
    headers.link = `<${links.next}>; rel="next", <${siteBase(ctx)}>; rel="base"`;
  }
  links.base = siteBase(ctx);
  return json({ results, _links: links }, 200, headers);
}

function v2FindPage(ctx: Ctx): Page {
  const id = ctx.params.id;
  if (!/^\d+$/.test(id)) v2Fail(400, `Invalid value for id: ${id}`);
  const page = livePage(ctx, id);
  if (!page) v2Fail(404, "Not Found");
  return page;
}

/** GET /pages. */
export function v2ListPages(ctx: Ctx): Response {
  const format = bodyFormat(ctx);
  const ids = listParam(ctx.query, "id");
  const spaceIds = listParam(ctx.query, "space-id");
  const title = ctx.query.get("title");
  const statuses = listParam(ctx.query, "status") ?? ["current", "archived"];
  const sort = ctx.query.get("sort") ?? "id";
  let pages = ctx.state.pages.filter((p) => {
    const space = spaceByKey(ctx, p.spaceKey)!;
    return statuses.includes(p.status) && (!ids || ids.includes(p.id)) &&
      (!spaceIds || spaceIds.includes(String(space.id))) &&
      (title === null || current(p).title === title);
  });
  const keyOf: Record<string, (p: Page) => string | number> = {
    id: (p) => Number(p.id),
    title: (p) => current(p).title.toLowerCase(),
    "created-date": (p) => p.createdAt,
    "modified-date": (p) => current(p).createdAt,
  };
  const desc = sort.startsWith("-");
  const key = keyOf[sort.replace(/^-/, "")];
  if (!key) v2Fail(400, `Invalid value for sort: ${sort}`);
  pages = pages.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1));
  return cursorPage(ctx, pages.map((p) => v2Page(ctx, p, format, current(p), false)));
}

/** GET /pages/{id} (`status` may name `trashed` pages too; the default is current ones). */
export function v2GetPage(ctx: Ctx): Response {
  const statuses = listParam(ctx.query, "status") ?? ["current", "archived"];
  const page = statuses.includes("trashed")
    ? ctx.state.pages.find((p) => p.id === ctx.params.id && statuses.includes(p.status)) ??
      v2FindPage(ctx)
    : v2FindPage(ctx);
  const format = bodyFormat(ctx);
  let v = current(page);
  const wanted = ctx.query.get("version");
  if (wanted !== null) {
    const found = page.versions.find((x) => String(x.number) === wanted);
    if (!found) v2Fail(404, `Version ${wanted} of page ${page.id} not found`);
    v = found;
  }
  const out = v2Page(ctx, page, format, v);
  const meta = { hasMore: false, cursor: null };
  if (ctx.query.get("include-labels") === "true") {
    out.labels = {
      results: page.labels.map(labelObject),
      meta,
      _links: {},
    };
  }
  if (ctx.query.get("include-versions") === "true") {
    out.versions = {
      results: [...page.versions].reverse().map((x) => v2Version(ctx, x)),
      meta,
      _links: {},
    };
  }
  if (ctx.query.get("include-direct-children") === "true") {
    out.directChildren = {
      results: children(ctx, page.id).map((c) => ({
        id: c.id,
        status: c.status,
        title: current(c).title,
        type: "page",
      })),
      meta,
      _links: {},
    };
  }
  return json(out);
}

/** POST /pages. */
export function v2CreatePage(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const fail = (msg: string): never => v2Fail(400, msg);
  if (b.spaceId === undefined || b.spaceId === null || b.spaceId === "") {
    fail("spaceId is required");
  }
  const space = ctx.state.spaces.find((s) => String(s.id) === String(b.spaceId));
  if (!space) v2Fail(404, `Space with id ${String(b.spaceId)} not found`);
  if (!canEdit(ctx, space.key)) {
    v2Fail(403, "You do not have permission to create pages in this space");
  }
  const status = String(b.status ?? "current");
  if (status !== "current" && status !== "draft") fail(`Invalid value for status: ${status}`);
  const title = typeof b.title === "string" ? b.title.trim() : "";
  if (!title) fail("Title is required for a published page");
  if (titleTaken(ctx, space.key, title)) {
    fail(
      "A page with this title already exists: A page already exists with the same TITLE in this space",
    );
  }
  let parentId: string | null = null;
  if (b.parentId !== undefined && b.parentId !== null) {
    const parent = livePage(ctx, String(b.parentId));
    if (!parent) v2Fail(404, `Parent page ${String(b.parentId)} not found`);
    if (parent.spaceKey !== space.key) fail("The parent page must be in the same space");
    parentId = parent.id;
  } else if (ctx.query.get("root-level") !== "true") parentId = space.homepageId;
  const body = (b.body ?? { representation: "storage", value: "" }) as Record<string, unknown>;
  const { storage, adf } = toStorage(body.representation ?? "storage", body.value ?? "", fail);
  if (b.subtype !== undefined && b.subtype !== null && b.subtype !== "live") {
    fail(`Invalid value for subtype: ${String(b.subtype)}`);
  }
  const now = ctx.now.toISOString();
  const page = newPage({
    id: nextPageId(ctx),
    spaceKey: space.key,
    parentId,
    title,
    storage,
    adf,
    authorId: ctx.user.id,
    createdAt: now,
    position: parentId ? children(ctx, parentId).length : 0,
    subtype: b.subtype === "live" ? "live" : undefined,
  });
  ctx.state.pages.push(page);
  const format = body.representation === "atlas_doc_format" ? "atlas_doc_format" : "storage";
  return json(v2Page(ctx, page, format));
}

/** True when `newParent` is the page itself or below it. */
export function wouldCycle(ctx: Ctx, pageId: string, newParent: string): boolean {
  let p: string | null = newParent;
  while (p) {
    if (p === pageId) return true;
    p = ctx.state.pages.find((x) => x.id === p)?.parentId ?? null;
  }
  return false;
}

/** PUT /pages/{id}: version.number must be current + 1, else 409. */
export function v2UpdatePage(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  const b = bodyObject(ctx);
  const fail = (msg: string): never => v2Fail(400, msg);
  if (b.id !== undefined && String(b.id) !== page.id) {
    fail("The id in the body does not match the id in the path");
  }
  if (!canEdit(ctx, page.spaceKey)) v2Fail(403, "You do not have permission to edit this page");
  const version = b.version as Record<string, unknown> | undefined;
  if (!version || typeof version.number !== "number") fail("version.number is required");
  const cur = current(page);
  if (version!.number !== cur.number + 1) {
    v2Fail(409, `Version must be incremented on update. Current version is: ${cur.number}`);
  }
  const status = String(b.status ?? "current");
  if (!["current", "draft", "archived"].includes(status)) {
    fail(`Invalid value for status: ${status}`);
  }
  const title = typeof b.title === "string" ? b.title.trim() : "";
  if (!title) fail("Title is required");
  if (titleTaken(ctx, page.spaceKey, title, page.id)) {
    fail(
      "A page with this title already exists: A page already exists with the same TITLE in this space",
    );
  }
  const body = b.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object") fail("body is required");
  const { storage, adf } = toStorage(body!.representation ?? "storage", body!.value, fail);
  let parentId = page.parentId;
  if (b.parentId !== undefined && b.parentId !== null && String(b.parentId) !== page.parentId) {
    const parent = livePage(ctx, String(b.parentId));
    if (!parent || parent.spaceKey !== page.spaceKey) fail("Invalid parentId");
    if (wouldCycle(ctx, page.id, parent!.id)) fail("A page cannot be moved below itself");
    parentId = parent!.id;
  }
  page.parentId = parentId;
  page.versions.push({
    number: cur.number + 1,
    title,
    storage,
    adf,
    authorId: ctx.user.id,
    createdAt: ctx.now.toISOString(),
    message: typeof version!.message === "string" ? version!.message : "",
    minorEdit: version!.minorEdit === true,
    parentId,
  });
  const format = body!.representation === "atlas_doc_format" ? "atlas_doc_format" : "storage";
  return json(v2Page(ctx, page, format));
}

/** DELETE /pages/{id}: moves the page to the trash (or purges with `purge=true`). */
export function v2DeletePage(ctx: Ctx): Response {
  const page = ctx.state.pages.find((p) => p.id === ctx.params.id);
  if (!page) v2Fail(404, "Not Found");
  if (!canEdit(ctx, page.spaceKey)) v2Fail(403, "You do not have permission to delete this page");
  if (ctx.query.get("purge") === "true") {
    if (page.status !== "trashed") v2Fail(400, "Only trashed pages can be purged");
    ctx.state.pages = ctx.state.pages.filter((p) => p !== page);
  } else {
    if (page.status !== "current") v2Fail(404, "Not Found");
    page.status = "trashed";
  }
  return noContent();
}

/** GET /pages/{id}/children and /direct-children. */
export function v2Children(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  const direct = ctx.path.endsWith("/direct-children");
  const list = children(ctx, page.id).map((c) => ({
    id: c.id,
    status: c.status,
    title: current(c).title,
    ...(direct ? { type: "page" } : {}),
    spaceId: String(spaceByKey(ctx, c.spaceKey)!.id),
    childPosition: c.position,
  }));
  return cursorPage(ctx, list);
}

/** GET /pages/{id}/ancestors (top-down). */
export function v2Ancestors(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  return json({
    results: ancestorIds(ctx, page).map((id) => ({ id, type: "page" })),
    _links: { base: siteBase(ctx) },
  });
}

/** An attachment's id as each flavour writes it (Cloud `att5001`, DC `5001`). */
export function attachmentId(ctx: Ctx, id: string): string {
  return ctx.flavour === "cloud" ? `att${id}` : id;
}

/** GET /pages/{id}/attachments. */
export function v2Attachments(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  const filename = ctx.query.get("filename");
  const mediaType = ctx.query.get("mediaType");
  const list = ctx.state.attachments.filter((a) =>
    a.pageId === page.id && (!filename || a.title === filename) &&
    (!mediaType || a.mediaType === mediaType)
  ).map((a) => ({
    id: attachmentId(ctx, a.id),
    status: "current",
    title: a.title,
    createdAt: a.createdAt,
    pageId: a.pageId,
    mediaType: a.mediaType,
    mediaTypeDescription: a.mediaType === "image/png" ? "PNG Image" : a.mediaType,
    comment: a.comment,
    fileId: a.fileId,
    fileSize: a.fileSize,
    webuiLink: `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${
      encodeURIComponent(a.title)
    }`,
    downloadLink: `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${
      attachmentVersion(ctx.state, a)
    }&api=v2`,
    version: {
      createdAt: a.createdAt,
      message: "",
      number: attachmentVersion(ctx.state, a),
      minorEdit: false,
      authorId: user(ctx, a.authorId).accountId,
    },
    _links: {
      webui: `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${
        encodeURIComponent(a.title)
      }`,
      download: `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${
        attachmentVersion(ctx.state, a)
      }&api=v2`,
    },
  }));
  return cursorPage(ctx, list, 50);
}

/** GET /pages/{id}/versions (newest first unless `sort=modified-date`). */
export function v2Versions(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  const format = bodyFormat(ctx);
  const sort = ctx.query.get("sort") ?? "-modified-date";
  if (sort !== "modified-date" && sort !== "-modified-date") {
    v2Fail(400, `Invalid value for sort: ${sort}`);
  }
  const ordered = sort === "modified-date" ? page.versions : [...page.versions].reverse();
  const list = ordered.map((v) => ({
    ...v2Version(ctx, v),
    page: { id: page.id, title: v.title },
    ...(format ? { body: v2Body(v, format) } : {}),
  }));
  return cursorPage(ctx, list);
}

/** GET /pages/{id}/labels. */
export function v2Labels(ctx: Ctx): Response {
  const page = v2FindPage(ctx);
  return cursorPage(
    ctx,
    page.labels.map(labelObject),
  );
}

function v2Space(ctx: Ctx, s: Space): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: String(s.id),
    key: s.key,
    name: s.name,
    type: "global",
    status: "current",
    authorId: user(ctx, s.authorId).accountId,
    createdAt: s.createdAt,
    homepageId: s.homepageId,
    currentActiveAlias: s.key,
    icon: null,
    _links: { webui: `/spaces/${s.key}` },
  };
  const fmt = ctx.query.get("description-format");
  if (fmt === "plain" || fmt === "view") {
    out.description = { [fmt]: { representation: fmt, value: s.description } };
  }
  return out;
}

/** GET /spaces. */
export function v2ListSpaces(ctx: Ctx): Response {
  const keys = listParam(ctx.query, "keys");
  const ids = listParam(ctx.query, "ids");
  const type = ctx.query.get("type");
  const list = ctx.state.spaces.filter((s) =>
    (!keys || keys.includes(s.key)) && (!ids || ids.includes(String(s.id))) &&
    (!type || type === "global")
  );
  return cursorPage(ctx, list.map((s) => v2Space(ctx, s)));
}

/** GET /spaces/{id}. */
export function v2GetSpace(ctx: Ctx): Response {
  const s = ctx.state.spaces.find((s) => String(s.id) === ctx.params.id);
  if (!s) v2Fail(404, "Not Found");
  return json({ ...v2Space(ctx, s), _links: { webui: `/spaces/${s.key}`, base: siteBase(ctx) } });
}

// --- v1 (Cloud search + users, all of DC) ----------------------------------------------------

/** Parses `expand=a.b,c` into top-level names with their sub-paths. */
export function parseExpand(value: string | null): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const raw of (value ?? "").split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const [head, ...rest] = item.split(".");
    const list = m.get(head) ?? [];
    if (rest.length) list.push(rest.join("."));
    m.set(head, list);
  }
  return m;
}

function sub(expand: Map<string, string[]>, name: string): Map<string, string[]> {
  return parseExpand((expand.get(name) ?? []).join(","));
}

/** Confluence v1 user object. */
export function v1User(ctx: Ctx, u: FakeUser): Record<string, unknown> {
  const base = siteBase(ctx);
  if (ctx.flavour === "cloud") {
    return {
      type: "known",
      accountId: u.accountId,
      accountType: "atlassian",
      email: u.email,
      publicName: u.displayName,
      profilePicture: {
        path: `/wiki/aa-avatar/${u.accountId}`,
        width: 48,
        height: 48,
        isDefault: false,
      },
      displayName: u.displayName,
      isExternalCollaborator: false,
      _expandable: { operations: "", personalSpace: "" },
      _links: { self: `${base}/rest/api/user?accountId=${encodeURIComponent(u.accountId)}` },
    };
  }
  return {
    type: "known",
    username: u.name,
    userKey: u.confluenceKey,
    profilePicture: {
      path: "/confluence/images/icons/profilepics/default.svg",
      width: 48,
      height: 48,
      isDefault: true,
    },
    displayName: u.displayName,
    _links: { self: `${base}/rest/api/user?key=${u.confluenceKey}` },
    _expandable: { status: "" },
  };
}

function links(ctx: Ctx, self: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    base: siteBase(ctx),
    context: contextPath(ctx),
    self: `${siteBase(ctx)}${self}`,
  };
}

function v1Space(
  ctx: Ctx,
  s: Space,
  expand: Map<string, string[]> = new Map(),
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    key: s.key,
    name: s.name,
    type: "global",
    status: "current",
  };
  const expandable: Record<string, string> = {
    settings: `/rest/api/space/${s.key}/settings`,
    metadata: "",
    operations: "",
    lookAndFeel: `/rest/api/settings/lookandfeel?spaceKey=${s.key}`,
    identifiers: "",
    permissions: "",
    icon: "",
    description: "",
    theme: `/rest/api/space/${s.key}/theme`,
    history: "",
    homepage: `/rest/api/content/${s.homepageId}`,
  };
  if (expand.has("description")) {
    out.description = {
      plain: { value: s.description, representation: "plain", embeddedContent: [] },
    };
    delete expandable.description;
  }
  if (expand.has("homepage")) {
    const home = livePage(ctx, s.homepageId);
    out.homepage = home ? v1Content(ctx, home, sub(expand, "homepage")) : null;
    delete expandable.homepage;
  }
  out._links = links(ctx, `/rest/api/space/${s.key}`, {
    webui: ctx.flavour === "cloud" ? `/spaces/${s.key}` : `/display/${s.key}`,
  });
  out._expandable = expandable;
  return out;
}

function v1Version(ctx: Ctx, page: Page, v: PageVersion): Record<string, unknown> {
  return {
    by: v1User(ctx, user(ctx, v.authorId)),
    when: v.createdAt,
    friendlyWhen: friendly(v.createdAt),
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    ...(ctx.flavour === "datacenter" ? { hidden: false } : { contentTypeModified: false }),
    _links: { self: `${siteBase(ctx)}/rest/experimental/content/${page.id}/version/${v.number}` },
    _expandable: { content: `/rest/api/content/${page.id}` },
  };
}

function friendly(iso: string): string {
  const d = new Date(iso);
  const mon = MONTHS[d.getUTCMonth()];
  return `${mon} ${String(d.getUTCDate()).padStart(2, "0")}, ${d.getUTCFullYear()}`;
}

function minimalContent(ctx: Ctx, page: Page): Record<string, unknown> {
  return {
    id: page.id,
    type: "page",
    status: page.status,
    title: current(page).title,
    extensions: { position: page.position },
    _links: links(ctx, `/rest/api/content/${page.id}`, {
      webui: webui(ctx, page),
      edit: `/pages/resumedraft.action?draftId=${page.id}`,
      tinyui: tinyui(page.id),
    }),
    _expandable: {
      container: "",
      metadata: "",
      operations: "",
      children: "",
      restrictions: "",
      history: "",
      ancestors: "",
      body: "",
      version: "",
      descendants: "",
      space: "",
    },
  };
}

/** A v1 content object for a page, honouring `expand`. */
export function v1Content(
  ctx: Ctx,
  page: Page,
  expand: Map<string, string[]>,
  v: PageVersion = current(page),
): Record<string, unknown> {
  const id = page.id;
  const space = spaceByKey(ctx, page.spaceKey)!;
  const out: Record<string, unknown> = {
    id,
    type: "page",
    status: v === current(page) ? page.status : "historical",
    title: v.title,
  };
  const expandable: Record<string, string> = {
    container: `/rest/api/space/${page.spaceKey}`,
    metadata: "",
    operations: "",
    children: `/rest/api/content/${id}/child`,
    restrictions: `/rest/api/content/${id}/restriction/byOperation`,
    history: `/rest/api/content/${id}/history`,
    ancestors: "",
    body: "",
    version: "",
    descendants: `/rest/api/content/${id}/descendant`,
    space: `/rest/api/space/${page.spaceKey}`,
  };
  const take = (name: string) => {
    delete expandable[name];
    return expand.has(name);
  };
  if (expand.has("space") && take("space")) out.space = v1Space(ctx, space, sub(expand, "space"));
  if (expand.has("container") && take("container")) {
    out.container = v1Space(ctx, space, sub(expand, "container"));
  }
  if (expand.has("history") && take("history")) {
    const h = sub(expand, "history");
    const history: Record<string, unknown> = {
      latest: v === current(page),
      createdBy: v1User(ctx, user(ctx, page.authorId)),
      createdDate: page.createdAt,
    };
    if (h.has("lastUpdated")) history.lastUpdated = v1Version(ctx, page, current(page));
    if (h.has("previousVersion") && v.number > 1) {
      history.previousVersion = v1Version(ctx, page, page.versions[v.number - 2]);
    }
    if (h.has("contributors")) {
      history.contributors = {
        publishers: {
          users: [...new Set(page.versions.map((x) => x.authorId))].map((a) =>
            v1User(ctx, user(ctx, a))
          ),
        },
      };
    }
    history._links = { self: `${siteBase(ctx)}/rest/api/content/${id}/history` };
    out.history = history;
  }
  if (expand.has("version") && take("version")) out.version = v1Version(ctx, page, v);
  if (expand.has("ancestors") && take("ancestors")) {
    out.ancestors = ancestorIds(ctx, page).map((a) =>
      minimalContent(ctx, ctx.state.pages.find((p) => p.id === a)!)
    );
  }
  if (expand.has("children") && take("children")) {
    const c = sub(expand, "children");
    const result: Record<string, unknown> = {};
    if (c.has("page")) {
      const list = children(ctx, id).map((p) => minimalContent(ctx, p));
      result.page = {
        results: list,
        start: 0,
        limit: 25,
        size: list.length,
        _links: links(ctx, `/rest/api/content/${id}/child/page`),
      };
    }
    if (c.has("attachment")) {
      const list = attachmentsOf(ctx, id);
      result.attachment = {
        results: list,
        start: 0,
        limit: 25,
        size: list.length,
        _links: links(ctx, `/rest/api/content/${id}/child/attachment`),
      };
    }
    result._expandable = {
      comment: `/rest/api/content/${id}/child/comment`,
      page: `/rest/api/content/${id}/child/page`,
      attachment: `/rest/api/content/${id}/child/attachment`,
    };
    out.children = result;
  }
  if (expand.has("body") && take("body")) {
    const reps = sub(expand, "body");
    const body: Record<string, unknown> = {};
    for (
      const rep of ["storage", "view", "export_view", "styled_view", "editor", "atlas_doc_format"]
    ) {
      if (!reps.has(rep)) continue;
      const value = rep === "atlas_doc_format"
        ? JSON.stringify(v.adf ?? storageToAdf(v.storage))
        : v.storage;
      body[rep] = {
        value,
        representation: rep,
        embeddedContent: [],
        _expandable: { content: `/rest/api/content/${id}` },
      };
    }
    body._expandable = Object.fromEntries(
      ["editor", "view", "export_view", "styled_view", "storage", "anonymous_export_view"].filter((
        r,
      ) => !reps.has(r)).map((r) => [r, ""]),
    );
    out.body = body;
  }
  if (expand.has("metadata") && take("metadata")) {
    const md = sub(expand, "metadata");
    const metadata: Record<string, unknown> = {};
    if (md.has("labels")) {
      metadata.labels = {
        results: page.labels.map((stored, i) => ({ ...labelObject(stored, i), label: stored })),
        start: 0,
        limit: 200,
        size: page.labels.length,
      };
    }
    metadata._expandable = {
      currentuser: "",
      comments: "",
      sourceTemplateEntityId: "",
      simple: "",
      properties: "",
      frontend: "",
      labels: "",
      likes: "",
    };
    out.metadata = metadata;
  }
  out.extensions = { position: page.position };
  out._links = links(ctx, `/rest/api/content/${id}`, {
    webui: webui(ctx, page),
    edit: `/pages/resumedraft.action?draftId=${id}`,
    tinyui: tinyui(id),
    collection: "/rest/api/content",
  });
  out._expandable = expandable;
  return out;
}

function attachmentsOf(ctx: Ctx, pageId: string): Record<string, unknown>[] {
  return ctx.state.attachments.filter((a) => a.pageId === pageId).map((a) => ({
    id: attachmentId(ctx, a.id),
    type: "attachment",
    status: "current",
    title: a.title,
    metadata: {
      mediaType: a.mediaType,
      comment: a.comment,
      labels: { results: [], start: 0, limit: 200, size: 0 },
    },
    extensions: { mediaType: a.mediaType, fileSize: a.fileSize, comment: a.comment },
    version: { number: attachmentVersion(ctx.state, a) },
    _links: links(ctx, `/rest/api/content/${attachmentId(ctx, a.id)}`, {
      webui: `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${
        encodeURIComponent(`/${a.pageId}/${a.title}`)
      }`,
      download: `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${
        attachmentVersion(ctx.state, a)
      }&api=v2`,
    }),
  }));
}

/** start/limit pagination with `_links.next` relative to the site base (like Confluence v1). */
export function startLimit<T>(
  ctx: Ctx,
  items: T[],
  defLimit: number,
  maxLimit: number,
  extra: Record<string, unknown> = {},
): Response {
  const start = intParam(ctx.query, "start", 0);
  const limit = intParam(ctx.query, "limit", defLimit, 1, maxLimit);
  const results = items.slice(start, start + limit);
  const rel = ctx.path.slice(contextPath(ctx).length);
  const self = `${rel}${ctx.query.size ? `?${ctx.query}` : ""}`;
  const l: Record<string, string> = links(ctx, self);
  if (start + limit < items.length) {
    const q = new URLSearchParams(ctx.query);
    q.set("limit", String(limit));
    q.set("start", String(start + limit));
    l.next = `${rel}?${q}`;
  }
  if (start > 0) {
    const q = new URLSearchParams(ctx.query);
    q.set("limit", String(limit));
    q.set("start", String(Math.max(0, start - limit)));
    l.prev = `${rel}?${q}`;
  }
  return json({ results, start, limit, size: results.length, ...extra, _links: l });
}

function runCql(ctx: Ctx) {
  const cql = ctx.query.get("cql");
  if (!cql) v1Fail(400, "The CQL query parameter (cql) is required.");
  try {
    const compiled = compileCql(cql!, { state: ctx.state, user: ctx.user, now: ctx.now });
    return {
      cql: cql!,
      compiled,
      pages: ctx.state.pages.filter(compiled.filter).sort(compiled.compare),
    };
  } catch (e) {
    if (e instanceof CqlError) v1Fail(400, e.message);
    throw e;
  }
}

function highlight(text: string, terms: string[]): string {
  const words = terms.flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  if (!words.length) return text;
  return text.replace(
    /[\p{L}\p{N}]+/gu,
    (w) => words.some((x) => w.toLowerCase().startsWith(x)) ? `@@@hl@@@${w}@@@endhl@@@` : w,
  );
}

function excerptOf(ctx: Ctx, page: Page, terms: string[], mode: string): string {
  if (mode === "none") return "";
  const text = bodyText(page, ctx.state).replace(/\s+/g, " ").trim();
  let start = 0;
  const words = terms.flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  if (words.length) {
    const at = text.toLowerCase().indexOf(words[0]);
    if (at > 60) start = text.lastIndexOf(" ", at - 40) + 1;
  }
  let out = text.slice(start, start + 200);
  if (start + 200 < text.length) out = out.replace(/\s+\S*$/, "") + "...";
  if (start > 0) out = "..." + out;
  return mode === "highlight" ? highlight(out, terms) : out;
}

/** GET search (v1 CQL search; Cloud `/wiki/rest/api/search`, DC `/confluence/rest/api/search`). */
export function v1Search(ctx: Ctx): Response {
  const started = performance.now();
  const { cql, compiled, pages } = runCql(ctx);
  const mode = ctx.query.get("excerpt") ?? "highlight";
  const expand = parseExpand(ctx.query.get("expand"));
  const contentExpand = sub(expand, "content");
  const results = pages.map((p) => {
    const space = spaceByKey(ctx, p.spaceKey)!;
    const title = current(p).title;
    const titleTerms = compiled.terms.filter((t) => textMatches(title, t));
    return {
      content: v1Content(ctx, p, contentExpand),
      title: mode === "highlight" && titleTerms.length ? highlight(title, titleTerms) : title,
      excerpt: excerptOf(ctx, p, compiled.terms, mode),
      url: webui(ctx, p),
      resultGlobalContainer: {
        title: space.name,
        displayUrl: ctx.flavour === "cloud" ? `/spaces/${space.key}` : `/display/${space.key}`,
      },
      breadcrumbs: [],
      entityType: "content",
      iconCssClass: "aui-icon content-type-page",
      lastModified: current(p).createdAt,
      friendlyLastModified: friendly(current(p).createdAt),
      score: 1.0,
    };
  });
  return startLimit(ctx, results, 25, ctx.flavour === "cloud" ? 100 : 50, {
    totalSize: results.length,
    cqlQuery: cql,
    searchDuration: Math.round(performance.now() - started),
  });
}

/** GET content/search (v1: content objects for a CQL query). */
export function v1ContentSearch(ctx: Ctx): Response {
  const { cql, pages } = runCql(ctx);
  const expand = parseExpand(ctx.query.get("expand"));
  return startLimit(
    ctx,
    pages.map((p) => v1Content(ctx, p, expand)),
    25,
    ctx.flavour === "cloud" ? 250 : 100,
    {
      totalSize: pages.length,
      cqlQuery: cql,
    },
  );
}

/** GET user (v1; Cloud `accountId`, DC `username` or `key`). */
export function v1GetUser(ctx: Ctx): Response {
  const accountId = ctx.query.get("accountId");
  const username = ctx.query.get("username");
  const key = ctx.query.get("key");
  let u: FakeUser | undefined;
  if (ctx.flavour === "cloud") {
    if (!accountId) v1Fail(400, "The accountId query parameter is required.");
    u = ctx.state.users.find((x) => x.accountId === accountId);
    if (!u) v1Fail(404, `No user found with accountId : ${accountId}`);
  } else {
    if (!username && !key) {
      v1Fail(400, "Either the username or the key query parameter must be provided.");
    }
    u = ctx.state.users.find((x) =>
      (username && x.name === username) || (key && x.confluenceKey === key)
    );
    if (!u) {
      v1Fail(
        404,
        username ? `No user found with username : ${username}` : `No user found with key : ${key}`,
      );
    }
  }
  return json(v1User(ctx, u));
}

/** GET user/current (v1). */
export function v1CurrentUser(ctx: Ctx): Response {
  return json(v1User(ctx, ctx.user));
}

// --- DC content ------------------------------------------------------------------------------

function v1FindPage(ctx: Ctx, id: string): Page {
  const page = ctx.state.pages.find((p) => p.id === id);
  const statuses = listParam(ctx.query, "status") ?? ["current"];
  if (
    !page ||
    !(statuses.includes(page.status) || statuses.includes("any") ||
      (statuses.includes("historical") && page.status === "current"))
  ) {
    v1Fail(404, `No content found with id: ContentId{id=${id}}`);
  }
  return page;
}

/** GET content (DC: filter by spaceKey/title/type, start/limit). */
export function v1ListContent(ctx: Ctx): Response {
  const type = ctx.query.get("type") ?? "page";
  const spaceKey = ctx.query.get("spaceKey");
  const title = ctx.query.get("title");
  const status = ctx.query.get("status") ?? "current";
  const expand = parseExpand(ctx.query.get("expand"));
  const pages = type !== "page"
    ? []
    : ctx.state.pages.filter((p) =>
      (status === "any" || p.status === status) && (!spaceKey || p.spaceKey === spaceKey) &&
      (title === null || current(p).title === title)
    ).sort((a, b) => Number(a.id) - Number(b.id));
  return startLimit(ctx, pages.map((p) => v1Content(ctx, p, expand)), 25, 200);
}

/** GET content/{id} (DC; `version=N` with `status=historical` returns an old version). */
export function v1GetContent(ctx: Ctx): Response {
  const comment = commentById(ctx, ctx.params.id);
  if (comment) return v1GetComment(ctx, comment);
  const attachment = attachmentById(ctx, ctx.params.id);
  if (attachment) return v1GetAttachment(ctx, attachment);
  const page = v1FindPage(ctx, ctx.params.id);
  let v = current(page);
  const wanted = ctx.query.get("version");
  if (wanted !== null) {
    const found = page.versions.find((x) => String(x.number) === wanted);
    if (!found) {
      v1Fail(404, `No content found with id: ContentId{id=${page.id}} and version: ${wanted}`);
    }
    v = found;
  }
  return json(v1Content(ctx, page, parseExpand(ctx.query.get("expand")), v));
}

function v1Storage(b: Record<string, unknown>, fail: (msg: string) => never) {
  const body = b.body as Record<string, Record<string, unknown>> | undefined;
  if (!body) return undefined;
  const rep = body.storage ?? body.wiki ?? body.editor;
  if (!rep) fail("Body must contain a storage, wiki or editor representation.");
  const representation = rep.representation ??
    (body.storage ? "storage" : body.wiki ? "wiki" : "editor");
  return toStorage(representation, rep.value, fail);
}

const DEFAULT_EXPAND = "body.storage,version,space,ancestors,history";

/** POST content (DC: create a page). */
export function v1CreateContent(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const fail = (msg: string): never => v1Fail(400, msg);
  const type = b.type ?? "page";
  if (type === "comment") return v1CreateComment(ctx);
  if (type !== "page") fail(`Content type '${String(type)}' is not supported by this server.`);
  const spaceKey = (b.space as Record<string, unknown> | undefined)?.key;
  if (typeof spaceKey !== "string") fail("Space key must be provided.");
  const space = spaceByKey(ctx, spaceKey as string);
  if (!space) v1Fail(404, `No space with key : ${String(spaceKey)}`);
  if (!canEdit(ctx, space.key)) v1Fail(403, "Could not create content with type page");
  const title = typeof b.title === "string" ? b.title.trim() : "";
  if (!title) fail("Content title must be provided.");
  if (titleTaken(ctx, space.key, title)) {
    fail(
      `A page with this title already exists: A page already exists with the title ${title} in the space with key ${space.key}`,
    );
  }
  let parentId: string | null = space.homepageId;
  const ancestors = b.ancestors as Record<string, unknown>[] | undefined;
  if (Array.isArray(ancestors) && ancestors.length) {
    const parent = livePage(ctx, String(ancestors[ancestors.length - 1].id));
    if (!parent) {
      fail(`Could not find parent page with id ${String(ancestors[ancestors.length - 1].id)}`);
    }
    if (parent!.spaceKey !== space.key) fail("The parent page must be in the same space.");
    parentId = parent!.id;
  }
  const { storage } = v1Storage(b, fail) ?? { storage: "" };
  const now = ctx.now.toISOString();
  const page = newPage({
    id: nextPageId(ctx),
    spaceKey: space.key,
    parentId,
    title,
    storage,
    authorId: ctx.user.id,
    createdAt: now,
    position: parentId ? children(ctx, parentId).length : 0,
  });
  ctx.state.pages.push(page);
  return json(v1Content(ctx, page, parseExpand(DEFAULT_EXPAND)));
}

/** PUT content/{contentId} (DC: version.number must be current + 1, else 409). */
export function v1UpdateContent(ctx: Ctx): Response {
  const page = v1FindPage(ctx, ctx.params.contentId);
  const b = bodyObject(ctx);
  const fail = (msg: string): never => v1Fail(400, msg);
  if (!canEdit(ctx, page.spaceKey)) {
    v1Fail(
      403,
      `Could not update Content of type : class com.atlassian.confluence.pages.Page with id ${page.id}`,
    );
  }
  const version = b.version as Record<string, unknown> | undefined;
  if (!version || typeof version.number !== "number") {
    fail("Must supply an incremented version when updating Content. No version supplied.");
  }
  const cur = current(page);
  if (version!.number !== cur.number + 1) {
    v1Fail(409, `Version must be incremented on update. Current version is: ${cur.number}`);
  }
  if (b.type !== undefined && b.type !== "page") fail("Cannot change the type of content.");
  const title = typeof b.title === "string" ? b.title.trim() : "";
  if (!title) fail("Title must be provided when updating content.");
  if (titleTaken(ctx, page.spaceKey, title, page.id)) {
    fail(
      `A page with this title already exists: A page already exists with the title ${title} in the space with key ${page.spaceKey}`,
    );
  }
  const storage = v1Storage(b, fail)?.storage ?? cur.storage;
  let parentId = page.parentId;
  const ancestors = b.ancestors as Record<string, unknown>[] | undefined;
  if (Array.isArray(ancestors) && ancestors.length) {
    const target = String(ancestors[ancestors.length - 1].id);
    const parent = livePage(ctx, target);
    if (!parent || parent.spaceKey !== page.spaceKey) {
      fail(`Could not find parent page with id ${target}`);
    }
    if (wouldCycle(ctx, page.id, parent!.id)) fail("A page cannot be moved below itself.");
    parentId = parent!.id;
  }
  page.parentId = parentId;
  page.versions.push({
    number: cur.number + 1,
    title,
    storage,
    authorId: ctx.user.id,
    createdAt: ctx.now.toISOString(),
    message: typeof version!.message === "string" ? version!.message : "",
    minorEdit: version!.minorEdit === true,
    parentId,
  });
  return json(v1Content(ctx, page, parseExpand(DEFAULT_EXPAND)));
}

/** DELETE content/{id} (DC: trash, or purge a trashed page with `status=trashed`). */
export function v1DeleteContent(ctx: Ctx): Response {
  const comment = commentById(ctx, ctx.params.id);
  if (comment) return v1DeleteComment(ctx, comment);
  const attachment = attachmentById(ctx, ctx.params.id);
  if (attachment) return v1DeleteAttachment(ctx, attachment);
  const page = ctx.state.pages.find((p) => p.id === ctx.params.id);
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${ctx.params.id}}`);
  if (!canEdit(ctx, page.spaceKey)) v1Fail(403, `Could not delete Content with id ${page.id}`);
  if (ctx.query.get("status") === "trashed") {
    if (page.status !== "trashed") v1Fail(400, "Only trashed content can be purged.");
    ctx.state.pages = ctx.state.pages.filter((p) => p !== page);
  } else {
    if (page.status !== "current") {
      v1Fail(404, `No content found with id: ContentId{id=${page.id}}`);
    }
    page.status = "trashed";
  }
  return noContent();
}

/** GET content/{id}/child/{type} (DC: `page` children; `comment`/`blogpost` are empty here). */
export function v1Children(ctx: Ctx): Response {
  const page = v1FindPage(ctx, ctx.params.id);
  const type = ctx.params.type;
  if (!["page", "comment", "blogpost", "attachment"].includes(type)) {
    v1Fail(400, `Unknown child content type: ${type}`);
  }
  const expand = parseExpand(ctx.query.get("expand"));
  const list = type === "page"
    ? children(ctx, page.id).map((p) => v1Content(ctx, p, expand))
    : type === "attachment"
    ? attachmentsOf(ctx, page.id)
    : [];
  return startLimit(ctx, list, 25, 200);
}

/** GET content/{id}/child/attachment (DC). */
export function v1Attachments(ctx: Ctx): Response {
  const page = v1FindPage(ctx, ctx.params.id);
  const filename = ctx.query.get("filename");
  const mediaType = ctx.query.get("mediaType");
  const list = attachmentsOf(ctx, page.id).filter((a) =>
    (!filename || a.title === filename) &&
    (!mediaType || (a.extensions as Record<string, unknown>).mediaType === mediaType)
  );
  return startLimit(ctx, list, 50, 200);
}

/** GET content/{id}/history (DC). */
export function v1History(ctx: Ctx): Response {
  const page = v1FindPage(ctx, ctx.params.id);
  const v = current(page);
  return json({
    latest: true,
    createdBy: v1User(ctx, user(ctx, page.authorId)),
    createdDate: page.createdAt,
    lastUpdated: v1Version(ctx, page, v),
    ...(v.number > 1 ? { previousVersion: v1Version(ctx, page, page.versions[v.number - 2]) } : {}),
    _links: { self: `${siteBase(ctx)}/rest/api/content/${page.id}/history` },
    _expandable: { contributors: "", nextVersion: "" },
  });
}

/** GET space (DC list). */
export function v1ListSpaces(ctx: Ctx): Response {
  const keys = listParam(ctx.query, "spaceKey");
  const expand = parseExpand(ctx.query.get("expand"));
  const list = ctx.state.spaces.filter((s) => !keys || keys.includes(s.key)).map((s) =>
    v1Space(ctx, s, expand)
  );
  return startLimit(ctx, list, 25, 500);
}

/** GET space/{spaceKey} (DC). */
export function v1GetSpace(ctx: Ctx): Response {
  const s = spaceByKey(ctx, ctx.params.spaceKey);
  if (!s) v1Fail(404, `No space with key : ${ctx.params.spaceKey}`);
  return json(v1Space(ctx, s, parseExpand(ctx.query.get("expand"))));
}
