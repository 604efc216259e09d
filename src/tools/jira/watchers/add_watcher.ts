import { z } from "zod";
import type { JiraUser } from "../../../jira/types.ts";
import { userName, userReference } from "../../../jira/users.ts";
import {
  addWatcher,
  getWatchers,
  isWatching,
  type WatcherRef,
  watchersView,
} from "../../../jira/watchers.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

/** The watcher `ref` names among `watchers`, by display name. */
function nameOf(watchers: JiraUser[] | undefined, ref: WatcherRef): string | undefined {
  const user = (watchers ?? []).find((w) => isWatching({ watchers: [w] }, ref));
  return userName(user);
}

/** `jira_add_watcher`: make a user watch an issue. */
export const addWatcherTool = defineTool({
  name: "jira_add_watcher",
  toolset: "jira_watchers",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Add Issue Watcher",
  description: "Make a user watch a Jira issue.",
  input: () =>
    z.object({
      issue_key: issueKey,
      user_identifier: limitedString(
        "name",
        "E-mail, display name, Cloud account id or Data Center user name, e.g. 'bob@example.com'",
      ).min(1),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    const ref = await userReference(client, args.user_identifier);
    const before = await getWatchers(client, key);
    if (isWatching(before, ref)) {
      const who = nameOf(before.watchers, ref) ?? args.user_identifier;
      return {
        message: `${who} already watches ${key}; nothing was changed.`,
        watchers: watchersView(before),
      };
    }
    const { recovered } = await writeOnce(
      async () => {
        await addWatcher(client, key, ref);
        return true;
      },
      {
        verdict: "Not added",
        missing: `${args.user_identifier} is not among the watchers of ${key}`,
        find: async () => isWatching(await getWatchers(client, key), ref) ? found(true) : ABSENT,
      },
    );
    const after = await readBack(() => getWatchers(client, key));
    const who = nameOf(after.value?.watchers, ref) ?? args.user_identifier;
    return {
      message: `${who} now watches ${key}${recovered ? ` (${recovered})` : ""}.`,
      note: after.note,
      watchers: after.value && watchersView(after.value),
    };
  },
});
