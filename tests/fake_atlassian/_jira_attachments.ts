/**
 * Issue attachments in the fake Jira: multipart uploads (`file` parts, `X-Atlassian-Token:
 * no-check` required, as Jira's XSRF check does), the `attachment` field of an issue, and the
 * bytes (Cloud: `GET /rest/api/{2,3}/attachment/content/{id}`; Data Center: the
 * `/secure/attachment/{id}/{filename}` servlet). A name that exists already is stored again
 * under a new id, as Jira does.
 *
 * @module
 */
import { type Ctx, jiraFail, json } from "./_http.ts";
import { findIssue } from "./_jira.ts";
import { apiBase, jiraUser } from "./_jira_render.ts";
import type { Issue } from "./_model.ts";

/** An attachment of an issue, with its bytes. */
export interface IssueAttachment {
  id: string;
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  created: string;
  author: string;
}

/** Every attachment of a site, with the issue it is on (the issue holds none itself). */
const attachments = new WeakMap<Ctx["state"], { issueId: string; file: IssueAttachment }[]>();

function stored(ctx: Ctx) {
  let list = attachments.get(ctx.state);
  if (!list) attachments.set(ctx.state, list = []);
  return list;
}

/** Adds a file to an issue directly (test setup); returns its id. */
export function addIssueAttachment(
  state: Ctx["state"],
  issueKey: string,
  file: Omit<IssueAttachment, "id">,
): string {
  const issue = state.issues.find((i) => i.key === issueKey)!;
  let list = attachments.get(state);
  if (!list) attachments.set(state, list = []);
  const id = String(10000 + list.length + 1);
  list.push({ issueId: issue.id, file: { id, ...file } });
  return id;
}

/** The `attachment` field of an issue. */
export function issueAttachmentsJson(ctx: Ctx, issue: Issue): Record<string, unknown>[] {
  return stored(ctx).filter((a) => a.issueId === issue.id).map(({ file }) =>
    attachmentJson(ctx, file)
  );
}

function attachmentJson(ctx: Ctx, a: IssueAttachment): Record<string, unknown> {
  const content = ctx.flavour === "cloud"
    ? `${apiBase(ctx)}/attachment/content/${a.id}`
    : `${ctx.origin}/secure/attachment/${a.id}/${encodeURIComponent(a.filename)}`;
  return {
    self: `${apiBase(ctx)}/attachment/${a.id}`,
    id: a.id,
    filename: a.filename,
    author: jiraUser(ctx, a.author),
    created: a.created.replace("Z", "+0000"),
    size: a.bytes.length,
    mimeType: a.mimeType,
    content,
  };
}

/** POST issue/{issueIdOrKey}/attachments: multipart `file` parts. */
export async function uploadAttachments(ctx: Ctx): Promise<Response> {
  if (ctx.headers.get("x-atlassian-token") !== "no-check") jiraFail(403, ["XSRF check failed"]);
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  if (!(ctx.body instanceof FormData)) {
    jiraFail(415, ["The request must be multipart/form-data with a file part."]);
  }
  const files = ctx.body.getAll("file").filter((f): f is File => f instanceof File);
  if (!files.length) jiraFail(400, ["No files were attached (the form has no 'file' part)."]);
  const added: IssueAttachment[] = [];
  for (const f of files) {
    const id = addIssueAttachment(ctx.state, issue.key, {
      filename: f.name,
      mimeType: f.type || "application/octet-stream",
      bytes: new Uint8Array(await f.arrayBuffer()),
      created: ctx.now.toISOString(),
      author: ctx.user.id,
    });
    added.push(stored(ctx).find((a) => a.file.id === id)!.file);
  }
  issue.updated = ctx.now.toISOString();
  return json(added.map((a) => attachmentJson(ctx, a)));
}

/** The bytes of an attachment the caller may see. */
function content(ctx: Ctx, id: string): Response {
  const found = stored(ctx).find((a) => a.file.id === id);
  if (!found) jiraFail(404, [`The attachment with id '${id}' does not exist`]);
  findIssue(ctx, found.issueId);
  return new Response(found.file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": found.file.mimeType,
      "content-length": String(found.file.bytes.length),
    },
  });
}

/**
 * GET attachment/content/{id} (Cloud): the bytes with `redirect=false`, else, as Jira Cloud
 * answers, a 303 to its media service (another host, which the fake does not serve).
 */
export function getContent(ctx: Ctx): Response {
  const answer = content(ctx, ctx.params.id);
  if (ctx.query.get("redirect") === "false") return answer;
  const location = `https://api.media.atlassian.com/file/${crypto.randomUUID()}/binary`;
  return new Response(null, { status: 303, headers: { location } });
}

/** GET /secure/attachment/{id}/{filename} (Data Center's download servlet). */
export function getSecureAttachment(ctx: Ctx): Response {
  return content(ctx, ctx.params.id);
}
