/**
 * Time tracking around worklogs, for both flavours: the `adjustEstimate` options of
 * `POST issue/{key}/worklog` and the `timetracking` field of `PUT issue/{key}` (original and
 * remaining estimate, in Jira's duration notation, with the fake's 8h day and 5d week).
 *
 * @module
 */
import { type Ctx, jiraFail } from "./_http.ts";
import { findIssue, parseDuration, postWorklog } from "./_jira.ts";
import type { Issue } from "./_model.ts";

/** Jira's error for an unreadable estimate, by the `timetracking` key it was given under. */
const BAD_ESTIMATE: Record<string, string> = {
  originalEstimate: "The original estimate specified is not valid.",
  remainingEstimate: "The remaining estimate specified is not valid.",
};

/**
 * Applies a `timetracking` field value (`{originalEstimate?, remainingEstimate?}`) to a draft
 * issue; problems go to `errors` under Jira's keys. As on Jira, setting only the original
 * estimate of an issue without a remaining estimate sets both.
 */
export function setTimetracking(
  draft: Issue,
  value: unknown,
  errors: Record<string, string>,
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    errors.timetracking = "Operation value must be an object";
    return;
  }
  const next = { ...draft.timetracking };
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!(name in BAD_ESTIMATE)) continue;
    const seconds = typeof raw === "string" ? parseDuration(raw) : null;
    if (seconds === null) {
      errors[`timetracking_${name.toLowerCase()}`] = BAD_ESTIMATE[name];
      return;
    }
    next[name as "originalEstimate" | "remainingEstimate"] = seconds;
  }
  if (next.originalEstimate !== undefined && next.remainingEstimate === undefined) {
    next.remainingEstimate = next.originalEstimate;
  }
  draft.timetracking = next;
}

/**
 * POST issue/{issueIdOrKey}/worklog with Jira's estimate options: `adjustEstimate=new` sets the
 * remaining estimate to `newEstimate`, `leave` keeps it, `manual` reduces it by `reduceBy`, and
 * `auto` (the default) reduces it by the time logged, never below zero.
 */
export function postWorklogAdjusting(ctx: Ctx): Response {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  const adjust = ctx.query.get("adjustEstimate") ?? "auto";
  const estimate = (param: string, message: string) => {
    const raw = ctx.query.get(param);
    const seconds = raw === null ? null : parseDuration(raw);
    if (seconds === null) jiraFail(400, [], { [param]: message });
    return seconds;
  };
  let remaining: number | undefined;
  switch (adjust) {
    case "new":
      remaining = estimate("newEstimate", "You must supply a valid new estimate.");
      break;
    case "manual":
      remaining = Math.max(
        0,
        (issue.timetracking?.remainingEstimate ?? 0) -
          estimate("reduceBy", "You must supply a valid amount to reduce the estimate by."),
      );
      break;
    case "leave":
    case "auto":
      break;
    default:
      jiraFail(400, [], {
        adjustEstimate:
          `Invalid value '${adjust}' for adjustEstimate: use new, leave, manual or auto.`,
      });
  }
  const answer = postWorklog(ctx);
  const logged = issue.worklogs.at(-1)!.timeSpentSeconds;
  if (remaining !== undefined) {
    issue.timetracking = { ...issue.timetracking, remainingEstimate: remaining };
  } else if (adjust === "auto" && issue.timetracking?.remainingEstimate !== undefined) {
    issue.timetracking = {
      ...issue.timetracking,
      remainingEstimate: Math.max(0, issue.timetracking.remainingEstimate - logged),
    };
  }
  return answer;
}
