/**
 * Moving issues between projects on Jira Cloud: the asynchronous bulk move
 * (`POST rest/api/3/bulk/issues/move`) and its task (`GET rest/api/3/bulk/queue/{taskId}`).
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";

/** The answer of a bulk move submission: the task that carries it out. */
const SUBMITTED = objectAnswer("the submitted bulk move", { taskId: z.string() });

/** The statuses of a bulk task. */
const TASK_STATUSES = [
  "ENQUEUED",
  "RUNNING",
  "COMPLETE",
  "FAILED",
  "CANCEL_REQUESTED",
  "CANCELLED",
  "DEAD",
] as const;

/** The answer of a bulk task read. */
const TASK_ANSWER = objectAnswer("a bulk task", {
  taskId: z.string(),
  status: z.enum(TASK_STATUSES),
  progressPercent: z.number().optional(),
  processedAccessibleIssues: z.array(z.number()).optional(),
  failedAccessibleIssues: z.record(z.string(), z.array(z.string())).optional(),
  invalidOrInaccessibleIssueCount: z.number().optional(),
  totalIssueCount: z.number().optional(),
});

/** A bulk task as Jira reports it. */
export type BulkTask = z.infer<typeof TASK_ANSWER>;

/** Whether a task has stopped (successfully or not). */
export function taskFinished(task: BulkTask): boolean {
  return task.status !== "ENQUEUED" && task.status !== "RUNNING" &&
    task.status !== "CANCEL_REQUESTED";
}

/**
 * Submits the move of one issue to `projectKey` as `issueTypeId` (Cloud only): Jira infers
 * statuses, field values, classification and subtask types, and sends no notification. Answers
 * the task id.
 */
export async function submitMove(
  client: HttpClient,
  issueKey: string,
  projectKey: string,
  issueTypeId: string,
): Promise<string> {
  const answer = await client.post<{ taskId: string }>(
    "/rest/api/3/bulk/issues/move",
    {
      sendBulkNotification: false,
      targetToSourcesMapping: {
        [`${projectKey},${issueTypeId}`]: {
          issueIdsOrKeys: [issueKey],
          inferClassificationDefaults: true,
          inferFieldDefaults: true,
          inferStatusDefaults: true,
          inferSubtaskTypeDefault: true,
        },
      },
    },
    undefined,
    { expect: SUBMITTED },
  );
  return answer.taskId;
}

/** Reads a bulk task's progress. */
export function getBulkTask(client: HttpClient, taskId: string): Promise<BulkTask> {
  return client.get<BulkTask>(path`/rest/api/3/bulk/queue/${taskId}`, undefined, {
    expect: TASK_ANSWER,
  });
}
