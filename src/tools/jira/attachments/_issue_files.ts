/**
 * Downloads an issue's attachments (all of them, or its images) into one answer: a summary
 * first, then the files.
 *
 * @module
 */
import { downloadIssueAttachment, listIssueAttachments } from "../../../jira/attachments.ts";
import { ContentAnswer } from "../../answer.ts";
import type { Progress, ServiceHandle } from "../../define.ts";
import { downloadFiles } from "../../files/downloads.ts";
import { attachmentUri, isImage } from "../../files/kinds.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";

/** The answer of `jira_download_attachments` (`images` false) or `jira_get_issue_images`. */
export async function issueFiles(
  service: ServiceHandle,
  key: string,
  images: boolean,
  progress?: Progress,
): Promise<ContentAnswer> {
  const allowlist = service.service.allowlist;
  assertProjectAllowed(projectOfIssueKey(key), allowlist);
  const listed = await listIssueAttachments(service.client, key);
  // A moved issue keeps answering to its old key: check the project it is in now.
  assertProjectAllowed(projectOfIssueKey(listed.key), allowlist);
  const all = listed.attachments;
  const chosen = images ? all.filter((a) => isImage(a.filename, a.mimeType)) : all;
  const result = await downloadFiles(
    chosen.map((a) => ({
      filename: a.filename,
      mimeType: a.mimeType,
      size: a.size,
      uri: attachmentUri(key, a.filename),
      fetch: (maxBytes: number) => downloadIssueAttachment(service.client, a, maxBytes),
    })),
    images,
    progress,
  );
  const what = images ? "image attachments" : "attachments";
  return new ContentAnswer({
    issue_key: key,
    message: chosen.length
      ? `${result.downloaded.length} of ${chosen.length} ${what} of ${key} follow.`
      : `${key} has no ${what}.`,
    total: chosen.length,
    downloaded: result.downloaded,
    failed: result.failed,
  }, result.items);
}
