/**
 * Comments as the comment tools show them: bodies in Markdown with named mentions, authors by
 * display name; and comment bodies from what the tools accept.
 *
 * @module
 */
import type { PageComment } from "../../../confluence/comments.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { markdownToStorage, storageToMarkdown } from "../../../content/mod.ts";
import type { HttpClient } from "../../../http/mod.ts";

/** A comment as shown to the assistant. */
export async function commentView(
  client: HttpClient,
  c: PageComment,
): Promise<Record<string, unknown>> {
  return {
    id: c.id,
    page_id: c.pageId,
    parent_id: c.parentId,
    author: c.author ?? (c.authorId ? "(unknown user)" : undefined),
    created: c.created,
    text_selection: c.selection,
    resolution: c.resolution,
    body: await nameMentions(client, storageToMarkdown(c.body).trim()),
  };
}

/** Storage for a comment body: Markdown, or storage XHTML as it is when it starts with a tag. */
export function commentStorage(body: string): string {
  const start = body.trimStart();
  return start.startsWith("<") && !start.startsWith("<!--") ? body : markdownToStorage(body);
}

/** The `body` parameter of the comment-writing tools. */
export const COMMENT_BODY_HELP =
  "Comment text in Markdown (mentions as @[Name](accountid:ID)); text starting with an XHTML tag is sent as storage format.";
