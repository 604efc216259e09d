import { z } from "zod";
import { ToolError } from "../../../errors.ts";
import { AtlassianError, type HttpClient } from "../../../http/mod.ts";
import { findCreatedIssues } from "../../../jira/issues.ts";
import {
  attachTemporaryFiles,
  attachToRequest,
  createRequest,
  type CustomerRequest,
  getRequest,
  getRequestTypeFields,
  type NewRequest,
  type UploadFile,
} from "../../../jira/service_desk.ts";
import { userName } from "../../../jira/users.ts";
import { defineTool } from "../../define.ts";
import { readBack } from "../../read_back.ts";
import { theOne, unclear, writeOnce } from "../../reconcile.ts";
import { commaList, idString, jsonObject, jsonText, limitedString } from "../../schemas.ts";
import { parseAttachments } from "./_attachments.ts";
import { allowedDesk, serviceDeskId } from "./_desk.ts";
import { prepareFieldValues } from "./_request_fields.ts";

/** Words of Atlassian's refusals that mean the on-behalf customer was the problem (as in Python). */
const ON_BEHALF_REFUSAL =
  /raiseonbehalfof|on behalf|unknown user|user does not exist|invalid customer|customer account|permission to raise/i;

/** `request_participants`: a JSON array of strings, or a comma-separated list. */
function participantsOf(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!raw.trim().startsWith("[")) return commaList(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ToolError(
      `request_participants is not valid JSON: ${(error as Error).message}.`,
      'Pass a JSON array of account ids (Cloud) or user names (Data Center), e.g. ["bob"].',
    );
  }
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string" && p.trim())) {
    throw new ToolError(
      "request_participants must be a list of account ids or user names.",
      'Pass e.g. ["bob"] or "bob,carol".',
    );
  }
  return parsed.map((p: string) => p.trim());
}

/** Creates the request once, finding it through a search when the answer was lost. */
async function createOnce(
  client: HttpClient,
  body: NewRequest,
  projectKey: string,
): Promise<{ request: CustomerRequest; recovered?: string }> {
  const summary = body.requestFieldValues.summary;
  const { value, recovered } = await writeOnce<CustomerRequest | { key: string }>(
    () => createRequest(client, body),
    {
      verdict: "Not created",
      missing: `no request "${summary ?? ""}" raised by you exists in ${projectKey}`,
      find: async (startedAt) =>
        typeof summary === "string"
          ? theOne(
            await findCreatedIssues(client, projectKey, summary, startedAt),
            `requests "${summary}" by you`,
          )
          : unclear("A request without a summary cannot be looked up"),
      consistent: false,
    },
  );
  if ("issueKey" in value) return { request: value };
  const read = await readBack(() => getRequest(client, value.key));
  return { request: read.value ?? { issueId: "", issueKey: value.key }, recovered };
}

/** Uploads and attaches the files; a failure becomes a warning (the request exists). */
async function attachFiles(
  client: HttpClient,
  deskId: string,
  key: string,
  files: UploadFile[],
): Promise<string | undefined> {
  try {
    const ids = await attachTemporaryFiles(client, deskId, files);
    await attachToRequest(client, key, ids, true);
    return undefined;
  } catch (error) {
    if (!(error instanceof AtlassianError)) throw error;
    return `${key} was created, but attaching the files failed: ${error.message}`;
  }
}

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
      const refused = error instanceof AtlassianError &&
        (error.status === 400 || error.status === 403) &&
        ON_BEHALF_REFUSAL.test(error.messages.join(" "));
      if (!refused || !args.raise_on_behalf_of || args.strict_on_behalf) throw error;
      warnings.push(
        `Raising on behalf of "${args.raise_on_behalf_of}" was refused (${error.message}); the request was raised as you instead.`,
      );
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
