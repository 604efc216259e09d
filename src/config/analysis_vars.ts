/**
 * The table of the Jira analysis variables (`JIRA_SLA_*`, `HIERARCHY_LINK_PHRASES`): each name,
 * its default and its `--help` line. The variable list (`env_vars.ts`) and `--help` are built
 * from it; `jira_analysis.ts` reads the values.
 *
 * @module
 */
import type { SlaMetric, SlaSettings } from "./types.ts";

/** Every metric `jira_get_issue_sla` computes, in answer order. */
export const SLA_METRICS: readonly SlaMetric[] = [
  "cycle_time",
  "lead_time",
  "time_in_status",
  "due_date_compliance",
  "resolution_time",
  "first_response_time",
];

/** The SLA calendar when no `JIRA_SLA_*` variable is set. */
export const DEFAULT_SLA: Readonly<SlaSettings> = Object.freeze<SlaSettings>({
  metrics: ["cycle_time", "time_in_status"],
  workingHoursOnly: false,
  workingHoursStart: "09:00",
  workingHoursEnd: "17:00",
  workingDays: [1, 2, 3, 4, 5],
  timezone: "UTC",
});

/** One variable of the table: its name and its `--help` line. */
export interface AnalysisVariable {
  name: string;
  help: string;
}

/** The variables of the analysis tools, in `--help` order. */
export const ANALYSIS_VARIABLES: readonly AnalysisVariable[] = [
  {
    name: "JIRA_SLA_METRICS",
    help: `default SLA metrics (${DEFAULT_SLA.metrics.join(",")})`,
  },
  {
    name: "JIRA_SLA_WORKING_HOURS_ONLY",
    help: "true: count working hours only (default false)",
  },
  { name: "JIRA_SLA_WORKING_HOURS_START", help: "working day start, HH:MM (default 09:00)" },
  { name: "JIRA_SLA_WORKING_HOURS_END", help: "working day end, HH:MM (default 17:00)" },
  {
    name: "JIRA_SLA_WORKING_DAYS",
    help: "ISO weekdays, 1=Mon..7=Sun (default 1,2,3,4,5)",
  },
  { name: "JIRA_SLA_TIMEZONE", help: "IANA zone of the working hours (default UTC)" },
  {
    name: "HIERARCHY_LINK_PHRASES",
    help: "extra link phrases: parent:<phrase>,child:<phrase>",
  },
];

/** The `--help` lines of the table, aligned with the other environment variables. */
export function analysisHelpLines(column: number): string[] {
  return ANALYSIS_VARIABLES.map((v) => `  ${v.name.padEnd(column - 2)}${v.help}`);
}
