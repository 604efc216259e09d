import { z } from "zod";
import { getRequestTypeFields } from "../../../jira/service_desk.ts";
import { defineTool } from "../../define.ts";
import { idString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
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
    "List a request type's fields (id, name, required, type, allowed values) and whether you may raise on behalf of customers and add participants.",
  input: () =>
    z.object({
      service_desk_id: serviceDeskId,
      request_type_id: idString(SHARED_PARAMETERS.request_type_id),
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
