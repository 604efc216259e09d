/**
 * Finding Confluence users. Cloud: CQL user search (`/rest/api/search/user`). Data Center has no
 * user search in its REST API: the members of a group are read and matched by name, as the
 * Python server does.
 *
 * @module
 */
import { type HttpClient, paginateStartLimit, path } from "../http/mod.ts";

/** A user found, as tools show people: by name, with the mention that refers to them. */
export interface FoundUser {
  displayName: string;
  email?: string;
  /** The Markdown mention of the user, e.g. `@[Alice Admin](accountid:557058:abc)`. */
  mention?: string;
  /** Cloud account id. */
  accountId?: string;
  /** Data Center username. */
  username?: string;
}

interface V1User {
  displayName?: string;
  publicName?: string;
  email?: string;
  accountId?: string;
  username?: string;
  userKey?: string;
}

function mentionOf(name: string, user: V1User): string | undefined {
  const label = name.replace(/[[\]]/g, "");
  if (user.accountId) return `@[${label}](accountid:${user.accountId})`;
  if (user.userKey) return `@[${label}](userkey:${user.userKey})`;
  return user.username ? `@[${label}](username:${user.username})` : undefined;
}

function found(user: V1User): FoundUser | undefined {
  const name = user.displayName ?? user.publicName;
  return name
    ? {
      displayName: name,
      email: user.email,
      mention: mentionOf(name, user),
      accountId: user.accountId,
      username: user.username,
    }
    : undefined;
}

/** Cloud: the users a CQL user query finds, at most `limit`. */
export async function searchUsersCql(
  client: HttpClient,
  cql: string,
  limit: number,
): Promise<FoundUser[]> {
  const out: FoundUser[] = [];
  const hits = paginateStartLimit<{ user?: V1User }>(client, "/rest/api/search/user", {
    query: { cql },
    limit,
    pageSize: limit,
  });
  for await (const hit of hits) {
    const user = hit.user && found(hit.user);
    if (user) out.push(user);
  }
  return out;
}

/** Most group members a Data Center search reads. */
const MAX_GROUP_MEMBERS = 2_000;

/**
 * Data Center: members of `group` whose display name or username contains `text` (any case), at
 * most `limit`; `more` when the group has members beyond those read.
 */
export async function searchGroupMembers(
  client: HttpClient,
  group: string,
  text: string,
  limit: number,
): Promise<{ users: FoundUser[]; more: boolean }> {
  const wanted = text.toLowerCase();
  const users: FoundUser[] = [];
  let read = 0;
  const members = paginateStartLimit<V1User>(client, path`/rest/api/group/${group}/member`, {
    limit: MAX_GROUP_MEMBERS + 1,
    pageSize: 200,
  });
  for await (const member of members) {
    if (++read > MAX_GROUP_MEMBERS) return { users, more: true };
    const names = [member.displayName, member.username].map((n) => (n ?? "").toLowerCase());
    if (!names.some((n) => n.includes(wanted))) continue;
    const user = found(member);
    if (user) users.push(user);
    if (users.length >= limit) break;
  }
  return { users, more: false };
}
