/**
 * Page restrictions (who may view and who may edit a page) and the groups they name, through
 * REST v1 on both deployments (v2 has no restrictions): read by operation, replaced whole. Cloud
 * names groups by id in writes, Data Center by name.
 *
 * @module
 */
import { ToolError } from "../errors.ts";
import {
  AtlassianError,
  type HttpClient,
  objectAnswer,
  paginateStartLimit,
  path,
} from "../http/mod.ts";
import { type ConfluenceUser, confluenceUser } from "./users.ts";
import { isCloud } from "./cloud.ts";

/** The operations a page restriction limits. */
export const RESTRICTED_OPERATIONS = ["read", "update"] as const;

/** `read` (who may view) or `update` (who may edit). */
export type RestrictedOperation = typeof RESTRICTED_OPERATIONS[number];

/** A group as restrictions name it (Cloud groups also have an id). */
export interface Group {
  name: string;
  id?: string;
}

/** Who one operation is restricted to; both lists empty means unrestricted. */
export interface Restriction {
  users: ConfluenceUser[];
  groups: Group[];
}

/** A page's read and update restrictions. */
export type Restrictions = Record<RestrictedOperation, Restriction>;

interface V1Restriction {
  restrictions?: {
    user?: { results?: Parameters<typeof confluenceUser>[0][] };
    group?: { results?: Group[] };
  };
}

const BY_OPERATION = objectAnswer("the page's restrictions", {});
const RESTRICTIONS_SET = objectAnswer("the page's new restrictions", {});
const GROUP = objectAnswer("a group", {});
const GROUPS = objectAnswer("a list of groups", {});

/** A page's read and update restrictions. */
export async function getRestrictions(client: HttpClient, pageId: string): Promise<Restrictions> {
  const answer = await client.get<Record<string, V1Restriction | undefined>>(
    path`/rest/api/content/${pageId}/restriction/byOperation`,
    { expand: "restrictions.user,restrictions.group" },
    { expect: BY_OPERATION },
  );
  const one = (op: RestrictedOperation): Restriction => ({
    users: (answer[op]?.restrictions?.user?.results ?? []).map(confluenceUser),
    groups: (answer[op]?.restrictions?.group?.results ?? []).map((g) => ({
      name: g.name,
      id: g.id,
    })),
  });
  return { read: one("read"), update: one("update") };
}

/** Replaces a page's read and update restrictions (empty lists lift a restriction). */
export async function setRestrictions(
  client: HttpClient,
  pageId: string,
  wanted: Restrictions,
): Promise<void> {
  const cloud = isCloud(client);
  const body = RESTRICTED_OPERATIONS.map((operation) => ({
    operation,
    restrictions: {
      user: wanted[operation].users.map((u) =>
        cloud ? { type: "known", accountId: u.accountId } : { type: "known", username: u.username }
      ),
      group: wanted[operation].groups.map((g) =>
        cloud ? { type: "group", id: g.id } : { type: "group", name: g.name }
      ),
    },
  }));
  await client.put(path`/rest/api/content/${pageId}/restriction`, body, undefined, {
    expect: RESTRICTIONS_SET,
  });
}

/**
 * The group called `name` (any case): on Cloud found through the group picker (writes need its
 * id), on Data Center read by name.
 */
export async function findGroup(client: HttpClient, name: string): Promise<Group> {
  const wanted = name.trim();
  const missing = () =>
    new ToolError(
      `No Confluence group is called "${wanted}".`,
      "Check the group's name, e.g. 'confluence-users'.",
    );
  if (!isCloud(client)) {
    try {
      const group = await client.get<Group>(path`/rest/api/group/${wanted}`, undefined, {
        expect: GROUP,
      });
      return { name: group.name ?? wanted };
    } catch (error) {
      if (error instanceof AtlassianError && error.status === 404) throw missing();
      throw error;
    }
  }
  const answer = await client.get<{ results?: Group[] }>("/rest/api/group/picker", {
    query: wanted,
    limit: 200,
  }, { expect: GROUPS });
  const hit = (answer.results ?? []).find((g) => g.name.toLowerCase() === wanted.toLowerCase());
  if (!hit) throw missing();
  return { name: hit.name, id: hit.id };
}

/** Most group memberships read for one user. */
const MAX_MEMBERSHIPS = 1_000;

/** The groups a user belongs to (Cloud by account id, Data Center by username). */
export async function groupsOf(client: HttpClient, user: ConfluenceUser): Promise<Group[]> {
  const groups: Group[] = [];
  const query = isCloud(client) ? { accountId: user.accountId } : { username: user.username };
  for await (
    const group of paginateStartLimit<Group>(client, "/rest/api/user/memberof", {
      query,
      limit: MAX_MEMBERSHIPS,
      pageSize: 200,
    })
  ) {
    groups.push({ name: group.name, id: group.id });
  }
  return groups;
}
