/**
 * Remote issue links: web pages, pull requests, tickets elsewhere, linked from an issue.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, path } from "../http/mod.ts";
import { apiRoot } from "./rich.ts";
import type { JiraRemoteLink } from "./types.ts";

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
    {
      expect: z.union([z.array(z.looseObject({})), z.looseObject({})]).describe(
        "an issue's remote links",
      ),
    },
  );
  if (Array.isArray(answer)) return answer;
  return answer ? [answer] : [];
}

/** Trims a remote link to its title, URL and relationship. */
export function remoteLinkView(link: JiraRemoteLink): RemoteLinkView {
  return {
    title: link.object?.title,
    url: link.object?.url,
    relationship: link.relationship,
  };
}
