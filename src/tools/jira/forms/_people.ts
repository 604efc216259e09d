/**
 * People in form answers: USER and MULTI_USER answers take e-mails, names or account ids and
 * send account ids; stored user answers are shown by display name.
 *
 * @module
 */
import type { FormAnswer } from "../../../jira/forms.ts";
import { getUserProfile, userReference } from "../../../jira/users.ts";
import type { HttpClient } from "../../../http/mod.ts";

/** Replaces each person of the user answers by their account id (a user search when needed). */
export async function resolvePeople(
  jira: HttpClient,
  answers: Record<string, FormAnswer>,
): Promise<void> {
  for (const answer of Object.values(answers)) {
    if (!answer.users) continue;
    const refs = await Promise.all(answer.users.map((who) => userReference(jira, who)));
    answer.users = refs.map((ref) => "accountId" in ref ? ref.accountId : ref.name);
  }
}

/** A question view whose answer may list account ids. */
interface Answered {
  type?: string;
  answer?: unknown;
}

/**
 * Shows the account ids of user answers as `{display_name, account_id}` (one read per person);
 * an id Jira does not resolve stays as it is.
 */
export async function namePeople<T extends Answered>(jira: HttpClient, views: T[]): Promise<T[]> {
  const isPeople = (v: T) =>
    (v.type === "USER" || v.type === "MULTI_USER") && Array.isArray(v.answer);
  const ids = [...new Set(views.filter(isPeople).flatMap((v) => v.answer as string[]))];
  const names = new Map<string, string | undefined>();
  await Promise.all(ids.map(async (id) => {
    names.set(id, await getUserProfile(jira, id).then((u) => u.displayName, () => undefined));
  }));
  return views.map((v) =>
    isPeople(v)
      ? {
        ...v,
        answer: (v.answer as string[]).map((id) => ({
          display_name: names.get(id),
          account_id: id,
        })),
      }
      : v
  );
}
