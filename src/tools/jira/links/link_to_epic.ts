import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { epicKeyIn, epicSlot, epicValue } from "../../../jira/epic.ts";
import { getIssue, updateIssue } from "../../../jira/issues.ts";
import { DEFAULT_FIELDS, issueView } from "../../../jira/view.ts";
import { defineTool } from "../../define.ts";
import { readAllowedIssue } from "../_issue_scope.ts";
import { assertProjectAllowed, projectOfIssueKey } from "../../policy.ts";
import { readBack } from "../../read_back.ts";
import { ABSENT, found, unclear, writeOnce } from "../../reconcile.ts";
import { issueKey } from "../../schemas.ts";

/** `jira_link_to_epic`: put an issue into an epic (parent on Cloud, Epic Link on Data Center). */
export const linkToEpicTool = defineTool({
  name: "jira_link_to_epic",
  toolset: "jira_links",
  product: "jira",
  access: "destructive",
  deployments: ["cloud", "datacenter"],
  title: "Link to Epic",
  description:
    "Put a Jira issue into an epic, replacing its former one (Cloud: sets parent; Data Center: Epic Link).",
  input: () =>
    z.object({
      issue_key: issueKey,
      epic_key: issueKey.describe("Epic key, e.g. 'PROJ-1'"),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const key = args.issue_key;
    const epicKey = args.epic_key;
    for (const k of [key, epicKey]) {
      assertProjectAllowed(projectOfIssueKey(k), service.service.allowlist);
    }
    if (key.toUpperCase() === epicKey.toUpperCase()) {
      throw new ToolError(`${key} cannot be its own epic.`, "Pass the key of another issue.");
    }
    const slot = await epicSlot(client);
    // Both are read anyway: the allowlist holds on their current keys (a moved issue answers to
    // its old one) without a read of its own.
    const [issue, epic] = await Promise.all([
      readAllowedIssue(service, key, [slot]),
      readAllowedIssue(service, epicKey, ["summary", "issuetype"]),
    ]);
    const type = epic.fields.issuetype as { name?: string; hierarchyLevel?: number } | undefined;
    // Cloud says where a type sits in the hierarchy (epics are level 1); Data Center's Epic Link
    // field refuses other issues itself.
    if (typeof type?.hierarchyLevel === "number" && type.hierarchyLevel !== 1) {
      throw new ToolError(
        `${epic.key} is a ${type.name ?? "non-epic issue"}, not an epic.`,
        "Pass the key of an epic, e.g. found with jira_search and 'issuetype = Epic'.",
      );
    }
    const summary = epic.fields.summary as string | undefined;
    const named = summary ? `epic ${epic.key} "${summary}"` : `epic ${epic.key}`;
    const before = epicKeyIn(issue, slot);
    const same = (a?: string) => a?.toUpperCase() === epic.key.toUpperCase();
    if (same(before)) {
      return {
        message: `${key} is already in ${named}; nothing was changed.`,
        epic: { key: epic.key, summary },
      };
    }
    const { recovered } = await writeOnce(
      async () => {
        await updateIssue(client, key, { fields: { [slot]: epicValue(slot, epic.key) } });
        return true;
      },
      {
        verdict: "Not linked",
        missing: before ? `${key} is still in epic ${before}` : `${key} is still in no epic`,
        find: async () => {
          const now = epicKeyIn(await getIssue(client, key, { fields: [slot] }), slot);
          if (same(now)) return found(true);
          if (now === before) return ABSENT;
          return unclear(`${key} is now in epic ${now}: someone else changed it too`);
        },
      },
    );
    const read = await readBack(() =>
      getIssue(client, key, { fields: [...DEFAULT_FIELDS, "parent"] })
    );
    return {
      message: `${key} is now in ${named}${before ? `, no longer in ${before}` : ""}${
        recovered ? ` (${recovered})` : ""
      }.`,
      epic: { key: epic.key, summary },
      note: read.note,
      issue: read.value && issueView(client.service, read.value),
    };
  },
});
