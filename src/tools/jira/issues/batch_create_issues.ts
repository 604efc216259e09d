import { z } from "zod";
import { AtlassianError } from "../../../http/mod.ts";
import { ToolError } from "../../../errors.ts";
import { formatFields } from "../../../jira/field_values.ts";
import { listFields } from "../../../jira/fields.ts";
import { type BulkCreateError, bulkCreateIssues, findCreatedIssues } from "../../../jira/issues.ts";
import { getCreateIssueTypes } from "../../../jira/projects.ts";
import { toJiraText } from "../../../jira/rich.ts";
import { userReference } from "../../../jira/users.ts";
import { browseUrl } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { jsonArray, jsonText, projectKey } from "../../schemas.ts";

/** Most issues one call creates: Jira's limit for `POST issue/bulk`. */
export const MAX_ISSUES = 50;

/** Item keys with a meaning of their own; any other key is a field by id or name. */
const KNOWN = new Set([
  "project_key",
  "summary",
  "issue_type",
  "description",
  "assignee",
  "components",
  "additional_fields",
]);

/** One checked item, ready for the bulk request. */
interface Item {
  index: number;
  project: string;
  summary: string;
  fields: Record<string, unknown>;
}

/** The sentence of one refused bulk item: Jira's messages and field errors. */
function bulkReason(error: BulkCreateError): string {
  const e = error.elementErrors ?? {};
  const texts = [
    ...(e.errorMessages ?? []),
    ...Object.entries(e.errors ?? {}).map(([field, text]) => `${field}: ${text}`),
  ];
  return texts.length ? texts.join("; ") : `Refused by Jira (HTTP ${error.status ?? 400}).`;
}

/**
 * Splits the messages of a refused bulk request into each item's reason (by its position in the
 * request, from the "item N: ..." form of `parseErrorMessages`) and the rest.
 */
function itemReasons(messages: string[]) {
  const byPosition = new Map<number, string>();
  const general: string[] = [];
  for (const message of messages) {
    const match = /^item (\d+): ([\s\S]*)$/.exec(message);
    if (match) byPosition.set(Number(match[1]) - 1, match[2]);
    else general.push(message);
  }
  return { byPosition, general };
}

/** Parses the `issues` argument into objects, or refuses it in one sentence. */
function parseItems(text: string): Record<string, unknown>[] {
  return jsonArray(
    "issues",
    text,
    '[{"project_key": "PROJ", "summary": "Fix login", "issue_type": "Bug"}]',
    MAX_ISSUES,
  ) as Record<string, unknown>[];
}

/** `jira_batch_create_issues`: create up to 50 issues in one bulk call, reported item by item. */
export const batchCreateIssuesTool = defineTool({
  name: "jira_batch_create_issues",
  toolset: "jira_issues",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Batch Create Issues",
  description: `Create up to ${MAX_ISSUES} Jira issues; none if any is invalid.`,
  input: () =>
    z.object({
      issues: jsonText(
        'JSON array of jira_create_issue arguments, e.g. [{"project_key": "PROJ", "summary": "Fix login", "issue_type": "Bug"}]',
      ),
      validate_only: z.boolean().default(false),
    }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    const raw = parseItems(args.issues);
    const steps = raw.length + (args.validate_only ? 0 : 1);
    const problems: string[] = [];
    const items: Item[] = [];
    const types = new Map<string, Promise<{ id: string; name: string }[]>>();
    let fieldList: ReturnType<typeof listFields> | undefined;
    const parentsChecked = new Map<string, Promise<void>>();
    for (const [index, item] of raw.entries()) {
      // Sent before each step, never right before the answer: a client may drop a notification
      // that arrives together with the answer.
      await progress?.(index, steps, `Checking item ${index}`);
      const wrong = (why: string) => problems.push(`item ${index}: ${why}`);
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        wrong("not a JSON object");
        continue;
      }
      const project = projectKey.safeParse(item.project_key);
      if (!project.success) {
        wrong("project_key is missing or not a project key");
        continue;
      }
      assertProjectAllowed(project.data, allowlist);
      if (typeof item.summary !== "string" || !item.summary.trim()) {
        wrong("summary is missing");
        continue;
      }
      if (typeof item.issue_type !== "string" || !item.issue_type.trim()) {
        wrong("issue_type is missing");
        continue;
      }
      if (!types.has(project.data)) {
        types.set(project.data, getCreateIssueTypes(client, project.data));
      }
      const projectTypes = await types.get(project.data)!;
      const wanted = item.issue_type.toLowerCase().replace(/[-\s]/g, "");
      const type = projectTypes.find((t) =>
        t.name.toLowerCase().replace(/[-\s]/g, "") === wanted || t.id === item.issue_type
      );
      if (!type) {
        wrong(
          `issue type "${item.issue_type}" does not exist in ${project.data} (use one of: ${
            projectTypes.map((t) => t.name).join(", ")
          })`,
        );
        continue;
      }
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item)) if (!KNOWN.has(k)) extra[k] = v;
      const more = item.additional_fields;
      if (more !== undefined) {
        if (!more || typeof more !== "object" || Array.isArray(more)) {
          wrong("additional_fields must be a JSON object");
          continue;
        }
        Object.assign(extra, more);
      }
      if ("project" in extra || "pid" in extra || "issuetype" in extra) {
        wrong("set the project and type with project_key and issue_type only");
        continue;
      }
      try {
        fieldList ??= listFields(client);
        const formatted = await formatFields(client, await fieldList, extra);
        const parent = formatted.parent as { key?: string } | undefined;
        if (parent?.key) {
          // Subtasks of one batch often share their parent: check each parent once.
          const checked = parentsChecked.get(parent.key) ?? assertIssueAllowed(service, parent.key);
          parentsChecked.set(parent.key, checked);
          await checked;
        }
        const fields: Record<string, unknown> = {
          ...formatted,
          project: { key: project.data },
          summary: item.summary,
          issuetype: { id: type.id },
        };
        if (item.description !== undefined) {
          if (typeof item.description !== "string") {
            throw new ToolError("description must be text.");
          }
          fields.description = toJiraText(client.service, item.description);
        }
        if (item.assignee !== undefined) {
          if (typeof item.assignee !== "string") throw new ToolError("assignee must be text.");
          fields.assignee = await userReference(client, item.assignee);
        }
        const components = typeof item.components === "string"
          ? item.components.split(",").map((s) => s.trim()).filter(Boolean)
          : item.components;
        if (components !== undefined) {
          if (!Array.isArray(components) || components.some((c) => typeof c !== "string")) {
            throw new ToolError("components must be a list of names.");
          }
          fields.components = components.map((name) => ({ name }));
        }
        items.push({ index, project: project.data, summary: item.summary, fields });
      } catch (error) {
        if (error instanceof ToolError && !isPolicy(error)) wrong(error.message.replace(/\.$/, ""));
        else throw error;
      }
    }
    if (problems.length) {
      throw new ToolError(
        `Nothing was created: ${problems.length} of ${raw.length} items are wrong (${
          problems.join("; ")
        }).`,
        "Fix these items and send the whole batch again.",
      );
    }
    const planned = items.map((i) => ({ index: i.index, project: i.project, summary: i.summary }));
    if (args.validate_only) {
      return {
        message: `All ${items.length} items are valid; nothing was created (validate_only).`,
        valid: planned,
      };
    }
    await progress?.(raw.length, steps, `Creating ${items.length} issues`);
    let result: { issues: { id: string; key: string }[]; errors: BulkCreateError[] };
    let recovered: string | undefined;
    try {
      ({ value: result, recovered } = await writeOnce(
        () => bulkCreateIssues(client, items.map((i) => i.fields)),
        {
          verdict: "Not created",
          missing: `none of the ${items.length} issues exists (search for their summaries)`,
          consistent: false,
          find: async (startedAt) => {
            const seen = await Promise.all(
              items.map((i) => findCreatedIssues(client, i.project, i.summary, startedAt)),
            );
            if (seen.every((s) => s.length === 0)) return ABSENT;
            if (seen.every((s) => s.length === 1)) {
              return found({ issues: seen.map((s) => s[0]), errors: [] });
            }
            const some = seen.flatMap((s) => s.map((x) => x.key));
            return unclear(
              `only some of the issues appeared since the request (${some.join(", ")})`,
            );
          },
        },
      ));
    } catch (error) {
      // Jira answers 400 when it created none of the items.
      if (error instanceof AtlassianError && error.status === 400) {
        const { byPosition, general } = itemReasons(error.messages);
        const why = general.length ? general.join("; ") : error.message;
        return {
          message: `Created none of the ${items.length} issues: Jira refused the batch.`,
          created: [],
          failed: planned.map((p, position) => ({ ...p, error: byPosition.get(position) ?? why })),
        };
      }
      throw error;
    }
    const refused = new Map(result.errors.map((e) => [e.failedElementNumber, bulkReason(e)]));
    const created: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    let next = 0;
    for (const [position, item] of items.entries()) {
      const why = refused.get(position);
      if (why !== undefined) {
        failed.push({
          index: item.index,
          project: item.project,
          summary: item.summary,
          error: why,
        });
        continue;
      }
      const issue = result.issues[next++];
      if (!issue) {
        failed.push({
          index: item.index,
          project: item.project,
          summary: item.summary,
          error: "Jira's answer lists neither a created issue nor an error for this item.",
        });
        continue;
      }
      created.push({
        index: item.index,
        key: issue.key,
        summary: item.summary,
        url: browseUrl(service.service, issue.key),
      });
    }
    const note = recovered ? ` (${recovered})` : "";
    return {
      message: `Created ${created.length} of ${items.length} issues${
        failed.length ? `; ${failed.length} failed` : ""
      }${note}.`,
      created,
      failed,
    };
  },
});

/** Whether an error is an allowlist refusal, which refuses the whole call rather than an item. */
function isPolicy(error: ToolError): boolean {
  return /not in the allowed|JIRA_PROJECTS_FILTER/i.test(`${error.message} ${error.hint}`);
}
