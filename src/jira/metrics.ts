/**
 * Issue metrics computed from an issue's dates and status history, with no I/O: the periods an
 * issue spent in each status, and the SLA metrics of `jira_get_issue_sla`. Durations are whole
 * minutes (rounded down), either calendar time or working time on the configured calendar
 * (working days and hours in an IANA time zone, daylight saving included). "Now" is a parameter.
 *
 * @module
 */
import type { SlaMetric, SlaSettings } from "../config/types.ts";

/** One status change: when, into which status, from which, by whom. */
export interface StatusChange {
  /** Epoch milliseconds. */
  at: number;
  from?: string;
  to: string;
  by?: string;
}

/** The dates and status history of one issue. */
export interface IssueTimeline {
  /** Epoch milliseconds. */
  created: number;
  /** Epoch milliseconds, when resolved (Jira clears it when an issue is reopened). */
  resolved?: number;
  /** `yyyy-mm-dd`. */
  dueDate?: string;
  currentStatus: string;
  /** Status changes, any order. */
  changes: StatusChange[];
}

/** A stay in one status; `exited` is undefined for the current status. */
export interface StatusPeriod {
  status: string;
  entered: number;
  exited?: number;
  /** Who moved the issue into this status (undefined for the first one). */
  by?: string;
}

/** The working calendar: working days (ISO, 1 = Monday), hours and the zone they are in. */
export type WorkCalendar = Pick<
  SlaSettings,
  "workingDays" | "workingHoursStart" | "workingHoursEnd" | "timezone"
>;

/** How durations are counted: calendar time, or working time on a calendar. */
export type Clock = { calendar?: WorkCalendar };

const MINUTE = 60_000;

/**
 * The issue's stays in each status, oldest first. The first stay starts at creation in the status
 * the first change left (or the current status when it never changed); each change ends one stay
 * and starts the next.
 */
export function statusPeriods(t: IssueTimeline): StatusPeriod[] {
  const changes = [...t.changes].sort((a, b) => a.at - b.at);
  const periods: StatusPeriod[] = [{
    status: changes[0]?.from ?? changes[0]?.to ?? t.currentStatus,
    entered: t.created,
  }];
  for (const change of changes) {
    periods[periods.length - 1].exited = change.at;
    periods.push({ status: change.to, entered: change.at, by: change.by });
  }
  return periods;
}

/** Epoch ms of the wall-clock time `y-m-d h:min` in `zone` (the later offset in a DST overlap). */
export function zonedTime(y: number, m: number, d: number, h: number, min: number, zone: string) {
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - offsetAt(wall, zone);
  const second = wall - offsetAt(first, zone);
  return second;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock parts of an instant in a zone. */
function wallParts(ms: number, zone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return parts;
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetAt(ms: number, zone: string): number {
  const p = wallParts(ms, zone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(ms / 1000) * 1000;
}

function clockOf(text: string): [number, number] {
  const [h, m] = text.split(":").map(Number);
  return [h, m];
}

/**
 * Working minutes between two instants: for each local date from the start's to the end's, on
 * working days only, the overlap of [start, end] with that day's working hours in the zone.
 */
export function workingMinutes(start: number, end: number, cal: WorkCalendar): number {
  if (end <= start) return 0;
  const [sh, sm] = clockOf(cal.workingHoursStart);
  const [eh, em] = clockOf(cal.workingHoursEnd);
  const first = wallParts(start, cal.timezone);
  const last = wallParts(end, cal.timezone);
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  let total = 0;
  for (
    let day = Date.UTC(first.year, first.month - 1, first.day);
    day <= lastDay;
    day += 86_400_000
  ) {
    const date = new Date(day);
    const iso = date.getUTCDay() || 7;
    if (!cal.workingDays.includes(iso)) continue;
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const from = Math.max(start, zonedTime(y, m, d, sh, sm, cal.timezone));
    const to = Math.min(end, zonedTime(y, m, d, eh, em, cal.timezone));
    if (to > from) total += to - from;
  }
  return Math.floor(total / MINUTE);
}

/** Minutes between two instants: calendar time, or working time when the clock has a calendar. */
export function minutesBetween(start: number, end: number, clock: Clock = {}): number {
  if (clock.calendar) return workingMinutes(start, end, clock.calendar);
  return Math.max(0, Math.floor((end - start) / MINUTE));
}

/** `1d 2h 5m` (days of 24 hours); `0m` for zero. */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : "", h ? `${h}h` : "", m ? `${m}m` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0m";
}

/** Time spent in one status over all its stays. */
export interface StatusTime {
  status: string;
  minutes: number;
  visits: number;
  /** Share of the time in all statuses, in percent with one decimal. */
  percent: number;
}

/**
 * Time in each status, summed over every stay (the current one up to `now`), the longest
 * first (ties in order of first visit).
 */
export function timeInStatus(periods: StatusPeriod[], now: number, clock: Clock = {}): {
  statuses: StatusTime[];
  total_minutes: number;
} {
  const byStatus = new Map<string, { minutes: number; visits: number }>();
  for (const p of periods) {
    const entry = byStatus.get(p.status) ?? { minutes: 0, visits: 0 };
    entry.minutes += minutesBetween(p.entered, p.exited ?? now, clock);
    entry.visits++;
    byStatus.set(p.status, entry);
  }
  const totalMinutes = [...byStatus.values()].reduce((sum, e) => sum + e.minutes, 0);
  const statuses = [...byStatus].map(([status, e]) => ({
    status,
    minutes: e.minutes,
    visits: e.visits,
    percent: totalMinutes ? Math.round((e.minutes / totalMinutes) * 1000) / 10 : 0,
  }));
  statuses.sort((a, b) => b.minutes - a.minutes);
  return { statuses, total_minutes: totalMinutes };
}

/** A duration metric: its minutes and text, or why it could not be computed. */
export type Duration = { minutes: number; text: string } | { reason: string };

function duration(start: number, end: number, clock: Clock): Duration {
  const minutes = minutesBetween(start, end, clock);
  return { minutes, text: formatMinutes(minutes) };
}

/** The SLA metrics of one issue (only those asked for are set). */
export interface SlaMetrics {
  cycle_time?: Duration;
  lead_time?: Duration & { resolved: boolean };
  time_in_status?: ReturnType<typeof timeInStatus>;
  due_date_compliance?: {
    status: "met" | "missed" | "not_resolved" | "no_due_date";
    margin_minutes?: number;
    margin?: string;
  };
  resolution_time?: Duration;
  first_response_time?: Duration;
}

/** What `slaMetrics` needs besides the timeline. */
export interface SlaInput {
  metrics: readonly SlaMetric[];
  /** Epoch ms used for open stays and unresolved lead time. */
  now: number;
  /** Working calendar when only working hours count. */
  calendar?: WorkCalendar;
  /** The zone a due date's day ends in. */
  timezone: string;
  /** Whether a status is in Jira's "In Progress" category (`indeterminate`). */
  inProgress: (status: string) => boolean;
}

/** The end of a due date's day (23:59:59) in a zone. */
function endOfDueDay(dueDate: string, zone: string): number {
  const [y, m, d] = dueDate.split("-").map(Number);
  return zonedTime(y, m, d, 23, 59, zone) + 59_000;
}

function dueDateCompliance(t: IssueTimeline, zone: string): SlaMetrics["due_date_compliance"] {
  if (!t.dueDate) return { status: "no_due_date" };
  if (t.resolved === undefined) return { status: "not_resolved" };
  // Whole minutes towards zero, as the Python server counts them.
  const margin = Math.trunc((endOfDueDay(t.dueDate, zone) - t.resolved) / MINUTE);
  return margin >= 0
    ? { status: "met", margin_minutes: margin, margin: `${formatMinutes(margin)} early` }
    : { status: "missed", margin_minutes: margin, margin: `${formatMinutes(-margin)} late` };
}

/**
 * The asked SLA metrics of an issue:
 * cycle time = created to resolved; lead time = created to resolved, or to now when unresolved;
 * time in status = per status, the sum of its stays; due-date compliance = resolved by the end
 * of the due day; resolution time = first entry into an In Progress status to resolved; first
 * response = created to the first status change.
 */
export function slaMetrics(t: IssueTimeline, input: SlaInput): SlaMetrics {
  const clock: Clock = { calendar: input.calendar };
  const periods = statusPeriods(t);
  const out: SlaMetrics = {};
  const asked = new Set(input.metrics);
  if (asked.has("cycle_time")) {
    out.cycle_time = t.resolved === undefined
      ? { reason: "The issue is not resolved." }
      : duration(t.created, t.resolved, clock);
  }
  if (asked.has("lead_time")) {
    out.lead_time = {
      ...duration(t.created, t.resolved ?? input.now, clock),
      resolved: t.resolved !== undefined,
    };
  }
  if (asked.has("time_in_status")) out.time_in_status = timeInStatus(periods, input.now, clock);
  if (asked.has("due_date_compliance")) {
    out.due_date_compliance = dueDateCompliance(t, input.timezone);
  }
  if (asked.has("resolution_time")) {
    const started = periods.find((p) => input.inProgress(p.status));
    out.resolution_time = t.resolved === undefined
      ? { reason: "The issue is not resolved." }
      : !started
      ? { reason: "The issue was never in an In Progress status." }
      : duration(started.entered, t.resolved, clock);
  }
  if (asked.has("first_response_time")) {
    out.first_response_time = periods.length > 1
      ? duration(t.created, periods[1].entered, clock)
      : { reason: "The status never changed." };
  }
  return out;
}
