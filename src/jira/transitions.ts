/**
 * Workflow transitions of an issue.
 *
 * @module
 */
import { type HttpClient, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraTransition } from "./types.ts";

/** Lists the transitions currently available on an issue. */
export async function getTransitions(client: HttpClient, key: string): Promise<JiraTransition[]> {
  const answer = await client.get<{ transitions?: JiraTransition[] }>(
    `${apiRoot(client.service)}${path`/issue/${key}/transitions`}`,
  );
  return answer.transitions ?? [];
}

/** Performs a transition, optionally setting fields and adding a comment (`update`). */
export async function transitionIssue(
  client: HttpClient,
  key: string,
  body: {
    transition: { id: string };
    fields?: Record<string, unknown>;
    update?: Record<string, unknown>;
  },
): Promise<void> {
  await client.post(`${apiRoot(client.service)}${path`/issue/${key}/transitions`}`, body);
}
