/**
 * Issue comments.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { apiRoot, fromJiraText, toJiraText } from "./rich.ts";
import { getMyself, sameUser } from "./users.ts";
import type { JiraComment } from "./types.ts";

/** Reads the newest `limit` comments of an issue, oldest first. */
export async function getComments(
  client: HttpClient,
  key: string,
  limit: number,
): Promise<JiraComment[]> {
  if (limit <= 0) return [];
  const answer = await client.get<{ comments?: JiraComment[]; total?: number }>(
    `${apiRoot(client.service)}${path`/issue/${key}/comment`}`,
    { orderBy: "-created", maxResults: limit },
    { expect: objectAnswer("an issue's comments", { comments: z.array(z.looseObject({})) }) },
  );
  return (answer.comments ?? []).slice(0, limit).sort((a, b) =>
    (a.created ?? "").localeCompare(b.created ?? "")
  );
}

/** Adds a comment whose body is already in the deployment's rich-text format. */
export function addComment(
  client: HttpClient,
  key: string,
  body: unknown,
  visibility?: { type: string; value: string },
): Promise<JiraComment> {
  return client.post<JiraComment>(
    `${apiRoot(client.service)}${path`/issue/${key}/comment`}`,
    {
      body,
      visibility,
    },
    undefined,
    { expect: objectAnswer("the added comment", { id: z.string() }) },
  );
}

/**
 * This user's comment on `key` from the last ten minutes whose text equals `markdown`, if any:
 * how an added comment whose answer was lost is found.
 */
export async function findAddedComment(
  client: HttpClient,
  key: string,
  markdown: string,
): Promise<JiraComment | undefined> {
  const me = await getMyself(client);
  const since = Date.now() - 10 * 60_000;
  const wanted = fromJiraText(toJiraText(client.service, markdown))?.trim();
  return (await getComments(client, key, 50)).reverse().find((comment) =>
    sameUser(comment.author, me) && Date.parse(comment.created ?? "") >= since &&
    fromJiraText(comment.body)?.trim() === wanted
  );
}
