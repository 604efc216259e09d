/**
 * Worklogs.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../errors.ts";
import { type HttpClient, NO_CONTENT, objectAnswer, paginateStartAt, path } from "../http/mod.ts";
import type { ServiceConfig } from "../config/types.ts";
import { apiRoot, fromJiraText } from "./rich.ts";
import { createdSince, onJiraClock } from "./server_time.ts";
import type { JiraWorklog } from "./types.ts";
import { getMyself, sameUser, userName } from "./users.ts";

/** The answer of a worklog add. */
const NEW_WORKLOG = objectAnswer("the new worklog", { id: z.string() });

/** How many worklogs `getWorklogs` reads unless told otherwise. */
const DEFAULT_WORKLOG_LIMIT = 100;

/** A worklog as shown to the assistant. */
export interface WorklogView {
  id: string;
  author?: string;
  started?: string;
  /** Jira's notation, e.g. `1h 30m`. */
  time_spent?: string;
  /** The worklog comment as Markdown. */
  comment?: string;
}

/**
 * Logs work on an issue; `timeSpent` uses Jira's notation (`1h 30m`), `comment` is already in
 * the deployment's rich-text format. With `newEstimate` (Jira notation) the issue's remaining
 * estimate is set to it (`adjustEstimate=new`); otherwise Jira reduces it by the time logged.
 */
export function logWork(
  client: HttpClient,
  key: string,
  worklog: { timeSpent: string; started?: string; comment?: unknown },
  newEstimate?: string,
): Promise<JiraWorklog> {
  return client.post<JiraWorklog>(
    `${apiRoot(client.service)}${path`/issue/${key}/worklog`}`,
    worklog,
    newEstimate === undefined ? undefined : { adjustEstimate: "new", newEstimate },
    { expect: NEW_WORKLOG },
  );
}

/** Logs work on an issue; `timeSpent` uses Jira's notation (`1h 30m`). */
export async function addWorklog(
  client: HttpClient,
  key: string,
  worklog: { timeSpent: string; started?: string },
): Promise<void> {
  await logWork(client, key, worklog);
}

/** Sets an issue's original estimate (Jira notation) through its `timetracking` field. */
export async function setOriginalEstimate(
  client: HttpClient,
  key: string,
  originalEstimate: string,
): Promise<void> {
  await client.put(
    `${apiRoot(client.service)}${path`/issue/${key}`}`,
    { fields: { timetracking: { originalEstimate } } },
    undefined,
    { expect: NO_CONTENT },
  );
}

/** A duration in Jira's notation: numbers with units w, d, h, m (`1h 30m`, `2d`, `1.5h`). */
const DURATION = /^(?:\d+(?:\.\d+)?\s*[wdhm]\s*)+$/i;

/**
 * A duration as Jira writes it, normalised (`1H30M` -> `1h 30m`); refused unless every part has
 * a unit, so Jira applies its own configured day and week lengths.
 */
export function jiraDuration(name: string, text: string): string {
  const trimmed = text.trim();
  if (!DURATION.test(trimmed)) {
    throw new ToolError(
      `${name} "${text}" is not a duration in Jira's notation.`,
      "Write it as Jira does: numbers with units w, d, h or m, e.g. '1h 30m', '2d' or '45m'.",
    );
  }
  return [...trimmed.toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*([wdhm])/g)]
    .map(([, n, unit]) => `${n}${unit}`).join(" ");
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO date or date-time as Jira's worklog date (`2026-11-26T09:00:00.000+0000`, UTC). A date
 * alone is midnight UTC; a date-time without an offset is UTC.
 */
export function jiraWorklogDate(text: string): string {
  const s = text.trim();
  let iso: string | undefined;
  if (ISO_DATE.test(s)) iso = `${s}T00:00:00Z`;
  else if (ISO_LOCAL.test(s)) iso = `${s}Z`;
  else if (ISO_ZONED.test(s)) iso = s.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new ToolError(
      `started "${text}" is not an ISO date or date-time.`,
      "Pass e.g. '2026-11-26', '2026-11-26T09:00' (UTC) or '2026-11-26T09:00:00+01:00'.",
    );
  }
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/**
 * This user's worklogs on `key` created since `startedAt` (local clock): how a worklog whose
 * answer was lost is found.
 */
export async function myWorklogsSince(
  client: HttpClient,
  key: string,
  startedAt: number,
): Promise<JiraWorklog[]> {
  const [me, since, worklogs] = await Promise.all([
    getMyself(client),
    onJiraClock(client, startedAt),
    getWorklogs(client, key, 1000),
  ]);
  return worklogs.filter((w) =>
    sameUser(w.author ?? undefined, me) && createdSince(w.created, since)
  );
}

/** Reads the first `limit` worklogs of an issue, oldest first, paging as needed. */
export function getWorklogs(
  client: HttpClient,
  key: string,
  limit = DEFAULT_WORKLOG_LIMIT,
): Promise<JiraWorklog[]> {
  return Array.fromAsync(
    paginateStartAt<JiraWorklog>(
      client,
      `${apiRoot(client.service)}${path`/issue/${key}/worklog`}`,
      { itemsKey: "worklogs", limit, pageSize: limit },
    ),
  );
}

/** A worklog with its seconds and times, as `jira_get_worklog` shows it. */
export interface WorklogDetail extends WorklogView {
  time_spent_seconds?: number;
  created?: string;
  updated?: string;
}

/** A worklog with the seconds logged and when it was created and last changed. */
export function worklogDetail(service: ServiceConfig, worklog: JiraWorklog): WorklogDetail {
  return {
    ...worklogView(service, worklog),
    time_spent_seconds: worklog.timeSpentSeconds,
    created: worklog.created,
    updated: worklog.updated !== worklog.created ? worklog.updated : undefined,
  };
}

/** Trims a worklog to who logged how much when, with the comment as Markdown. */
export function worklogView(service: ServiceConfig, worklog: JiraWorklog): WorklogView {
  return {
    id: worklog.id,
    author: userName(worklog.author),
    started: worklog.started,
    time_spent: worklog.timeSpent,
    comment: fromJiraText(service, worklog.comment)?.trimEnd(),
  };
}
