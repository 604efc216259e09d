import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { AtlassianError } from "../../../http/mod.ts";
import {
  bulkFetchChangelogs,
  changelogView,
  MAX_BULK_CHANGELOG_FIELDS,
} from "../../../jira/changelog.ts";
import { getIssue } from "../../../jira/issues.ts";
import { searchIssues } from "../../../jira/search.ts";
import { defineTool } from "../../define.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { assertProjectAllowed, isAllowed, projectOfIssueKey } from "../../policy.ts";
import { commaList, limitedString } from "../../schemas.ts";

/** Most issues one call reads. */
const MAX_ISSUES = 100;

/** `jira_batch_get_changelogs`: the change histories of many issues at once (Cloud only). */
export const batchGetChangelogsTool = defineTool({
  name: "jira_batch_get_changelogs",
  toolset: "jira_issues",
  product: "jira",
  access: "read",
  deployments: ["cloud"],
  title: "Batch Get Changelogs",
  description: `Change histories of up to ${MAX_ISSUES} Jira issues (Cloud only).`,
  input: () =>
    z.object({
      issue_ids_or_keys: limitedString(
        "query",
        SHARED_PARAMETERS.issue_ids_or_keys,
      ).min(1),
      fields: limitedString(
        "query",
        `At most ${MAX_BULK_CHANGELOG_FIELDS} field ids, e.g. 'status'`,
      ).optional(),
      limit: z.number().int().min(-1).default(-1).describe(
        "Per issue; -1 for all",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const allowlist = service.service.allowlist;
    const refs = [...new Set(commaList(args.issue_ids_or_keys).map((r) => r.toUpperCase()))];
    const fieldIds = [...new Set(commaList(args.fields))];
    if (!refs.length) {
      throw new ToolError("issue_ids_or_keys names no issue.", "Pass e.g. 'PROJ-1,PROJ-2'.");
    }
    if (refs.length > MAX_ISSUES) {
      throw new ToolError(
        `issue_ids_or_keys names ${refs.length} issues; one call reads at most ${MAX_ISSUES}.`,
        `Split them into groups of ${MAX_ISSUES} or fewer.`,
      );
    }
    if (fieldIds.length > MAX_BULK_CHANGELOG_FIELDS) {
      throw new ToolError(
        `fields names ${fieldIds.length} fields; Jira filters by at most ${MAX_BULK_CHANGELOG_FIELDS}.`,
        "Leave fields out for every field, or ask in several calls.",
      );
    }
    if (args.limit === 0) {
      throw new ToolError(
        "limit 0 returns nothing.",
        "Pass -1 for all entries, or a positive number.",
      );
    }
    const notFound: string[] = [];
    const asked: string[] = [];
    for (const ref of refs) {
      if (!/^\d+$/.test(ref)) {
        assertProjectAllowed(projectOfIssueKey(ref), allowlist);
        asked.push(ref);
        continue;
      }
      if (!allowlist.length) {
        asked.push(ref);
        continue;
      }
      // An id says nothing of its project: read the issue's key before asking for its history.
      try {
        const issue = await getIssue(client, ref, { fields: ["summary"] });
        assertProjectAllowed(projectOfIssueKey(issue.key), allowlist);
        asked.push(ref);
      } catch (error) {
        if (error instanceof AtlassianError && error.status === 404) notFound.push(ref);
        else throw error;
      }
    }
    const logs = asked.length ? await bulkFetchChangelogs(client, asked, fieldIds) : new Map();
    const ids = [...logs.keys()];
    const keyOf = new Map<string, string>();
    if (ids.length) {
      const page = await searchIssues(client, {
        jql: `id in (${ids.join(", ")})`,
        fields: ["summary"],
        limit: ids.length,
      });
      for (const issue of page.issues) keyOf.set(String(issue.id), issue.key);
    }
    const issues = [];
    for (const [id, histories] of logs) {
      const key = keyOf.get(id);
      if (!isAllowed(key && projectOfIssueKey(key), allowlist)) continue;
      const all = changelogView(histories);
      const shown = args.limit > 0 ? all.slice(0, args.limit) : all;
      issues.push({
        key,
        id,
        total: all.length,
        returned: shown.length,
        changelogs: shown,
      });
    }
    const returned = new Set([...keyOf.values(), ...ids]);
    for (const ref of asked) if (!returned.has(ref)) notFound.push(ref);
    return {
      message: `Read the changelogs of ${issues.length} of ${refs.length} issues${
        fieldIds.length ? ` (fields ${fieldIds.join(", ")})` : ""
      }.`,
      issues,
      no_history: notFound.length ? notFound : undefined,
    };
  },
});
