/**
 * An issue's change history, read with `expand=changelog` on the issue itself (Jira Data Center
 * has no separate changelog endpoint).
 *
 * @module
 */
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
