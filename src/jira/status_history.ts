/**
 * An issue's dates and status history for the metrics tools: `GET issue/{key}` with
 * `expand=changelog`, and on Cloud, where the issue embeds at most 100 histories, the rest from
 * `GET issue/{key}/changelog` (every page). Data Center embeds the whole changelog and has no
 * paging route. Status categories come from `GET status`.
 *
 * @module
 */
import { z } from "zod";
import { type HttpClient, listAnswer, paginateStartAt, path } from "../http/mod.ts";
import { getIssue } from "./issues.ts";
import type { IssueTimeline, StatusChange } from "./metrics.ts";
import { apiRoot } from "./rich.ts";
import type { JiraHistory, JiraHistoryItem } from "./types.ts";
import { userName } from "./users.ts";

/** The fields the metrics read. */
const DATE_FIELDS = ["status", "created", "updated", "duedate", "resolutiondate"];

/** The raw dates of an issue as Jira wrote them, and its timeline. */
export interface IssueDates {
  key: string;
  created: string;
  updated?: string;
  dueDate?: string;
  resolutionDate?: string;
  timeline: IssueTimeline;
  /** How many changelog entries were read. */
  histories: number;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function own(item: JiraHistoryItem, key: string): string | undefined {
  return Object.hasOwn(item, key) ? text(item[key]) : undefined;
}

/** The status changes in changelog entries. */
function statusChanges(histories: JiraHistory[]): StatusChange[] {
  const out: StatusChange[] = [];
  for (const h of histories) {
    const at = Date.parse(h.created ?? "");
    if (Number.isNaN(at)) continue;
    for (const item of h.items ?? []) {
      if (item.fieldId !== "status" && item.field !== "status") continue;
      const to = own(item, "toString");
      if (to) out.push({ at, from: own(item, "fromString"), to, by: userName(h.author) });
    }
  }
  return out;
}

/** Reads the whole changelog through the Cloud paging route. */
async function pagedChangelog(client: HttpClient, key: string): Promise<JiraHistory[]> {
  const out: JiraHistory[] = [];
  for await (
    const h of paginateStartAt<JiraHistory>(
      client,
      `${apiRoot(client.service)}${path`/issue/${key}/changelog`}`,
      { itemsKey: "values", pageSize: 100 },
    )
  ) out.push(h);
  return out;
}

/** Reads an issue's dates and its complete status history. */
export async function readIssueDates(client: HttpClient, key: string): Promise<IssueDates> {
  const issue = await getIssue(client, key, { fields: DATE_FIELDS, expand: "changelog" });
  const log = issue.changelog as { histories?: JiraHistory[]; total?: number } | undefined;
  let histories = log?.histories ?? [];
  if (
    client.service.deployment === "cloud" && typeof log?.total === "number" &&
    log.total > histories.length
  ) {
    histories = await pagedChangelog(client, issue.key);
  }
  const f = issue.fields;
  const created = text(f.created) ?? "";
  const resolutionDate = text(f.resolutiondate);
  const status = f.status as { name?: string } | undefined;
  return {
    key: issue.key,
    created,
    updated: text(f.updated),
    dueDate: text(f.duedate),
    resolutionDate,
    histories: histories.length,
    timeline: {
      created: Date.parse(created),
      resolved: resolutionDate ? Date.parse(resolutionDate) : undefined,
      dueDate: text(f.duedate),
      currentStatus: status?.name ?? "Unknown",
      changes: statusChanges(histories),
    },
  };
}

const STATUS_LIST = listAnswer("the statuses", { name: z.string() });

/** Status names (lower case) mapped to their category key (`new`, `indeterminate`, `done`). */
export async function statusCategories(client: HttpClient): Promise<Map<string, string>> {
  const list = await client.get<{ name: string; statusCategory?: { key?: string } }[]>(
    `${apiRoot(client.service)}/status`,
    undefined,
    { expect: STATUS_LIST },
  );
  return new Map(list.map((s) => [s.name.toLowerCase(), s.statusCategory?.key ?? ""]));
}
