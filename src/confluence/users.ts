/**
 * Display names for user mentions. Storage format stores only the user's id, so a page read as
 * Markdown shows `@[](accountid:ID)`; this fills in `@[Alice Admin](accountid:ID)` with one
 * lookup per distinct user. The name is for the reader only: writing ignores it.
 *
 * @module
 */
import { isCloud } from "./cloud.ts";
import { ToolError } from "../errors.ts";
import { AtlassianError, type HttpClient, objectAnswer } from "../http/mod.ts";
import { ACCOUNT_ID } from "../jira/users.ts";
import { searchUsersCql } from "./user_search.ts";

/** The answer of a user read. */
const USER_ANSWER = objectAnswer("a user", {});

const EMPTY_MENTION = /@\[\]\((accountid|userkey|username):([^)\s]+)\)/g;
const QUERY_KEY = { accountid: "accountId", userkey: "key", username: "username" } as const;

/** How a stored mention names its user: a Cloud account id, a DC user key or a DC username. */
type UserIdKind = keyof typeof QUERY_KEY;

/** A user's display name, or undefined when the user is unknown or hidden. */
async function displayName(
  client: HttpClient,
  kind: UserIdKind,
  id: string,
): Promise<string | undefined> {
  try {
    const user = await client.get<{ displayName?: string; publicName?: string }>("/rest/api/user", {
      [QUERY_KEY[kind]]: id,
    }, { expect: USER_ANSWER });
    return user.displayName ?? user.publicName;
  } catch {
    return undefined; // an unknown or hidden user keeps its id-only mention
  }
}

/**
 * A function that names Cloud account ids by display name, looking each id up once; an id
 * whose user is hidden or unknown is named by the id itself, and undefined stays undefined.
 */
export function accountNamer(
  client: HttpClient,
): (accountId: string | undefined) => Promise<string | undefined> {
  const names = new Map<string, Promise<string>>();
  return (accountId) => {
    if (!accountId) return Promise.resolve(undefined);
    let name = names.get(accountId);
    if (!name) {
      name = displayName(client, "accountid", accountId).then((found) => found ?? accountId);
      names.set(accountId, name);
    }
    return name;
  };
}

/** Replaces nameless mentions in Markdown with named ones, looking each user up once. */
export async function nameMentions(client: HttpClient, markdown: string): Promise<string> {
  const wanted = new Map<string, Promise<string | undefined>>();
  for (const [, kind, id] of markdown.matchAll(EMPTY_MENTION)) {
    const key = `${kind}:${id}`;
    if (!wanted.has(key)) wanted.set(key, displayName(client, kind as keyof typeof QUERY_KEY, id));
  }
  if (!wanted.size) return markdown;
  const names = new Map<string, string | undefined>();
  for (const [key, name] of wanted) names.set(key, await name);
  return markdown.replace(EMPTY_MENTION, (whole, kind, id) => {
    const name = names.get(`${kind}:${id}`);
    return name ? `@[${name.replace(/[[\]]/g, "")}](${kind}:${id})` : whole;
  });
}

/** A Confluence user as restriction and permission tools name them. */
export interface ConfluenceUser {
  displayName: string;
  /** Cloud account id. */
  accountId?: string;
  /** Data Center username. */
  username?: string;
  /** Data Center user key. */
  userKey?: string;
}

interface V1User {
  displayName?: string;
  publicName?: string;
  accountId?: string;
  username?: string;
  userKey?: string;
}

/** A v1 user object as a `ConfluenceUser` (named by its id when it carries no name). */
export function confluenceUser(user: V1User): ConfluenceUser {
  return {
    displayName: user.displayName ?? user.publicName ?? user.username ?? user.accountId ?? "",
    accountId: user.accountId,
    username: user.username,
    userKey: user.userKey,
  };
}

/** A Data Center user key (32 hex digits). */
const DC_USER_KEY = /^[0-9a-f]{32}$/i;

/** At most this many candidates are named when a name matches several users. */
const MAX_CANDIDATES = 10;

/**
 * The one user `who` names. Cloud: an account id (read directly), else the one user of the user
 * search (which matches display names, `user.fullname`) whose display name, or e-mail where the
 * answer shows it, is exactly `who` (any case). Data Center: a user key, else a
 * username. Unknown and ambiguous names are refused, naming the users the search found.
 */
export async function findUser(client: HttpClient, who: string): Promise<ConfluenceUser> {
  const wanted = who.trim();
  const deployment = isCloud(client) ? "cloud" : "datacenter";
  const read = async (query: Record<string, string>, what: string) => {
    try {
      return confluenceUser(
        await client.get<V1User>("/rest/api/user", query, { expect: USER_ANSWER }),
      );
    } catch (error) {
      if (!(error instanceof AtlassianError) || error.status !== 404) throw error;
      throw new ToolError(`No Confluence user has the ${what} "${wanted}".`, HINT[deployment]);
    }
  };
  if (deployment === "datacenter") {
    return DC_USER_KEY.test(wanted)
      ? await read({ key: wanted }, "user key")
      : await read({ username: wanted }, "username");
  }
  const id = wanted.match(ACCOUNT_ID);
  if (id) return await read({ accountId: id[1] }, "account id");
  const text = wanted.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  const hits = await searchUsersCql(client, `user.fullname ~ "${text}"`, 20);
  const lower = wanted.toLowerCase();
  const exact = hits.filter((u) =>
    u.accountId && [u.displayName, u.email].some((v) => v?.toLowerCase() === lower)
  );
  if (exact.length === 1) {
    return { displayName: exact[0].displayName, accountId: exact[0].accountId };
  }
  const shown = (exact.length ? exact : hits).slice(0, MAX_CANDIDATES)
    .map((u) => `${u.displayName} (${u.accountId})`);
  if (exact.length) {
    throw new ToolError(
      `"${wanted}" names ${exact.length} Confluence users: ${shown.join(", ")}.`,
      HINT.cloud,
    );
  }
  throw new ToolError(
    `No Confluence user is called "${wanted}"${
      shown.length ? ` (the user search found ${shown.join(", ")})` : ""
    }.`,
    HINT.cloud,
  );
}

const HINT = {
  cloud:
    "Pass the user's account id, e.g. '557058:0f1e2d3c-...' (confluence_search_user finds it).",
  datacenter: "Pass the user's username (login name), e.g. 'jsmith'.",
};

/** The user these credentials act as. */
export async function currentUser(client: HttpClient): Promise<ConfluenceUser> {
  return confluenceUser(
    await client.get<V1User>("/rest/api/user/current", undefined, { expect: USER_ANSWER }),
  );
}

/**
 * The calling user's id as comments and versions carry it: Cloud account id, Data Center
 * username (or user key).
 */
export async function currentUserId(client: HttpClient): Promise<string | undefined> {
  const me = await currentUser(client);
  return me.accountId ?? me.username ?? me.userKey;
}
