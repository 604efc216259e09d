/**
 * The parameters the `jira_forms` tools share, and the allowlist check on the issue's project.
 *
 * @module
 */
import { limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";

/** The issue key (no pattern, as in the Python server). */
export const formIssueKey = limitedString("id", SHARED_PARAMETERS.issue_key);

/** A form's id on the issue (a UUID from `jira_get_issue_proforma_forms`). */
export const formId = limitedString("id", SHARED_PARAMETERS.form_id);

/** The Cloud-only, host and scope note every `jira_forms` description ends with. */
export const FORMS_NOTE = "Jira Cloud only (Jira Forms API on api.atlassian.com).";
