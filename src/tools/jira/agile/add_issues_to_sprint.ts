import { z } from "zod";
import { moveToSprint } from "../../../jira/agile.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertNowAllowed, checkIssueKeys, issueKeysInput, moveIssues } from "./_moves.ts";
import { allowedSprint, numericId } from "./_scope.ts";

/** `jira_add_issues_to_sprint`: move issues into a future or active sprint. */
export const addIssuesToSprintTool = defineTool({
  name: "jira_add_issues_to_sprint",
  toolset: "jira_agile",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Add Issues to Sprint",
  description:
    "Move issues into a future or active sprint. All keys are checked first; the answer lists moved, failed and not attempted.",
  input: () =>
    z.object({
      sprint_id: idString(SHARED_PARAMETERS.sprint_id),
      issue_keys: issueKeysInput,
    }),
  handler: async (args, { service, progress }) => {
    const id = numericId("sprint_id", args.sprint_id);
    const keys = checkIssueKeys(args.issue_keys, service.service.allowlist);
    await assertNowAllowed(service.client, keys, service.service.allowlist);
    const sprint = await allowedSprint(service, id);
    return moveIssues(service.client, keys, {
      name: `sprint ${sprint.id} "${sprint.name}"`,
      send: (chunk) => moveToSprint(service.client, id, chunk),
      arrivedJql: (list) => `sprint = ${id} AND key in (${list})`,
    }, progress);
  },
});
