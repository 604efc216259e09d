/**
 * Workflow transitions of an issue.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraTransition } from "./types.ts";

/** The answer of an issue's transitions. */
const TRANSITIONS_ANSWER = objectAnswer("an issue's transitions", {
  transitions: z.array(z.looseObject({ id: z.string() })),
});

/** A transition as shown to the assistant. */
export interface TransitionView {
  id: string;
  name: string;
  /** The status the transition leads to. */
  to_status?: string;
}

/** Trims a transition to its id, name and target status. */
export function transitionView(t: JiraTransition): TransitionView {
  return { id: t.id, name: t.name, to_status: t.to?.name };
}

/** Lists the transitions currently available on an issue. */
export async function getTransitions(client: HttpClient, key: string): Promise<JiraTransition[]> {
  const answer = await client.get<{ transitions?: JiraTransition[] }>(
    `${apiRoot(client.service)}${path`/issue/${key}/transitions`}`,
    undefined,
    { expect: TRANSITIONS_ANSWER },
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
  await client.post(
    `${apiRoot(client.service)}${path`/issue/${key}/transitions`}`,
    body,
    undefined,
    {
      expect: NO_CONTENT,
    },
  );
}
