/**
 * The `jira_forms` toolset (Jira Cloud only): the Jira Forms (ProForma) on an issue, one form's
 * questions and answers, and saving answers, through the Forms API on `api.atlassian.com`.
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { getIssueProformaFormsTool } from "./get_issue_proforma_forms.ts";
import { getProformaFormDetailsTool } from "./get_proforma_form_details.ts";
import { updateProformaFormAnswersTool } from "./update_proforma_form_answers.ts";

/** The toolset's tools in listing order. */
export const jiraForms = defineToolset({
  name: "jira_forms",
  description: "Jira Forms (ProForma) on issues: list, read, save answers (Cloud only)",
  isDefault: false,
  tools: [getIssueProformaFormsTool, getProformaFormDetailsTool, updateProformaFormAnswersTool],
});
