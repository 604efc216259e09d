/**
 * Page versions: the history of a page and the body of one old version. Cloud: REST v2
 * `GET /pages/{id}/versions` (cursor pages, newest first) and `GET /pages/{id}?version=N`.
 * Server/Data Center has no version listing in its REST API, so each version is read with
 * `GET /rest/api/content/{id}?status=historical&version=N` (v1).
 *
 * @module
 */
import { isCloud } from "./cloud.ts";
import { z } from "zod";
import { type HttpClient, objectAnswer, paginateCursor, path } from "../http/mod.ts";

/** One version of a page, as the history shows it. */
export interface PageVersion {
  number: number;
  /** Who made it: a Cloud account id (v2). */
  authorId?: string;
  /** Who made it, by display name (v1). */
  authorName?: string;
  when?: string;
  message?: string;
  minorEdit: boolean;
}

/** A page as it was at one version. */
export interface PageAtVersion extends PageVersion {
  title: string;
  /** Storage-format XHTML. */
  body: string;
}

interface V2Version {
  number: number;
  authorId?: string;
  createdAt?: string;
  message?: string;
  minorEdit?: boolean;
}

interface V1Version {
  number: number;
  by?: { displayName?: string };
  when?: string;
  message?: string;
  minorEdit?: boolean;
}

const ID = z.union([z.string(), z.number()]);
const VERSION = z.looseObject({ number: z.number() });
const V2_AT_VERSION = objectAnswer("a page version", {
  id: ID,
  title: z.string(),
  version: VERSION,
});
const V1_AT_VERSION = objectAnswer("a page version", {
  id: ID,
  title: z.string(),
  version: VERSION,
});

function fromV2(v: V2Version): PageVersion {
  return {
    number: v.number,
    authorId: v.authorId,
    when: v.createdAt,
    message: v.message || undefined,
    minorEdit: v.minorEdit === true,
  };
}

function fromV1(v: V1Version): PageVersion {
  return {
    number: v.number,
    authorName: v.by?.displayName,
    when: v.when,
    message: v.message || undefined,
    minorEdit: v.minorEdit === true,
  };
}

/** Reads page `id` as it was at version `n`, with its storage body unless `withBody` is false. */
export async function getPageVersion(
  client: HttpClient,
  id: string,
  n: number,
  withBody = true,
): Promise<PageAtVersion> {
  if (isCloud(client)) {
    const page = await client.get<
      { title: string; version: V2Version; body?: { storage?: { value?: string } } }
    >(path`/api/v2/pages/${id}`, {
      version: n,
      "body-format": withBody ? "storage" : undefined,
    }, { expect: V2_AT_VERSION });
    return { ...fromV2(page.version), title: page.title, body: page.body?.storage?.value ?? "" };
  }
  const content = await client.get<
    { title: string; version: V1Version; body?: { storage?: { value?: string } } }
  >(path`/rest/api/content/${id}`, {
    status: "historical",
    version: n,
    expand: withBody ? "body.storage,version" : "version",
  }, { expect: V1_AT_VERSION });
  return {
    ...fromV1(content.version),
    title: content.title,
    body: content.body?.storage?.value ?? "",
  };
}

/** Versions of a page, newest first, up to `limit`, and whether older ones exist. */
export interface VersionList {
  versions: PageVersion[];
  more: boolean;
}

/**
 * Lists up to `limit` versions of a page whose current version is `current`, newest first,
 * starting below version `before` when given. `onRead` hears of each version before it is read
 * (Data Center reads them one by one).
 */
export async function listPageVersions(
  client: HttpClient,
  id: string,
  options: {
    current: number;
    limit: number;
    before?: number;
    onRead?: (index: number, total: number, version: number) => Promise<void>;
  },
): Promise<VersionList> {
  const top = Math.min(options.current, (options.before ?? Infinity) - 1);
  if (top < 1) return { versions: [], more: false };
  if (isCloud(client)) {
    const skip = options.current - top;
    const versions: PageVersion[] = [];
    const wanted = skip + options.limit + 1;
    for await (
      const v of paginateCursor<V2Version>(client, path`/api/v2/pages/${id}/versions`, {
        query: { sort: "-modified-date" },
        limit: wanted,
        pageSize: Math.min(wanted, 250),
      })
    ) {
      if (v.number <= top) versions.push(fromV2(v));
    }
    return { versions: versions.slice(0, options.limit), more: versions.length > options.limit };
  }
  const numbers = Array.from({ length: Math.min(options.limit, top) }, (_, i) => top - i);
  const versions: PageVersion[] = [];
  for (const [index, n] of numbers.entries()) {
    await options.onRead?.(index, numbers.length, n);
    versions.push(await getPageVersion(client, id, n, false));
  }
  return { versions, more: numbers.at(-1)! > 1 };
}
