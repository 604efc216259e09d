import { z } from "zod";
import { formatFields } from "../../../jira/field_values.ts";
import { listFields } from "../../../jira/fields.ts";
import { getIssue } from "../../../jira/issues.ts";
import { toJiraText } from "../../../jira/rich.ts";
import { getTransitions, transitionIssue } from "../../../jira/transitions.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { idString, issueKey, jsonObject, jsonText, limitedString } from "../../schemas.ts";
import { assertNoComment } from "../comments/_internal_only.ts";
import { resolveTransition } from "./resolve.ts";

/** `jira_transition_issue`: move an issue through its workflow by transition id or name. */
export const transitionIssueTool = defineTool({
  name: "jira_transition_issue",
  toolset: "jira_transitions",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Transition Issue",
  description: "Change a Jira issue's status by a transition.",
  input: () =>
    z.object({
      issue_key: issueKey,
      transition_id: idString(SHARED_PARAMETERS.transition_id, "name"),
      fields: jsonText(
        'JSON fields the screen needs, e.g. {"resolution": "Fixed"}',
      ).optional(),
      comment: limitedString("text", SHARED_PARAMETERS.comment).optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    await assertIssueAllowed(service, args.issue_key);
    if (args.comment) assertNoComment(client.service, [args.issue_key], "jira_transition_issue");
    const extra = jsonObject("fields", args.fields);
    const statusNow = async () =>
      ((await getIssue(client, args.issue_key, { fields: ["status"] })).fields?.status as
        | { name?: string }
        | undefined)?.name;
    // The status before the write tells a lost answer's effect apart from no effect.
    const [transitions, before] = await Promise.all([
      getTransitions(client, args.issue_key),
      statusNow(),
    ]);
    const transition = resolveTransition(transitions, args.transition_id, args.issue_key);
    const fields = Object.keys(extra).length
      ? await formatFields(client, await listFields(client), extra)
      : undefined;
    const target = transition.to?.name;
    const { recovered } = await writeOnce(
      async () => {
        await transitionIssue(client, args.issue_key, {
          transition: { id: transition.id },
          fields,
          update: args.comment
            ? { comment: [{ add: { body: toJiraText(client.service, args.comment) } }] }
            : undefined,
        });
        return true;
      },
      {
        verdict: "Not moved",
        missing: before
          ? `${args.issue_key} is still in "${before}"`
          : `${args.issue_key} has not moved`,
        find: async () => {
          const now = await statusNow();
          if (!target) return unclear("The transition names no target status");
          if (before === target) {
            return unclear(
              `${args.issue_key} was already in "${before}", so its status cannot tell`,
            );
          }
          if (now === target) return found(true);
          if (now === before) return ABSENT;
          return unclear(`${args.issue_key} is now in "${now}": someone else moved it too`);
        },
      },
    );
    const issue = await readBack(() =>
      getIssue(client, args.issue_key, { fields: DEFAULT_FIELDS })
    );
    return {
      message: `${args.issue_key} moved with "${transition.name}"${
        recovered ? ` (${recovered})` : ""
      }.`,
      note: issue.note,
      issue: issue.value && issueView(client.service, issue.value),
    };
  },
});
