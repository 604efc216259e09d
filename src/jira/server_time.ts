/**
 * Jira's clock, for comparing a local instant with the `created` times Jira stamps.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";

/** The answer of `serverInfo`. */
const SERVER_INFO = objectAnswer("Jira's server information", { serverTime: z.string() });

/** Allowance for the rounding of Jira's clock and the time a request spends on the wire. */
const SLACK_MS = 1_000;

/**
 * The instant `localMs` (this machine's clock) on Jira's clock, a little early rather than late:
 * whatever Jira created after `localMs` has a `created` time at or after it, however far apart
 * the two clocks are.
 */
export async function onJiraClock(client: HttpClient, localMs: number): Promise<number> {
  const info = await client.get<{ serverTime: string }>(
    `${apiRoot(client.service)}/serverInfo`,
    undefined,
    { expect: SERVER_INFO },
  );
  const serverNow = Date.parse(info.serverTime);
  if (Number.isNaN(serverNow)) throw new Error(`unreadable serverTime ${info.serverTime}`);
  return serverNow - (Date.now() - localMs) - SLACK_MS;
}

/** Whether a Jira timestamp (`2024-05-01T10:00:00.000+0000`) is at or after `ms`. */
export function createdSince(created: string | undefined, ms: number): boolean {
  return Date.parse(created ?? "") >= ms;
}
