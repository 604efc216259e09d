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

const DURATION_HELP = "in Jira notation: '1h 30m', '2d', '45m'";

/** `jira_add_worklog`: log time on an issue, optionally resetting its estimates. */
export const addWorklogTool = defineTool({
  name: "jira_add_worklog",
  toolset: "jira_worklog",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Add Worklog",
  description:
    "Log time spent on a Jira issue, with an optional Markdown comment and start time. original_estimate sets the issue's original estimate first; remaining_estimate sets its remaining estimate (otherwise Jira reduces it by the time logged).",
  input: z.object({
    issue_key: issueKey,
    time_spent: limitedString("name", `Time spent, ${DURATION_HELP}.`).min(1),
    comment: limitedString("text", "Worklog comment in Markdown.").optional(),
    started: limitedString(
      "name",
      "When the work started, ISO: '2026-11-26', '2026-11-26T09:00' (UTC) or '2026-11-26T09:00:00+01:00'. Default now.",
    ).optional(),
    original_estimate: limitedString("name", `New original estimate, ${DURATION_HELP}.`)
      .optional(),
    remaining_estimate: limitedString("name", `New remaining estimate, ${DURATION_HELP}.`)
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
