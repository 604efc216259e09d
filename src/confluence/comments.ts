/**
 * Confluence comments: footer comments with their replies and inline (highlight) comments with
 * their resolution. Cloud uses REST v2 (`/api/v2/footer-comments`, `/api/v2/inline-comments`),
 * Data Center REST v1 (`/rest/api/content` of type `comment`). Bodies are storage XHTML here.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../errors.ts";
import {
  AtlassianError,
  type HttpClient,
  objectAnswer,
  paginateCursor,
  paginateStartLimit,
  path,
} from "../http/mod.ts";
import { accountNamer } from "./users.ts";
import { isCloud } from "./cloud.ts";

/** Where a comment sits: below the page, or anchored to text in it. */
export type CommentLocation = "footer" | "inline";

/** A comment, whatever API it came from. */
export interface PageComment {
  id: string;
  pageId?: string;
  /** The comment it replies to. */
  parentId?: string;
  location: CommentLocation;
  /** Storage-format XHTML. */
  body: string;
  /** Cloud account id, or Data Center username. */
  authorId?: string;
  /** Display name of the author, when the API gave it or it was looked up. */
  author?: string;
  created?: string;
  version: number;
  /** Inline comments: `open`, `reopened`, `resolved` or `dangling`. */
  resolution?: string;
  /** Inline comments: the highlighted text. */
  selection?: string;
}

/** Most comments one listing reads (replies included). */
export const MAX_COMMENTS = 100;

const ID = z.union([z.string(), z.number()]);
const COMMENT = objectAnswer("a comment", { id: ID });

interface V2Comment {
  id: string | number;
  pageId?: string;
  parentCommentId?: string;
  version?: { number?: number; authorId?: string; createdAt?: string };
  body?: { storage?: { value?: string } };
  resolutionStatus?: string;
  properties?: { inlineOriginalSelection?: string };
}

interface V1User {
  displayName?: string;
  username?: string;
  userKey?: string;
  accountId?: string;
}

interface V1Comment {
  id: string | number;
  type?: string;
  container?: { id?: string | number };
  space?: { key?: string };
  ancestors?: { id: string | number }[];
  body?: { storage?: { value?: string } };
  version?: { number?: number; when?: string; by?: V1User };
  history?: { createdDate?: string; createdBy?: V1User };
  extensions?: {
    location?: string;
    inlineProperties?: { originalSelection?: string };
    resolution?: { status?: string };
  };
}

const V1_EXPAND =
  "body.storage,version,history,container,space,ancestors,extensions.inlineProperties,extensions.resolution";

function fromV2(c: V2Comment, location: CommentLocation): PageComment {
  return {
    id: String(c.id),
    pageId: c.pageId ? String(c.pageId) : undefined,
    parentId: c.parentCommentId ? String(c.parentCommentId) : undefined,
    location,
    body: c.body?.storage?.value ?? "",
    authorId: c.version?.authorId,
    created: c.version?.createdAt,
    version: c.version?.number ?? 1,
    resolution: c.resolutionStatus,
    selection: c.properties?.inlineOriginalSelection,
  };
}

function fromV1(c: V1Comment): PageComment {
  const ancestors = c.ancestors ?? [];
  const by = c.history?.createdBy ?? c.version?.by;
  return {
    id: String(c.id),
    pageId: c.container?.id !== undefined ? String(c.container.id) : undefined,
    parentId: ancestors.length ? String(ancestors[ancestors.length - 1].id) : undefined,
    location: c.extensions?.location === "inline" ? "inline" : "footer",
    body: c.body?.storage?.value ?? "",
    authorId: by?.username ?? by?.userKey,
    author: by?.displayName,
    created: c.history?.createdDate ?? c.version?.when,
    version: c.version?.number ?? 1,
    resolution: c.extensions?.resolution?.status,
    selection: c.extensions?.inlineProperties?.originalSelection,
  };
}

/** Fills in `author` (display names) for Cloud comments, one lookup per distinct author. */
async function nameAuthors(client: HttpClient, comments: PageComment[]): Promise<PageComment[]> {
  const name = accountNamer(client);
  const out: PageComment[] = [];
  for (const c of comments) {
    out.push(c.author || !c.authorId ? c : { ...c, author: await name(c.authorId) });
  }
  return out;
}

/** What a listing read: at most {@link MAX_COMMENTS}, and whether more exist. */
export interface CommentList {
  comments: PageComment[];
  more: boolean;
}

async function collect<T>(items: AsyncIterable<T>, into: T[], max: number): Promise<boolean> {
  for await (const item of items) {
    if (into.length >= max) return true;
    into.push(item);
  }
  return false;
}

/**
 * A page's footer or inline comments with their replies (all depths), oldest threads first,
 * authors named; at most {@link MAX_COMMENTS}.
 */
export async function listComments(
  client: HttpClient,
  pageId: string,
  location: CommentLocation,
): Promise<CommentList> {
  if (!isCloud(client)) return await listV1(client, pageId, location);
  const query = { "body-format": "storage" };
  const kind = `${location}-comments`;
  const found: V2Comment[] = [];
  let more = await collect(
    paginateCursor<V2Comment>(client, path`/api/v2/pages/${pageId}/${kind}`, {
      query,
      pageSize: 100,
    }),
    found,
    MAX_COMMENTS,
  );
  // Replies, breadth first: each comment's children until the bound.
  for (let i = 0; i < found.length && !more; i++) {
    const children: V2Comment[] = [];
    more = await collect(
      paginateCursor<V2Comment>(client, path`/api/v2/${kind}/${found[i].id}/children`, {
        query,
        pageSize: 100,
      }),
      children,
      MAX_COMMENTS - found.length,
    );
    found.push(...children.map((c) => ({ ...c, parentCommentId: String(found[i].id) })));
  }
  // Replies come from the children routes, whose model has no pageId.
  const comments = found.map((c) => fromV2({ ...c, pageId: c.pageId ?? pageId }, location));
  return { comments: await nameAuthors(client, comments), more };
}

async function listV1(
  client: HttpClient,
  pageId: string,
  location: CommentLocation,
): Promise<CommentList> {
  const found: V1Comment[] = [];
  const more = await collect(
    paginateStartLimit<V1Comment>(client, path`/rest/api/content/${pageId}/child/comment`, {
      query: { expand: V1_EXPAND, depth: "all", location },
      pageSize: 100,
    }),
    found,
    MAX_COMMENTS,
  );
  const comments = found.map(fromV1).filter((c) => c.location === location);
  return { comments: comments.map((c) => ({ ...c, pageId: c.pageId ?? pageId })), more };
}

function isNotFound(error: unknown): boolean {
  return error instanceof AtlassianError && error.status === 404;
}

/** Reads one comment of a page (footer or inline) by id, author named. */
export async function getComment(client: HttpClient, id: string): Promise<PageComment> {
  let comment: PageComment;
  if (!isCloud(client)) {
    const c = await client.get<V1Comment>(path`/rest/api/content/${id}`, { expand: V1_EXPAND }, {
      expect: COMMENT,
    });
    if (c.type !== "comment") {
      throw new ToolError(
        `Content ${id} is ${c.type ? `a ${c.type}` : "not a comment"}, not a comment.`,
        "Pass a comment id from confluence_get_comments or confluence_get_inline_comments.",
      );
    }
    comment = fromV1(c);
  } else {
    const query = { "body-format": "storage" };
    try {
      comment = fromV2(
        await client.get<V2Comment>(path`/api/v2/footer-comments/${id}`, query, {
          expect: COMMENT,
        }),
        "footer",
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
      comment = fromV2(
        await client.get<V2Comment>(path`/api/v2/inline-comments/${id}`, query, {
          expect: COMMENT,
        }),
        "inline",
      );
    }
    comment = (await nameAuthors(client, [comment]))[0];
  }
  if (!comment.pageId) {
    throw new ToolError(
      `Comment ${id} is not on a page (comments on blog posts and attachments are not supported here).`,
    );
  }
  return comment;
}

/** The text an inline comment is anchored to: its `index`-th (0-based) of `count` occurrences. */
export interface InlineAnchor {
  text: string;
  count: number;
  index: number;
}

/** What a new comment needs; `parent` makes it a reply, `anchor` an inline comment. */
export interface NewComment {
  pageId: string;
  /** Storage XHTML. */
  body: string;
  parent?: PageComment;
  anchor?: InlineAnchor;
}

/** Creates a footer comment, a reply or an inline comment and answers with its id. */
export async function createComment(client: HttpClient, c: NewComment): Promise<string> {
  const body = { representation: "storage", value: c.body };
  if (isCloud(client)) {
    const inline = c.anchor || c.parent?.location === "inline";
    const created = await client.post<V2Comment>(
      inline ? "/api/v2/inline-comments" : "/api/v2/footer-comments",
      {
        pageId: c.parent ? undefined : c.pageId,
        parentCommentId: c.parent?.id,
        body,
        inlineCommentProperties: c.anchor && {
          textSelection: c.anchor.text,
          textSelectionMatchCount: c.anchor.count,
          textSelectionMatchIndex: c.anchor.index,
        },
      },
      undefined,
      { expect: COMMENT },
    );
    return String(created.id);
  }
  const created = await client.post<V1Comment>(
    "/rest/api/content",
    {
      type: "comment",
      container: { id: c.pageId, type: "page", status: "current" },
      ancestors: c.parent ? [{ id: c.parent.id }] : undefined,
      body: { storage: body },
      extensions: c.anchor && {
        location: "inline",
        inlineProperties: {
          originalSelection: c.anchor.text,
          numMatches: c.anchor.count,
          matchIndex: c.anchor.index,
          lastFetchTime: String(Date.now()),
          serializedHighlights: JSON.stringify([[c.anchor.text]]),
        },
      },
    },
    undefined,
    { expect: COMMENT },
  );
  return String(created.id);
}

/**
 * Resolves (`resolved` true) or reopens an inline comment thread. Cloud: v2 `resolved` with the
 * next version. Data Center has no documented API for it; the page view's own inline-comment
 * plugin API is used, and a site without it is refused clearly.
 */
export async function setResolution(
  client: HttpClient,
  comment: PageComment,
  resolved: boolean,
): Promise<void> {
  if (isCloud(client)) {
    await client.put(
      path`/api/v2/inline-comments/${comment.id}`,
      {
        version: { number: comment.version + 1 },
        body: { representation: "storage", value: comment.body },
        resolved,
      },
      undefined,
      { expect: COMMENT },
    );
    return;
  }
  try {
    await client.request({
      method: "PUT",
      path: path`/rest/inlinecomments/1.0/comments/${comment.id}/resolve/${
        String(resolved)
      }/dangling/false`,
      body: {
        id: Number(comment.id),
        containerId: comment.pageId,
        originalSelection: comment.selection,
        resolveProperties: { resolved },
      },
      headers: { "X-Atlassian-Token": "no-check" },
    });
  } catch (error) {
    if (error instanceof AtlassianError && (error.status === 404 || error.status === 405)) {
      throw new ToolError(
        `This Confluence Data Center does not let its API ${
          resolved ? "resolve" : "reopen"
        } inline comments (its inline-comment service answered ${error.status}).`,
        `Open the page in Confluence and ${
          resolved ? "resolve" : "reopen"
        } comment ${comment.id} there.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Most comments {@link siblings} reads. */
const MAX_SIBLINGS = 2_000;

/** The comments a new comment would join; `complete` is false when the listing was cut short. */
export interface Siblings {
  comments: PageComment[];
  complete: boolean;
}

/**
 * The comments a new comment would join, without bodies: a page's top-level footer or inline
 * comments, or the replies to the parent. Used to find a comment whose create answer was lost.
 * Reads at most {@link MAX_SIBLINGS} comments, and says when there were more.
 */
export async function siblings(client: HttpClient, c: NewComment): Promise<Siblings> {
  const comments: PageComment[] = [];
  let read = 0;
  if (isCloud(client)) {
    const location: CommentLocation = c.parent?.location ?? (c.anchor ? "inline" : "footer");
    const url = c.parent
      ? path`/api/v2/${`${location}-comments`}/${c.parent.id}/children`
      : path`/api/v2/pages/${c.pageId}/${`${location}-comments`}`;
    const items = paginateCursor<V2Comment>(client, url, {
      limit: MAX_SIBLINGS + 1,
      pageSize: 250,
    });
    for await (const item of items) {
      if (++read > MAX_SIBLINGS) break;
      comments.push(fromV2(item, location));
    }
    return { comments, complete: read <= MAX_SIBLINGS };
  }
  const items = paginateStartLimit<V1Comment>(
    client,
    path`/rest/api/content/${c.pageId}/child/comment`,
    {
      query: { expand: "version,history,ancestors,extensions.inlineProperties", depth: "all" },
      limit: MAX_SIBLINGS + 1,
      pageSize: 100,
    },
  );
  for await (const item of items) {
    if (++read > MAX_SIBLINGS) break;
    const comment = fromV1(item);
    const joins = c.parent
      ? comment.parentId === c.parent.id
      : !comment.parentId && comment.location === (c.anchor ? "inline" : "footer");
    if (joins) comments.push(comment);
  }
  return { comments, complete: read <= MAX_SIBLINGS };
}
