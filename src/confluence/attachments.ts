/**
 * Page attachments. Listed and read through REST v2 on Cloud and v1 on Data Center; uploaded
 * through v1 on both (v2 has no upload): a name the page has already gets a new version
 * (`.../child/attachment/{id}/data`), which is looked up before the upload so the file is sent
 * once. Bytes come from Cloud's v1 download operation (a redirect to the media service), and on
 * Data Center from the
 * `/download/attachments` servlet its download links name (its REST API has no download).
 * Deletes go through v2 on Cloud and v1 on Data Center; both move the file to the trash.
 *
 * @module
 */
import { isCloud } from "./cloud.ts";
import { z } from "zod";
import { ToolError } from "../errors.ts";
import {
  type HttpClient,
  multipartBody,
  NO_CONTENT,
  objectAnswer,
  paginateCursor,
  path,
  type RawBody,
  type UploadContent,
} from "../http/mod.ts";

/** An attachment, the same on both deployments. */
export interface ConfluenceAttachment {
  id: string;
  title: string;
  mediaType?: string;
  fileSize?: number;
  /** The page (or blog post) it is on. */
  pageId?: string;
  version?: number;
  comment?: string;
}

interface V2Attachment {
  id: string;
  title: string;
  mediaType?: string;
  fileSize?: number;
  pageId?: string;
  blogPostId?: string;
  comment?: string;
  version?: { number?: number };
}

interface V1Attachment {
  id: string;
  type?: string;
  title: string;
  version?: { number?: number };
  /** The page it is on; its id may come as a number. */
  container?: { id?: string | number };
  extensions?: { mediaType?: string; fileSize?: number; comment?: string };
  _links?: { download?: string };
}

const ATTACHMENT = objectAnswer("an attachment", { id: z.string(), title: z.string() });
const V1_LIST = objectAnswer("a page's attachments", {
  results: z.array(z.looseObject({ id: z.string(), title: z.string() })),
});

function fromV2(a: V2Attachment): ConfluenceAttachment {
  return {
    id: a.id,
    title: a.title,
    mediaType: a.mediaType,
    fileSize: a.fileSize,
    pageId: a.pageId ?? a.blogPostId,
    version: a.version?.number,
    comment: a.comment,
  };
}

/** The page id a v1 download link names (`/download/attachments/{pageId}/...`). */
function pageOfLink(link: string | undefined): string | undefined {
  return link?.match(/\/download\/attachments\/(\d+)\//)?.[1];
}

function fromV1(a: V1Attachment, pageId?: string): ConfluenceAttachment {
  return {
    id: a.id,
    title: a.title,
    mediaType: a.extensions?.mediaType,
    fileSize: a.extensions?.fileSize,
    pageId: (a.container?.id !== undefined ? String(a.container.id) : undefined) ?? pageId ??
      pageOfLink(a._links?.download),
    version: a.version?.number,
    comment: a.extensions?.comment,
  };
}

/** Filters of a listing. */
export interface AttachmentFilter {
  start: number;
  limit: number;
  filename?: string;
  mediaType?: string;
}

/** One page of a page's attachments, after `start` of them; `more` says whether others follow. */
export async function listAttachments(
  client: HttpClient,
  pageId: string,
  filter: AttachmentFilter,
): Promise<{ attachments: ConfluenceAttachment[]; more: boolean }> {
  const query = { filename: filter.filename, mediaType: filter.mediaType };
  if (isCloud(client)) {
    const all: ConfluenceAttachment[] = [];
    for await (
      const a of paginateCursor<V2Attachment>(client, path`/api/v2/pages/${pageId}/attachments`, {
        query,
        limit: filter.start + filter.limit + 1,
        pageSize: 250,
      })
    ) all.push(fromV2(a));
    const attachments = all.slice(filter.start, filter.start + filter.limit);
    return { attachments, more: all.length > filter.start + filter.limit };
  }
  const answer = await client.get<{ results: V1Attachment[]; _links?: { next?: string } }>(
    path`/rest/api/content/${pageId}/child/attachment`,
    { ...query, start: filter.start, limit: filter.limit, expand: "version,container" },
    { expect: V1_LIST },
  );
  return {
    attachments: answer.results.map((a) => fromV1(a, pageId)),
    more: answer._links?.next !== undefined,
  };
}

/** One attachment by id (with its page and current version); other content is refused. */
export async function getAttachment(client: HttpClient, id: string): Promise<ConfluenceAttachment> {
  if (isCloud(client)) {
    return fromV2(
      await client.get<V2Attachment>(path`/api/v2/attachments/${id}`, undefined, {
        expect: ATTACHMENT,
      }),
    );
  }
  // Data Center's content endpoint answers for any content (pages, comments, ...) by its id.
  const content = await client.get<V1Attachment>(
    path`/rest/api/content/${id}`,
    { expand: "version,container" },
    { expect: ATTACHMENT },
  );
  if (content.type !== "attachment") {
    throw new ToolError(
      `Content ${id} is ${
        content.type ? `a ${content.type}` : "no attachment"
      }, not an attachment.`,
      "Pass an attachment id from confluence_get_attachments.",
    );
  }
  return fromV1(content);
}

/**
 * The bytes of an attachment's current version; a body over `maxBytes` is refused as it arrives.
 * Confluence Cloud answers with a redirect to a signed link of its media service, which is
 * followed without credentials, and only to `mediaUrl`'s origin.
 */
export async function downloadAttachment(
  client: HttpClient,
  a: ConfluenceAttachment,
  maxBytes: number,
  mediaUrl: string,
): Promise<Uint8Array> {
  const at = isCloud(client)
    ? path`/rest/api/content/${a.pageId ?? ""}/child/attachment/${a.id}/download`
    : path`/download/attachments/${a.pageId ?? ""}/${a.title}`;
  const answer = await client.request<RawBody>({
    method: "GET",
    path: at,
    query: a.version ? { version: a.version } : undefined,
    raw: true,
    maxBytes,
    headers: { Accept: "*/*" },
    returnCrossOriginRedirect: true,
  });
  if (answer.status < 300) return answer.bytes;
  const to = new URL(answer.headers.get("location")!, client.resolveUrl(at));
  const media = new URL(mediaUrl);
  if (to.origin !== media.origin) {
    throw new ToolError(
      `Confluence redirected the download of ${a.title} to ${to.host}, which is not its media service (${media.host}); the redirect was not followed.`,
      "If your site uses another media host, set ATLASSIAN_MEDIA_URL to it.",
    );
  }
  using signed = client.anonymous(to.origin);
  const file = await signed.request<RawBody>({
    method: "GET",
    path: to.pathname + to.search,
    raw: true,
    maxBytes,
    headers: { Accept: "*/*" },
  });
  return file.bytes;
}

/** What an upload carries besides the file. */
export interface UploadOptions {
  comment?: string;
  minorEdit: boolean;
}

/**
 * Uploads a file to a page: a new attachment, or a new version of the one with its name.
 * Resolves to the attachment and whether it was new.
 */
export async function uploadAttachment(
  client: HttpClient,
  pageId: string,
  file: UploadContent,
  options: UploadOptions,
): Promise<{ attachment: ConfluenceAttachment; created: boolean }> {
  const existing = (await listAttachments(client, pageId, {
    start: 0,
    limit: 1,
    filename: file.filename,
  })).attachments.find((a) => a.title === file.filename);
  const fields: [string, string][] = [["minorEdit", String(options.minorEdit)]];
  if (options.comment) fields.push(["comment", options.comment]);
  const form = multipartBody({ field: "file", ...file }, fields);
  const init = {
    headers: { "Content-Type": form.contentType, "X-Atlassian-Token": "no-check" },
  };
  if (existing) {
    const answer = await client.post<V1Attachment>(
      path`/rest/api/content/${pageId}/child/attachment/${existing.id}/data`,
      form.body,
      undefined,
      { ...init, expect: ATTACHMENT },
    );
    return { attachment: fromV1(answer, pageId), created: false };
  }
  const answer = await client.post<{ results: V1Attachment[] }>(
    path`/rest/api/content/${pageId}/child/attachment`,
    form.body,
    undefined,
    { ...init, expect: V1_LIST },
  );
  return { attachment: fromV1(answer.results[0], pageId), created: true };
}

/** Deletes an attachment (Confluence moves it to the trash). */
export async function deleteAttachment(client: HttpClient, id: string): Promise<void> {
  const at = isCloud(client) ? path`/api/v2/attachments/${id}` : path`/rest/api/content/${id}`;
  await client.delete(at, undefined, { expect: NO_CONTENT });
}
