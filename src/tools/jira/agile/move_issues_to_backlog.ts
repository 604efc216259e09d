import { z } from "zod";
import { moveToBacklog } from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { assertNowAllowed, checkIssueKeys, issueKeysInput, moveIssues } from "./_moves.ts";

/** `jira_move_issues_to_backlog`: take issues out of their future and active sprints. */
export const moveIssuesToBacklogTool = defineTool({
  name: "jira_move_issues_to_backlog",
  toolset: "jira_agile",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Move Issues to Backlog",
  description:
    "Move issues to the backlog, out of any sprint. All keys are checked first; the answer lists moved, failed and not attempted.",
  input: () => z.object({ issue_keys: issueKeysInput }),
  handler: async (args, { service, progress }) => {
    const keys = checkIssueKeys(args.issue_keys, service.service.allowlist);
    await assertNowAllowed(service.client, keys, service.service.allowlist);
    return moveIssues(service.client, keys, {
      name: "the backlog",
      send: (chunk) => moveToBacklog(service.client, chunk),
      leftJql: (list) =>
        `key in (${list}) AND (sprint in openSprints() OR sprint in futureSprints())`,
    }, progress);
  },
});
