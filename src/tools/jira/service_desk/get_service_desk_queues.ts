import { z } from "zod";
import { getQueues } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { allowedDesk, pageLimit, queueView, serviceDeskId, startAt } from "./_desk.ts";

/** `jira_get_service_desk_queues`: the queues of a service desk with their issue counts. */
export const getServiceDeskQueuesTool = defineTool({
  name: "jira_get_service_desk_queues",
  toolset: "jira_service_desk",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Service Desk Queues",
  description: "List a service desk's queues (agents only): id, name, JQL, fields, issue count.",
  input: () => z.object({ service_desk_id: serviceDeskId, start_at: startAt, limit: pageLimit }),
  handler: async (args, { service }) => {
    const desk = await allowedDesk(service, args.service_desk_id);
    const page = await getQueues(service.client, desk.id, args.start_at, args.limit);
    return {
      service_desk_id: desk.id,
      project_key: desk.projectKey,
      start_at: page.start,
      is_last_page: page.isLastPage,
      queues: page.values.map(queueView),
    };
  },
});
