/**
 * The `jira_metrics` toolset: an issue's dates and time in status, and SLA metrics computed from
 * its status history.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getIssueDatesTool } from "./get_issue_dates.ts";
import { getIssueSlaTool } from "./get_issue_sla.ts";

/** The toolset's tools in listing order. */
export const jiraMetrics = defineToolset({
  name: "jira_metrics",
  description: "Issue dates, time in status and SLA metrics computed from the status history",
  isDefault: false,
  tools: [getIssueDatesTool, getIssueSlaTool],
});
