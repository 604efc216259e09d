import { z } from "zod";
import { AtlassianError } from "../../../http/mod.ts";
import { deleteIssue, getIssue } from "../../../jira/issues.ts";
import { defineTool } from "../../define.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { readAllowedIssue } from "../_issue_scope.ts";
import { ABSENT, found, writeOnce } from "../../reconcile.ts";
import { issueKey } from "../../schemas.ts";

/** Whether an issue still exists: false once Jira answers 404. */
async function exists(client: Parameters<typeof getIssue>[0], key: string): Promise<boolean> {
  try {
    await getIssue(client, key, { fields: ["summary"] });
    return true;
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) return false;
    throw error;
  }
}

/** `jira_delete_issue`: delete an issue and its subtasks, saying which. */
export const deleteIssueTool = defineTool({
  name: "jira_delete_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Delete Issue",
  description: "Delete a Jira issue and its subtasks permanently.",
  input: () => z.object({ issue_key: issueKey }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    const issue = await readAllowedIssue(service, key, ["summary", "subtasks"]);
    const subtasks =
      ((issue.fields?.subtasks ?? []) as { key: string; fields?: { summary?: string } }[])
        .map((s) => ({ key: s.key, summary: s.fields?.summary }));
    for (const s of subtasks) {
      assertProjectAllowed(projectOfIssueKey(s.key), service.service.allowlist);
    }
    const summary = String(issue.fields?.summary ?? "");
    const { recovered } = await writeOnce(
      async () => {
        await deleteIssue(client, issue.key);
        return true;
      },
      {
        verdict: "Not deleted",
        missing: `${issue.key} still exists`,
        find: async () => (await exists(client, issue.key)) ? ABSENT : found(true),
      },
    );
    const withSubtasks = subtasks.length
      ? ` and its ${subtasks.length} subtask${subtasks.length === 1 ? "" : "s"} (${
        subtasks.map((s) => s.key).join(", ")
      })`
      : "";
    return {
      message: `Deleted ${issue.key} "${summary}"${withSubtasks}${
        recovered ? `, ${recovered}` : ""
      }.`,
      deleted: { key: issue.key, summary },
      deleted_subtasks: subtasks.length ? subtasks : undefined,
    };
  },
});
