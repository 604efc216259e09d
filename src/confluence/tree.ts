/**
 * The page tree: children of a page, every page of a space, and the writes that change where a
 * page is (move), whether it exists (trash, purge) and its copies. Cloud uses REST v2 where v2
 * has the operation (children, space pages, delete) and v1 where it does not (move, copy); Data
 * Center uses v1 under its context path, and the page-move action of its web UI for moves.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../errors.ts";
import {
  AtlassianError,
  type HttpClient,
  NO_CONTENT,
  objectAnswer,
  paginateCursor,
  paginateStartLimit,
  path,
} from "../http/mod.ts";
import { createPage, getPage, getSpaceById, getSpaceByKey, type Page } from "./pages.ts";
import { isCloud } from "./cloud.ts";

const ID = z.union([z.string(), z.number()]);

/** A space as the tree tools need it. */
export interface SpaceRef {
  key: string;
  /** Cloud v2 space id. */
  id?: string;
  homepageId?: string;
}

const V1_SPACE = objectAnswer("a space", { key: z.string() });

/** A space by key, with its home page; undefined when it does not exist or is hidden. */
export async function spaceByKey(client: HttpClient, key: string): Promise<SpaceRef | undefined> {
  if (isCloud(client)) {
    const space = await getSpaceByKey(client, key);
    return space &&
      { key: space.key, id: String(space.id), homepageId: space.homepageId ?? undefined };
  }
  try {
    const space = await client.get<{ key: string; homepage?: { id: string } }>(
      path`/rest/api/space/${key}`,
      { expand: "homepage" },
      { expect: V1_SPACE },
    );
    return {
      key: space.key,
      homepageId: space.homepage?.id ? String(space.homepage.id) : undefined,
    };
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) return undefined;
    throw error;
  }
}

/** A child of a page: a page, or (Cloud) a folder. */
export interface Child {
  id: string;
  title: string;
  type: string;
  position?: number;
  version?: number;
  /** The creator's display name (Data Center) ... */
  authorName?: string;
  /** ... or account id (Cloud). */
  authorId?: string;
  /** Storage XHTML, when asked for. */
  body?: string;
}

interface V2Child {
  id: string | number;
  title: string;
  type?: string;
  childPosition?: number;
}

interface V1Child {
  id: string;
  title: string;
  version?: { number?: number };
  history?: { createdBy?: { displayName?: string } };
  body?: { storage?: { value?: string } };
  extensions?: { position?: unknown };
}

/** What `listChildren` returns: at most `limit` children, and whether more follow. */
export interface Children {
  items: Child[];
  more: boolean;
}

/** Options of `listChildren`. */
export interface ChildOptions {
  start: number;
  limit: number;
  /** Data Center `expand` (e.g. `version,history`). */
  expand: string;
  withBody: boolean;
  includeFolders: boolean;
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The children of a page from `start`, at most `limit`, in the tree's order. */
export async function listChildren(
  client: HttpClient,
  parentId: string,
  options: ChildOptions,
): Promise<Children> {
  const wanted = options.limit + 1; // one more than asked tells whether more exist
  const items: Child[] = [];
  if (isCloud(client)) {
    const types = options.includeFolders ? ["page", "folder"] : ["page"];
    let skipped = 0;
    for await (
      const child of paginateCursor<V2Child>(
        client,
        path`/api/v2/pages/${parentId}/direct-children`,
        {
          pageSize: 250,
        },
      )
    ) {
      if (!types.includes(child.type ?? "page")) continue;
      if (skipped++ < options.start) continue;
      items.push({
        id: String(child.id),
        title: child.title,
        type: child.type ?? "page",
        position: child.childPosition,
      });
      if (items.length >= wanted) break;
    }
    const more = items.length > options.limit;
    items.length = Math.min(items.length, options.limit);
    if (options.withBody) {
      for (const item of items.filter((child) => child.type === "page")) {
        const page = await getPage(client, item.id);
        Object.assign(item, { version: page.version, authorId: page.authorId, body: page.body });
      }
    }
    return { items, more };
  }
  const expand = [options.expand, options.withBody ? "body.storage" : ""].filter(Boolean).join(",");
  for await (
    const child of paginateStartLimit<V1Child>(
      client,
      path`/rest/api/content/${parentId}/child/page`,
      {
        query: { expand: expand || undefined },
        start: options.start,
        limit: wanted,
        pageSize: Math.min(wanted, 200),
      },
    )
  ) {
    items.push({
      id: String(child.id),
      title: child.title,
      type: "page",
      position: numberOr(child.extensions?.position),
      version: child.version?.number,
      authorName: child.history?.createdBy?.displayName,
      body: child.body?.storage?.value,
    });
  }
  const more = items.length > options.limit;
  items.length = Math.min(items.length, options.limit);
  return { items, more };
}

/** One page of a space's tree. */
export interface TreePage {
  id: string;
  title: string;
  parentId?: string;
  position?: number;
  /** Ancestors above it (0 = top level), when the answer gave them (Data Center). */
  depth?: number;
  /** Cloud v2 space id, when the answer named the space. */
  space?: string;
}

interface V2TreePage {
  id: string | number;
  title: string;
  spaceId?: string | number;
  parentId?: string | number | null;
  position?: number | null;
}

interface V1TreePage {
  id: string;
  title: string;
  ancestors?: { id: string }[];
  extensions?: { position?: unknown };
}

/** Requests per page of a space's tree. */
export const TREE_PAGE_SIZE = 200;

/** Every current page of a space (`space.id` needed on Cloud), in the order Confluence lists them. */
export async function* spacePages(
  client: HttpClient,
  space: SpaceRef,
  limit: number,
): AsyncGenerator<TreePage, void, undefined> {
  if (isCloud(client)) {
    for await (
      const page of paginateCursor<V2TreePage>(client, path`/api/v2/spaces/${space.id!}/pages`, {
        query: { depth: "all", status: "current" },
        limit,
        pageSize: TREE_PAGE_SIZE,
      })
    ) {
      yield {
        id: String(page.id),
        title: page.title,
        parentId: page.parentId ? String(page.parentId) : undefined,
        position: page.position ?? undefined,
        space: page.spaceId === undefined ? undefined : String(page.spaceId),
      };
    }
    return;
  }
  for await (
    const page of paginateStartLimit<V1TreePage>(client, "/rest/api/content", {
      query: { spaceKey: space.key, type: "page", expand: "ancestors" },
      limit,
      pageSize: TREE_PAGE_SIZE,
    })
  ) {
    const ancestors = page.ancestors ?? [];
    yield {
      id: String(page.id),
      title: page.title,
      parentId: ancestors.length ? String(ancestors[ancestors.length - 1].id) : undefined,
      position: numberOr(page.extensions?.position),
      depth: page.ancestors ? ancestors.length : undefined,
    };
  }
}

/** Where a page is: current, in the trash, or gone (purged, or never existed). */
export type PageState = "current" | "trashed" | "gone";

/** A page found whatever its status, with its space. */
export interface Located {
  state: PageState;
  title?: string;
  spaceKey?: string;
}

const LOCATED = objectAnswer("a page", { id: ID, status: z.string(), title: z.string() });

/** Finds a page whether it is current or in the trash, with its title and space key. */
export async function locatePage(client: HttpClient, id: string): Promise<Located> {
  try {
    let page: { status: string; title: string; spaceId?: string; space?: { key?: string } };
    let spaceKey: string | undefined;
    const statuses = [["status", "current"], ["status", "trashed"]];
    if (isCloud(client)) {
      page = await client.get(path`/api/v2/pages/${id}`, new URLSearchParams(statuses), {
        expect: LOCATED,
      });
      spaceKey = page.spaceId ? (await getSpaceById(client, String(page.spaceId))).key : undefined;
    } else {
      page = await client.get(
        path`/rest/api/content/${id}`,
        new URLSearchParams([...statuses, ["expand", "space"]]),
        { expect: LOCATED },
      );
      spaceKey = page.space?.key;
    }
    const state: PageState = page.status === "trashed"
      ? "trashed"
      : page.status === "deleted"
      ? "gone"
      : "current";
    return { state, title: page.title, spaceKey };
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) return { state: "gone" };
    throw error;
  }
}

/** Moves a current page to the space's trash (it can be restored there). */
export async function trashPage(client: HttpClient, id: string): Promise<void> {
  await client.delete(
    isCloud(client) ? path`/api/v2/pages/${id}` : path`/rest/api/content/${id}`,
    undefined,
    { expect: NO_CONTENT },
  );
}

/** Removes a page that is in the trash for good. */
export async function purgePage(client: HttpClient, id: string): Promise<void> {
  if (isCloud(client)) {
    await client.delete(path`/api/v2/pages/${id}`, { purge: true }, { expect: NO_CONTENT });
  } else {
    await client.delete(path`/rest/api/content/${id}`, { status: "trashed" }, {
      expect: NO_CONTENT,
    });
  }
}

/** Where a move puts the page relative to its target: under it, or just before or after it. */
export type MovePosition = "append" | "before" | "after";

/** The names Data Center's page-move action uses for the REST positions. */
const ACTION_POSITION: Record<MovePosition, string> = {
  append: "append",
  before: "above",
  after: "below",
};

const MOVED = objectAnswer("the moved page", { pageId: ID });
const ACTION_ANSWER = objectAnswer("the page-move action's answer", {
  actionErrors: z.array(z.string()).optional(),
});

/**
 * Moves a page relative to a target page. Cloud: `PUT /rest/api/content/{id}/move/{position}/{target}`.
 * Data Center has no REST move; its web UI's `POST /pages/movepage.action` (as the Python server
 * uses) moves the page and its children, also across spaces.
 */
export async function movePage(
  client: HttpClient,
  id: string,
  position: MovePosition,
  target: { id: string; spaceKey: string },
): Promise<void> {
  if (isCloud(client)) {
    await client.put(
      path`/rest/api/content/${id}/move/${position}/${target.id}`,
      undefined,
      undefined,
      {
        expect: MOVED,
      },
    );
    return;
  }
  const answer = await client.post<{ actionErrors?: string[] }>(
    "/pages/movepage.action",
    undefined,
    {
      pageId: id,
      spaceKey: target.spaceKey,
      targetId: target.id,
      position: ACTION_POSITION[position],
    },
    { headers: { "X-Atlassian-Token": "no-check" }, expect: ACTION_ANSWER },
  );
  if (answer.actionErrors?.length) {
    throw new ToolError(
      `Confluence refused the move: ${answer.actionErrors.join(" ")}`,
      "Check that you may edit both spaces and that the target is not below the page itself.",
    );
  }
}

/** Where a copy goes. */
export interface CopyTarget {
  spaceKey: string;
  /** Parent page; without it the copy is a top-level page of the space. */
  parentId?: string;
  title: string;
  /** Cloud only: copy the attachments too. */
  copyAttachments: boolean;
}

const CREATED = objectAnswer("the copied page", { id: ID });

/**
 * Copies a page's current body under a new title. Cloud copies server-side (`POST
 * /rest/api/content/{id}/copy`, attachments on request; labels, restrictions and properties
 * not, as the Python server asks); Data Center has no copy API, so a new page gets the source's
 * storage body as it is. Answers the new page's id.
 */
export async function copyPage(
  client: HttpClient,
  source: Page,
  target: CopyTarget,
): Promise<string> {
  if (isCloud(client)) {
    const created = await client.post<{ id: string }>(
      path`/rest/api/content/${source.id}/copy`,
      {
        copyAttachments: target.copyAttachments,
        copyPermissions: false,
        copyProperties: false,
        copyLabels: false,
        pageTitle: target.title,
        destination: target.parentId
          ? { type: "parent_page", value: target.parentId }
          : { type: "space", value: target.spaceKey },
      },
      undefined,
      { expect: CREATED },
    );
    return String(created.id);
  }
  return await createPage(client, {
    spaceKey: target.spaceKey,
    title: target.title,
    body: source.body,
    representation: "storage",
    parentId: target.parentId,
  });
}

/** The file names attached to a page (up to 200). */
export async function attachmentTitles(client: HttpClient, pageId: string): Promise<string[]> {
  const items = isCloud(client)
    ? paginateCursor<{ title: string }>(client, path`/api/v2/pages/${pageId}/attachments`, {
      limit: 200,
      pageSize: 200,
    })
    : paginateStartLimit<{ title: string }>(
      client,
      path`/rest/api/content/${pageId}/child/attachment`,
      { limit: 200, pageSize: 200 },
    );
  const titles: string[] = [];
  for await (const item of items) titles.push(item.title);
  return titles;
}
