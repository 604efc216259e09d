import { z } from "zod";
import { getQueue, getQueueIssues } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { isAllowed, projectOfIssueKey } from "../../policy.ts";
import { idString } from "../../schemas.ts";
import { allowedDesk, queueIssueView, queueView, serviceDeskId, startAt } from "./_desk.ts";

/** `jira_get_queue_issues`: the issues of one queue, with the queue's details. */
export const getQueueIssuesTool = defineTool({
  name: "jira_get_queue_issues",
  toolset: "jira_service_desk",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Queue Issues",
  description:
    "List a service desk queue's issues (agents only) with its name, JQL and count; only the queue's fields are filled. Issues outside JIRA_PROJECTS_FILTER are left out.",
  input: () =>
    z.object({
      service_desk_id: serviceDeskId,
      queue_id: idString(
        "Queue id (jira_get_service_desk_queues), e.g. '10'",
      ),
      start_at: startAt,
      limit: z.number().int().min(1).default(50).describe(
        "Most issues to return (Atlassian may return fewer)",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const desk = await allowedDesk(service, args.service_desk_id);
    const [queue, page] = await Promise.all([
      getQueue(client, desk.id, args.queue_id),
      getQueueIssues(client, desk.id, args.queue_id, args.start_at, args.limit),
    ]);
    const allowlist = service.service.allowlist;
    const shown = page.values.filter((i) => isAllowed(projectOfIssueKey(i.key), allowlist));
    const hidden = page.values.length - shown.length;
    return {
      queue: { ...queueView(queue), service_desk_id: desk.id },
      start_at: page.start,
      is_last_page: page.isLastPage,
      issues: shown.map(queueIssueView),
      note: hidden
        ? `${hidden} issue(s) of projects outside JIRA_PROJECTS_FILTER were left out.`
        : undefined,
    };
  },
});
