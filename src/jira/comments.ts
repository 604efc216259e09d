/**
 * Issue comments.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import { createdSince, onJiraClock } from "./server_time.ts";
import { getMyself, sameUser } from "./users.ts";
import type { JiraComment } from "./types.ts";

/** The answer of an issue's comments. */
const COMMENTS_ANSWER = objectAnswer("an issue's comments", {
  comments: z.array(z.looseObject({})),
});

/** The answer of a comment add. */
const ADDED_COMMENT = objectAnswer("the added comment", { id: z.string() });

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
    { expect: COMMENTS_ANSWER },
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
    { expect: ADDED_COMMENT },
  );
}

/**
 * This user's comments on `key` created since `startedAt` (local clock), newest first: how an
 * added comment whose answer was lost is found.
 */
export async function myCommentsSince(
  client: HttpClient,
  key: string,
  startedAt: number,
): Promise<JiraComment[]> {
  const [me, since, comments] = await Promise.all([
    getMyself(client),
    onJiraClock(client, startedAt),
    getComments(client, key, 50),
  ]);
  return comments.reverse().filter((comment) =>
    sameUser(comment.author, me) && createdSince(comment.created, since)
  );
}

/** The answer of one comment (read or edited). */
const ONE_COMMENT = objectAnswer("a comment", { id: z.string() });

/** Reads one comment of an issue (`GET issue/{key}/comment/{id}`). */
export function getComment(client: HttpClient, key: string, id: string): Promise<JiraComment> {
  return client.get<JiraComment>(
    `${apiRoot(client.service)}${path`/issue/${key}/comment/${id}`}`,
    undefined,
    { expect: ONE_COMMENT },
  );
}

/**
 * Replaces a comment's body (already in the deployment's rich-text format) and, when given, its
 * visibility (`PUT issue/{key}/comment/{id}`).
 */
export function editComment(
  client: HttpClient,
  key: string,
  id: string,
  body: unknown,
  visibility?: { type: string; value: string },
): Promise<JiraComment> {
  return client.put<JiraComment>(
    `${apiRoot(client.service)}${path`/issue/${key}/comment/${id}`}`,
    { body, visibility },
    undefined,
    { expect: ONE_COMMENT },
  );
}
