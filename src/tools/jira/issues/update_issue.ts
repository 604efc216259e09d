import { z } from "zod";
import { uploadIssueAttachment } from "../../../jira/attachments.ts";
import { addComment } from "../../../jira/comments.ts";
import { formatFields } from "../../../jira/field_values.ts";
import { findField, listFields } from "../../../jira/fields.ts";
import { getIssue, updateIssue } from "../../../jira/issues.ts";
import { isAdf, isRichTextField, jiraTextLoss, toJiraText } from "../../../jira/rich.ts";
import { getTransitions, transitionIssue } from "../../../jira/transitions.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { addWorklog } from "../../../jira/worklog.ts";
import { lossSentence } from "../../../content/loss.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { uploadSources } from "../../files/list.ts";
import { ToolError } from "../../../errors.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import {
  commaList,
  confirmRemovalInput,
  idString,
  issueKey,
  jsonObject,
  jsonText,
  limitedString,
} from "../../schemas.ts";
import { assertNoComment } from "../comments/_internal_only.ts";
import { resolveTransition } from "../transitions/resolve.ts";

type Step = { operation: string; run: () => Promise<void> };

/** What writing one rich-text field would remove, worded before and after the write. */
interface Removal {
  refused: string;
  done: string;
}

/**
 * What replacing the issue's rich-text fields with the `requested` values would remove (ADF on
 * Cloud, wiki markup on Data Center), compared with the values the issue has now. Only the
 * rich-text fields being replaced are read.
 */
async function richTextRemovals(
  client: HttpClient,
  key: string,
  requested: Record<string, unknown>,
): Promise<Removal[]> {
  const definitions = await listFields(client);
  const cloud = client.service.deployment === "cloud";
  const replaced = Object.entries(requested).flatMap(([name, value]) => {
    const field = findField(definitions, name);
    const id = field?.id ?? name;
    const next = typeof value === "string" ? toJiraText(client.service, value) : value;
    const readable = next === null || (cloud ? isAdf(next) : typeof next === "string");
    return isRichTextField(field, id) && readable ? [{ id, name: field?.name ?? id, next }] : [];
  });
  if (!replaced.length) return [];
  const issue = await getIssue(client, key, { fields: replaced.map(({ id }) => id) });
  return replaced.flatMap(({ id, name, next }) => {
    const loss = jiraTextLoss(client.service, issue.fields[id], next);
    const place = `the ${name} field of ${key}`;
    const refused = lossSentence(loss, { place });
    return refused ? [{ refused, done: lossSentence(loss, { place, done: true })! }] : [];
  });
}

/** `jira_update_issue`: change fields, status, comment and worklog in one call, step by step. */
export const updateIssueTool = defineTool({
  name: "jira_update_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Update Issue",
  description:
    "Update a Jira issue; also transition, comment, log work, attach. Steps run in order; none retried.",
  input: () =>
    z.object({
      issue_key: issueKey,
      fields: jsonText(
        'JSON object, e.g. {"summary": "New title", "priority": "High"}',
      ).optional(),
      additional_fields: jsonText(SHARED_PARAMETERS.additional_fields).optional(),
      components: limitedString("query", "Replaces the list").optional(),
      attachments: jsonText(
        'JSON array of {"filename", "content_base64"} or paths in MCP_ATTACHMENTS_DIR',
        "files",
      ).optional(),
      transition: idString(SHARED_PARAMETERS.transition, "name").optional(),
      comment: limitedString("text", SHARED_PARAMETERS.comment).optional(),
      comment_visibility: jsonText(SHARED_PARAMETERS.comment_visibility, "query").optional(),
      worklog: limitedString("name", "Time spent, e.g. '1h 30m'").optional(),
      worklog_started: limitedString(
        "name",
        "e.g. '2026-11-26T09:00:00.000+0000'",
      ).optional(),
      return_fields: limitedString(
        "query",
        SHARED_PARAMETERS.return_fields,
      ).optional(),
      confirm_removal: confirmRemovalInput.describe(SHARED_PARAMETERS.confirm_removal),
    }),
  handler: async (args, { service, config }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    const files = args.attachments
      ? await uploadSources(config, "attachments", args.attachments)
      : [];
    if (args.comment) assertNoComment(client.service, [key], "jira_update_issue");
    const requested = {
      ...jsonObject("fields", args.fields),
      ...jsonObject("additional_fields", args.additional_fields),
    };
    const status = typeof requested.status === "string" ? requested.status : undefined;
    delete requested.status;
    const transitionName = args.transition ?? status;
    const visibility = jsonObject("comment_visibility", args.comment_visibility);
    const removals = Object.keys(requested).length
      ? await richTextRemovals(client, key, requested)
      : [];
    if (removals.length && !args.confirm_removal) {
      throw new ToolError(
        `Not updated: ${removals.map(({ refused }) => refused).join("; ")}.`,
        "Keep the <!--...--> placeholders from jira_get_issue in the new text; to remove them on purpose, call again with confirm_removal: true.",
      );
    }

    const steps: Step[] = [];
    const components = commaList(args.components);
    if (Object.keys(requested).length || components.length) {
      steps.push({
        operation: "fields",
        run: async () => {
          const fields = await formatFields(client, await listFields(client), requested);
          if (components.length) fields.components = components.map((name) => ({ name }));
          await updateIssue(client, key, { fields });
        },
      });
    }
    if (transitionName) {
      steps.push({
        operation: `transition "${transitionName}"`,
        run: async () => {
          const t = resolveTransition(await getTransitions(client, key), transitionName, key);
          await transitionIssue(client, key, { transition: { id: t.id } });
        },
      });
    }
    if (args.comment) {
      const body = toJiraText(client.service, args.comment);
      steps.push({
        operation: "comment",
        run: async () =>
          void await addComment(
            client,
            key,
            body,
            args.comment_visibility ? visibility as { type: string; value: string } : undefined,
          ),
      });
    }
    if (args.worklog) {
      steps.push({
        operation: "worklog",
        run: () =>
          addWorklog(client, key, { timeSpent: args.worklog!, started: args.worklog_started }),
      });
    }
    for (const file of files) {
      steps.push({
        operation: `attachment ${file.filename}`,
        run: async () => void await uploadIssueAttachment(client, key, file.content),
      });
    }
    if (!steps.length) {
      throw new ToolError(
        `Nothing to update on ${key}.`,
        "Pass fields, additional_fields, components, attachments, transition, comment or worklog.",
      );
    }

    const performed: string[] = [];
    const failed: { operation: string; error: string; uncertain?: boolean }[] = [];
    for (const step of steps) {
      try {
        await step.run();
        performed.push(step.operation);
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        const hint = (error as { hint?: string }).hint;
        failed.push({
          operation: step.operation,
          error: hint ? `${error.message} ${hint}` : error.message,
        });
      }
    }
    if (!performed.length) {
      const headline = failed.some((f) => f.uncertain)
        ? `No step on ${key} is known to have succeeded`
        : `Nothing on ${key} was changed`;
      throw new ToolError(
        `${headline}: ${failed.map((f) => `${f.operation}: ${f.error}`).join(" | ")}`,
      );
    }
    const fields = args.return_fields ? commaList(args.return_fields) : DEFAULT_FIELDS;
    const issue = await readBack(() => getIssue(client, key, { fields }));
    const removed = performed.includes("fields") && removals.length
      ? ` ${removals.map(({ done }) => done).join("; ")}.`
      : "";
    return {
      message: (failed.length
        ? `${key} partly updated: ${performed.join(", ")} done; ${
          failed.map((f) => f.operation).join(", ")
        } failed.`
        : `${key} updated: ${performed.join(", ")}.`) + removed,
      operations_performed: performed,
      operations_failed: failed.map(({ operation, error }) => ({ operation, error })),
      note: issue.note,
      issue: issue.value && issueView(client.service, issue.value),
    };
  },
});
