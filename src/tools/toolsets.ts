/**
 * Toolset names, as in the Python server, and which of them form the `default` set.
 *
 * @module
 */

/** Every toolset name the Python server knows (16 Jira, 8 Confluence, plus `legacy`). */
export const TOOLSETS = [
  "jira_issues",
  "jira_fields",
  "jira_comments",
  "jira_transitions",
  "jira_projects",
  "jira_agile",
  "jira_links",
  "jira_worklog",
  "jira_attachments",
  "jira_users",
  "jira_watchers",
  "jira_service_desk",
  "jira_forms",
  "jira_metrics",
  "jira_development",
  "jira_project_analysis",
  "confluence_pages",
  "confluence_comments",
  "confluence_labels",
  "confluence_users",
  "confluence_analytics",
  "confluence_attachments",
  "confluence_templates",
  "confluence_permissions",
  "legacy",
] as const;

/** The core toolsets selected by the keyword `default`. */
export const DEFAULT_TOOLSETS: readonly string[] = [
  "jira_issues",
  "jira_fields",
  "jira_comments",
  "jira_transitions",
  "confluence_pages",
  "confluence_comments",
];
