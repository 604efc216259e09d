/**
 * What the `confluence_attachments` tools share: the answer view of an attachment, the
 * allowlist check through its page, and downloading a page's files into one answer.
 *
 * @module
 */
import {
  type ConfluenceAttachment,
  downloadAttachment,
  getAttachment,
  listAttachments,
} from "../../../confluence/attachments.ts";
import { DEFAULT_MEDIA_URL } from "../../../config/mod.ts";
import type { Config } from "../../../config/types.ts";
import { ToolError } from "../../../errors.ts";
import { ContentAnswer } from "../../answer.ts";
import type { Progress, ServiceHandle } from "../../define.ts";
import { downloadFiles } from "../../files/downloads.ts";
import { attachmentUri, isImage } from "../../files/kinds.ts";
import { allowedPage } from "../_space.ts";

/** The bulk tools consider a page's first this many attachments, as the Python server does. */
const BULK_LIMIT = 50;

/** An attachment as answers show it. */
export function attachmentView(a: ConfluenceAttachment) {
  return {
    id: a.id,
    title: a.title,
    media_type: a.mediaType,
    file_size: a.fileSize,
    version: a.version,
    comment: a.comment,
    page_id: a.pageId,
  };
}

/**
 * Reads an attachment, refusing it when its page is outside the allowed spaces, or unknown while
 * an allowlist is set (its space cannot be checked).
 */
export async function allowedAttachment(
  service: ServiceHandle,
  id: string,
): Promise<ConfluenceAttachment> {
  const attachment = await getAttachment(service.client, id);
  if (attachment.pageId) await allowedPage(service, attachment.pageId);
  else if (service.service.allowlist.length) {
    throw new ToolError(
      `Attachment ${id} is on no page whose space can be checked against CONFLUENCE_SPACES_FILTER.`,
      "Use an attachment of a page in the allowed spaces (see confluence_get_attachments).",
    );
  }
  return attachment;
}

/** A downloadable file of an attachment on `owner` (the URI's first part). */
export function downloadable(
  service: ServiceHandle,
  config: Pick<Config, "mediaUrl">,
  owner: string,
  a: ConfluenceAttachment,
) {
  const media = config.mediaUrl ?? DEFAULT_MEDIA_URL;
  return {
    filename: a.title,
    mimeType: a.mediaType,
    size: a.fileSize,
    uri: attachmentUri(owner, a.title),
    fetch: (maxBytes: number) => downloadAttachment(service.client, a, maxBytes, media),
  };
}

/** The first `BULK_LIMIT` attachments of a page (only its images when `images`), downloaded. */
export async function pageFiles(
  service: ServiceHandle,
  config: Pick<Config, "mediaUrl">,
  contentId: string,
  images: boolean,
  progress?: Progress,
): Promise<ContentAnswer> {
  const page = await allowedPage(service, contentId);
  const { attachments, more } = await listAttachments(service.client, page.id, {
    start: 0,
    limit: BULK_LIMIT,
  });
  const chosen = images ? attachments.filter((a) => isImage(a.title, a.mediaType)) : attachments;
  const result = await downloadFiles(
    chosen.map((a) => downloadable(service, config, page.id, a)),
    images,
    progress,
  );
  const what = images ? "image attachments" : "attachments";
  return new ContentAnswer({
    content_id: page.id,
    title: page.title,
    message: chosen.length
      ? `${result.downloaded.length} of ${chosen.length} ${what} of page ${page.id} follow.`
      : `Page ${page.id} has no ${what}.`,
    total: chosen.length,
    downloaded: result.downloaded,
    failed: result.failed,
    note: more
      ? `Only the page's first ${BULK_LIMIT} attachments were considered; list the others with confluence_get_attachments and download them one by one.`
      : undefined,
  }, result.items);
}
