import { z } from "zod";
import { getIssueForm, withFormsClient } from "../../../jira/forms.ts";
import { defineTool } from "../../define.ts";
import { formView } from "./_answers.ts";
import { namePeople } from "./_people.ts";
import { formId, formIssueKey, FORMS_NOTE } from "./_input.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";

/** `jira_get_proforma_form_details`: one form's questions and answers. */
export const getProformaFormDetailsTool = defineTool({
  name: "jira_get_proforma_form_details",
  toolset: "jira_forms",
  product: "jira",
  access: "read",
  deployments: ["cloud"],
  title: "Get Form Details",
  description:
    `Get one Jira Form of an issue: name, status, questions (id, label, type, required, choices, linked field, answer). ${FORMS_NOTE}`,
  input: () => z.object({ issue_key: formIssueKey, form_id: formId }),
  handler: async ({ issue_key, form_id }, { service, config }) => {
    await assertIssueAllowed(service, issue_key);
    const form = await withFormsClient(
      service.client,
      config,
      (client) => getIssueForm(client, issue_key, form_id),
    );
    const view = formView(issue_key, form);
    return { ...view, questions: await namePeople(service.client, view.questions) };
  },
});
