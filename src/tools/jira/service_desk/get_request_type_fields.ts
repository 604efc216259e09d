import { z } from "zod";
import { getRequestTypeFields } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { allowedDesk, fieldView, serviceDeskId } from "./_desk.ts";

/** `jira_get_request_type_fields`: the fields a request type takes. */
export const getRequestTypeFieldsTool = defineTool({
  name: "jira_get_request_type_fields",
  toolset: "jira_service_desk",
  product: "jira",
  access: "read",
  deployments: ["cloud", "datacenter"],
  title: "Get Request Type Fields",
  description:
    "List the fields of a Jira Service Management request type: field id, name, whether it is required, its type and allowed values; and whether you may raise requests on behalf of customers and add participants.",
  input: z.object({
    service_desk_id: serviceDeskId,
    request_type_id: idString("Request type id, e.g. '25' (or the number 25)."),
  }),
  handler: async (args, { service }) => {
    const desk = await allowedDesk(service, args.service_desk_id);
    const fields = await getRequestTypeFields(service.client, desk.id, args.request_type_id);
    return {
      service_desk_id: desk.id,
      request_type_id: args.request_type_id,
      can_raise_on_behalf_of: fields.canRaiseOnBehalfOf,
      can_add_request_participants: fields.canAddRequestParticipants,
      fields: fields.requestTypeFields.map(fieldView),
    };
  },
});
