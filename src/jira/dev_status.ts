/**
 * The development panel of an issue (pull requests, branches, repositories and commits of the
 * development tools connected to Jira) through `/rest/dev-status/1.0/issue/summary` and
 * `/issue/detail`: an internal API that Jira's own issue view uses on Cloud and Data Center alike
 * and that Atlassian does not document (it may change without notice).
 *
 * @module
 */
import { z } from "zod";
import { AtlassianError, type HttpClient, objectAnswer } from "../http/mod.ts";
import { getIssue } from "./issues.ts";

/** The data types of `issue/detail` the tools read (commits come with repositories). */
export const DEV_DATA_TYPES = ["pullrequest", "branch", "repository"] as const;

/** A data type of `issue/detail`. */
export type DevDataType = typeof DEV_DATA_TYPES[number];

const SUMMARY = objectAnswer("a development summary", { summary: z.looseObject({}).optional() });
const DETAIL = objectAnswer("development details", { detail: z.array(z.looseObject({})) });

interface Person {
  name?: string;
}

interface DetailEntry {
  pullRequests?: {
    id?: string;
    name?: string;
    url?: string;
    status?: string;
    author?: Person;
    source?: { branch?: string };
    destination?: { branch?: string };
    lastUpdate?: string;
  }[];
  branches?: { name?: string; url?: string; repository?: { name?: string } }[];
  repositories?: {
    name?: string;
    url?: string;
    commits?: {
      displayId?: string;
      id?: string;
      message?: string;
      author?: Person;
      authorTimestamp?: string;
      url?: string;
    }[];
  }[];
  _instance?: { name?: string; type?: string };
}

/** An issue's development information, trimmed. */
export interface DevInfo {
  pull_requests: Record<string, unknown>[];
  branches: Record<string, unknown>[];
  repositories: Record<string, unknown>[];
  /** Set when nothing is linked or the panel is not available. */
  note?: string;
}

/** The note of an issue with no development information. */
const NO_DEV_TOOL =
  "No development tool (GitHub, Bitbucket, GitLab, ...) has linked anything to this issue, or none is connected to this Jira.";

const BASE = "/rest/dev-status/1.0/issue";

/** The connected tools (`applicationType`s) with something linked to the issue. */
async function connectedTypes(client: HttpClient, issueId: string): Promise<string[]> {
  const answer = await client.get<{ summary?: Record<string, unknown> }>(
    `${BASE}/summary`,
    { issueId },
    { expect: SUMMARY },
  );
  const types = new Set<string>();
  for (const part of Object.values(answer.summary ?? {})) {
    const byType = (part as { byInstanceType?: Record<string, { count?: number }> })
      ?.byInstanceType;
    for (const [type, entry] of Object.entries(byType ?? {})) {
      if ((entry?.count ?? 0) > 0) types.add(type);
    }
  }
  return [...types];
}

function view(entry: DetailEntry): DevInfo {
  const tool = entry._instance?.name ?? entry._instance?.type;
  return {
    pull_requests: (entry.pullRequests ?? []).map((p) => ({
      id: p.id,
      title: p.name,
      url: p.url,
      status: p.status,
      author: p.author?.name,
      source_branch: p.source?.branch,
      target_branch: p.destination?.branch,
      last_update: p.lastUpdate,
      tool,
    })),
    branches: (entry.branches ?? []).map((b) => ({
      name: b.name,
      url: b.url,
      repository: b.repository?.name,
      tool,
    })),
    repositories: (entry.repositories ?? []).map((r) => ({
      name: r.name,
      url: r.url,
      tool,
      commits: (r.commits ?? []).map((c) => ({
        id: c.displayId ?? c.id,
        message: c.message,
        author: c.author?.name,
        date: c.authorTimestamp,
        url: c.url,
      })),
    })),
  };
}

/**
 * The development information of one issue: its id from `GET issue/{key}`, the connected tools
 * from the summary (or only `applicationType` when given), then each tool's details for each data
 * type (or only `dataType`). A site without the panel (404 from dev-status) answers with a note.
 * `checkIssue` sees the issue's current key (a moved issue answers to its old one) before any
 * development data is read, and throws to stop.
 */
export async function readDevInfo(
  client: HttpClient,
  key: string,
  only: { applicationType?: string; dataType?: DevDataType },
  checkIssue: (currentKey: string) => void,
): Promise<DevInfo> {
  const issue = await getIssue(client, key, { fields: ["summary"] });
  checkIssue(issue.key);
  const out: DevInfo = { pull_requests: [], branches: [], repositories: [] };
  let types: string[];
  try {
    types = only.applicationType ? [only.applicationType] : await connectedTypes(client, issue.id);
  } catch (error) {
    if (error instanceof AtlassianError && error.status === 404) {
      return { ...out, note: `${NO_DEV_TOOL} (Jira answered 404 for the development panel.)` };
    }
    throw error;
  }
  for (const applicationType of types) {
    for (const dataType of only.dataType ? [only.dataType] : DEV_DATA_TYPES) {
      const answer = await client.get<{ detail: DetailEntry[] }>(
        `${BASE}/detail`,
        { issueId: issue.id, applicationType, dataType },
        { expect: DETAIL },
      );
      for (const entry of answer.detail) {
        const v = view(entry);
        out.pull_requests.push(...v.pull_requests);
        out.branches.push(...v.branches);
        out.repositories.push(...v.repositories);
      }
    }
  }
  if (!out.pull_requests.length && !out.branches.length && !out.repositories.length) {
    out.note = NO_DEV_TOOL;
  }
  return out;
}
