import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { assignIssue, getIssue } from "../../../jira/issues.ts";
import type { JiraUser } from "../../../jira/types.ts";
import { sameUser, userName, userReference } from "../../../jira/users.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { readBack } from "../../read_back.ts";
import { found, unclear, writeOnce } from "../../reconcile.ts";
import { issueKey, limitedString } from "../../schemas.ts";

type UserRef = { accountId: string } | { name: string };

/**
 * The user an `assignee` argument names: a user object from a user search (JSON text with
 * accountId, name or emailAddress), else an e-mail, display name, account id or user name.
 */
function assigneeOf(
  client: Parameters<typeof userReference>[0],
  text: string,
): Promise<UserRef> {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return userReference(client, trimmed);
  let user: Record<string, unknown>;
  try {
    user = JSON.parse(trimmed);
  } catch {
    throw new ToolError(
      "assignee looks like a JSON user object but is not valid JSON.",
      "Pass an e-mail, a display name, an account id or user name, or a user object from a user search.",
    );
  }
  const cloud = client.service.deployment === "cloud";
  const id = cloud ? user.accountId : user.name ?? user.key;
  if (typeof id === "string" && id) {
    return Promise.resolve(cloud ? { accountId: id } : { name: id });
  }
  const other = [user.emailAddress, user.displayName, user.name, user.accountId]
    .find((v) => typeof v === "string" && v);
  if (typeof other !== "string") {
    throw new ToolError(
      "The assignee object names no user.",
      cloud ? "Give it an accountId or emailAddress." : "Give it a name or emailAddress.",
    );
  }
  return userReference(client, other);
}

/** Whether `user` is the one `ref` names. */
function isUser(user: JiraUser | null | undefined, ref: UserRef | null): boolean {
  if (!ref) return !user;
  if (!user) return false;
  return "accountId" in ref ? user.accountId === ref.accountId : sameUser(user, {
    name: ref.name,
  }) || user.key === ref.name;
}

/** `jira_assign_issue`: set or clear an issue's assignee. */
export const assignIssueTool = defineTool({
  name: "jira_assign_issue",
  toolset: "jira_issues",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Assign Issue",
  description: "Assign a Jira issue; no assignee unassigns it.",
  input: () =>
    z.object({
      issue_key: issueKey,
      assignee: limitedString("query", SHARED_PARAMETERS.assignee).optional(),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    await assertIssueAllowed(service, key);
    const ref = args.assignee?.trim() ? await assigneeOf(client, args.assignee) : null;
    const current = async () =>
      (await getIssue(client, key, { fields: ["assignee"] })).fields?.assignee as
        | JiraUser
        | null
        | undefined;
    const { recovered } = await writeOnce(
      async () => {
        await assignIssue(client, key, ref);
        return true;
      },
      {
        verdict: "Not assigned",
        missing: ref ? `${key} is not assigned to ${args.assignee}` : `${key} is still assigned`,
        find: async () =>
          isUser(await current(), ref)
            ? found(true)
            : unclear(`${key} has another assignee than the one asked for`),
      },
    );
    const after = await readBack(current);
    const note = recovered ? ` (${recovered})` : "";
    if (after.note !== undefined) {
      return {
        message: ref ? `Assigned ${key}${note}.` : `Unassigned ${key}${note}.`,
        key,
        note: after.note,
      };
    }
    const who = userName(after.value);
    return {
      message: who ? `${key} is assigned to ${who}${note}.` : `${key} is unassigned${note}.`,
      key,
      assignee: who,
    };
  },
});
