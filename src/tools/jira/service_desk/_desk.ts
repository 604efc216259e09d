/**
 * What the service-desk tools share: their id and paging inputs, the allowlist check on the
 * project behind a service desk, and the small views of desks, queues, request types, fields
 * and queue issues.
 *
 * @module
 */
import { z } from "zod";
import {
  getServiceDesk,
  type RequestType,
  type RequestTypeField,
  type SdQueue,
  type SdValidValue,
  type ServiceDesk,
} from "../../../jira/service_desk.ts";
import type { ServiceHandle } from "../../define.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { idString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** The `service_desk_id` input. */
export const serviceDeskId = idString(SHARED_PARAMETERS.service_desk_id);

/** The `start_at` input of a paged list. */
export const startAt = z.number().int().min(0).default(0).describe(
  "Index of the first item",
);

/** The `limit` input of a paged list (Atlassian returns at most 50 per page). */
export const pageLimit = z.number().int().min(1).max(50).default(50).describe(
  "Most items to return",
);

/** Reads a service desk and refuses it when its project is outside `JIRA_PROJECTS_FILTER`. */
export async function allowedDesk(service: ServiceHandle, id: string): Promise<ServiceDesk> {
  const desk = await getServiceDesk(service.client, id);
  assertProjectAllowed(desk.projectKey, service.service.allowlist);
  return desk;
}

/** A service desk as shown to the assistant. */
export function deskView(desk: ServiceDesk) {
  return {
    id: desk.id,
    project_key: desk.projectKey,
    project_id: desk.projectId,
    project_name: desk.projectName,
  };
}

/** A queue as shown to the assistant. */
export function queueView(queue: SdQueue) {
  return {
    id: String(queue.id),
    name: queue.name,
    jql: queue.jql,
    fields: queue.fields,
    issue_count: queue.issueCount,
  };
}

/** A request type as shown to the assistant. */
export function requestTypeView(type: RequestType) {
  return {
    id: String(type.id),
    name: type.name,
    description: type.description,
    help_text: type.helpText,
    issue_type_id: type.issueTypeId,
    group_ids: type.groupIds,
  };
}

function optionView(option: SdValidValue): Record<string, unknown> {
  return {
    id: option.value,
    label: option.label,
    children: option.children?.map(optionView),
  };
}

/** A request type field as shown to the assistant. */
export function fieldView(field: RequestTypeField) {
  const schema = field.jiraSchema ?? {};
  return {
    field_id: field.fieldId,
    name: field.name,
    description: field.description,
    required: field.required,
    visible: field.visible === false ? false : undefined,
    type: schema.items ? `${schema.type} of ${schema.items}` : schema.type,
    custom_type: schema.custom,
    allowed_values: field.validValues?.map(optionView),
  };
}

/** A text or named value of a queue issue field. */
function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const name = v.displayName ?? v.name ?? v.value;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}

/** An issue of a queue as shown to the assistant (the fields the queue shows). */
export function queueIssueView(issue: { key: string; fields?: Record<string, unknown> }) {
  const f = issue.fields ?? {};
  return {
    key: issue.key,
    summary: nameOf(f.summary),
    status: nameOf(f.status),
    issue_type: nameOf(f.issuetype),
    priority: nameOf(f.priority),
    assignee: nameOf(f.assignee),
    reporter: nameOf(f.reporter),
    created: nameOf(f.created),
    updated: nameOf(f.updated),
    due_date: nameOf(f.duedate),
  };
}
