import { z } from "zod";
import { listIssueForms, withFormsClient } from "../../../jira/forms.ts";
import { defineTool } from "../../define.ts";
import { formIndexView } from "./_answers.ts";
import { formIssueKey, FORMS_NOTE } from "./_input.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";

/** `jira_get_issue_proforma_forms`: the forms on an issue. */
export const getIssueProformaFormsTool = defineTool({
  name: "jira_get_issue_proforma_forms",
  toolset: "jira_forms",
  product: "jira",
  access: "read",
  deployments: ["cloud"],
  title: "Get Issue Forms",
  description:
    `List the Jira Forms (ProForma) on an issue: id (UUID), name, status, visibility, updated. ${FORMS_NOTE}`,
  input: () => z.object({ issue_key: formIssueKey }),
  handler: async ({ issue_key }, { service, config }) => {
    await assertIssueAllowed(service, issue_key);
    const forms = await withFormsClient(
      service.client,
      config,
      (client) => listIssueForms(client, issue_key),
    );
    return { issue_key, count: forms.length, forms: forms.map(formIndexView) };
  },
});
