/**
 * Jira issue endpoints: read, create, update.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import { searchIssues } from "./search.ts";
import type { JiraIssue } from "./types.ts";

/** Options of `GET issue/{key}`. */
export interface GetIssueOptions {
  fields?: string[];
  expand?: string;
  properties?: string;
  updateHistory?: boolean;
}

/** Reads one issue. */
export function getIssue(
  client: HttpClient,
  key: string,
  options: GetIssueOptions = {},
): Promise<JiraIssue> {
  return client.get<JiraIssue>(`${apiRoot(client.service)}${path`/issue/${key}`}`, {
    fields: options.fields?.join(","),
    expand: options.expand,
    properties: options.properties,
    updateHistory: options.updateHistory,
  }, { expect: objectAnswer("an issue", { key: z.string(), fields: z.looseObject({}) }) });
}

/** Creates an issue from a `fields` object; answers with its id and key. */
export function createIssue(
  client: HttpClient,
  fields: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  return client.post(`${apiRoot(client.service)}/issue`, { fields }, undefined, {
    expect: objectAnswer("the created issue", { id: z.string(), key: z.string() }),
  });
}

/** Updates fields of an issue (`PUT issue/{key}`); Jira answers 204. */
export async function updateIssue(
  client: HttpClient,
  key: string,
  body: { fields?: Record<string, unknown>; update?: Record<string, unknown> },
): Promise<void> {
  await client.put(`${apiRoot(client.service)}${path`/issue/${key}`}`, body, undefined, {
    expect: NO_CONTENT,
  });
}

/**
 * The issue this user created in `projectKey` within the last ten minutes with exactly this
 * summary, if any: how a create whose answer was lost is found.
 */
export async function findCreatedIssue(
  client: HttpClient,
  projectKey: string,
  summary: string,
): Promise<{ id: string; key: string } | undefined> {
  // Text search words only: the reserved characters of JQL text search become spaces.
  const words = summary.replace(/[+\-&|!(){}[\]^~*?\\:"\/]/g, " ").trim();
  const page = await searchIssues(client, {
    jql: `project = "${projectKey}" AND creator = currentUser() AND created >= "-10m" ` +
      `${words ? `AND summary ~ "${words}" ` : ""}ORDER BY created DESC`,
    fields: ["summary"],
    limit: 20,
  });
  const hit = page.issues.find((issue) => issue.fields?.summary === summary);
  return hit && { id: String(hit.id), key: hit.key };
}
