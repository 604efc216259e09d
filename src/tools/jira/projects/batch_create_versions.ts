import { z } from "zod";
import { AtlassianError } from "../../../http/mod.ts";
import { defineTool } from "../../define.ts";
import { itemFailure } from "../../run.ts";
import { assertProjectAllowed } from "../../policy.ts";
import { projectKey } from "../../schemas.ts";
import {
  checkBatch,
  createVersionOnce,
  MAX_BATCH,
  versionProject,
  versionsInput,
} from "./_versions.ts";

/**
 * Whether a failed item ends the batch: only Atlassian's refusal of that item's content (400)
 * lets the next items go ahead; a permission, project, server or connection failure would fail
 * them too, and an unsettled outcome needs checking first.
 */
function endsBatch(error: unknown): boolean {
  return !(error instanceof AtlassianError && error.status === 400);
}

/** `jira_batch_create_versions`: create several fix versions, reported item by item. */
export const batchCreateVersionsTool = defineTool({
  name: "jira_batch_create_versions",
  toolset: "jira_projects",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Batch Create Versions",
  description:
    `Create up to ${MAX_BATCH} fix versions in a Jira project. All are checked first (none is created if one is wrong); answers created, failed and not_attempted by item index.`,
  input: () => z.object({ project_key: projectKey, versions: versionsInput }),
  handler: async (args, { service, progress }) => {
    const { client } = service;
    assertProjectAllowed(args.project_key, service.service.allowlist);
    const project = await versionProject(client, args.project_key);
    const items = checkBatch(args.versions, project);
    const created: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    const notAttempted: Record<string, unknown>[] = [];
    for (const [index, item] of items.entries()) {
      if (failed.some((f) => f.ended)) {
        notAttempted.push({ index, name: item.name });
        continue;
      }
      // Sent before each item, never right before the answer: a client may drop a notification
      // that arrives together with the answer.
      await progress?.(index, items.length, `Creating ${item.name} in ${project.key}`);
      try {
        const { value, recovered } = await createVersionOnce(client, project, item);
        created.push({ index, id: value.id, name: value.name, note: recovered });
      } catch (error) {
        failed.push({ index, name: item.name, error: itemFailure(error), ended: endsBatch(error) });
      }
    }
    const stopped = notAttempted.length
      ? `; stopped after a failure, ${notAttempted.length} not attempted`
      : "";
    return {
      message: `Created ${created.length} of ${items.length} versions in ${project.key}${
        failed.length ? `; ${failed.length} failed` : ""
      }${stopped}.`,
      created,
      failed: failed.map(({ ended: _, ...rest }) => rest),
      not_attempted: notAttempted,
    };
  },
});
