/**
 * Issue watchers.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraWatchers } from "./types.ts";
import { userName } from "./users.ts";

/** The answer of an issue's watchers. */
const WATCHERS_ANSWER = objectAnswer("an issue's watchers", {
  watchers: z.array(z.looseObject({})),
});

/** The watchers of an issue as shown to the assistant. */
export interface WatchersView {
  /** How many users watch the issue. */
  count: number;
  /** Whether the calling user watches it. */
  watching: boolean;
  /** Display names of the watchers the caller may see. */
  watchers: string[];
}

/** Reads who watches an issue (`GET issue/{key}/watchers`). */
export function getWatchers(client: HttpClient, key: string): Promise<JiraWatchers> {
  return client.get<JiraWatchers>(
    `${apiRoot(client.service)}${path`/issue/${key}/watchers`}`,
    undefined,
    { expect: WATCHERS_ANSWER },
  );
}

/** Trims Jira's watchers answer to a count, the caller's own flag and the watchers' names. */
export function watchersView(answer: JiraWatchers): WatchersView {
  const watchers = (answer.watchers ?? []).map(userName).filter((n): n is string => !!n);
  return {
    count: answer.watchCount ?? watchers.length,
    watching: answer.isWatching ?? false,
    watchers,
  };
}
