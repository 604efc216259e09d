/**
 * The steps of `jira_create_customer_request`: reading `request_participants`, creating the
 * request exactly once, recognising a refused `raise_on_behalf_of`, attaching the files.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import { AtlassianError, type HttpClient } from "../../../http/mod.ts";
import { findCreatedIssues } from "../../../jira/issues.ts";
import {
  attachTemporaryFiles,
  attachToRequest,
  createRequest,
  type CustomerRequest,
  getRequest,
  type NewRequest,
  type UploadFile,
} from "../../../jira/service_desk.ts";
import { readBack } from "../../read_back.ts";
import { theOne, unclear, writeOnce } from "../../reconcile.ts";
import { commaList } from "../../schemas.ts";

/** Words of Atlassian's refusals that mean the on-behalf customer was the problem (as in Python). */
const ON_BEHALF_REFUSAL =
  /raiseonbehalfof|on behalf|unknown user|user does not exist|invalid customer|customer account|permission to raise/i;

/** `request_participants`: a JSON array of strings, or a comma-separated list. */
export function participantsOf(raw: string | undefined): string[] | undefined {
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
export async function createOnce(
  client: HttpClient,
  body: NewRequest,
  projectKey: string,
): Promise<{ request: CustomerRequest; recovered?: string }> {
  const summary = body.requestFieldValues.summary;
  const { value, recovered } = await writeOnce<CustomerRequest | { id: string; key: string }>(
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
  return { request: read.value ?? { issueId: value.id, issueKey: value.key }, recovered };
}

/** Uploads and attaches the files; a failure becomes a warning (the request exists). */
export async function attachFiles(
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
    if (error.mayHaveReachedServer) {
      return `${key} was created, but the answer about its files was lost (${error.message}): they may or may not be attached; check the attachments of ${key} before sending them again.`;
    }
    return `${key} was created, but attaching the files failed: ${error.message}`;
  }
}

/**
 * Atlassian's words when it refused a create because of its on-behalf customer (a 400 or 403
 * that says so), else undefined.
 */
export function onBehalfRefused(error: unknown): string | undefined {
  if (!(error instanceof AtlassianError) || (error.status !== 400 && error.status !== 403)) {
    return undefined;
  }
  const words = error.messages.join(" ");
  return ON_BEHALF_REFUSAL.test(words) ? words : undefined;
}
