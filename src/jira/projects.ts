/**
 * Project metadata needed to create issues: issue types per project.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraIssueType } from "./types.ts";

/** The answer of `createmeta/{project}/issuetypes` (`issueTypes` on older sites, else `values`). */
const ISSUE_TYPES_ANSWER = objectAnswer("the issue types of a project", {
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
  values: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
}).refine((a) => a.issueTypes || a.values, "it has no issueTypes or values list");

/** Lists the issue types that can be created in a project (`createmeta/{project}/issuetypes`). */
export async function getCreateIssueTypes(
  client: HttpClient,
  projectKey: string,
): Promise<JiraIssueType[]> {
  const answer = await client.get<{ issueTypes?: JiraIssueType[]; values?: JiraIssueType[] }>(
    `${apiRoot(client.service)}${path`/issue/createmeta/${projectKey}/issuetypes`}`,
    { maxResults: 100 },
    {
      expect: ISSUE_TYPES_ANSWER,
    },
  );
  return answer.issueTypes ?? answer.values ?? [];
}
