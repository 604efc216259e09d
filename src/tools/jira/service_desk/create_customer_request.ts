import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import {
  type CustomerRequest,
  getRequestTypeFields,
  type NewRequest,
} from "../../../jira/service_desk.ts";
import { userName } from "../../../jira/users.ts";
import { defineTool } from "../../define.ts";
import { idString, jsonObject, jsonText, limitedString } from "../../schemas.ts";
import { SHARED_PARAMETERS } from "../../glossary.ts";
import { parseAttachments } from "./_attachments.ts";
import { attachFiles, createOnce, onBehalfRefused, participantsOf } from "./_customer_request.ts";
import { allowedDesk, serviceDeskId } from "./_desk.ts";
import { prepareFieldValues } from "./_request_fields.ts";

/** `jira_create_customer_request`: raise a Jira Service Management request. */
export const createCustomerRequestTool = defineTool({
  name: "jira_create_customer_request",
  toolset: "jira_service_desk",
  product: "jira",
  access: "write",
  deployments: ["cloud", "datacenter"],
  title: "Create Customer Request",
  description:
    "Raise a Jira Service Management request; values are checked against jira_get_request_type_fields first. If raising on behalf is refused, it is raised as you unless strict_on_behalf; mode says which.",
  input: () =>
    z.object({
      service_desk_id: serviceDeskId,
      request_type_id: idString(SHARED_PARAMETERS.request_type_id),
      request_field_values: jsonText(
        'JSON object by field id, e.g. {"summary": "VPN down", "customfield_10100": "High"}; selects take option label or id',
      ),
      raise_on_behalf_of: limitedString(
        "name",
        "Customer's account id (Cloud) or user name (Data Center)",
      ).optional(),
      request_participants: jsonText(
        'Account ids (Cloud) or user names (Data Center) of participants: JSON array or comma-separated, e.g. ["bob"]',
        "query",
      ).optional(),
      attachments: jsonText(
        'JSON array of {"filename": "log.txt", "content_base64": "aGVsbG8=", "mime_type": "text/plain"}; 50 MiB per file at most',
        "files",
      ).optional(),
      strict_on_behalf: z.boolean().default(false).describe(
        "true: fail instead of raising as yourself",
      ),
    }),
  handler: async (args, { service }) => {
    const { client } = service;
    const values = jsonObject("request_field_values", args.request_field_values);
    if (!Object.keys(values).length) {
      throw new ToolError(
        "request_field_values is empty.",
        'Pass the field values as a JSON object, e.g. {"summary": "VPN down"}.',
      );
    }
    const participants = participantsOf(args.request_participants);
    const files = args.attachments ? parseAttachments(args.attachments) : [];
    const desk = await allowedDesk(service, args.service_desk_id);
    const typeId = args.request_type_id;
    const fields = await getRequestTypeFields(client, desk.id, typeId);
    const body: NewRequest = {
      serviceDeskId: desk.id,
      requestTypeId: typeId,
      requestFieldValues: prepareFieldValues(fields.requestTypeFields, values, typeId),
      raiseOnBehalfOf: args.raise_on_behalf_of,
      requestParticipants: participants,
    };
    const warnings: string[] = [];
    let mode = args.raise_on_behalf_of ? "created_on_behalf_of" : "created_direct";
    let created: { request: CustomerRequest; recovered?: string };
    try {
      created = await createOnce(client, body, desk.projectKey);
    } catch (error) {
      const refusal = onBehalfRefused(error);
      if (!refusal || !args.raise_on_behalf_of) throw error;
      const refused = `raising on behalf of "${args.raise_on_behalf_of}" was refused: ${refusal}`;
      if (args.strict_on_behalf) {
        throw new ToolError(
          `Not created: ${refused}`,
          "Name a customer of this service desk (account id on Cloud, user name on Data Center), or leave strict_on_behalf false to raise the request as yourself.",
          { cause: error },
        );
      }
      warnings.push(`The request was raised as you: ${refused}`);
      mode = "created_as_agent_fallback";
      created = await createOnce(client, { ...body, raiseOnBehalfOf: undefined }, desk.projectKey);
    }
    const { request, recovered } = created;
    const key = request.issueKey;
    const failed = files.length ? await attachFiles(client, desk.id, key, files) : undefined;
    if (failed) warnings.push(failed);
    const how = mode === "created_on_behalf_of"
      ? ` on behalf of ${args.raise_on_behalf_of}`
      : mode === "created_as_agent_fallback"
      ? ` as you (raising on behalf of ${args.raise_on_behalf_of} was refused)`
      : "";
    return {
      message: `Created request ${key}${how}${recovered ? ` (${recovered})` : ""}.`,
      mode,
      key,
      id: request.issueId,
      portal_url: request._links?.web,
      reporter: userName(request.reporter),
      status: request.currentStatus?.status,
      participants,
      attachments: failed ? undefined : files.map((f) => f.filename),
      warnings,
    };
  },
});
