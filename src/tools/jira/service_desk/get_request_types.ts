import { z } from "zod";
import { getRequestTypes } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { allowedDesk, pageLimit, requestTypeView, serviceDeskId, startAt } from "./_desk.ts";

/** `jira_get_request_types`: the customer request types of a service desk. */
export const getRequestTypesTool = defineTool({
  name: "jira_get_request_types",
  toolset: "jira_service_desk",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Request Types",
  description:
    "List a service desk's customer request types: id, name, description, help text, issue type id.",
  input: () => z.object({ service_desk_id: serviceDeskId, start_at: startAt, limit: pageLimit }),
  handler: async (args, { service }) => {
    const desk = await allowedDesk(service, args.service_desk_id);
    const page = await getRequestTypes(service.client, desk.id, args.start_at, args.limit);
    return {
      service_desk_id: desk.id,
      project_key: desk.projectKey,
      start_at: page.start,
      is_last_page: page.isLastPage,
      request_types: page.values.map(requestTypeView),
    };
  },
});
