/**
 * Comments as the comment tools show them: bodies in Markdown with named mentions, authors by
 * display name; and comment bodies from what the tools accept.
 *
 * @module
 */
import {
  type CommentLocation,
  listComments,
  MAX_COMMENTS,
  type PageComment,
} from "../../../confluence/comments.ts";
import { nameMentions } from "../../../confluence/users.ts";
import { markdownToStorage, storageToMarkdown } from "../../../content/mod.ts";
import type { HttpClient } from "../../../http/mod.ts";
import type { ServiceHandle } from "../../define.ts";
import { allowedPage } from "../_space.ts";

/** A comment as shown to the assistant. */
export async function commentView(
  client: HttpClient,
  c: PageComment,
): Promise<Record<string, unknown>> {
  return {
    id: c.id,
    page_id: c.pageId,
    parent_id: c.parentId,
    author: c.author ?? c.authorId,
    created: c.created,
    text_selection: c.selection,
    resolution: c.resolution,
    body: await nameMentions(client, storageToMarkdown(c.body).trim()),
  };
}

/**
 * The answer of the listing tools: a page's comments of one kind (footer or inline) with their
 * replies, oldest first, up to `MAX_COMMENTS`, after the page's space is checked.
 */
export async function pageComments(
  service: ServiceHandle,
  pageRef: string,
  kind: CommentLocation,
): Promise<Record<string, unknown>> {
  const page = await allowedPage(service, pageRef);
  const { comments, more } = await listComments(service.client, page.id, kind);
  const views = [];
  for (const c of comments) views.push(await commentView(service.client, c));
  const what = kind === "inline" ? "inline comments" : "comments";
  return {
    page_id: page.id,
    title: page.title,
    count: views.length,
    note: more
      ? `The page has more than ${MAX_COMMENTS} ${what}; the oldest are shown.`
      : undefined,
    comments: views,
  };
}

/** Storage for a comment body: Markdown, or storage XHTML as it is when it starts with a tag. */
export function commentStorage(body: string): string {
  const start = body.trimStart();
  return start.startsWith("<") && !start.startsWith("<!--") ? body : markdownToStorage(body);
}

/** The `body` parameter of the comment-writing tools. */
export const COMMENT_BODY_HELP = "Comment in Markdown";
