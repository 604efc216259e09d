/**
 * Page attachments in the fake Confluence, with their bytes and versions: multipart uploads
 * (`file`, `comment`, `minorEdit` parts; `X-Atlassian-Token: no-check` required), where a name
 * the page has already is refused as Confluence does and a new version goes to `.../data`;
 * one attachment's metadata (Cloud v2 `GET /attachments/{id}`, DC v1 `GET content/{id}`), its
 * bytes and deletes (Cloud v2 moves it to the trash, DC v1 `DELETE content/{id}` too). Cloud's v1
 * `.../download` answers, as Confluence Cloud does, with a 302 to a signed link of the media
 * service (`serveMedia`, a server of its own, which refuses requests that carry credentials);
 * Data Center's `/download/attachments` servlet answers the bytes.
 *
 * @module
 */
import { attachmentId, canEdit, livePage, siteBase, user, v1User } from "./_confluence.ts";
import { type Ctx, json, noContent, v1Fail, v2Fail } from "./_http.ts";
import { type Attachment, current, type FakeState } from "./_model.ts";

/** One stored version of an attachment. */
interface StoredVersion {
  bytes: Uint8Array;
  comment: string;
  minorEdit: boolean;
  createdAt: string;
  authorId: string;
}

const versions = new WeakMap<FakeState, Map<string, StoredVersion[]>>();

/** The versions of an attachment; a seeded one has one version of `fileSize` bytes. */
function versionsOf(state: FakeState, a: Attachment): StoredVersion[] {
  let byId = versions.get(state);
  if (!byId) versions.set(state, byId = new Map());
  let list = byId.get(a.id);
  if (!list) {
    const bytes = Uint8Array.from({ length: a.fileSize }, (_, i) => (i * 31 + 7) % 256);
    list = [{
      bytes,
      comment: a.comment,
      minorEdit: false,
      createdAt: a.createdAt,
      authorId: a.authorId,
    }];
    byId.set(a.id, list);
  }
  return list;
}

/** The current version number of an attachment. */
export function attachmentVersion(state: FakeState, a: Attachment): number {
  return versions.get(state)?.get(a.id)?.length ?? 1;
}

/** The attachment an id (Cloud `att5001`, DC `5001`) names, if any. */
export function attachmentById(ctx: Ctx, id: string): Attachment | undefined {
  return ctx.state.attachments.find((a) => attachmentId(ctx, a.id) === id);
}

function downloadLink(ctx: Ctx, a: Attachment): string {
  return `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${
    attachmentVersion(ctx.state, a)
  }&api=v2`;
}

/** An attachment as v1 content (upload answers, DC `GET content/{id}`). */
function v1Attachment(ctx: Ctx, a: Attachment): Record<string, unknown> {
  const list = versionsOf(ctx.state, a);
  const last = list[list.length - 1];
  const page = ctx.state.pages.find((p) => p.id === a.pageId)!;
  return {
    id: attachmentId(ctx, a.id),
    type: "attachment",
    status: "current",
    title: a.title,
    version: {
      by: v1User(ctx, user(ctx, last.authorId)),
      when: last.createdAt,
      message: last.comment,
      number: list.length,
      minorEdit: last.minorEdit,
    },
    container: { id: page.id, type: "page", status: page.status, title: current(page).title },
    metadata: { mediaType: a.mediaType, comment: a.comment },
    extensions: { mediaType: a.mediaType, fileSize: a.fileSize, comment: a.comment },
    _links: {
      self: `${siteBase(ctx)}/rest/api/content/${attachmentId(ctx, a.id)}`,
      download: downloadLink(ctx, a),
    },
  };
}

/** GET /attachments/{id} (Cloud v2). */
export function v2GetAttachment(ctx: Ctx): Response {
  const a = attachmentById(ctx, ctx.params.id);
  if (!a || !livePage(ctx, a.pageId)) v2Fail(404, "Not Found");
  const list = versionsOf(ctx.state, a);
  const last = list[list.length - 1];
  return json({
    id: attachmentId(ctx, a.id),
    status: "current",
    title: a.title,
    createdAt: last.createdAt,
    pageId: a.pageId,
    mediaType: a.mediaType,
    comment: a.comment,
    fileId: a.fileId,
    fileSize: a.fileSize,
    downloadLink: downloadLink(ctx, a),
    version: {
      createdAt: last.createdAt,
      message: last.comment,
      number: list.length,
      minorEdit: last.minorEdit,
      authorId: user(ctx, last.authorId).accountId,
    },
    _links: { download: downloadLink(ctx, a), base: siteBase(ctx) },
  });
}

/** DELETE /attachments/{id} (Cloud v2: to the trash). */
export function v2DeleteAttachment(ctx: Ctx): Response {
  const a = attachmentById(ctx, ctx.params.id);
  const page = a && livePage(ctx, a.pageId);
  if (!a || !page) v2Fail(404, "Not Found");
  if (!canEdit(ctx, page.spaceKey)) v2Fail(403, "Forbidden");
  ctx.state.attachments = ctx.state.attachments.filter((x) => x !== a);
  return noContent();
}

/** DC `GET content/{id}` for an attachment. */
export function v1GetAttachment(ctx: Ctx, a: Attachment): Response {
  return json(v1Attachment(ctx, a));
}

/** DC `DELETE content/{id}` for an attachment. */
export function v1DeleteAttachment(ctx: Ctx, a: Attachment): Response {
  const page = ctx.state.pages.find((p) => p.id === a.pageId)!;
  if (!canEdit(ctx, page.spaceKey)) {
    v1Fail(403, `Could not delete Content with id ${ctx.params.id}`);
  }
  ctx.state.attachments = ctx.state.attachments.filter((x) => x !== a);
  return noContent();
}

/** The page of an upload, the uploaded file and its form fields, after the XSRF check. */
async function upload(ctx: Ctx) {
  if (ctx.headers.get("x-atlassian-token") !== "no-check") v1Fail(403, "XSRF check failed");
  const page = livePage(ctx, ctx.params.id);
  if (!page) v1Fail(404, `No content found with id: ContentId{id=${ctx.params.id}}`);
  if (!canEdit(ctx, page.spaceKey)) v1Fail(403, "You are not permitted to add attachments here.");
  if (!(ctx.body instanceof FormData)) v1Fail(415, "The request must be multipart/form-data.");
  const files = ctx.body.getAll("file").filter((f): f is File => f instanceof File);
  if (!files.length) v1Fail(400, "No file was attached (the form has no 'file' part).");
  const comment = String(ctx.body.get("comment") ?? "");
  const minorEdit = String(ctx.body.get("minorEdit") ?? "false") === "true";
  const stored = await Promise.all(files.map(async (f) => ({
    file: f,
    version: {
      bytes: new Uint8Array(await f.arrayBuffer()),
      comment,
      minorEdit,
      createdAt: ctx.now.toISOString(),
      authorId: ctx.user.id,
    },
  })));
  return { page, stored };
}

/** POST content/{id}/child/attachment: new files; a name the page has is refused. */
export async function v1CreateAttachments(ctx: Ctx): Promise<Response> {
  const { page, stored } = await upload(ctx);
  for (const { file } of stored) {
    if (ctx.state.attachments.some((a) => a.pageId === page.id && a.title === file.name)) {
      v1Fail(
        400,
        `Cannot add a new attachment with same file name as an existing attachment: ${file.name}`,
      );
    }
  }
  const added = stored.map(({ file, version }) => {
    const id = String(Math.max(5000, ...ctx.state.attachments.map((a) => Number(a.id))) + 1);
    const a: Attachment = {
      id,
      pageId: page.id,
      title: file.name,
      mediaType: file.type || "application/octet-stream",
      fileSize: version.bytes.length,
      fileId: crypto.randomUUID(),
      comment: version.comment,
      createdAt: version.createdAt,
      authorId: ctx.user.id,
    };
    ctx.state.attachments.push(a);
    versionsOf(ctx.state, a).splice(0, 1, version);
    return v1Attachment(ctx, a);
  });
  return json({ results: added, start: 0, limit: added.length, size: added.length });
}

/** POST content/{id}/child/attachment/{attachmentId}/data: a new version of one file. */
export async function v1UpdateAttachmentData(ctx: Ctx): Promise<Response> {
  const { page, stored } = await upload(ctx);
  const a = attachmentById(ctx, ctx.params.attachmentId);
  if (!a || a.pageId !== page.id) {
    v1Fail(404, `No attachment found with id: ${ctx.params.attachmentId}`);
  }
  const [{ file, version }] = stored;
  versionsOf(ctx.state, a).push(version);
  a.fileSize = version.bytes.length;
  a.mediaType = file.type || a.mediaType;
  a.comment = version.comment;
  return json(v1Attachment(ctx, a));
}

/** The bytes of version `version` (default the current one) of an attachment on a live page. */
function bytesOf(ctx: Ctx, a: Attachment | undefined, version: string | null): Response {
  if (!a || !livePage(ctx, a.pageId)) v1Fail(404, "Attachment not found.");
  const list = versionsOf(ctx.state, a);
  const v = version === null ? list[list.length - 1] : list[Number(version) - 1];
  if (!v) v1Fail(404, `Attachment ${a.title} has no version ${version}.`);
  return new Response(v.bytes as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": a.mediaType, "content-length": String(v.bytes.length) },
  });
}

/** The media service of each Cloud site (site origin -> media origin). */
const MEDIA = new Map<string, string>();

/** Signed download links of the media service: token -> the answer's bytes and type. */
const SIGNED = new Map<string, { bytes: Uint8Array; type: string }>();

/** Names the media service a Cloud site's downloads redirect to. */
export function registerMedia(siteOrigin: string, mediaOrigin: string): void {
  MEDIA.set(siteOrigin, mediaOrigin);
}

/** The media service of a site, if one is registered. */
export function mediaOf(siteOrigin: string): string | undefined {
  return MEDIA.get(siteOrigin);
}

/**
 * GET content/{id}/child/attachment/{attachmentId}/download (Cloud v1): a 302 to a signed link
 * of the site's media service (the bytes themselves when the site has none registered).
 */
export async function v1Download(ctx: Ctx): Promise<Response> {
  const a = attachmentById(ctx, ctx.params.attachmentId);
  const answer = bytesOf(
    ctx,
    a?.pageId === ctx.params.id ? a : undefined,
    ctx.query.get("version"),
  );
  const media = MEDIA.get(ctx.origin);
  if (!media) return answer;
  const token = crypto.randomUUID();
  SIGNED.set(token, {
    bytes: new Uint8Array(await answer.arrayBuffer()),
    type: answer.headers.get("content-type") ?? "application/octet-stream",
  });
  const location = `${media}/file/${a!.fileId}/binary?token=${token}&client=fake&dl=true`;
  return new Response(null, { status: 302, headers: { location } });
}

/** The fake media service: `GET /file/{fileId}/binary?token=...`, once per signed link. */
export function serveMedia(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const signed = SIGNED.get(url.searchParams.get("token") ?? "");
  if (req.headers.has("authorization")) {
    return Promise.resolve(
      Response.json({ error: "Send no credentials with a signed link." }, { status: 401 }),
    );
  }
  if (req.method !== "GET" || !/^\/file\/[^/]+\/binary$/.test(url.pathname) || !signed) {
    return Promise.resolve(Response.json({ error: "Not found" }, { status: 404 }));
  }
  SIGNED.delete(url.searchParams.get("token")!);
  return Promise.resolve(
    new Response(signed.bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": signed.type, "content-length": String(signed.bytes.length) },
    }),
  );
}

/** GET /download/attachments/{pageId}/{filename} (DC's download servlet). */
export function servletDownload(ctx: Ctx): Response {
  const a = ctx.state.attachments.find((x) =>
    x.pageId === ctx.params.pageId && x.title === ctx.params.filename
  );
  return bytesOf(ctx, a, ctx.query.get("version"));
}
