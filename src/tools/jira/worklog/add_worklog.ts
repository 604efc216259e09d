import { z } from "zod";
import { fromJiraText, toJiraText } from "../../../jira/rich.ts";
import {
  jiraDuration,
  jiraWorklogDate,
  logWork,
  myWorklogsSince,
  setOriginalEstimate,
  worklogDetail,
} from "../../../jira/worklog.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { theOne, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

/** `jira_add_worklog`: log time on an issue, optionally resetting its estimates. */
export const addWorklogTool = defineTool({
  name: "jira_add_worklog",
  toolset: "jira_worklog",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Add Worklog",
  description:
    "Log time spent on a Jira issue. Jira reduces the remaining estimate by it unless remaining_estimate is given.",
  input: () =>
    z.object({
      issue_key: issueKey,
      time_spent: limitedString("name", "Jira notation, e.g. '1h 30m'").min(1),
      comment: limitedString("text", "Markdown comment").optional(),
      started: limitedString(
        "name",
        "Start, ISO (UTC without offset; default now), e.g. '2026-11-26T09:00:00+01:00'",
      ).optional(),
      original_estimate: limitedString("name", "Sets the original estimate first, e.g. '2d'")
        .optional(),
      remaining_estimate: limitedString("name", "Sets the remaining estimate, e.g. '3h'")
        .optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    // Everything is checked before the first write.
    const timeSpent = jiraDuration("time_spent", args.time_spent);
    const original = args.original_estimate &&
      jiraDuration("original_estimate", args.original_estimate);
    const remaining = args.remaining_estimate &&
      jiraDuration("remaining_estimate", args.remaining_estimate);
    const started = args.started ? jiraWorklogDate(args.started) : undefined;
    const comment = args.comment ? toJiraText(client.service, args.comment) : undefined;
    // Setting an estimate is idempotent: a retry after a lost answer changes nothing more.
    if (original) await setOriginalEstimate(client, key, original);
    const sent = comment === undefined ? undefined : fromJiraText(client.service, comment)?.trim();
    const { value, recovered } = await writeOnce(
      () => logWork(client, key, { timeSpent, started, comment }, remaining || undefined),
      {
        verdict: "Not logged",
        missing: `${key} has no new worklog of ${timeSpent} by you`,
        find: async (startedAt) => {
          const mine = await myWorklogsSince(client, key, startedAt);
          return theOne(
            mine.filter((w) =>
              (started === undefined || Date.parse(w.started ?? "") === Date.parse(started)) &&
              fromJiraText(client.service, w.comment)?.trim() === sent
            ),
            "worklogs by you",
          );
        },
      },
    );
    const estimates = [
      original && `original estimate set to ${original}`,
      remaining && `remaining estimate set to ${remaining}`,
    ].filter(Boolean);
    return {
      message: `Logged ${timeSpent} on ${key}${
        estimates.length ? `; ${estimates.join(", ")}` : ""
      }${recovered ? ` (${recovered})` : ""}.`,
      worklog: worklogDetail(client.service, value),
    };
  },
});
