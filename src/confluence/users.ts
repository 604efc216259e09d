/**
 * Display names for user mentions. Storage format stores only the user's id, so a page read as
 * Markdown shows `@[](accountid:ID)`; this fills in `@[Alice Admin](accountid:ID)` with one
 * lookup per distinct user. The name is for the reader only: writing ignores it.
 *
 * @module
 */
import { type HttpClient, objectAnswer } from "../http/mod.ts";

/** The answer of a user read. */
const USER_ANSWER = objectAnswer("a user", {});

const EMPTY_MENTION = /@\[\]\((accountid|userkey|username):([^)\s]+)\)/g;
const QUERY_KEY = { accountid: "accountId", userkey: "key", username: "username" } as const;

/** How a stored mention names its user: a Cloud account id, a DC user key or a DC username. */
export type UserIdKind = keyof typeof QUERY_KEY;

/** A user's display name, or undefined when the user is unknown or hidden. */
export async function displayName(
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
