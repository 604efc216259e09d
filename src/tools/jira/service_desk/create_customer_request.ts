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
    "Raise a Jira Service Management customer request. Field values are checked against the request type's fields first (jira_get_request_type_fields): required fields, unknown fields, select values by label or id. When raising on behalf of a customer is refused, the request is raised as you instead unless strict_on_behalf is true; the answer's mode says which happened (created_direct, created_on_behalf_of, created_as_agent_fallback).",
  input: z.object({
    service_desk_id: serviceDeskId,
    request_type_id: idString("Request type id, e.g. '25' (or the number 25)."),
    request_field_values: jsonText(
      'Field values by field id, as a JSON object, e.g. {"summary": "VPN down", "description": "Since 9am", "customfield_10100": "High"}. Select fields take the option label or id.',
    ),
    raise_on_behalf_of: limitedString(
      "name",
      "The customer to raise the request for: account id (Cloud) or user name (Data Center).",
    ).optional(),
    request_participants: jsonText(
      'Customers to add as participants: a JSON array or comma-separated list of account ids (Cloud) or user names (Data Center), e.g. ["bob"].',
      "query",
    ).optional(),
    attachments: jsonText(
      'Files to attach, as a JSON array: [{"filename": "log.txt", "content_base64": "aGVsbG8=", "mime_type": "text/plain"}]; at most 50 MiB per file.',
      "files",
    ).optional(),
    strict_on_behalf: z.boolean().default(false).describe(
      "Set true to fail instead of raising the request as yourself when raise_on_behalf_of is refused.",
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
