/**
 * Jira Service Management (`/rest/servicedeskapi`, the same paths on Cloud and Data Center):
 * service desks, queues, request types and their fields, customer requests, their comments and
 * temporary attachments. Every request carries `X-ExperimentalApi: opt-in`, as the Python server
 * sends it: Atlassian requires it for operations it marks experimental (none of these in the
 * Cloud document today; older Data Center versions marked some) and stops checking it once an
 * operation leaves that phase.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import type { JiraUser } from "./types.ts";

/** The root of the Service Management API. */
const SD = "/rest/servicedeskapi";

/** Atlassian's opt-in for experimental Service Management operations. */
const HEADERS = { "X-ExperimentalApi": "opt-in" } as const;

/** A page of the Service Management API (`start`, `limit`, `isLastPage`, `values`). */
export interface SdPage<T> {
  values: T[];
  isLastPage: boolean;
  start: number;
}

const PAGE = objectAnswer("a page of Service Management results", {
  values: z.array(z.looseObject({})),
});

/** A service desk and the project behind it. */
export interface ServiceDesk {
  id: string;
  projectId: string;
  projectKey: string;
  projectName?: string;
}

const SERVICE_DESK = objectAnswer("a service desk", {
  id: z.union([z.string(), z.number()]),
  projectKey: z.string(),
});

/** A queue of a service desk. */
export interface SdQueue {
  id: string;
  name: string;
  jql?: string;
  fields?: string[];
  issueCount?: number;
}

const QUEUE = objectAnswer("a queue", { id: z.union([z.string(), z.number()]), name: z.string() });

/** A customer request type. */
export interface RequestType {
  id: string;
  name: string;
  description?: string;
  helpText?: string;
  issueTypeId?: string;
  groupIds?: string[];
}

/** One allowed value of a request type field (select options, with cascading children). */
export interface SdValidValue {
  value: string;
  label: string;
  children?: SdValidValue[];
}

/** A field of a request type. */
export interface RequestTypeField {
  fieldId: string;
  name: string;
  description?: string;
  required: boolean;
  visible?: boolean;
  validValues?: SdValidValue[];
  jiraSchema?: { type?: string; items?: string; system?: string; custom?: string };
}

/** A request type's fields and what the caller may do when raising one. */
export interface RequestTypeFields {
  requestTypeFields: RequestTypeField[];
  canRaiseOnBehalfOf?: boolean;
  canAddRequestParticipants?: boolean;
}

const FIELDS = objectAnswer("a request type's fields", {
  requestTypeFields: z.array(z.looseObject({ fieldId: z.string() })),
});

/** A date as the Service Management API writes it. */
export interface SdDate {
  iso8601?: string;
  epochMillis?: number;
}

/** A customer request as created or read. */
export interface CustomerRequest {
  issueId: string;
  issueKey: string;
  requestTypeId?: string;
  serviceDeskId?: string;
  reporter?: JiraUser;
  createdDate?: SdDate;
  currentStatus?: { status?: string };
  requestFieldValues?: { fieldId: string; label?: string; value?: unknown }[];
  _links?: { web?: string };
}

const REQUEST = objectAnswer("a customer request", {
  issueKey: z.string(),
});

/** A comment on a customer request. */
export interface SdComment {
  id: string;
  body?: string;
  public?: boolean;
  author?: JiraUser;
  created?: SdDate;
}

const COMMENT = objectAnswer("a request comment", { id: z.string() });

const TEMPORARY = objectAnswer("the temporary attachments", {
  temporaryAttachments: z.array(z.looseObject({ temporaryAttachmentId: z.string() })),
});

const ATTACHED = objectAnswer("the attached files", {});

/** Reads one page of a paged Service Management resource. */
async function page<T>(
  client: HttpClient,
  at: string,
  start: number,
  limit: number,
  query: Record<string, string | number | boolean | undefined> = {},
): Promise<SdPage<T>> {
  const answer = await client.get<SdPage<T>>(at, { ...query, start, limit }, {
    headers: HEADERS,
    expect: PAGE,
  });
  return {
    values: answer.values,
    isLastPage: answer.isLastPage !== false,
    start: answer.start ?? start,
  };
}

/** One page of the service desks the caller can see (`GET servicedesk`). */
export function listServiceDesks(
  client: HttpClient,
  start: number,
  limit: number,
): Promise<SdPage<ServiceDesk>> {
  return page(client, `${SD}/servicedesk`, start, limit);
}

/** One service desk by id (or `projectKey:KEY`, `projectId:ID`, as Atlassian accepts). */
export async function getServiceDesk(client: HttpClient, id: string): Promise<ServiceDesk> {
  const desk = await client.get<ServiceDesk>(`${SD}${path`/servicedesk/${id}`}`, undefined, {
    headers: HEADERS,
    expect: SERVICE_DESK,
  });
  return { ...desk, id: String(desk.id), projectId: String(desk.projectId) };
}

/** One page of a service desk's queues, with their issue counts. */
export function getQueues(
  client: HttpClient,
  deskId: string,
  start: number,
  limit: number,
): Promise<SdPage<SdQueue>> {
  return page(client, `${SD}${path`/servicedesk/${deskId}/queue`}`, start, limit, {
    includeCount: true,
  });
}

/** One queue of a service desk, with its issue count. */
export function getQueue(client: HttpClient, deskId: string, queueId: string): Promise<SdQueue> {
  return client.get<SdQueue>(`${SD}${path`/servicedesk/${deskId}/queue/${queueId}`}`, {
    includeCount: true,
  }, { headers: HEADERS, expect: QUEUE });
}

/** One page of the issues in a queue (only the fields the queue shows). */
export function getQueueIssues(
  client: HttpClient,
  deskId: string,
  queueId: string,
  start: number,
  limit: number,
): Promise<SdPage<{ id: string; key: string; fields?: Record<string, unknown> }>> {
  return page(client, `${SD}${path`/servicedesk/${deskId}/queue/${queueId}/issue`}`, start, limit);
}

/** One page of a service desk's request types. */
export function getRequestTypes(
  client: HttpClient,
  deskId: string,
  start: number,
  limit: number,
): Promise<SdPage<RequestType>> {
  return page(client, `${SD}${path`/servicedesk/${deskId}/requesttype`}`, start, limit);
}

/** The fields of a request type. */
export function getRequestTypeFields(
  client: HttpClient,
  deskId: string,
  requestTypeId: string,
): Promise<RequestTypeFields> {
  return client.get<RequestTypeFields>(
    `${SD}${path`/servicedesk/${deskId}/requesttype/${requestTypeId}/field`}`,
    undefined,
    { headers: HEADERS, expect: FIELDS },
  );
}

/** The body of a customer request create (`POST request`). */
export interface NewRequest {
  serviceDeskId: string;
  requestTypeId: string;
  requestFieldValues: Record<string, unknown>;
  raiseOnBehalfOf?: string;
  requestParticipants?: string[];
}

/** Creates a customer request. */
export function createRequest(client: HttpClient, body: NewRequest): Promise<CustomerRequest> {
  return client.post<CustomerRequest>(`${SD}/request`, body, undefined, {
    headers: HEADERS,
    expect: REQUEST,
  });
}

/** Reads a customer request; Atlassian answers 404 for an issue that is not one. */
export function getRequest(client: HttpClient, key: string): Promise<CustomerRequest> {
  return client.get<CustomerRequest>(`${SD}${path`/request/${key}`}`, undefined, {
    headers: HEADERS,
    expect: REQUEST,
  });
}

/** Adds a comment to a customer request: customer-visible (`public`) or internal. */
export function addRequestComment(
  client: HttpClient,
  key: string,
  body: string,
  isPublic: boolean,
): Promise<SdComment> {
  return client.post<SdComment>(
    `${SD}${path`/request/${key}/comment`}`,
    {
      body,
      public: isPublic,
    },
    undefined,
    { headers: HEADERS, expect: COMMENT },
  );
}

/** The most comments of one request read (oldest first) while looking for a lost one. */
export const MAX_COMMENTS = 2_000;

/**
 * The comments of a customer request, oldest first (public and internal), up to `MAX_COMMENTS`;
 * `complete` is false when the request has more.
 */
export async function getRequestComments(
  client: HttpClient,
  key: string,
): Promise<{ comments: SdComment[]; complete: boolean }> {
  const comments: SdComment[] = [];
  for (let start = 0; comments.length < MAX_COMMENTS;) {
    const got = await page<SdComment>(client, `${SD}${path`/request/${key}/comment`}`, start, 100);
    comments.push(...got.values);
    if (got.isLastPage || got.values.length === 0) return { comments, complete: true };
    start += got.values.length;
  }
  return { comments, complete: false };
}

/** A file to upload: its name, media type and bytes. */
export interface UploadFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Uploads files to a service desk's temporary store (multipart); returns their temporary ids. */
export async function attachTemporaryFiles(
  client: HttpClient,
  deskId: string,
  files: readonly UploadFile[],
): Promise<string[]> {
  const form = new FormData();
  for (const file of files) {
    form.append(
      "file",
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }),
      file.filename,
    );
  }
  const answer = await client.post<{ temporaryAttachments: { temporaryAttachmentId: string }[] }>(
    `${SD}${path`/servicedesk/${deskId}/attachTemporaryFile`}`,
    form,
    undefined,
    { headers: HEADERS, expect: TEMPORARY },
  );
  return answer.temporaryAttachments.map((t) => t.temporaryAttachmentId);
}

/** Attaches temporary files to a customer request, visible to the customer when `isPublic`. */
export async function attachToRequest(
  client: HttpClient,
  key: string,
  temporaryAttachmentIds: string[],
  isPublic: boolean,
): Promise<void> {
  await client.post(
    `${SD}${path`/request/${key}/attachment`}`,
    {
      temporaryAttachmentIds,
      public: isPublic,
    },
    undefined,
    { headers: HEADERS, expect: ATTACHED },
  );
}
