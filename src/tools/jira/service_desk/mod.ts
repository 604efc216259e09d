/**
 * The `jira_service_desk` toolset: Jira Service Management service desks, queues, request
 * types and customer requests (`/rest/servicedeskapi`, Cloud and Data Center).
 *
 * @module
 */
import { defineToolset } from "../../define.ts";
import { createCustomerRequestTool } from "./create_customer_request.ts";
import { getQueueIssuesTool } from "./get_queue_issues.ts";
import { getRequestTypeFieldsTool } from "./get_request_type_fields.ts";
import { getRequestTypesTool } from "./get_request_types.ts";
import { getServiceDeskForProjectTool } from "./get_service_desk_for_project.ts";
import { getServiceDeskQueuesTool } from "./get_service_desk_queues.ts";

/** The toolset's tools in listing order. */
export const jiraServiceDesk = defineToolset({
  name: "jira_service_desk",
  description: "Jira Service Management: service desks, queues, request types, customer requests",
  isDefault: false,
  tools: [
    getServiceDeskForProjectTool,
    getServiceDeskQueuesTool,
    getQueueIssuesTool,
    getRequestTypesTool,
    getRequestTypeFieldsTool,
    createCustomerRequestTool,
  ],
});
