/**
 * Confluence pages: REST v2 on Cloud (`/api/v2/pages`), v1 on Server/Data Center
 * (`/rest/api/content`), normalised to one `Page` shape with the storage-format body.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { webBase } from "../config/mod.ts";
import { ToolError } from "../errors.ts";
import { isCloud } from "./cloud.ts";

/** A page, whatever API it came from. */
export interface Page {
  id: string;
  title: string;
  spaceKey?: string;
  spaceId?: string;
  version: number;
  parentId?: string;
  /** Storage-format XHTML. */
  body: string;
  /** Web UI link. */
  url?: string;
  created?: string;
  /** Who created the page: a Cloud account id (v2), or absent. */
  authorId?: string;
  /** The creator's display name, when the answer carried it (v1). */
  authorName?: string;
  status?: string;
  /** Cloud page subtype, e.g. `live` for a live doc. */
  subtype?: string;
  /** Who saved the current version: a Cloud account id, else a Data Center username or key. */
  versionBy?: string;
  /** The current version's message ("" or absent when none was given). */
  versionMessage?: string;
}

interface V1Content {
  id: string;
  title: string;
  status?: string;
  space?: { key?: string; id?: number | string };
  version?: {
    number: number;
    when?: string;
    message?: string;
    by?: { displayName?: string; accountId?: string; username?: string; userKey?: string };
  };
  ancestors?: { id: string }[];
  body?: { storage?: { value?: string } };
  history?: { createdDate?: string; createdBy?: { displayName?: string; accountId?: string } };
  _links?: { webui?: string; base?: string };
}

interface V2Page {
  id: string;
  title: string;
  status?: string;
  spaceId?: string;
  parentId?: string | null;
  authorId?: string;
  createdAt?: string;
  subtype?: string | null;
  version?: { number: number; authorId?: string; message?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string; base?: string };
}

const V1_EXPAND = "body.storage,version,space,ancestors,history";

/** A page's web link: on Atlassian's `_links.base` when given, else on the site URL. */
function webUrl(
  client: HttpClient,
  links: { webui?: string; base?: string } | undefined,
): string | undefined {
  const base = links?.base ?? webBase(client.service);
  return links?.webui && base ? `${base}${links.webui}` : undefined;
}

function fromV1(client: HttpClient, c: V1Content): Page {
  return {
    id: String(c.id),
    title: c.title,
    status: c.status,
    spaceKey: c.space?.key,
    version: c.version?.number ?? 1,
    parentId: c.ancestors?.length ? String(c.ancestors[c.ancestors.length - 1].id) : undefined,
    body: c.body?.storage?.value ?? "",
    url: webUrl(client, c._links),
    created: c.history?.createdDate,
    authorId: c.history?.createdBy?.accountId,
    authorName: c.history?.createdBy?.displayName,
    versionBy: c.version?.by?.accountId ?? c.version?.by?.username ?? c.version?.by?.userKey,
    versionMessage: c.version?.message,
  };
}

async function fromV2(client: HttpClient, p: V2Page): Promise<Page> {
  const space = p.spaceId ? await getSpaceById(client, p.spaceId) : undefined;
  return {
    id: String(p.id),
    title: p.title,
    status: p.status,
    spaceId: p.spaceId,
    spaceKey: space?.key,
    version: p.version?.number ?? 1,
    parentId: p.parentId ? String(p.parentId) : undefined,
    body: p.body?.storage?.value ?? "",
    url: webUrl(client, p._links),
    created: p.createdAt,
    authorId: p.authorId,
    subtype: p.subtype ?? undefined,
    versionBy: p.version?.authorId,
    versionMessage: p.version?.message,
  };
}

const SPACE = objectAnswer("a space", { id: z.union([z.string(), z.number()]), key: z.string() });
const PAGE = objectAnswer("a page", { id: z.union([z.string(), z.number()]), title: z.string() });
const PAGES = objectAnswer("a list of pages", {
  results: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), title: z.string() })),
});
const CREATED = objectAnswer("the created page", { id: z.union([z.string(), z.number()]) });
const SPACES = objectAnswer("a list of spaces", { results: z.array(SPACE) });

const spaceCache = new WeakMap<HttpClient, Map<string, Promise<{ id: string; key: string }>>>();

/** Looks up a space (Cloud v2) by id; cached per client. */
export function getSpaceById(client: HttpClient, id: string): Promise<{ id: string; key: string }> {
  let byId = spaceCache.get(client);
  if (!byId) spaceCache.set(client, byId = new Map());
  let hit = byId.get(id);
  if (!hit) {
    hit = client.get<{ id: string; key: string }>(path`/api/v2/spaces/${id}`, undefined, {
      expect: SPACE,
    });
    hit.catch(() => byId.delete(id));
    byId.set(id, hit);
  }
  return hit;
}

/** Looks up a space (Cloud v2) by key, with its home page; undefined when it does not exist. */
export async function getSpaceByKey(
  client: HttpClient,
  key: string,
): Promise<{ id: string; key: string; homepageId?: string | null } | undefined> {
  const answer = await client.get<
    { results?: { id: string; key: string; homepageId?: string | null }[] }
  >("/api/v2/spaces", { keys: key }, { expect: SPACES });
  return answer.results?.[0];
}

/** Reads a page with its storage body. */
export async function getPage(client: HttpClient, id: string): Promise<Page> {
  if (isCloud(client)) {
    return fromV2(
      client,
      await client.get<V2Page>(path`/api/v2/pages/${id}`, { "body-format": "storage" }, {
        expect: PAGE,
      }),
    );
  }
  return fromV1(
    client,
    await client.get<V1Content>(path`/rest/api/content/${id}`, { expand: V1_EXPAND }, {
      expect: PAGE,
    }),
  );
}

/** The pages titled exactly `title` in a space (bodies included only when `withBody`). */
async function pagesByTitle(
  client: HttpClient,
  spaceKey: string,
  title: string,
  withBody: boolean,
): Promise<Page[]> {
  if (isCloud(client)) {
    const space = await getSpaceByKey(client, spaceKey);
    if (!space) return [];
    const answer = await client.get<{ results?: V2Page[] }>("/api/v2/pages", {
      "space-id": space.id,
      title,
      "body-format": withBody ? "storage" : undefined,
    }, { expect: PAGES });
    return await Promise.all((answer.results ?? []).map((found) => fromV2(client, found)));
  }
  const answer = await client.get<{ results?: V1Content[] }>("/rest/api/content", {
    spaceKey,
    title,
    type: "page",
    expand: withBody ? V1_EXPAND : undefined,
  }, { expect: PAGES });
  return (answer.results ?? []).map((found) => fromV1(client, found));
}

/** Finds a page by exact title in a space; undefined when absent. */
export async function findPageByTitle(
  client: HttpClient,
  spaceKey: string,
  title: string,
): Promise<Page | undefined> {
  return (await pagesByTitle(client, spaceKey, title, true))[0];
}

/** The ids of the pages titled exactly `title` in a space. */
export async function pageIdsByTitle(
  client: HttpClient,
  spaceKey: string,
  title: string,
): Promise<string[]> {
  return (await pagesByTitle(client, spaceKey, title, false)).map((page) => page.id);
}

/** What a new page needs. */
export interface NewPage {
  spaceKey: string;
  title: string;
  /** Body value in `representation`. */
  body: string;
  representation: "storage" | "wiki";
  parentId?: string;
  /** Cloud only: `live` creates a live doc. */
  subtype?: "live";
}

/** Creates a page and answers with its id. */
export async function createPage(client: HttpClient, page: NewPage): Promise<string> {
  if (isCloud(client)) {
    const space = await getSpaceByKey(client, page.spaceKey);
    if (!space) {
      throw new ToolError(
        `Confluence space ${page.spaceKey} does not exist or you do not have permission to see it.`,
        "Check the space key (it is case-sensitive, e.g. 'DOCS').",
      );
    }
    const created = await client.post<V2Page>(
      "/api/v2/pages",
      {
        spaceId: space.id,
        status: "current",
        title: page.title,
        parentId: page.parentId,
        body: { representation: page.representation, value: page.body },
        subtype: page.subtype,
      },
      undefined,
      { expect: CREATED },
    );
    return String(created.id);
  }
  if (page.subtype) {
    throw new ToolError(
      `subtype '${page.subtype}' (live docs) exists only on Confluence Cloud.`,
      "Leave subtype out on Server/Data Center.",
    );
  }
  const created = await client.post<V1Content>(
    "/rest/api/content",
    {
      type: "page",
      title: page.title,
      space: { key: page.spaceKey },
      ancestors: page.parentId ? [{ id: page.parentId }] : undefined,
      body: { [page.representation]: { value: page.body, representation: page.representation } },
    },
    undefined,
    { expect: CREATED },
  );
  return String(created.id);
}

/** What an update sends: the whole new title and body, and the next version number. */
export interface PageUpdate {
  id: string;
  title: string;
  body: string;
  representation: "storage" | "wiki";
  version: number;
  minorEdit: boolean;
  message?: string;
  parentId?: string;
  status?: string;
}

/** Replaces a page's title and body as version `update.version`. */
export async function updatePage(client: HttpClient, update: PageUpdate): Promise<void> {
  if (isCloud(client)) {
    await client.put(
      path`/api/v2/pages/${update.id}`,
      {
        id: update.id,
        status: update.status ?? "current",
        title: update.title,
        parentId: update.parentId,
        body: { representation: update.representation, value: update.body },
        version: { number: update.version, message: update.message }, // v2 has no minor edits
      },
      undefined,
      { expect: PAGE },
    );
  } else {
    await client.put(
      path`/rest/api/content/${update.id}`,
      {
        id: update.id,
        type: "page",
        title: update.title,
        status: update.status ?? "current",
        ancestors: update.parentId ? [{ id: update.parentId }] : undefined,
        body: {
          [update.representation]: { value: update.body, representation: update.representation },
        },
        version: { number: update.version, minorEdit: update.minorEdit, message: update.message },
      },
      undefined,
      { expect: PAGE },
    );
  }
}
