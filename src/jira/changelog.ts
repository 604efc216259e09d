/**
 * An issue's change history, read with `expand=changelog` on the issue itself (Jira Data Center
 * has no separate changelog endpoint), and on Cloud many issues' histories at once
 * (`POST changelog/bulkfetch`).
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, objectAnswer } from "../http/mod.ts";
import type { JiraHistory, JiraHistoryItem } from "./types.ts";
import { userName } from "./users.ts";

/** One changelog entry as shown to the assistant: who changed which fields when. */
export interface HistoryView {
  created?: string;
  author?: string;
  items: { field?: string; from?: string; to?: string }[];
}

/** The `expand` value that also asks for the changelog. */
export function expandWithChangelog(expand: string | undefined): string {
  const parts = (expand ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return parts.includes("changelog") ? parts.join(",") : [...parts, "changelog"].join(",");
}

// JSON items without `toString` would otherwise answer Object.prototype.toString.
function own(item: JiraHistoryItem, key: string): string | undefined {
  const value = Object.hasOwn(item, key) ? item[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Trims the changelog to its entries, oldest first, with the texts of old and new values. */
export function changelogView(histories: JiraHistory[] | undefined): HistoryView[] {
  return [...(histories ?? [])]
    .sort((a, b) => (a.created ?? "").localeCompare(b.created ?? ""))
    .map((h) => ({
      created: h.created,
      author: userName(h.author),
      items: (h.items ?? []).map((item) => ({
        field: own(item, "field") ?? own(item, "fieldId"),
        from: own(item, "fromString") ?? own(item, "from"),
        to: own(item, "toString") ?? own(item, "to"),
      })),
    }));
}

/** One page of `POST changelog/bulkfetch`. */
const BULK_CHANGELOG_PAGE = objectAnswer("a page of changelogs", {
  issueChangeLogs: z.array(z.looseObject({ issueId: z.string() })).optional(),
  nextPageToken: z.string().nullish(),
});

interface BulkChangelogPage {
  issueChangeLogs?: { issueId: string; changeHistories?: JiraHistory[] }[];
  nextPageToken?: string | null;
}

/** Most field ids one `changelog/bulkfetch` request filters by (Jira's limit). */
export const MAX_BULK_CHANGELOG_FIELDS = 10;

/** Safety bound on pages read, so a server that keeps answering a token cannot loop forever. */
const MAX_PAGES = 200;

/**
 * The change histories of many issues (Cloud only), every page read: issue id to its histories.
 * Issues that do not exist or cannot be browsed are left out by Jira.
 */
export async function bulkFetchChangelogs(
  client: HttpClient,
  issueIdsOrKeys: string[],
  fieldIds: string[],
): Promise<Map<string, JiraHistory[]>> {
  const out = new Map<string, JiraHistory[]>();
  let nextPageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.request<BulkChangelogPage>({
      method: "POST",
      path: "/rest/api/3/changelog/bulkfetch",
      body: {
        issueIdsOrKeys,
        ...(fieldIds.length ? { fieldIds } : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
      },
      expect: BULK_CHANGELOG_PAGE,
      readOnly: true, // a fetch changes nothing: retried like a read
    });
    for (const log of answer.issueChangeLogs ?? []) {
      out.set(log.issueId, [...(out.get(log.issueId) ?? []), ...(log.changeHistories ?? [])]);
    }
    nextPageToken = answer.nextPageToken ?? undefined;
    if (!nextPageToken) break;
  }
  return out;
}
