import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { getIssueForm, saveFormAnswers, withFormsClient } from "../../../jira/forms.ts";
import { defineTool } from "../../define.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { jsonArray, jsonText } from "../../schemas.ts";
import { formStatus, holdsAnswer, prepareAnswers, questionViews } from "./_answers.ts";
import { formId, formIssueKey, FORMS_NOTE } from "./_input.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { namePeople, resolvePeople } from "./_people.ts";

const EXAMPLE = '[{"questionId": "1", "type": "TEXT", "value": "Approved"}]';

/** `jira_update_proforma_form_answers`: saves answers on an open form. */
export const updateProformaFormAnswersTool = defineTool({
  name: "jira_update_proforma_form_answers",
  toolset: "jira_forms",
  product: "jira",
  access: "destructive",
  deployments: ["cloud"],
  title: "Update Form Answers",
  description:
    `Save answers on an open Jira Form; all are checked first, none saved if one is wrong. type defaults to the question's. DATE/DATETIME: ISO 8601 (UTC without zone) or epoch ms, DATETIME keeps only the date; choices by id or label; users by e-mail, name or account id. ${FORMS_NOTE}`,
  input: () =>
    z.object({
      issue_key: formIssueKey,
      form_id: formId,
      answers: jsonText(
        `JSON array of {questionId, type, value}, e.g. ${EXAMPLE}`,
      ),
    }),
  handler: async ({ issue_key, form_id, answers }, { service, config }) => {
    await assertIssueAllowed(service, issue_key);
    const items = jsonArray("answers", answers, EXAMPLE, 200);
    return await withFormsClient(service.client, config, async (client) => {
      const before = await getIssueForm(client, issue_key, form_id);
      const name = before.design?.settings?.name ?? form_id;
      const status = formStatus(before.state?.status);
      if (status !== "open") {
        throw new ToolError(
          `Not updated: form "${name}" on ${issue_key} is ${status}, so its answers cannot change.`,
          "Reopen the form in Jira first, then save the answers again.",
        );
      }
      const prepared = prepareAnswers(items, before);
      await resolvePeople(service.client, prepared.answers);
      const ids = Object.keys(prepared.answers);
      const saved = await writeOnce(
        () => saveFormAnswers(client, issue_key, form_id, prepared.answers),
        {
          verdict: "Not updated",
          missing: `form "${name}" on ${issue_key} still has its earlier answers`,
          find: async () => {
            const now = await getIssueForm(client, issue_key, form_id);
            const held = ids.filter((id) =>
              holdsAnswer(now.state?.answers?.[id], prepared.answers[id])
            );
            if (held.length === ids.length) return found(now);
            if (!held.length && now.updated === before.updated) return ABSENT;
            return unclear(`the form now holds ${held.length} of the ${ids.length} answers sent`);
          },
        },
      );
      return {
        success: true,
        issue_key,
        form_id,
        updated_fields: ids.length,
        answers: await namePeople(
          service.client,
          questionViews(saved.value).filter((q) => ids.includes(q.id)),
        ),
        warnings: prepared.warnings,
        recovered: saved.recovered,
      };
    });
  },
});
