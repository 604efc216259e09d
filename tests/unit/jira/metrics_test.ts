import { deepEqual, equal } from "node:assert/strict";
import {
  formatMinutes,
  type IssueTimeline,
  minutesBetween,
  slaMetrics,
  statusPeriods,
  timeInStatus,
  workingMinutes,
  zonedTime,
} from "../../../src/jira/metrics.ts";
import { SLA_METRICS } from "../../../src/config/analysis_vars.ts";

const at = (iso: string) => Date.parse(iso);
const UTC_WEEK = {
  workingDays: [1, 2, 3, 4, 5],
  workingHoursStart: "09:00",
  workingHoursEnd: "17:00",
  timezone: "UTC",
};
const inProgress = (s: string) => s === "In Progress";

/**
 * Created Mon 2024-03-04 09:00Z; In Progress at 10:00; Done Tue 10:00; reopened (In Progress) Wed
 * 10:00; Done again Wed 16:00, which is the resolution date.
 */
const REOPENED: IssueTimeline = {
  created: at("2024-03-04T09:00:00Z"),
  resolved: at("2024-03-06T16:00:00Z"),
  dueDate: "2024-03-06",
  currentStatus: "Done",
  changes: [
    // Given out of order: the module sorts them.
    { at: at("2024-03-06T10:00:00Z"), from: "Done", to: "In Progress", by: "Bob" },
    { at: at("2024-03-04T10:00:00Z"), from: "To Do", to: "In Progress", by: "Alice" },
    { at: at("2024-03-05T10:00:00Z"), from: "In Progress", to: "Done", by: "Alice" },
    { at: at("2024-03-06T16:00:00Z"), from: "In Progress", to: "Done", by: "Bob" },
  ],
};
const NOW = at("2024-03-08T00:00:00Z");

Deno.test("statusPeriods starts in the status the first change left and chains the changes", () => {
  deepEqual(statusPeriods(REOPENED).map((p) => [p.status, p.by]), [
    ["To Do", undefined],
    ["In Progress", "Alice"],
    ["Done", "Alice"],
    ["In Progress", "Bob"],
    ["Done", "Bob"],
  ]);
  equal(statusPeriods(REOPENED).at(-1)!.exited, undefined);
  // Never changed: one open stay in the current status from creation.
  deepEqual(
    statusPeriods({ created: 5, currentStatus: "Open", changes: [] }),
    [{ status: "Open", entered: 5 }],
  );
});

Deno.test("timeInStatus sums every stay of a reopened issue, the current one up to now", () => {
  // To Do       Mon 09:00 -> Mon 10:00                 =   60 min, 1 visit
  // In Progress Mon 10:00 -> Tue 10:00 (1440) + Wed 10:00 -> Wed 16:00 (360) = 1800, 2 visits
  // Done        Tue 10:00 -> Wed 10:00 (1440) + Wed 16:00 -> Fri 00:00 (32 h = 1920) = 3360, 2
  // total 60 + 1800 + 3360 = 5220; shares 3360/5220 = 64.4 %, 1800/5220 = 34.5 %, 60/5220 = 1.1 %
  deepEqual(timeInStatus(statusPeriods(REOPENED), NOW), {
    statuses: [
      { status: "Done", minutes: 3360, visits: 2, percent: 64.4 },
      { status: "In Progress", minutes: 1800, visits: 2, percent: 34.5 },
      { status: "To Do", minutes: 60, visits: 1, percent: 1.1 },
    ],
    total_minutes: 5220,
  });
});

Deno.test("slaMetrics of a resolved, reopened issue in calendar time", () => {
  const m = slaMetrics(REOPENED, {
    metrics: [...SLA_METRICS],
    now: NOW,
    timezone: "UTC",
    inProgress,
  });
  // Mon 09:00 -> Wed 16:00 = 2 d 7 h = 2 * 1440 + 420 = 3300 min.
  deepEqual(m.cycle_time, { minutes: 3300, text: "2d 7h" });
  deepEqual(m.lead_time, { minutes: 3300, text: "2d 7h", resolved: true });
  // First In Progress Mon 10:00 -> Wed 16:00 = 2 d 6 h = 3240 min.
  deepEqual(m.resolution_time, { minutes: 3240, text: "2d 6h" });
  // Created Mon 09:00 -> first change Mon 10:00 = 60 min.
  deepEqual(m.first_response_time, { minutes: 60, text: "1h" });
  // Due 2024-03-06 ends 23:59:59Z; resolved 16:00:00Z: 7 h 59 min 59 s -> 479 whole minutes.
  deepEqual(m.due_date_compliance, { status: "met", margin_minutes: 479, margin: "7h 59m early" });
  equal(m.time_in_status!.total_minutes, 5220);
});

Deno.test("slaMetrics counts working hours only when given a calendar", () => {
  const m = slaMetrics(REOPENED, {
    metrics: ["cycle_time", "time_in_status"],
    now: NOW,
    calendar: UTC_WEEK,
    timezone: "UTC",
    inProgress,
  });
  // Mon 09:00-17:00 (480) + Tue 09:00-17:00 (480) + Wed 09:00-16:00 (420) = 1380 min.
  deepEqual(m.cycle_time, { minutes: 1380, text: "23h" });
  // To Do Mon 09-10 = 60; In Progress Mon 10-17 (420) + Tue 09-10 (60) + Wed 10-16 (360) = 840;
  // Done Tue 10-17 (420) + Wed 09-10 (60) + Wed 16-17 (60) + Thu 09-17 (480) = 1020.
  deepEqual(m.time_in_status!.statuses.map((s) => [s.status, s.minutes]), [
    ["Done", 1020],
    ["In Progress", 840],
    ["To Do", 60],
  ]);
  equal(m.time_in_status!.total_minutes, 1920);
  // Only the metrics asked for are set.
  equal(m.lead_time, undefined);
});

Deno.test("slaMetrics of an issue never resolved", () => {
  const open: IssueTimeline = {
    created: at("2024-03-04T09:00:00Z"),
    dueDate: "2024-03-10",
    currentStatus: "In Progress",
    changes: [{ at: at("2024-03-04T12:00:00Z"), from: "To Do", to: "In Progress" }],
  };
  const m = slaMetrics(open, {
    metrics: [...SLA_METRICS],
    now: at("2024-03-05T09:00:00Z"),
    timezone: "UTC",
    inProgress,
  });
  deepEqual(m.cycle_time, { reason: "The issue is not resolved." });
  // Lead time runs to now: Mon 09:00 -> Tue 09:00 = 1440 min.
  deepEqual(m.lead_time, { minutes: 1440, text: "1d", resolved: false });
  deepEqual(m.resolution_time, { reason: "The issue is not resolved." });
  deepEqual(m.due_date_compliance, { status: "not_resolved" });
  // To Do 09:00 -> 12:00 = 180; In Progress 12:00 -> now (Tue 09:00) = 21 h = 1260.
  deepEqual(m.time_in_status!.statuses.map((s) => [s.status, s.minutes]), [
    ["In Progress", 1260],
    ["To Do", 180],
  ]);
  deepEqual(m.first_response_time, { minutes: 180, text: "3h" });
  const untouched = slaMetrics({ created: 0, currentStatus: "To Do", changes: [] }, {
    metrics: ["first_response_time", "due_date_compliance", "resolution_time"],
    now: 60_000,
    timezone: "UTC",
    inProgress,
  });
  deepEqual(untouched.first_response_time, { reason: "The status never changed." });
  deepEqual(untouched.due_date_compliance, { status: "no_due_date" });
});

Deno.test("slaMetrics says when an issue was resolved without ever being in progress", () => {
  const m = slaMetrics({
    created: 0,
    resolved: 3_600_000,
    currentStatus: "Done",
    changes: [{ at: 3_600_000, from: "To Do", to: "Done" }],
  }, { metrics: ["resolution_time"], now: 7_200_000, timezone: "UTC", inProgress });
  deepEqual(m.resolution_time, { reason: "The issue was never in an In Progress status." });
});

Deno.test("due-date compliance: a missed date, and the due day ending in the configured zone", () => {
  const resolved = at("2024-03-06T16:00:00Z");
  const base = { created: 0, resolved, currentStatus: "Done", changes: [] };
  const input = { metrics: ["due_date_compliance"] as const, now: resolved, inProgress };
  // Due 2024-03-05 ends 23:59:59Z; resolved 16 h 0 min 1 s later -> -960.02, towards zero -960.
  deepEqual(
    slaMetrics({ ...base, dueDate: "2024-03-05" }, { ...input, timezone: "UTC" })
      .due_date_compliance,
    { status: "missed", margin_minutes: -960, margin: "16h late" },
  );
  // In New York (UTC-5 before 10 March) 2024-03-06 ends at 2024-03-07T04:59:59Z:
  // 12 h 59 min 59 s after 16:00Z -> 779 whole minutes.
  deepEqual(
    slaMetrics({ ...base, dueDate: "2024-03-06" }, { ...input, timezone: "America/New_York" })
      .due_date_compliance,
    { status: "met", margin_minutes: 779, margin: "12h 59m early" },
  );
});

Deno.test("workingMinutes skips the weekend and clips to the working hours", () => {
  // Fri 2024-03-08 15:00Z -> Mon 2024-03-11 11:00Z: Fri 15-17 (120) + Mon 09-11 (120) = 240.
  equal(workingMinutes(at("2024-03-08T15:00:00Z"), at("2024-03-11T11:00:00Z"), UTC_WEEK), 240);
  // The same span in calendar time: 2 d 20 h = 4080 min.
  equal(minutesBetween(at("2024-03-08T15:00:00Z"), at("2024-03-11T11:00:00Z")), 4080);
  // Sat 10:00 -> Sun 18:00: no working day.
  equal(workingMinutes(at("2024-03-09T10:00:00Z"), at("2024-03-10T18:00:00Z"), UTC_WEEK), 0);
  // Mon 07:00 -> Mon 20:00: only 09:00-17:00 counts = 480.
  equal(workingMinutes(at("2024-03-11T07:00:00Z"), at("2024-03-11T20:00:00Z"), UTC_WEEK), 480);
  // An end before the start counts nothing.
  equal(workingMinutes(at("2024-03-11T12:00:00Z"), at("2024-03-11T10:00:00Z"), UTC_WEEK), 0);
  // Saturday as a working day (ISO 6): Sat 10:00 -> Sun 18:00 = Sat 10-17 = 420.
  equal(
    workingMinutes(at("2024-03-09T10:00:00Z"), at("2024-03-10T18:00:00Z"), {
      ...UTC_WEEK,
      workingDays: [6],
    }),
    420,
  );
});

Deno.test("workingMinutes follows daylight saving time in the configured zone", () => {
  const berlin = { ...UTC_WEEK, timezone: "Europe/Berlin" };
  // Berlin moves from UTC+1 to UTC+2 on Sun 2024-03-31. Fri 29 March 09:00-17:00 CET is
  // 08:00Z-16:00Z (480); Mon 1 April 09:00-17:00 CEST is 07:00Z-15:00Z, and the span ends at
  // 15:00Z (480). Total 960; with a fixed UTC+1 Monday would end at 16:00Z and count 420.
  equal(workingMinutes(at("2024-03-29T08:00:00Z"), at("2024-04-01T15:00:00Z"), berlin), 960);
  // A working day on the day of the change: 00:00-23:59 local on 31 March is 23:00Z (30 March)
  // to 21:59Z = 22 h 59 min = 1379 min (the day has 23 hours); calendar time is 23 h = 1380.
  const everyDay = {
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    workingHoursStart: "00:00",
    workingHoursEnd: "23:59",
    timezone: "Europe/Berlin",
  };
  const start = at("2024-03-30T23:00:00Z");
  const end = at("2024-03-31T22:00:00Z");
  equal(workingMinutes(start, end, everyDay), 1379);
  equal(minutesBetween(start, end), 1380);
});

Deno.test("zonedTime finds the instant of a wall-clock time on both sides of a change", () => {
  // 31 March 2024 01:30 Berlin is still CET (UTC+1) = 00:30Z; 03:00 is CEST (UTC+2) = 01:00Z.
  equal(zonedTime(2024, 3, 31, 1, 30, "Europe/Berlin"), at("2024-03-31T00:30:00Z"));
  equal(zonedTime(2024, 3, 31, 3, 0, "Europe/Berlin"), at("2024-03-31T01:00:00Z"));
  // New York in summer is UTC-4: 09:00 EDT on 1 July = 13:00Z.
  equal(zonedTime(2024, 7, 1, 9, 0, "America/New_York"), at("2024-07-01T13:00:00Z"));
});

Deno.test("formatMinutes writes days of 24 hours, hours and minutes", () => {
  equal(formatMinutes(0), "0m");
  equal(formatMinutes(59), "59m");
  // 1 d (1440) + 1 h (60) + 5 min = 1505.
  equal(formatMinutes(1505), "1d 1h 5m");
  equal(formatMinutes(2880), "2d");
});
