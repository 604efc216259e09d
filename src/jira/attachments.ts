/**
 * Issue attachments: listed from the issue (`fields=attachment`), downloaded by id (Cloud:
 * `/rest/api/2/attachment/content/{id}`; Data Center: the `/secure/attachment/{id}/{name}`
 * servlet its `content` links name, which its REST API has no equivalent of) and uploaded as
 * multipart (`X-Atlassian-Token: no-check`). Jira keeps every upload, also of a name it has.
 *
 * @module
 */
import { z } from "zod";
import {
  type HttpClient,
  multipartBody,
  objectAnswer,
  path,
  type UploadContent,
} from "../http/mod.ts";
import type { JiraUser } from "./types.ts";

/** An attachment as Jira describes it. */
export interface JiraAttachment {
  id: string;
  filename: string;
  mimeType?: string;
  size?: number;
  created?: string;
  author?: JiraUser;
}

const ATTACHMENTS = objectAnswer("an issue with its attachments", {
  key: z.string(),
  fields: z.looseObject({ attachment: z.array(z.looseObject({ id: z.string() })).optional() }),
});

const UPLOADED = z.array(z.looseObject({ id: z.string(), filename: z.string() })).describe(
  "the attached files",
);

/**
 * The attachments of an issue, oldest first, with the issue's current key (a moved issue answers
 * to its old one).
 */
export async function listIssueAttachments(
  client: HttpClient,
  key: string,
): Promise<{ key: string; attachments: JiraAttachment[] }> {
  const issue = await client.get<{ key: string; fields: { attachment?: JiraAttachment[] } }>(
    path`/rest/api/2/issue/${key}`,
    { fields: "attachment" },
    { expect: ATTACHMENTS },
  );
  return { key: issue.key, attachments: issue.fields.attachment ?? [] };
}

/** The bytes of an attachment; a body over `maxBytes` is refused while it arrives. */
export async function downloadIssueAttachment(
  client: HttpClient,
  attachment: Pick<JiraAttachment, "id" | "filename">,
  maxBytes: number,
): Promise<Uint8Array> {
  const at = client.service.deployment === "cloud"
    ? path`/rest/api/2/attachment/content/${attachment.id}`
    : path`/secure/attachment/${attachment.id}/${attachment.filename}`;
  const answer = await client.request<{ bytes: Uint8Array }>({
    method: "GET",
    path: at,
    // Cloud otherwise answers with a redirect to its media service, on another host.
    query: client.service.deployment === "cloud" ? { redirect: false } : undefined,
    raw: true,
    maxBytes,
    headers: { Accept: "*/*" },
  });
  return answer.bytes;
}

/** Attaches one file to an issue; resolves to the new attachment. */
export async function uploadIssueAttachment(
  client: HttpClient,
  key: string,
  file: UploadContent,
): Promise<JiraAttachment> {
  const form = multipartBody({ field: "file", ...file });
  const answer = await client.post<JiraAttachment[]>(
    path`/rest/api/2/issue/${key}/attachments`,
    form.body,
    undefined,
    {
      headers: { "Content-Type": form.contentType, "X-Atlassian-Token": "no-check" },
      expect: UPLOADED,
    },
  );
  return answer[0];
}
