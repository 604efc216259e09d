/**
 * The one registry: the toolsets in listing order, each from its folder
 * `src/tools/<product>/<toolset>/mod.ts`, and `ALL_TOOLS`, their tools one after another.
 * Selection (toolsets, enabled tools, read-only mode, deployment) is a pure function over it
 * (`select.ts`). Adding a tool touches its toolset's folder only.
 *
 * @module
 */
import { confluenceAnalytics } from "./confluence/analytics/mod.ts";
import { confluenceAttachments } from "./confluence/attachments/mod.ts";
import { confluenceComments } from "./confluence/comments/mod.ts";
import { confluenceLabels } from "./confluence/labels/mod.ts";
import { confluencePages } from "./confluence/pages/mod.ts";
import { confluencePermissions } from "./confluence/permissions/mod.ts";
import { confluenceTemplates } from "./confluence/templates/mod.ts";
import { confluenceUsers } from "./confluence/users/mod.ts";
import type { ToolDef, Toolset } from "./define.ts";
import { jiraAgile } from "./jira/agile/mod.ts";
import { jiraAttachments } from "./jira/attachments/mod.ts";
import { jiraComments } from "./jira/comments/mod.ts";
import { jiraDevelopment } from "./jira/development/mod.ts";
import { jiraFields } from "./jira/fields/mod.ts";
import { jiraForms } from "./jira/forms/mod.ts";
import { jiraIssues } from "./jira/issues/mod.ts";
import { jiraLinks } from "./jira/links/mod.ts";
import { jiraMetrics } from "./jira/metrics/mod.ts";
import { jiraProjectAnalysis } from "./jira/project_analysis/mod.ts";
import { jiraProjects } from "./jira/projects/mod.ts";
import { jiraServiceDesk } from "./jira/service_desk/mod.ts";
import { jiraTransitions } from "./jira/transitions/mod.ts";
import { jiraUsers } from "./jira/users/mod.ts";
import { jiraWatchers } from "./jira/watchers/mod.ts";
import { jiraWorklog } from "./jira/worklog/mod.ts";

/** Every toolset this server has, in the Python server's order. */
export const TOOLSETS: readonly Toolset[] = [
  jiraIssues,
  jiraFields,
  jiraComments,
  jiraTransitions,
  jiraProjects,
  jiraAgile,
  jiraLinks,
  jiraWatchers,
  jiraUsers,
  jiraWorklog,
  jiraAttachments,
  jiraServiceDesk,
  jiraForms,
  jiraMetrics,
  jiraDevelopment,
  jiraProjectAnalysis,
  confluencePages,
  confluenceComments,
  confluenceLabels,
  confluenceUsers,
  confluenceAttachments,
  confluenceAnalytics,
  confluenceTemplates,
  confluencePermissions,
];

/** Every tool this server implements, in listing order. */
export const ALL_TOOLS: readonly ToolDef[] = TOOLSETS.flatMap((toolset) => toolset.tools);
