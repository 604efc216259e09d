/**
 * Jira Service Management in the fake (`/rest/servicedeskapi`, the same on Cloud and Data
 * Center): the HELP service desk (a `service_desk` project), its queues, request types and their
 * fields, customer requests (Jira issues of HELP), public and internal comments, and temporary
 * attachments. Errors have the Service Management body `{errorMessage, i18nErrorMessage}`.
 *
 * The desk is not part of the default seed (it would change every project listing): tests call
 * `installServiceDesk(state)`.
 *
 * @module
 */
import { type Ctx, HttpError, intParam, json } from "./_http.ts";
import { visibleProjects } from "./_jira.ts";
import { jiraUser, richIn, richOut } from "./_jira_render.ts";
import { type Comment, type FakeState, type FakeUser, type Issue, newIssue } from "./_model.ts";
import { doc, para } from "./_rich.ts";

/** One allowed value of a request type field. */
interface SdOption {
  value: string;
  label: string;
}

/** A field of a request type. */
interface SdField {
  fieldId: string;
  name: string;
  required: boolean;
  schema: Record<string, unknown>;
  validValues: SdOption[];
}

/** A request type. */
interface SdRequestType {
  id: string;
  name: string;
  description: string;
  fields: SdField[];
}

/** A queue: its issues are the desk's issues that pass `filter`. */
interface SdQueue {
  id: string;
  name: string;
  jql: string;
  filter: "open" | "unassigned";
}

/** What makes a HELP issue a customer request (its comments are the issue's). */
interface SdRequest {
  requestTypeId: string;
  fieldValues: Record<string, unknown>;
  participants: string[];
  attachments: { filename: string; mimeType: string; size: number; public: boolean }[];
}

/** A file uploaded to the temporary store. */
interface SdTemporary {
  id: string;
  user: string;
  filename: string;
  mimeType: string;
  size: number;
}

/** The service desk part of the fake's state. */
export interface ServiceDeskState {
  deskId: string;
  projectKey: string;
  requestTypes: SdRequestType[];
  queues: SdQueue[];
  requests: Record<string, SdRequest>;
  temporary: SdTemporary[];
  seq: number;
}

const URGENCY: SdOption[] = [
  { value: "10100", label: "Critical" },
  { value: "10101", label: "High" },
  { value: "10102", label: "Low" },
];

const SYSTEMS: SdOption[] = [
  { value: "10200", label: "VPN" },
  { value: "10201", label: "E-mail" },
  { value: "10202", label: "Laptop" },
];

const SUMMARY: SdField = {
  fieldId: "summary",
  name: "Summary",
  required: true,
  schema: { type: "string", system: "summary" },
  validValues: [],
};

const DESCRIPTION: SdField = {
  fieldId: "description",
  name: "Description",
  required: false,
  schema: { type: "string", system: "description" },
  validValues: [],
};

/** Adds the HELP service desk (desk 1, project 10003) with two requests to a state. */
export function installServiceDesk(state: FakeState): void {
  state.projects.push({
    id: "10003",
    key: "HELP",
    name: "IT Help",
    description: "Ask IT for help.",
    lead: "alice",
    issueTypeIds: ["10002"],
    members: ["alice", "bob"],
    typeKey: "service_desk",
  });
  const request = (id: string, n: number, summary: string, reporter: string): Issue =>
    newIssue({
      id,
      key: `HELP-${n}`,
      typeId: "10002",
      summary,
      reporter,
      created: "2024-03-07T09:00:00.000Z",
    });
  const reply = "It happened again at 10:00.";
  state.issues.push(
    {
      ...request("10301", 1, "VPN drops every hour", "bob"),
      comments: [{
        id: "10150",
        author: "bob",
        updateAuthor: "bob",
        body: state.flavour === "cloud" ? doc(para(reply)) : reply,
        created: "2024-03-07T10:05:00.000Z",
        updated: "2024-03-07T10:05:00.000Z",
      }],
    },
    { ...request("10302", 2, "New laptop for Bob", "bob"), assignee: "alice" },
  );
  state.seq.projectNext.HELP = 3;
  state.serviceDesk = {
    deskId: "1",
    projectKey: "HELP",
    requestTypes: [
      {
        id: "10",
        name: "Get IT help",
        description: "Something is broken.",
        fields: [SUMMARY, DESCRIPTION, {
          fieldId: "customfield_10100",
          name: "Urgency",
          required: true,
          schema: {
            type: "option",
            custom: "com.atlassian.jira.plugin.system.customfieldtypes:select",
            customId: 10100,
          },
          validValues: URGENCY,
        }],
      },
      {
        id: "11",
        name: "Request hardware",
        description: "Order equipment.",
        fields: [SUMMARY, {
          fieldId: "customfield_10101",
          name: "Affected systems",
          required: false,
          schema: {
            type: "array",
            items: "option",
            custom: "com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes",
            customId: 10101,
          },
          validValues: SYSTEMS,
        }],
      },
    ],
    queues: [
      {
        id: "1",
        name: "All open",
        jql: "project = HELP AND resolution = Unresolved",
        filter: "open",
      },
      {
        id: "2",
        name: "Unassigned",
        jql: "project = HELP AND assignee is EMPTY AND resolution = Unresolved",
        filter: "unassigned",
      },
    ],
    requests: {
      "HELP-1": {
        requestTypeId: "10",
        fieldValues: { summary: "VPN drops every hour", customfield_10100: { id: "10101" } },
        participants: [],
        attachments: [],
      },
      "HELP-2": {
        requestTypeId: "11",
        fieldValues: { summary: "New laptop for Bob" },
        participants: [],
        attachments: [],
      },
    },
    temporary: [],
    seq: 30001,
  };
}

// --- errors and shapes -----------------------------------------------------------------------

/** Throws a Service Management error response. */
export function sdFail(status: number, message: string, i18nKey = "sd.error"): never {
  throw new HttpError(
    json({ errorMessage: message, i18nErrorMessage: { i18nKey, parameters: [] } }, status),
  );
}

/** The service desk state, or 404 when this site has no service desk. */
function sdState(ctx: Ctx): ServiceDeskState {
  const sd = ctx.state.serviceDesk;
  if (!sd || !visibleProjects(ctx).some((p) => p.key === sd.projectKey)) {
    sdFail(404, "The service desk does not exist or you do not have permission to see it.");
  }
  return sd;
}

/** The desk of a path parameter: its id, project key, `projectKey:KEY` or `projectId:ID`. */
function deskOf(ctx: Ctx): ServiceDeskState {
  const sd = sdState(ctx);
  const p = ctx.state.projects.find((p) => p.key === sd.projectKey)!;
  const wanted = ctx.params.serviceDeskId;
  const names = [
    sd.deskId,
    `serviceDeskId:${sd.deskId}`,
    p.key,
    `projectKey:${p.key}`,
    `projectId:${p.id}`,
  ];
  if (!names.includes(wanted)) {
    sdFail(
      404,
      `The service desk with ID ${wanted} does not exist.`,
      "sd.servicedesk.error.not.found",
    );
  }
  return sd;
}

function base(ctx: Ctx): string {
  return `${ctx.origin}/rest/servicedeskapi`;
}

/** Service Management's date object. */
function sdDate(iso: string): Record<string, unknown> {
  const ms = Date.parse(iso);
  return {
    iso8601: iso.replace(/\.\d{3}Z$/, "+0000"),
    jira: iso.replace(/Z$/, "+0000"),
    friendly: iso.slice(0, 16).replace("T", " "),
    epochMillis: ms,
  };
}

/** Service Management's user object. */
function sdUser(ctx: Ctx, id: string): Record<string, unknown> | null {
  const user = jiraUser(ctx, id);
  if (!user) return null;
  const { self: _self, avatarUrls: _avatars, locale: _locale, accountType: _type, ...rest } = user;
  return { ...rest, _links: { jiraRest: user.self } };
}

/** A page of values. */
function paged(ctx: Ctx, all: unknown[], maxLimit = 50): Response {
  const start = intParam(ctx.query, "start", 0);
  const limit = intParam(ctx.query, "limit", 50, 1, maxLimit);
  const values = all.slice(start, start + limit);
  return json({
    _expands: [],
    size: values.length,
    start,
    limit,
    isLastPage: start + values.length >= all.length,
    _links: { base: base(ctx), context: "" },
    values,
  });
}

function deskJson(ctx: Ctx, sd: ServiceDeskState): Record<string, unknown> {
  const p = ctx.state.projects.find((p) => p.key === sd.projectKey)!;
  return {
    id: sd.deskId,
    projectId: p.id,
    projectName: p.name,
    projectKey: p.key,
    _links: { self: `${base(ctx)}/servicedesk/${sd.deskId}` },
  };
}

function queueIssues(ctx: Ctx, sd: ServiceDeskState, q: SdQueue): Issue[] {
  const done = new Set(ctx.state.statuses.filter((s) => s.category === "done").map((s) => s.id));
  return ctx.state.issues.filter((i) =>
    i.projectKey === sd.projectKey && !done.has(i.statusId) &&
    (q.filter === "open" || i.assignee === null)
  );
}

function queueJson(ctx: Ctx, sd: ServiceDeskState, q: SdQueue): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: q.id,
    name: q.name,
    jql: q.jql,
    fields: ["issuetype", "issuekey", "summary", "status", "reporter", "created"],
    _links: { self: `${base(ctx)}/servicedesk/${sd.deskId}/queue/${q.id}` },
  };
  if (ctx.query.get("includeCount") === "true") out.issueCount = queueIssues(ctx, sd, q).length;
  return out;
}

function queueOf(ctx: Ctx, sd: ServiceDeskState): SdQueue {
  const q = sd.queues.find((q) => q.id === ctx.params.queueId);
  if (!q) sdFail(404, `The queue with ID ${ctx.params.queueId} does not exist.`);
  return q;
}

function typeOf(sd: ServiceDeskState, id: unknown): SdRequestType {
  const t = sd.requestTypes.find((t) => t.id === String(id));
  if (!t) sdFail(404, `The request type with ID ${String(id)} does not exist.`);
  return t;
}

function requestTypeJson(ctx: Ctx, sd: ServiceDeskState, t: SdRequestType) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    helpText: "",
    issueTypeId: "10002",
    serviceDeskId: sd.deskId,
    groupIds: ["1"],
    _links: { self: `${base(ctx)}/servicedesk/${sd.deskId}/requesttype/${t.id}` },
  };
}

/** The issue of a customer request, or 404 when the issue is not one. */
function requestOf(ctx: Ctx, idOrKey: string): { issue: Issue; request: SdRequest } {
  const sd = ctx.state.serviceDesk;
  const lower = idOrKey.toLowerCase();
  const issue = ctx.state.issues.find((i) => i.key.toLowerCase() === lower || i.id === idOrKey);
  const request = issue && sd?.requests[issue.key];
  if (!issue || !request || !visibleProjects(ctx).some((p) => p.key === issue.projectKey)) {
    sdFail(
      404,
      "The request does not exist or you do not have permission to see it.",
      "sd.request.error.not.found",
    );
  }
  return { issue, request };
}

function requestJson(ctx: Ctx, issue: Issue, request: SdRequest): Record<string, unknown> {
  const sd = ctx.state.serviceDesk!;
  const t = sd.requestTypes.find((t) => t.id === request.requestTypeId)!;
  const status = ctx.state.statuses.find((s) => s.id === issue.statusId)!;
  return {
    _expands: [
      "participant",
      "status",
      "sla",
      "requestType",
      "serviceDesk",
      "attachment",
      "action",
      "comment",
    ],
    issueId: issue.id,
    issueKey: issue.key,
    requestTypeId: request.requestTypeId,
    serviceDeskId: sd.deskId,
    createdDate: sdDate(issue.created),
    reporter: sdUser(ctx, issue.reporter),
    requestFieldValues: t.fields.filter((f) => request.fieldValues[f.fieldId] !== undefined).map((
      f,
    ) => ({
      fieldId: f.fieldId,
      label: f.name,
      value: request.fieldValues[f.fieldId],
    })),
    currentStatus: {
      status: status.name,
      statusCategory: status.category === "done"
        ? "DONE"
        : status.category === "new"
        ? "NEW"
        : "INDETERMINATE",
      statusDate: sdDate(issue.updated),
    },
    _links: {
      jiraRest: `${ctx.origin}/rest/api/2/issue/${issue.id}`,
      web: `${ctx.origin}/servicedesk/customer/portal/${sd.deskId}/${issue.key}`,
      agent: `${ctx.origin}/browse/${issue.key}`,
      self: `${base(ctx)}/request/${issue.id}`,
    },
  };
}

/** A request comment: the issue's comment, its body as wiki markup. */
function commentJson(ctx: Ctx, issue: Issue, c: Comment): Record<string, unknown> {
  return {
    _expands: ["attachment", "renderedBody"],
    id: c.id,
    body: richOut(ctx, c.body),
    public: c.jsdPublic ?? true,
    author: sdUser(ctx, c.author),
    created: sdDate(c.created),
    _links: { self: `${base(ctx)}/request/${issue.id}/comment/${c.id}` },
  };
}

/** The user a request names (account id on Cloud, user name on Data Center). */
function customerOf(ctx: Ctx, ref: unknown): FakeUser | undefined {
  return ctx.state.users.find((u) =>
    ctx.flavour === "cloud" ? u.accountId === ref : u.name === ref
  );
}

// --- handlers ----------------------------------------------------------------------------------

/** GET servicedesk. */
export function getServiceDesks(ctx: Ctx): Response {
  const sd = ctx.state.serviceDesk;
  const visible = sd && visibleProjects(ctx).some((p) => p.key === sd.projectKey);
  return paged(ctx, visible ? [deskJson(ctx, sd)] : [], 100);
}

/** GET servicedesk/{serviceDeskId}. */
export function getServiceDesk(ctx: Ctx): Response {
  return json(deskJson(ctx, deskOf(ctx)));
}

/** GET servicedesk/{serviceDeskId}/queue. */
export function getQueues(ctx: Ctx): Response {
  const sd = deskOf(ctx);
  return paged(ctx, sd.queues.map((q) => queueJson(ctx, sd, q)));
}

/** GET servicedesk/{serviceDeskId}/queue/{queueId}. */
export function getQueue(ctx: Ctx): Response {
  const sd = deskOf(ctx);
  return json(queueJson(ctx, sd, queueOf(ctx, sd)));
}

/** GET servicedesk/{serviceDeskId}/queue/{queueId}/issue: the queue's fields only. */
export function getQueueIssues(ctx: Ctx): Response {
  const sd = deskOf(ctx);
  const issues = queueIssues(ctx, sd, queueOf(ctx, sd));
  return paged(
    ctx,
    issues.map((i) => {
      const status = ctx.state.statuses.find((s) => s.id === i.statusId)!;
      const type = ctx.state.issueTypes.find((t) => t.id === i.typeId)!;
      return {
        id: i.id,
        key: i.key,
        self: `${ctx.origin}/rest/api/2/issue/${i.id}`,
        fields: {
          issuetype: { id: type.id, name: type.name },
          summary: i.summary,
          status: { id: status.id, name: status.name },
          reporter: jiraUser(ctx, i.reporter),
          created: i.created.replace(/Z$/, "+0000"),
        },
      };
    }),
  );
}

/** GET servicedesk/{serviceDeskId}/requesttype. */
export function getRequestTypes(ctx: Ctx): Response {
  const sd = deskOf(ctx);
  return paged(ctx, sd.requestTypes.map((t) => requestTypeJson(ctx, sd, t)));
}

/** GET servicedesk/{serviceDeskId}/requesttype/{requestTypeId}/field. */
export function getRequestTypeFields(ctx: Ctx): Response {
  const sd = deskOf(ctx);
  const t = typeOf(sd, ctx.params.requestTypeId);
  return json({
    requestTypeFields: t.fields.map((f) => ({
      fieldId: f.fieldId,
      name: f.name,
      description: "",
      required: f.required,
      defaultValues: [],
      validValues: f.validValues.map((o) => ({ ...o, children: [] })),
      presetValues: [],
      jiraSchema: f.schema,
      visible: true,
    })),
    canRaiseOnBehalfOf: true,
    canAddRequestParticipants: true,
  });
}

/** Checks one field value as Service Management does; the error sentence, or undefined. */
function fieldProblem(f: SdField, value: unknown): string | undefined {
  const ids = new Set(f.validValues.map((o) => o.value));
  const option = (v: unknown) =>
    v && typeof v === "object" && ids.has(String((v as Record<string, unknown>).id));
  if (f.schema.type === "option" && !option(value)) return `Specify a valid value for ${f.name}`;
  if (f.schema.items === "option" && !(Array.isArray(value) && value.every(option))) {
    return `Specify a valid value for ${f.name}`;
  }
  if (f.schema.type === "string" && typeof value !== "string") return `${f.name} must be text`;
  return undefined;
}

/** POST request: creates a customer request (a HELP issue). */
export function createRequest(ctx: Ctx): Response {
  const b = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
  const sd = sdState(ctx);
  if (String(b.serviceDeskId) !== sd.deskId) {
    sdFail(404, `The service desk with ID ${String(b.serviceDeskId)} does not exist.`);
  }
  const t = typeOf(sd, b.requestTypeId);
  const values = (b.requestFieldValues ?? {}) as Record<string, unknown>;
  for (const f of t.fields) {
    if (f.required && (values[f.fieldId] === undefined || values[f.fieldId] === "")) {
      sdFail(
        400,
        `Your request could not be created. Please check the fields have been correctly filled in. ${f.name} is required.`,
        "sd.validation.request.creation.failure.required.field",
      );
    }
  }
  for (const [id, value] of Object.entries(values)) {
    const f = t.fields.find((f) => f.fieldId === id);
    const problem = f ? fieldProblem(f, value) : `Field ${id} is not valid for this request type`;
    if (problem) {
      sdFail(
        400,
        `Your request could not be created. ${problem}.`,
        "sd.validation.request.creation.failure",
      );
    }
  }
  let reporter = ctx.user.id;
  if (b.raiseOnBehalfOf !== undefined) {
    const who = customerOf(ctx, b.raiseOnBehalfOf);
    if (!who) {
      sdFail(
        400,
        `The user '${
          String(b.raiseOnBehalfOf)
        }' does not exist or is not a customer; the request cannot be raised on behalf of them.`,
        "sd.customer.error.raise.on.behalf",
      );
    }
    reporter = who.id;
  }
  const participants: string[] = [];
  for (const ref of (Array.isArray(b.requestParticipants) ? b.requestParticipants : [])) {
    const who = customerOf(ctx, ref);
    if (!who) {
      sdFail(
        400,
        `The participant '${String(ref)}' is not a valid customer.`,
        "sd.request.participants.invalid",
      );
    }
    participants.push(who.id);
  }
  const now = ctx.now.toISOString();
  const n = ctx.state.seq.projectNext.HELP ?? 1;
  const issue = newIssue({
    id: String(ctx.state.seq.issue),
    key: `HELP-${n}`,
    typeId: "10002",
    summary: String(values.summary ?? ""),
    description: typeof values.description === "string"
      ? richIn(ctx, values.description, "description")
      : null,
    reporter,
    creator: ctx.user.id,
    created: now,
  });
  ctx.state.seq.issue++;
  ctx.state.seq.projectNext.HELP = n + 1;
  ctx.state.issues.push(issue);
  const request: SdRequest = {
    requestTypeId: t.id,
    fieldValues: structuredClone(values),
    participants,
    attachments: [],
  };
  sd.requests[issue.key] = request;
  return json(requestJson(ctx, issue, request), 201);
}

/** GET request/{issueIdOrKey}. */
export function getRequest(ctx: Ctx): Response {
  const { issue, request } = requestOf(ctx, ctx.params.issueIdOrKey);
  return json(requestJson(ctx, issue, request));
}

/** GET request/{issueIdOrKey}/comment: public and internal, oldest first. */
export function getRequestComments(ctx: Ctx): Response {
  const { issue } = requestOf(ctx, ctx.params.issueIdOrKey);
  const wantPublic = ctx.query.get("public") !== "false";
  const wantInternal = ctx.query.get("internal") !== "false";
  const list = issue.comments.filter((c) => (c.jsdPublic ?? true) ? wantPublic : wantInternal);
  return paged(ctx, list.map((c) => commentJson(ctx, issue, c)), 100);
}

/** POST request/{issueIdOrKey}/comment: `public` is required. */
export function postRequestComment(ctx: Ctx): Response {
  const { issue } = requestOf(ctx, ctx.params.issueIdOrKey);
  const b = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
  if (typeof b.body !== "string" || !b.body.trim()) {
    sdFail(400, "The comment body is required.", "sd.comment.body.required");
  }
  if (typeof b.public !== "boolean") {
    sdFail(400, "The public field is required.", "sd.comment.public.required");
  }
  const now = ctx.now.toISOString();
  const c: Comment = {
    id: String(ctx.state.seq.comment++),
    author: ctx.user.id,
    updateAuthor: ctx.user.id,
    body: richIn(ctx, b.body, "body")!,
    created: now,
    updated: now,
    jsdPublic: b.public,
  };
  issue.comments.push(c);
  issue.updated = now;
  return json(commentJson(ctx, issue, c), 201);
}

/** POST servicedesk/{serviceDeskId}/attachTemporaryFile: multipart, `X-Atlassian-Token: no-check`. */
export async function attachTemporaryFile(ctx: Ctx): Promise<Response> {
  const sd = deskOf(ctx);
  if (ctx.headers.get("x-atlassian-token") !== "no-check") sdFail(403, "XSRF check failed");
  if (!(ctx.body instanceof FormData)) sdFail(415, "The request must be multipart/form-data.");
  const files = ctx.body.getAll("file").filter((f): f is File => f instanceof File);
  if (!files.length) sdFail(400, "No file was attached.", "sd.attachment.none");
  if (files.length > 60) sdFail(413, "More than 60 files were attached.");
  const temporaryAttachments = [];
  for (const file of files) {
    const id = `temp${sd.seq++}`;
    const size = (await file.arrayBuffer()).byteLength;
    sd.temporary.push({ id, user: ctx.user.id, filename: file.name, mimeType: file.type, size });
    temporaryAttachments.push({ temporaryAttachmentId: id, fileName: file.name });
  }
  return json({ temporaryAttachments }, 201);
}

/** POST request/{issueIdOrKey}/attachment: attaches temporary files by id. */
export function attachToRequest(ctx: Ctx): Response {
  const { issue, request } = requestOf(ctx, ctx.params.issueIdOrKey);
  const sd = ctx.state.serviceDesk!;
  const b = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Record<string, unknown>;
  if (typeof b.public !== "boolean") sdFail(400, "The public field is required.");
  const ids = Array.isArray(b.temporaryAttachmentIds) ? b.temporaryAttachmentIds.map(String) : [];
  const files = ids.map((id) => sd.temporary.find((t) => t.id === id && t.user === ctx.user.id));
  if (!ids.length || files.some((f) => !f)) {
    sdFail(
      400,
      "One or more temporary attachments could not be found.",
      "sd.attachment.temporary.not.found",
    );
  }
  sd.temporary = sd.temporary.filter((t) => !ids.includes(t.id));
  const added = files.map((f) => ({
    filename: f!.filename,
    mimeType: f!.mimeType,
    size: f!.size,
    public: b.public as boolean,
  }));
  request.attachments.push(...added);
  issue.updated = ctx.now.toISOString();
  return json({
    attachments: {
      size: added.length,
      start: 0,
      limit: added.length,
      isLastPage: true,
      values: added.map((a) => ({
        filename: a.filename,
        author: sdUser(ctx, ctx.user.id),
        created: sdDate(ctx.now.toISOString()),
        size: a.size,
        mimeType: a.mimeType,
      })),
    },
  }, 201);
}
