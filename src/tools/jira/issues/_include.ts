/**
 * The `include` parameter of `jira_get_issue`: extra sections read next to the issue, each
 * trimmed, each allowed to fail on its own (the reason goes under `<section>_unavailable`).
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";
import type { HttpClient } from "../../../http/mod.ts";
import { getRemoteLinks, remoteLinkView } from "../../../jira/remote_links.ts";
import { getTransitions, transitionView } from "../../../jira/transitions.ts";
import { getWatchers, watchersView } from "../../../jira/watchers.ts";
import { getWorklogs, worklogView } from "../../../jira/worklog.ts";
import { readBack } from "../../read_back.ts";
import { commaList } from "../../schemas.ts";

/** Every section `include` names (`all` means all of them). */
export const INCLUDE_SECTIONS = [
  "remote_links",
  "transitions",
  "watchers",
  "changelog",
  "comments",
  "worklogs",
] as const;

/** One includable section. */
export type IncludeSection = typeof INCLUDE_SECTIONS[number];

const ALIASES: Readonly<Record<string, IncludeSection>> = {
  comment: "comments",
  worklog: "worklogs",
};

/** Parses `include` (comma-separated, case-insensitive, with aliases); unknown names are refused. */
export function parseInclude(value: string | undefined): Set<IncludeSection> {
  const wanted = new Set<IncludeSection>();
  const unknown: string[] = [];
  for (const raw of commaList(value)) {
    const name = raw.toLowerCase();
    if (name === "all") INCLUDE_SECTIONS.forEach((s) => wanted.add(s));
    else if ((INCLUDE_SECTIONS as readonly string[]).includes(name)) {
      wanted.add(name as IncludeSection);
    } else if (ALIASES[name]) wanted.add(ALIASES[name]);
    else unknown.push(raw);
  }
  if (unknown.length) {
    throw new ToolError(
      `include has unknown section${unknown.length > 1 ? "s" : ""} ${
        unknown.map((u) => `"${u}"`).join(", ")
      }; accepted: all, ${INCLUDE_SECTIONS.join(", ")} (aliases: comment, worklog).`,
      "Pass a comma-separated list of the accepted sections, e.g. 'transitions,watchers'.",
    );
  }
  return wanted;
}

type Fetched = Exclude<IncludeSection, "changelog" | "comments">;

/** Sections that need their own request: what failed is named in the note. */
const READERS: Readonly<
  Record<Fetched, { what: string; read: (client: HttpClient, key: string) => Promise<unknown> }>
> = {
  remote_links: {
    what: "Remote links",
    read: async (client, key) => (await getRemoteLinks(client, key)).map(remoteLinkView),
  },
  transitions: {
    what: "Transitions",
    read: async (client, key) => (await getTransitions(client, key)).map(transitionView),
  },
  watchers: {
    what: "Watchers",
    read: async (client, key) => watchersView(await getWatchers(client, key)),
  },
  worklogs: {
    what: "Worklogs",
    read: async (client, key) =>
      (await getWorklogs(client, key)).map((w) => worklogView(client.service, w)),
  },
};

/**
 * Reads the included sections that have their own endpoint, in parallel. Each lands under its
 * name, or its failure under `<name>_unavailable`; nothing here throws.
 */
export async function readSections(
  client: HttpClient,
  key: string,
  include: ReadonlySet<IncludeSection>,
): Promise<Record<string, unknown>> {
  const wanted = (Object.keys(READERS) as Fetched[]).filter((s) => include.has(s));
  const results = await Promise.all(
    wanted.map((s) =>
      readBack(() => READERS[s].read(client, key), `${READERS[s].what} could not be read`)
    ),
  );
  const out: Record<string, unknown> = {};
  wanted.forEach((section, i) => {
    const result = results[i];
    if (result.note === undefined) out[section] = result.value;
    else out[`${section}_unavailable`] = result.note;
  });
  return out;
}
