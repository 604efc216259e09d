/**
 * Jira Cloud's asynchronous bulk move: `POST rest/api/3/bulk/issues/move` queues a task, `GET
 * rest/api/3/bulk/queue/{taskId}` reports it. The task answers RUNNING on its first read(s) and
 * applies the move when it completes: the issue (and its subtasks) get the target project and a
 * new key there, and the old key keeps finding the issue, as at Atlassian.
 *
 * @module
 */
import { bodyObject, type Ctx, HttpError, jiraFail, json } from "./_http.ts";
import { visibleProjects } from "./_jira.ts";
import type { BulkMoveTask, Issue } from "./_model.ts";

/** Task reads answered RUNNING before a new task completes. */
const RUNNING_READS = 1;

/** Throws Jira's bulk-operation error body (`{errors: [{message}]}`). */
function bulkFail(status: number, message: string): never {
  throw new HttpError(json({ errors: [{ message }] }, status));
}

/** The issue for an id or key (current or former), if any. */
function issueOf(ctx: Ctx, ref: string): Issue | undefined {
  const lower = ref.toLowerCase();
  return ctx.state.issues.find((i) => i.id === ref || i.key.toLowerCase() === lower) ??
    ctx.state.issues.find((i) => i.formerKeys?.some((k) => k.toLowerCase() === lower));
}

/** Whether an issue type is a subtask type. */
function isSubtask(ctx: Ctx, typeId: string): boolean {
  return ctx.state.issueTypes.find((t) => t.id === typeId)?.subtask === true;
}

/** POST bulk/issues/move: validates every mapping and queues one task for all of them. */
export function submitBulkMove(ctx: Ctx): Response {
  const b = bodyObject(ctx);
  const mapping = b.targetToSourcesMapping;
  if (!mapping || typeof mapping !== "object" || Array.isArray(mapping)) {
    bulkFail(400, "targetToSourcesMapping must not be empty.");
  }
  const entries = Object.entries(mapping as Record<string, unknown>);
  if (!entries.length) bulkFail(400, "targetToSourcesMapping must not be empty.");
  const visible = visibleProjects(ctx);
  const moves: BulkMoveTask["moves"] = [];
  for (const [target, sources] of entries) {
    const [projectRef, typeId, parentRef] = target.split(",").map((s) => s.trim());
    const project = visible.find((p) =>
      p.key.toLowerCase() === projectRef?.toLowerCase() || p.id === projectRef
    );
    if (!project) {
      bulkFail(400, `The project '${projectRef}' doesn't exist or you don't have access to it.`);
    }
    if (!typeId || !project.issueTypeIds.includes(typeId)) {
      bulkFail(400, `The issue type '${typeId}' is not valid for project '${project.key}'.`);
    }
    if (isSubtask(ctx, typeId) && !parentRef) {
      bulkFail(400, "A parent issue must be specified when the target issue type is a subtask.");
    }
    const refs = (sources as Record<string, unknown> | null)?.issueIdsOrKeys;
    if (!Array.isArray(refs) || refs.length === 0) {
      bulkFail(400, "issueIdsOrKeys must not be empty.");
    }
    for (const ref of refs) {
      const issue = issueOf(ctx, String(ref));
      if (!issue || !visible.some((p) => p.key === issue.projectKey)) {
        bulkFail(400, "Some of the issues in the issueIdsOrKeys are not valid");
      }
      moves.push({ issueId: issue.id, projectKey: project.key, typeId });
    }
  }
  const tasks = ctx.state.bulkTasks ??= [];
  const task: BulkMoveTask = {
    id: String(10641 + tasks.length),
    submittedBy: ctx.user.id,
    created: ctx.now.toISOString(),
    moves,
    readsLeft: ctx.state.bulkTaskRunningReads ?? RUNNING_READS,
    status: "ENQUEUED",
  };
  tasks.push(task);
  return json({ taskId: task.id }, 201);
}

/** Moves one issue (and its subtasks) to a project as Jira does: new key, old key kept. */
function moveIssue(ctx: Ctx, issue: Issue, projectKey: string, typeId: string): void {
  if (issue.projectKey === projectKey && issue.typeId === typeId) return;
  const oldKey = issue.key;
  if (issue.projectKey !== projectKey) {
    const next = ctx.state.seq.projectNext[projectKey] ?? 1;
    ctx.state.seq.projectNext[projectKey] = next + 1;
    issue.formerKeys = [...(issue.formerKeys ?? []), oldKey];
    issue.key = `${projectKey}-${next}`;
    issue.projectKey = projectKey;
  }
  issue.typeId = typeId;
  issue.updated = ctx.now.toISOString();
  for (const other of ctx.state.issues) {
    if (other.parentKey === oldKey) {
      other.parentKey = issue.key;
      if (isSubtask(ctx, other.typeId)) moveIssue(ctx, other, projectKey, other.typeId);
    }
    if (other.epicLink === oldKey) other.epicLink = issue.key;
  }
}

/** GET bulk/queue/{taskId}: the task's progress; the move is applied when it completes. */
export function getBulkTask(ctx: Ctx): Response {
  const task = ctx.state.bulkTasks?.find((t) => t.id === ctx.params.taskId);
  if (!task || task.submittedBy !== ctx.user.id) {
    jiraFail(400, ["The task associated with this taskId is not a bulk operation task"]);
  }
  const processed: number[] = [];
  if (task.status !== "COMPLETE" && task.readsLeft > 0) {
    task.readsLeft--;
    task.status = "RUNNING";
  } else if (task.status !== "COMPLETE") {
    for (const move of task.moves) {
      const issue = ctx.state.issues.find((i) => i.id === move.issueId);
      if (issue) moveIssue(ctx, issue, move.projectKey, move.typeId);
    }
    task.status = "COMPLETE";
  }
  if (task.status === "COMPLETE") {
    for (const move of task.moves) {
      if (ctx.state.issues.some((i) => i.id === move.issueId)) processed.push(Number(move.issueId));
    }
  }
  const created = Date.parse(task.created);
  return json({
    taskId: task.id,
    status: task.status,
    progressPercent: task.status === "COMPLETE" ? 100 : task.status === "RUNNING" ? 50 : 0,
    created,
    started: created,
    updated: ctx.now.getTime(),
    submittedBy: { accountId: task.submittedBy },
    totalIssueCount: task.moves.length,
    processedAccessibleIssues: processed,
    invalidOrInaccessibleIssueCount: task.moves.length - processed.length,
  });
}
