/**
 * Issue links between two issues ("DEMO-1 blocks DEMO-2") and their types.
 *
 * Jira's direction: a link created with `inwardIssue: A, outwardIssue: B` and type "Blocks"
 * (outward "blocks", inward "is blocked by") reads "A blocks B". A's `issuelinks` then hold
 * `{outwardIssue: B}`, B's hold `{inwardIssue: A}`, and `GET issueLink/{id}` names both ends
 * the way they were created.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../errors.ts";
import { type HttpClient, NO_CONTENT, objectAnswer, path } from "../http/mod.ts";
import { getIssue } from "./issues.ts";
import { apiRoot } from "./rich.ts";
import type { JiraIssueLink, JiraIssueLinkType } from "./types.ts";

/** The answer of `GET issueLinkType`. */
const LINK_TYPES_ANSWER = objectAnswer("the issue link types", {
  issueLinkTypes: z.array(z.looseObject({ id: z.string(), name: z.string() })),
});

/** The answer of `GET issueLink/{id}`: both ends and the type. */
const LINK_ANSWER = objectAnswer("an issue link", {
  id: z.string(),
  type: z.looseObject({ id: z.string(), name: z.string() }),
  inwardIssue: z.looseObject({ key: z.string() }),
  outwardIssue: z.looseObject({ key: z.string() }),
});

/**
 * The answer of `POST issueLink`: Jira documents "nothing" (a 201 without a body); an empty JSON
 * object is accepted too, anything else is not its answer.
 */
const LINK_CREATED = z.union([z.undefined(), z.looseObject({})]).describe(
  "an empty answer to a link create",
);

/** A link type as shown to the assistant. */
export interface LinkTypeView {
  id: string;
  name: string;
  /** How the link reads from its inward issue: "DEMO-1 blocks DEMO-2". */
  outward?: string;
  /** How it reads from its outward issue: "DEMO-2 is blocked by DEMO-1". */
  inward?: string;
}

/** A link between two issues as shown to the assistant. */
export interface LinkView {
  id: string;
  type: string;
  inward_issue: string;
  outward_issue: string;
  /** The link as a sentence: "DEMO-1 blocks DEMO-2". */
  reads: string;
}

/** Lists the issue link types of the site (`GET issueLinkType`). */
export async function getLinkTypes(client: HttpClient): Promise<JiraIssueLinkType[]> {
  const answer = await client.get<{ issueLinkTypes: JiraIssueLinkType[] }>(
    `${apiRoot(client.service)}/issueLinkType`,
    undefined,
    { expect: LINK_TYPES_ANSWER },
  );
  return answer.issueLinkTypes;
}

/** Trims a link type to its id, name and the two ways it reads. */
export function linkTypeView(type: JiraIssueLinkType): LinkTypeView {
  return { id: type.id, name: type.name, outward: type.outward, inward: type.inward };
}

/** A link type chosen for a request, and whether the two issues trade places. */
export interface ChosenLinkType {
  type: JiraIssueLinkType;
  /** True when `wanted` was the type's inward phrase ("is blocked by"): the ends swap. */
  swap: boolean;
}

/**
 * Finds the link type `wanted` names: its name or id (any case), else its outward phrase
 * ("blocks"), else its inward phrase ("is blocked by", which reverses the link). Unknown names
 * are refused, listing the site's types.
 */
export function chooseLinkType(types: JiraIssueLinkType[], wanted: string): ChosenLinkType {
  const w = wanted.trim().toLowerCase();
  const byName = types.find((t) => t.name.toLowerCase() === w || t.id === wanted.trim());
  if (byName) return { type: byName, swap: false };
  const outward = types.filter((t) => t.outward?.toLowerCase() === w);
  if (outward.length === 1) return { type: outward[0], swap: false };
  const inward = types.filter((t) => t.inward?.toLowerCase() === w);
  if (inward.length === 1 && !outward.length) return { type: inward[0], swap: true };
  throw new ToolError(
    `No issue link type is named "${wanted}".`,
    `Use one of: ${types.map((t) => t.name).join(", ")} (see jira_get_link_types).`,
  );
}

/** The request body of `POST issueLink`. */
export interface NewIssueLink {
  type: { id: string };
  inwardIssue: { key: string };
  outwardIssue: { key: string };
  /** Rich text already in the deployment's format (ADF on Cloud v3, wiki markup on v2). */
  comment?: { body: unknown; visibility?: { type: string; value: string } };
}

/** Links two issues (`POST issueLink`); Jira answers 201 without a body. */
export async function createIssueLink(client: HttpClient, link: NewIssueLink): Promise<void> {
  await client.post(`${apiRoot(client.service)}/issueLink`, link, undefined, {
    expect: LINK_CREATED,
  });
}

/** Reads one issue link with both its ends (`GET issueLink/{id}`). */
export function getIssueLink(client: HttpClient, id: string): Promise<JiraIssueLink> {
  return client.get<JiraIssueLink>(
    `${apiRoot(client.service)}${path`/issueLink/${id}`}`,
    undefined,
    { expect: LINK_ANSWER },
  );
}

/** Deletes an issue link (`DELETE issueLink/{id}`); Jira answers 204. */
export async function deleteIssueLink(client: HttpClient, id: string): Promise<void> {
  await client.delete(`${apiRoot(client.service)}${path`/issueLink/${id}`}`, undefined, {
    expect: NO_CONTENT,
  });
}

/** The links of one issue, from its `issuelinks` field (only the other end of each is set). */
export async function linksOf(client: HttpClient, key: string): Promise<JiraIssueLink[]> {
  const issue = await getIssue(client, key, { fields: ["issuelinks"], updateHistory: false });
  const links = issue.fields.issuelinks;
  return Array.isArray(links) ? links as JiraIssueLink[] : [];
}

/**
 * The link of type `typeId` from `inwardKey` to `outwardKey` among the inward issue's links
 * (where it shows as `{outwardIssue: outwardKey}`), with both ends filled in.
 */
export function findLink(
  linksOfInward: JiraIssueLink[],
  typeId: string,
  inwardKey: string,
  outwardKey: string,
): JiraIssueLink | undefined {
  const link = linksOfInward.find((l) =>
    l.type?.id === typeId && l.outwardIssue?.key.toUpperCase() === outwardKey.toUpperCase()
  );
  return link && { ...link, inwardIssue: { key: inwardKey }, outwardIssue: link.outwardIssue };
}

/** A link as a sentence, read from its inward issue: "DEMO-1 blocks DEMO-2". */
export function linkSentence(link: JiraIssueLink): string {
  const verb = link.type.outward ?? link.type.name;
  return `${link.inwardIssue?.key} ${verb} ${link.outwardIssue?.key}`;
}

/** Trims a link with both ends to its id, type, ends and the sentence it reads as. */
export function linkView(link: JiraIssueLink): LinkView {
  return {
    id: link.id,
    type: link.type.name,
    inward_issue: link.inwardIssue?.key ?? "",
    outward_issue: link.outwardIssue?.key ?? "",
    reads: linkSentence(link),
  };
}
