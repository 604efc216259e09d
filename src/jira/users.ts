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

const ACCOUNT_ID = /^(?:accountid:)?([0-9a-f]{24}|\d+:[0-9a-zA-Z-]+)$/i;

/** The name to show for a user: display name, else login name, else account id. */
export function userName(user: JiraUser | null | undefined): string | undefined {
  return user ? user.displayName ?? user.name ?? user.accountId : undefined;
}

/** The payload that names a user in a field: `{accountId}` (Cloud) or `{name}` (Data Center). */
export async function userReference(
  client: HttpClient,
  who: string,
): Promise<{ accountId: string } | { name: string }> {
  const cloud = client.service.deployment === "cloud";
  const direct = who.match(ACCOUNT_ID);
  if (cloud && direct) return { accountId: direct[1] };
  const users = await client.get<JiraUser[]>(
    `${apiRoot(client.service)}/user/search`,
    cloud ? { query: who, maxResults: 20 } : { username: who, maxResults: 20 },
    { expect: USERS_ANSWER },
  );
  const wanted = who.trim().toLowerCase();
  const match =
    users.find((u) =>
      [u.emailAddress, u.displayName, u.name, u.key, u.accountId].some((v) =>
        v?.toLowerCase() === wanted
      )
    ) ?? (users.length === 1 ? users[0] : undefined);
  if (!match) {
    throw new ToolError(
      `No single Jira user matches "${who}" (${users.length} candidates).`,
      cloud ? "Pass the user's email or account id." : "Pass the user's username.",
    );
  }
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
