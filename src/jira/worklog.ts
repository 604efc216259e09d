/**
 * Worklogs.
 *
 * @module
 */
import { type HttpClient, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";

/** Logs work on an issue; `timeSpent` uses Jira's notation (`1h 30m`). */
export async function addWorklog(
  client: HttpClient,
  key: string,
  worklog: { timeSpent: string; started?: string },
): Promise<void> {
  await client.post(`${apiRoot(client.service)}${path`/issue/${key}/worklog`}`, worklog);
}
