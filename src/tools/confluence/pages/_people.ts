/**
 * Display names for the people on a list of pages, each looked up once per answer.
 *
 * @module
 */
import { displayName } from "../../../confluence/users.ts";
import type { HttpClient } from "../../../http/mod.ts";

/**
 * A function that turns a Cloud account id into a display name (the id when the user is
 * hidden), looking each id up once; undefined stays undefined.
 */
export function personNamer(
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
