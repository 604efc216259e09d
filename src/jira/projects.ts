/**
 * Project metadata needed to create issues: issue types per project.
 *
 * @module
 */
import { type HttpClient, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraIssueType } from "./types.ts";

/** Lists the issue types that can be created in a project (`createmeta/{project}/issuetypes`). */
export async function getCreateIssueTypes(
  client: HttpClient,
  projectKey: string,
): Promise<JiraIssueType[]> {
  const answer = await client.get<{ issueTypes?: JiraIssueType[]; values?: JiraIssueType[] }>(
    `${apiRoot(client.service)}${path`/issue/createmeta/${projectKey}/issuetypes`}`,
    { maxResults: 100 },
  );
  return answer.issueTypes ?? answer.values ?? [];
}
