import { z } from "zod";
import { DEFAULT_SLA, SLA_METRICS } from "../../../config/analysis_vars.ts";
import type { SlaMetric } from "../../../config/types.ts";
import { ToolError } from "../../../errors.ts";
import { slaMetrics } from "../../../jira/metrics.ts";
import { readIssueDates, statusCategories } from "../../../jira/status_history.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { commaList, issueKey, limitedString } from "../../schemas.ts";

/** The metrics a call names, refused when one is unknown. */
function askedMetrics(text: string | undefined, fallback: SlaMetric[]): SlaMetric[] {
  if (text === undefined) return fallback;
  const names = commaList(text);
  const unknown = names.filter((n) => !SLA_METRICS.includes(n as SlaMetric));
  if (unknown.length || !names.length) {
    throw new ToolError(
      `metrics names ${unknown.length ? `unknown metrics: ${unknown.join(", ")}` : "no metric"}.`,
      `Use some of: ${SLA_METRICS.join(", ")}.`,
    );
  }
  return names as SlaMetric[];
}

/** `jira_get_issue_sla`: SLA metrics of one issue, computed from its dates and status history. */
export const getIssueSlaTool = defineTool({
  name: "jira_get_issue_sla",
  toolset: "jira_metrics",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Issue SLA",
  description: [
    "SLA metrics of a Jira issue in minutes, from its dates and status history (not JSM SLAs):",
    "cycle_time = resolved - created; lead_time = (resolved or now) - created;",
    "time_in_status = per status, sum of stays, visits, share;",
    "due_date_compliance = resolved by the end of the due date (JIRA_SLA_TIMEZONE);",
    "resolution_time = resolved - first In Progress status;",
    "first_response_time = first status change - created.",
  ].join(" "),
  input: () =>
    z.object({
      issue_key: issueKey,
      metrics: limitedString(
        "query",
        "Comma-separated, e.g. 'cycle_time,lead_time'; default JIRA_SLA_METRICS",
      ).optional(),
      working_hours_only: z.boolean().optional().describe(
        "Only JIRA_SLA_* working hours count (default JIRA_SLA_WORKING_HOURS_ONLY)",
      ),
      include_raw_dates: z.boolean().default(false).describe(
        "Also return the source dates and status changes",
      ),
    }),
  handler: async (args, { service, config }) => {
    const sla = config.sla ?? DEFAULT_SLA;
    const metrics = askedMetrics(args.metrics, sla.metrics);
    assertProjectAllowed(projectOfIssueKey(args.issue_key), service.service.allowlist);
    const dates = await readIssueDates(service.client, args.issue_key);
    // A moved issue keeps answering to its old key: check the project it is in now.
    assertProjectAllowed(projectOfIssueKey(dates.key), service.service.allowlist);
    const categories = metrics.includes("resolution_time")
      ? await statusCategories(service.client)
      : new Map<string, string>();
    const workingHours = args.working_hours_only ?? sla.workingHoursOnly;
    const calendar = workingHours
      ? {
        workingDays: sla.workingDays,
        workingHoursStart: sla.workingHoursStart,
        workingHoursEnd: sla.workingHoursEnd,
        timezone: sla.timezone,
      }
      : undefined;
    const result = slaMetrics(dates.timeline, {
      metrics,
      now: Date.now(),
      calendar,
      timezone: sla.timezone,
      inProgress: (status) => categories.get(status.toLowerCase()) === "indeterminate",
    });
    return {
      issue_key: dates.key,
      metrics: result,
      working_hours: calendar
        ? {
          start: calendar.workingHoursStart,
          end: calendar.workingHoursEnd,
          days: calendar.workingDays,
          timezone: calendar.timezone,
        }
        : undefined,
      raw_dates: args.include_raw_dates
        ? {
          created: dates.created,
          updated: dates.updated,
          due_date: dates.dueDate,
          resolution_date: dates.resolutionDate,
          current_status: dates.timeline.currentStatus,
          status_changes: dates.timeline.changes.map((c) => ({
            at: new Date(c.at).toISOString(),
            from: c.from,
            to: c.to,
            by: c.by,
          })),
        }
        : undefined,
    };
  },
});
