import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { getIssue } from "../../../jira/issues.ts";
import { type BulkTask, getBulkTask, submitMove, taskFinished } from "../../../jira/move.ts";
import { getCreateIssueTypes } from "../../../jira/projects.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { readAllowedIssue } from "../_issue_scope.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { issueKey, projectKey } from "../../schemas.ts";

/** How many times the move's task is read before the tool stops waiting. */
const POLLS = 15;
/** The pause between two reads of the task. */
const POLL_INTERVAL_MS = 2_000;

/** Resolves after `ms`. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Jira's reasons for a failed task, as one clause. */
function reasons(task: BulkTask): string {
  const all = Object.values(task.failedAccessibleIssues ?? {}).flat();
  if (all.length) return all.join("; ");
  if (task.invalidOrInaccessibleIssueCount) return "the issue is invalid or not accessible";
  return `the task ended ${task.status}`;
}

/** `jira_move_issue`: move an issue to another project, keeping its issue type (Cloud only). */
export const moveIssueTool = defineTool({
  name: "jira_move_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "destructive",
  deployments: ["cloud"],
  title: "Move Issue to Project",
  description:
    "Move a Jira issue to another project (Cloud only): new key, target's default statuses.",
  input: () =>
    z.object({
      issue_key: issueKey,
      target_project_key: projectKey.describe("Destination project key"),
    }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    const target = args.target_project_key;
    assertProjectAllowed(projectOfIssueKey(args.issue_key), allowlist);
    assertProjectAllowed(target, allowlist);
    // An old key answers with the issue's current key: the allowlist holds on that one too.
    const issue = await readAllowedIssue(service, args.issue_key, [
      "summary",
      "issuetype",
      "project",
    ]);
    const source = projectOfIssueKey(issue.key);
    const type = issue.fields?.issuetype as { id?: string; name?: string; subtask?: boolean };
    const summary = String(issue.fields?.summary ?? "");
    if (source === target) {
      throw new ToolError(
        `${issue.key} is already in project ${target}.`,
        "Pass the key of another project as target_project_key.",
      );
    }
    if (type?.subtask) {
      throw new ToolError(
        `${issue.key} is a subtask (${type.name}); a subtask moves only with its parent.`,
        "Move its parent issue instead: its subtasks go with it.",
      );
    }
    const types = await getCreateIssueTypes(client, target);
    const wantedName = String(type?.name ?? "").toLowerCase();
    const targetType = types.find((t) => t.id === type?.id) ??
      types.find((t) => t.name.toLowerCase() === wantedName);
    if (!targetType) {
      throw new ToolError(
        `Project ${target} has no issue type "${type?.name}", so ${issue.key} cannot keep its type there.`,
        `Change the issue's type first (jira_update_issue) to one ${target} has: ${
          types.map((t) => t.name).join(", ")
        }.`,
      );
    }
    const { value: taskId, recovered } = await writeOnce<string | undefined>(
      () => submitMove(client, issue.key, target, targetType.id),
      {
        verdict: "Not moved",
        missing: `${issue.key} is still in ${source}`,
        consistent: false,
        find: async () => {
          const now = await getIssue(client, issue.id ?? issue.key, { fields: ["summary"] });
          return projectOfIssueKey(now.key) === target ? found(undefined) : ABSENT;
        },
      },
    );
    let task: BulkTask | undefined;
    if (taskId !== undefined) {
      for (let poll = 1; poll <= POLLS; poll++) {
        task = await getBulkTask(client, taskId);
        await progress?.(
          task.progressPercent ?? 0,
          100,
          `Moving ${issue.key} to ${target}: ${task.status.toLowerCase()}`,
        );
        if (taskFinished(task)) break;
        if (poll < POLLS) await sleep(POLL_INTERVAL_MS);
      }
      if (task && !taskFinished(task)) {
        return {
          message:
            `The move of ${issue.key} to ${target} was submitted but has not finished after ${
              (POLLS - 1) * POLL_INTERVAL_MS / 1000
            } s (Jira task ${taskId}, ${task.status}, ${task.progressPercent ?? 0}%). ` +
            `Check later with jira_get_issue ${issue.key}: once moved it answers with a key in ${target}. Do not submit the move again.`,
          issue_key: issue.key,
          target_project_key: target,
          task_id: taskId,
          status: task.status,
        };
      }
      const failed = task?.status !== "COMPLETE" ||
        Object.keys(task.failedAccessibleIssues ?? {}).length > 0 ||
        (task.processedAccessibleIssues ?? []).length === 0;
      if (task && failed) {
        throw new ToolError(
          `Jira did not move ${issue.key} to ${target}: ${reasons(task)}.`,
          `Check the issue in Jira (required fields, permissions in ${target}) and try again.`,
        );
      }
    }
    const moved = await getIssue(client, issue.id ?? issue.key, {
      fields: ["summary", "issuetype", "project"],
    });
    return {
      message: `Moved ${issue.key} "${summary}" to ${target} as ${moved.key}${
        recovered ? `, ${recovered}` : ""
      }.`,
      issue: {
        key: moved.key,
        previous_key: issue.key,
        project: target,
        issue_type: targetType.name,
        summary,
      },
    };
  },
});
