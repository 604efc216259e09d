/**
 * The parameters the `jira_forms` tools share, and the allowlist check on the issue's project.
 *
 * @module
 */
import { limitedString } from "../../schemas.ts";

/** The issue key (no pattern, as in the Python server). */
export const formIssueKey = limitedString("id", "Jira issue key (e.g., 'PROJ-123').");

/** A form's id on the issue (a UUID from `jira_get_issue_proforma_forms`). */
export const formId = limitedString(
  "id",
  "Form UUID on the issue, from jira_get_issue_proforma_forms (e.g., '1946b8b7-8f03-4dc0-ac2d-5fac0d960c6a').",
);

/** The Cloud-only, host and scope note every `jira_forms` description ends with. */
export const FORMS_NOTE =
  "Jira Cloud only: calls the Jira Forms API on api.atlassian.com (ATLASSIAN_API_URL) with the site's credentials; OAuth needs read:jira-work (and write:jira-work to save).";
