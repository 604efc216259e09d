/**
 * Sprint dates as the assistant writes them (an ISO date `2025-01-06`, or a date-time
 * `2025-01-06T09:00`, `2025-01-06T09:00:00+02:00`, `...Z`), checked before any request and sent
 * as the instant Jira takes (`2025-01-06T07:00:00.000Z`). A date alone is midnight UTC; a
 * date-time without an offset is UTC.
 *
 * @module
 */
import { ToolError } from "../../../errors.ts";

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/i;

const HINT =
  "Write dates as 2025-01-06 or date-times as 2025-01-06T09:00:00+02:00 (UTC when no offset is given).";

/** The instant (ms since the epoch) an ISO date or date-time names, or undefined when it is not one. */
export function parseSprintDate(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [
    m[1],
    m[2],
    m[3],
    m[4],
    m[5],
    m[6],
    m[10],
    m[11],
  ].map((part) => Number(part ?? 0));
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const ms = Number((m[7] ?? "0").slice(0, 3).padEnd(3, "0"));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const back = new Date(utc);
  // 2025-02-30 or 25:00 would roll over into another day or hour: not a date.
  const same = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day && back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute && back.getUTCSeconds() === second;
  if (!same) return undefined;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return m[9] === "-" ? utc + offset : utc - offset;
}

/** The dates of a sprint: given by the caller (by parameter name), or the sprint's current ones. */
export interface SprintDates {
  start_date?: string;
  end_date?: string;
}

/**
 * Checks the dates given and returns them as Jira takes them (ISO instants). Throws one sentence
 * when a date does not parse or the start is not before the end; `current` holds the sprint's
 * dates the call leaves as they are (an update of one date is checked against the other).
 */
export function checkSprintDates(
  given: SprintDates,
  current: { startDate?: string; endDate?: string } = {},
): { startDate?: string; endDate?: string } {
  const out: { startDate?: string; endDate?: string } = {};
  const at: { start?: number; end?: number } = {};
  for (
    const [name, key, mine] of [["start_date", "startDate", "start"], [
      "end_date",
      "endDate",
      "end",
    ]] as const
  ) {
    const value = given[name];
    if (value === undefined) {
      const now = current[key] ? Date.parse(current[key]!) : NaN;
      if (!Number.isNaN(now)) at[mine] = now;
      continue;
    }
    const ms = parseSprintDate(value);
    if (ms === undefined) {
      throw new ToolError(`${name} "${value}" is not an ISO date or date-time.`, HINT);
    }
    at[mine] = ms;
    out[key] = new Date(ms).toISOString();
  }
  if (at.start !== undefined && at.end !== undefined && at.start >= at.end) {
    const start = given.start_date ?? `the sprint's start ${current.startDate}`;
    const end = given.end_date ?? `the sprint's end ${current.endDate}`;
    throw new ToolError(
      `The sprint must start before it ends, but ${start} is not before ${end}.`,
      "Give an end_date after the start_date.",
    );
  }
  return out;
}
