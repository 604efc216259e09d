/**
 * Jira issue endpoints: read, create, update.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import { searchIssues } from "./search.ts";
import type { JiraIssue } from "./types.ts";
import { createdSince, onJiraClock } from "./server_time.ts";

/** The answer of an issue read. */
const ISSUE_ANSWER = objectAnswer("an issue", { key: z.string(), fields: z.looseObject({}) });

/** The answer of an issue create. */
const CREATED_ISSUE = objectAnswer("the created issue", { id: z.string(), key: z.string() });

/** Options of `GET issue/{key}`. */
export interface GetIssueOptions {
  fields?: string[];
  expand?: string;
  properties?: string;
  updateHistory?: boolean;
}

/** Reads one issue. */
export function getIssue(
  client: HttpClient,
  key: string,
  options: GetIssueOptions = {},
): Promise<JiraIssue> {
  return client.get<JiraIssue>(`${apiRoot(client.service)}${path`/issue/${key}`}`, {
    fields: options.fields?.join(","),
    expand: options.expand,
    properties: options.properties,
    updateHistory: options.updateHistory,
  }, { expect: ISSUE_ANSWER });
}

/** Creates an issue from a `fields` object; answers with its id and key. */
export function createIssue(
  client: HttpClient,
  fields: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  return client.post(`${apiRoot(client.service)}/issue`, { fields }, undefined, {
    expect: CREATED_ISSUE,
  });
}

/** Updates fields of an issue (`PUT issue/{key}`); Jira answers 204. */
export async function updateIssue(
  client: HttpClient,
  key: string,
  body: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
): Promise<void> {
  await client.put(`${apiRoot(client.service)}${path`/issue/${key}`}`, body, undefined, {
    expect: NO_CONTENT,
  });
}

/** A summary as Jira compares it: trimmed, runs of white space as one space. */
function normalSummary(summary: string): string {
  return summary.trim().replace(/\s+/g, " ");
}

/**
 * The issues this user created in `projectKey` since `startedAt` (local clock) with this summary,
 * newest first: how a create whose answer was lost is found. It reads the search index, which
 * can lag behind.
 */
export async function findCreatedIssues(
  client: HttpClient,
  projectKey: string,
  summary: string,
  startedAt: number,
): Promise<{ id: string; key: string }[]> {
  const since = await onJiraClock(client, startedAt);
  // The summary is compared here, not by JQL text search, which drops stop words and operators.
  const page = await searchIssues(client, {
    jql: `project = "${projectKey}" AND creator = currentUser() AND created >= "-10m" ` +
      "ORDER BY created DESC",
    fields: ["summary", "created"],
    limit: 50,
  });
  const wanted = normalSummary(summary);
  return page.issues.filter((issue) =>
    createdSince(issue.fields?.created as string | undefined, since) &&
    normalSummary(String(issue.fields?.summary ?? "")) === wanted
  ).map((issue) => ({ id: String(issue.id), key: issue.key }));
}

/** Deletes an issue and its subtasks (`DELETE issue/{key}?deleteSubtasks=true`); Jira answers 204. */
export async function deleteIssue(client: HttpClient, key: string): Promise<void> {
  await client.delete(`${apiRoot(client.service)}${path`/issue/${key}`}`, {
    deleteSubtasks: true,
  }, { expect: NO_CONTENT });
}

/**
 * Sets or clears an issue's assignee with the dedicated endpoint (`PUT issue/{key}/assignee`):
 * `null` unassigns (`{accountId: null}` on Cloud, `{name: null}` on Data Center).
 */
export async function assignIssue(
  client: HttpClient,
  key: string,
  who: { accountId: string } | { name: string } | null,
): Promise<void> {
  const body = who ??
    (client.service.deployment === "cloud" ? { accountId: null } : { name: null });
  await client.put(`${apiRoot(client.service)}${path`/issue/${key}/assignee`}`, body, undefined, {
    expect: NO_CONTENT,
  });
}

/** One refused item of a bulk create: its position in the request and Jira's reasons. */
export interface BulkCreateError {
  failedElementNumber: number;
  status?: number;
  elementErrors?: { errorMessages?: string[]; errors?: Record<string, string> };
}

/** The answer of `POST issue/bulk`: the created issues in request order, and the refused items. */
const BULK_CREATED = objectAnswer("the bulk create result", {
  issues: z.array(z.looseObject({ id: z.string(), key: z.string() })),
  errors: z.array(z.looseObject({ failedElementNumber: z.number() })),
});

/**
 * Creates issues in one call (`POST issue/bulk`, at most 50). Jira answers 201 when at least one
 * was created, listing the created issues in request order (skipping refused items) and the
 * refused items by position; when none was created it answers 400 (an `AtlassianError`).
 */
export function bulkCreateIssues(
  client: HttpClient,
  items: Record<string, unknown>[],
): Promise<{ issues: { id: string; key: string }[]; errors: BulkCreateError[] }> {
  return client.post(
    `${apiRoot(client.service)}/issue/bulk`,
    { issueUpdates: items.map((fields) => ({ fields })) },
    undefined,
    { expect: BULK_CREATED },
  );
}
