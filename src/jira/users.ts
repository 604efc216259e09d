/**
 * Resolving what a person typed (email, display name, account id, username) to the identifier
 * Jira expects in payloads: `{accountId}` on Cloud, `{name}` on Data Center.
 *
 * @module
 */
import { type HttpClient, listAnswer, objectAnswer } from "../http/mod.ts";
import { ToolError } from "../errors.ts";
import { apiRoot } from "./rich.ts";
import type { JiraUser } from "./types.ts";

/** The answer of a user search. */
const USERS_ANSWER = listAnswer("a list of users", {});

/** The answer of `myself`. */
const MYSELF_ANSWER = objectAnswer("the current user", {});

/** An Atlassian account id as people paste it (optionally `accountid:`-prefixed); group 1 is the id. */
export const ACCOUNT_ID = /^(?:accountid:)?([0-9a-f]{24}|\d+:[0-9a-zA-Z-]+)$/i;

/** The name to show for a user: display name, else login name, else account id. */
export function userName(user: JiraUser | null | undefined): string | undefined {
  return user ? user.displayName ?? user.name ?? user.accountId : undefined;
}

/** How a candidate is named in an ambiguity error: display name and the id to pass instead. */
function candidate(user: JiraUser, cloud: boolean): string {
  const id = cloud ? user.emailAddress ?? user.accountId : user.name ?? user.key;
  return id && id !== user.displayName ? `${userName(user)} (${id})` : `${userName(user)}`;
}

/** At most this many candidates are named in an ambiguity error. */
const MAX_CANDIDATES = 10;

/**
 * The one user `who` names (e-mail, display name, account id, user name or key, any case), found
 * by a user search (`query` on Cloud, `username` on Data Center). A name several users match, or
 * a search with several results and no exact match, is refused with the candidates listed.
 */
export async function resolveUser(client: HttpClient, who: string): Promise<JiraUser> {
  const cloud = client.service.deployment === "cloud";
  const users = await client.get<JiraUser[]>(
    `${apiRoot(client.service)}/user/search`,
    cloud ? { query: who, maxResults: 20 } : { username: who, maxResults: 20 },
    { expect: USERS_ANSWER },
  );
  const wanted = who.trim().replace(/^accountid:/i, "").toLowerCase();
  const exact = users.filter((u) =>
    [u.emailAddress, u.displayName, u.name, u.key, u.accountId].some((v) =>
      v?.toLowerCase() === wanted
    )
  );
  const matches = exact.length ? exact : users;
  if (matches.length === 1) return matches[0];
  const hint = cloud ? "Pass the user's e-mail or account id." : "Pass the user's user name.";
  if (!matches.length) throw new ToolError(`No Jira user matches "${who}".`, hint);
  const shown = matches.slice(0, MAX_CANDIDATES).map((u) => candidate(u, cloud));
  const more = matches.length > shown.length ? `, and ${matches.length - shown.length} more` : "";
  throw new ToolError(
    `"${who}" matches ${matches.length} Jira users: ${shown.join(", ")}${more}.`,
    hint,
  );
}

/** The payload that names a user in a field: `{accountId}` (Cloud) or `{name}` (Data Center). */
export async function userReference(
  client: HttpClient,
  who: string,
): Promise<{ accountId: string } | { name: string }> {
  const cloud = client.service.deployment === "cloud";
  const direct = who.match(ACCOUNT_ID);
  if (cloud && direct) return { accountId: direct[1] };
  const match = await resolveUser(client, who);
  if (cloud) return { accountId: match.accountId! };
  return { name: match.name ?? match.key ?? who };
}

/** The user these credentials act as (`GET myself`). */
export function getMyself(client: HttpClient): Promise<JiraUser> {
  return client.get<JiraUser>(`${apiRoot(client.service)}/myself`, undefined, {
    expect: MYSELF_ANSWER,
  });
}

/** Whether two user objects name the same person (account id on Cloud, key or name on DC). */
export function sameUser(a: JiraUser | undefined, b: JiraUser | undefined): boolean {
  if (!a || !b) return false;
  if (a.accountId || b.accountId) return a.accountId === b.accountId;
  return (a.key !== undefined && a.key === b.key) || (a.name !== undefined && a.name === b.name);
}

/** The answer of `GET user`. */
const USER_ANSWER = objectAnswer("a user", {});

/** A Data Center user key (`JIRAUSER10000`). */
const DC_USER_KEY = /^JIRAUSER\d+$/;

/** A person as shown to the assistant. */
export interface UserView {
  display_name?: string;
  /** Cloud account id (what Cloud payloads take). */
  account_id?: string;
  /** Data Center user name (what Data Center payloads take). */
  name?: string;
  /** Data Center user key. */
  key?: string;
  email?: string;
  active?: boolean;
  time_zone?: string;
}

/** Trims a Jira user to its names and ids, per deployment. */
export function userView(user: JiraUser & { timeZone?: string }, cloud: boolean): UserView {
  return {
    display_name: user.displayName,
    account_id: cloud ? user.accountId : undefined,
    name: cloud ? undefined : user.name,
    key: cloud ? undefined : user.key,
    email: user.emailAddress,
    active: user.active,
    time_zone: user.timeZone,
  };
}

/**
 * One user's profile: `me` is the caller (`GET myself`); an account id (Cloud) or user key
 * (Data Center) is read directly (`GET user`); anything else is resolved by a user search first.
 * On Data Center a name the search does not find is tried as a user name.
 */
export async function getUserProfile(client: HttpClient, who: string): Promise<JiraUser> {
  const cloud = client.service.deployment === "cloud";
  const trimmed = who.trim();
  if (trimmed.toLowerCase() === "me") return await getMyself(client);
  const url = `${apiRoot(client.service)}/user`;
  const read = (query: Record<string, string>) =>
    client.get<JiraUser>(url, query, { expect: USER_ANSWER });
  const direct = trimmed.match(ACCOUNT_ID);
  if (cloud) {
    if (direct) return await read({ accountId: direct[1] });
    return await read({ accountId: (await resolveUser(client, trimmed)).accountId! });
  }
  if (DC_USER_KEY.test(trimmed)) return await read({ key: trimmed });
  let name = trimmed;
  try {
    const found = await resolveUser(client, trimmed);
    name = found.name ?? found.key ?? trimmed;
  } catch (error) {
    // Not found by the search: Jira may still know it as a user name. Ambiguity is final.
    if (!(error instanceof ToolError) || !error.message.startsWith("No Jira user")) throw error;
  }
  return await read({ username: name });
}

/**
 * Users who may be assigned issues of a project or one issue, whose name, user name or e-mail
 * starts with `query` (`GET user/assignable/search`).
 */
export function searchAssignableUsers(
  client: HttpClient,
  query: string,
  scope: { project: string } | { issueKey: string },
  limit: number,
): Promise<JiraUser[]> {
  const cloud = client.service.deployment === "cloud";
  return client.get<JiraUser[]>(
    `${apiRoot(client.service)}/user/assignable/search`,
    { ...(cloud ? { query } : { username: query }), ...scope, maxResults: limit },
    { expect: USERS_ANSWER },
  );
}
