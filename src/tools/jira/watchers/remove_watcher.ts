import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import type { JiraUser } from "../../../jira/types.ts";
import { userName, userReference } from "../../../jira/users.ts";
import {
  getWatchers,
  isWatching,
  matchWatchers,
  removeWatcher,
  watcherRef,
  watchersView,
} from "../../../jira/watchers.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

/** A watcher with the id to pass back: "Bob Builder (557058:bob)". */
function candidate(user: JiraUser): string {
  const id = user.accountId ?? user.name ?? user.key;
  return id && id !== user.displayName ? `${userName(user)} (${id})` : `${userName(user)}`;
}

/** `jira_remove_watcher`: stop a user watching an issue. */
export const removeWatcherTool = defineTool({
  name: "jira_remove_watcher",
  toolset: "jira_watchers",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Remove Issue Watcher",
  description:
    "Remove a watcher from a Jira issue: give account_id (Cloud) or username (Data Center); an e-mail or display name works in either.",
  input: () =>
    z.object({
      issue_key: issueKey,
      username: limitedString(
        "name",
        "Data Center user name, e.g. 'bob'",
      ).optional(),
      account_id: limitedString(
        "name",
        "Cloud account id, e.g. '5b10ac8d82e05b22cc7d4ef5'",
      ).optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    const cloud = client.service.deployment === "cloud";
    const who = (cloud ? args.account_id ?? args.username : args.username ?? args.account_id)
      ?.trim();
    if (!who) {
      throw new ToolError(
        "No watcher to remove was named.",
        cloud ? "Pass account_id (or an e-mail)." : "Pass username (or an e-mail).",
      );
    }
    const current = await getWatchers(client, key);
    let matches = matchWatchers(current, who);
    if (!matches.length) {
      // Not recognisable in the list (e.g. an e-mail Cloud hides): resolve it as a user.
      const ref = await userReference(client, who);
      matches = (current.watchers ?? []).filter((w) => isWatching({ watchers: [w] }, ref));
    }
    if (matches.length > 1) {
      throw new ToolError(
        `"${who}" matches ${matches.length} watchers of ${key}: ${
          matches.map(candidate).join(", ")
        }.`,
        cloud ? "Pass the account id of one of them." : "Pass the user name of one of them.",
      );
    }
    const watcher = matches[0];
    const ref = watcher && watcherRef(watcher);
    if (!ref) {
      const listed = (current.watchers ?? []).map(candidate);
      throw new ToolError(
        `${who} is not watching ${key}; nothing was removed.`,
        listed.length
          ? `Its watchers are: ${listed.join(", ")}.`
          : `${key} has no watchers you may see.`,
      );
    }
    const name = userName(watcher) ?? who;
    const { recovered } = await writeOnce(
      async () => {
        await removeWatcher(client, key, ref);
        return true;
      },
      {
        verdict: "Not removed",
        missing: `${name} still watches ${key}`,
        find: async () => isWatching(await getWatchers(client, key), ref) ? ABSENT : found(true),
      },
    );
    const after = await readBack(() => getWatchers(client, key));
    return {
      message: `${name} no longer watches ${key}${recovered ? ` (${recovered})` : ""}.`,
      removed: candidate(watcher),
      note: after.note,
      watchers: after.value && watchersView(after.value),
    };
  },
});
