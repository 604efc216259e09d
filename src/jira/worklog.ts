/**
 * Worklogs.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, paginateStartAt, path } from "../http/mod.ts";
import { apiRoot, fromJiraText } from "./rich.ts";
import type { JiraWorklog } from "./types.ts";
import { userName } from "./users.ts";

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

/** Logs work on an issue; `timeSpent` uses Jira's notation (`1h 30m`). */
export async function addWorklog(
  client: HttpClient,
  key: string,
  worklog: { timeSpent: string; started?: string },
): Promise<void> {
  await client.post(
    `${apiRoot(client.service)}${path`/issue/${key}/worklog`}`,
    worklog,
    undefined,
    { expect: NEW_WORKLOG },
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

/** Trims a worklog to who logged how much when, with the comment as Markdown. */
export function worklogView(worklog: JiraWorklog): WorklogView {
  return {
    id: worklog.id,
    author: userName(worklog.author),
    started: worklog.started,
    time_spent: worklog.timeSpent,
    comment: fromJiraText(worklog.comment)?.trimEnd(),
  };
}
