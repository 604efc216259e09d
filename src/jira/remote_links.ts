/**
 * Remote issue links: web pages, pull requests, tickets elsewhere, linked from an issue.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraRemoteLink } from "./types.ts";

/** The answer of an issue's remote links: a list (a single link when asked by global id). */
const REMOTE_LINKS_ANSWER = z.union([z.array(z.looseObject({})), z.looseObject({})]).describe(
  "an issue's remote links",
);

/** The answer of a remote link create: its id (a number). */
const CREATED_REMOTE_LINK = objectAnswer("the created remote link", {
  id: z.union([z.number(), z.string()]),
});

/** The request body of `POST issue/{key}/remotelink`. */
export interface NewRemoteLink {
  relationship?: string;
  object: {
    url: string;
    title: string;
    summary?: string;
    icon?: { url16x16: string; title?: string };
  };
}

/** A remote link as shown to the assistant. */
export interface RemoteLinkView {
  title?: string;
  url?: string;
  /** How the issue relates to the linked item, e.g. "mentioned in". */
  relationship?: string;
}

/** Reads every remote link of an issue (`GET issue/{key}/remotelink`; v3 on Cloud, v2 on DC). */
export async function getRemoteLinks(client: HttpClient, key: string): Promise<JiraRemoteLink[]> {
  const answer = await client.get<JiraRemoteLink[] | JiraRemoteLink | undefined>(
    `${apiRoot(client.service)}${path`/issue/${key}/remotelink`}`,
    undefined,
    { expect: REMOTE_LINKS_ANSWER },
  );
  if (Array.isArray(answer)) return answer;
  return answer ? [answer] : [];
}

/**
 * Adds a remote link to an issue (`POST issue/{key}/remotelink`; v3 on Cloud, v2 on DC). Without
 * a `globalId` Jira always creates a new link; answers with the new link's id.
 */
export async function createRemoteLink(
  client: HttpClient,
  key: string,
  link: NewRemoteLink,
): Promise<string> {
  const answer = await client.post<{ id: number | string }>(
    `${apiRoot(client.service)}${path`/issue/${key}/remotelink`}`,
    link,
    undefined,
    { expect: CREATED_REMOTE_LINK },
  );
  return String(answer.id);
}

/** Trims a remote link to its title, URL and relationship. */
export function remoteLinkView(link: JiraRemoteLink): RemoteLinkView {
  return {
    title: link.object?.title,
    url: link.object?.url,
    relationship: link.relationship,
  };
}
