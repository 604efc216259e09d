import { z } from "zod";
import {
  formatMinutes,
  minutesBetween,
  statusPeriods,
  timeInStatus,
} from "../../../jira/metrics.ts";
import { readIssueDates } from "../../../jira/status_history.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { issueKey } from "../../schemas.ts";

/** `jira_get_issue_dates`: an issue's dates, status changes and time per status. */
export const getIssueDatesTool = defineTool({
  name: "jira_get_issue_dates",
  toolset: "jira_metrics",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue Dates",
  description:
    "Get a Jira issue's created, updated, due and resolution dates, its status changes (status, entered, exited, minutes, by whom) and total time and visits per status.",
  input: () =>
    z.object({
      issue_key: issueKey,
      include_status_changes: z.boolean().default(true).describe(
        "Include each status change",
      ),
      include_status_summary: z.boolean().default(true).describe(
        "Include time per status",
      ),
    }),
  handler: async (args, { service }) => {
    assertProjectAllowed(projectOfIssueKey(args.issue_key), service.service.allowlist);
    const dates = await readIssueDates(service.client, args.issue_key);
    // A moved issue keeps answering to its old key: check the project it is in now.
    assertProjectAllowed(projectOfIssueKey(dates.key), service.service.allowlist);
    const now = Date.now();
    const periods = statusPeriods(dates.timeline);
    return {
      issue_key: dates.key,
      created: dates.created,
      updated: dates.updated,
      due_date: dates.dueDate,
      resolution_date: dates.resolutionDate,
      current_status: dates.timeline.currentStatus,
      status_changes: args.include_status_changes
        ? periods.map((p) => {
          const minutes = minutesBetween(p.entered, p.exited ?? now);
          return {
            status: p.status,
            entered_at: new Date(p.entered).toISOString(),
            exited_at: p.exited === undefined ? undefined : new Date(p.exited).toISOString(),
            duration_minutes: minutes,
            duration: formatMinutes(minutes),
            transitioned_by: p.by,
          };
        })
        : undefined,
      status_summary: args.include_status_summary
        ? timeInStatus(periods, now).statuses.map((s) => ({
          status: s.status,
          total_minutes: s.minutes,
          total: formatMinutes(s.minutes),
          visits: s.visits,
          percent: s.percent,
        }))
        : undefined,
      changelog_entries_read: dates.histories,
    };
  },
});
