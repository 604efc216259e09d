import { equal, throws } from "node:assert/strict";
import { jiraDuration, jiraWorklogDate } from "../../../src/jira/worklog.ts";
import { ToolError } from "../../../src/errors.ts";

Deno.test("jiraDuration normalises Jira's notation", () => {
  equal(jiraDuration("time_spent", "1h 30m"), "1h 30m");
  equal(jiraDuration("time_spent", " 1H30M "), "1h 30m");
  equal(jiraDuration("time_spent", "2d"), "2d");
  equal(jiraDuration("time_spent", "1.5h"), "1.5h");
  equal(jiraDuration("time_spent", "1w 2d 3h 45m"), "1w 2d 3h 45m");
});

Deno.test("jiraDuration refuses durations without units", () => {
  for (const text of ["90", "", "1 hour", "1h and 5m", "h", "-1h"]) {
    throws(() => jiraDuration("time_spent", text), ToolError, text);
  }
});

Deno.test("jiraWorklogDate writes ISO dates as Jira's UTC worklog date", () => {
  equal(jiraWorklogDate("2026-11-26"), "2026-11-26T00:00:00.000+0000");
  equal(jiraWorklogDate("2026-11-26T09:00"), "2026-11-26T09:00:00.000+0000");
  equal(jiraWorklogDate("2026-11-26T09:00:00Z"), "2026-11-26T09:00:00.000+0000");
  equal(jiraWorklogDate("2026-11-26T09:00:00+01:00"), "2026-11-26T08:00:00.000+0000");
  equal(jiraWorklogDate("2026-11-26T09:00:00.000+0100"), "2026-11-26T08:00:00.000+0000");
});

Deno.test("jiraWorklogDate refuses what is not an ISO date", () => {
  for (const text of ["yesterday", "26/11/2026", "2026-13-40", "2026-11-26 09:00"]) {
    throws(() => jiraWorklogDate(text), ToolError, text);
  }
});
