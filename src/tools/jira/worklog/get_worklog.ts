import { z } from "zod";
import { getWorklogs, worklogDetail } from "../../../jira/worklog.ts";
import { defineTool } from "../../define.ts";
import { assertIssueAllowed } from "../_issue_scope.ts";
import { issueKey } from "../../schemas.ts";

/** At most this many worklogs are read. */
const MAX_WORKLOGS = 1000;

/** `jira_get_worklog`: the work logged on an issue. */
export const getWorklogTool = defineTool({
  name: "jira_get_worklog",
  toolset: "jira_worklog",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Worklog",
  description:
    `List the work logged on a Jira issue, oldest first (up to ${MAX_WORKLOGS}): author, start, time spent, comment.`,
  input: () => z.object({ issue_key: issueKey }),
  handler: async (args, { service }) => {
    await assertIssueAllowed(service, args.issue_key);
    const worklogs = await getWorklogs(service.client, args.issue_key, MAX_WORKLOGS + 1);
    return {
      issue_key: args.issue_key,
      count: Math.min(worklogs.length, MAX_WORKLOGS),
      more: worklogs.length > MAX_WORKLOGS || undefined,
      worklogs: worklogs.slice(0, MAX_WORKLOGS).map((w) => worklogDetail(service.service, w)),
    };
  },
});
