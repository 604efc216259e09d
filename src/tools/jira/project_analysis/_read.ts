/**
 * Reading every issue a project analysis looks at: all pages of a JQL search up to a bound, with
 * a progress notification before each page, and whether more issues exist past the bound.
 *
 * @module
 */
import type { HttpClient } from "../../../http/mod.ts";
import { paginateSearch, SEARCH_PAGE_SIZE } from "../../../jira/search.ts";
import type { JiraIssue } from "../../../jira/types.ts";
import type { Progress } from "../../define.ts";

/** The fields the analyses read. */
export const LINK_FIELDS = ["summary", "status", "issuetype", "issuelinks", "parent"];

/** Issues read, and whether the bound stopped the reading. */
export interface ReadIssues {
  issues: JiraIssue[];
  more: boolean;
}

/**
 * Reads up to `bound` issues of a search (one more is asked for, to tell whether more exist).
 * Progress is sent before each page request, never right before the answer.
 */
export async function readBounded(
  client: HttpClient,
  jql: string,
  bound: number,
  progress: Progress | undefined,
  what: string,
): Promise<ReadIssues> {
  const issues: JiraIssue[] = [];
  const pages = paginateSearch(client, { jql, fields: LINK_FIELDS, limit: bound + 1 });
  while (true) {
    if (issues.length % SEARCH_PAGE_SIZE === 0 && issues.length < bound) {
      await progress?.(issues.length, bound, `Read ${issues.length} ${what} so far`);
    }
    const next = await pages.next();
    if (next.done) return { issues, more: false };
    if (issues.length === bound) {
      await pages.return();
      return { issues, more: true };
    }
    issues.push(next.value);
  }
}
