/**
 * Issue watchers.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraUser, JiraWatchers } from "./types.ts";
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

/** How Jira names a user in watcher requests: account id on Cloud, user name on Data Center. */
export type WatcherRef = { accountId: string } | { name: string };

/**
 * Adds a user to an issue's watchers (`POST issue/{key}/watchers`): the body is the user's id
 * as a bare JSON string. Jira answers 204.
 */
export async function addWatcher(client: HttpClient, key: string, user: WatcherRef): Promise<void> {
  const id = "accountId" in user ? user.accountId : user.name;
  await client.post(
    `${apiRoot(client.service)}${path`/issue/${key}/watchers`}`,
    JSON.stringify(id),
    undefined,
    { headers: { "Content-Type": "application/json" }, expect: NO_CONTENT },
  );
}

/**
 * Removes a user from an issue's watchers (`DELETE issue/{key}/watchers?accountId=` on Cloud,
 * `?username=` on Data Center). Jira answers 204, also when the user was not watching.
 */
export async function removeWatcher(
  client: HttpClient,
  key: string,
  user: WatcherRef,
): Promise<void> {
  await client.delete(
    `${apiRoot(client.service)}${path`/issue/${key}/watchers`}`,
    "accountId" in user ? { accountId: user.accountId } : { username: user.name },
    { expect: NO_CONTENT },
  );
}

/** The reference Jira takes for a watcher it listed. */
export function watcherRef(user: JiraUser): WatcherRef | undefined {
  if (user.accountId) return { accountId: user.accountId };
  const name = user.name ?? user.key;
  return name ? { name } : undefined;
}

/** Whether a user is among an issue's watchers. */
export function isWatching(answer: JiraWatchers, user: WatcherRef): boolean {
  return (answer.watchers ?? []).some((w) =>
    "accountId" in user
      ? w.accountId === user.accountId
      : w.name === user.name || w.key === user.name
  );
}

/**
 * The watchers a typed reference names: account id, user name, user key, e-mail or display name
 * (any case).
 */
export function matchWatchers(answer: JiraWatchers, who: string): JiraUser[] {
  const wanted = who.trim().replace(/^accountid:/i, "").toLowerCase();
  return (answer.watchers ?? []).filter((w) =>
    [w.accountId, w.name, w.key, w.emailAddress, w.displayName].some((v) =>
      v?.toLowerCase() === wanted
    )
  );
}
