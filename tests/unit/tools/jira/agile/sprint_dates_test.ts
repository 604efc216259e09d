import { equal, throws } from "node:assert/strict";
import { ToolError } from "../../../../../src/errors.ts";
import {
  checkSprintDates,
  parseSprintDate,
} from "../../../../../src/tools/jira/agile/_sprint_dates.ts";

Deno.test("parseSprintDate reads ISO dates and date-times, UTC without an offset", () => {
  const cases: [string, string][] = [
    ["2025-01-06", "2025-01-06T00:00:00.000Z"],
    ["2025-01-06T09:00", "2025-01-06T09:00:00.000Z"],
    ["2025-01-06 09:00:30", "2025-01-06T09:00:30.000Z"],
    ["2025-01-06T09:00:00.5Z", "2025-01-06T09:00:00.500Z"],
    ["2025-01-06T09:00:00+02:00", "2025-01-06T07:00:00.000Z"],
    ["2025-01-06T09:00:00.000-0530", "2025-01-06T14:30:00.000Z"],
    [" 2024-02-29 ", "2024-02-29T00:00:00.000Z"],
  ];
  for (const [text, iso] of cases) equal(new Date(parseSprintDate(text)!).toISOString(), iso, text);
});

Deno.test("parseSprintDate refuses what is not a calendar date or time", () => {
  for (
    const text of [
      "",
      "tomorrow",
      "06/01/2025",
      "2025-1-6",
      "2025-02-29",
      "2025-13-01",
      "2025-01-06T24:00",
      "2025-01-06T09:60",
      "2025-01-06T09:00+15:00",
      "2025-01-06T09:00:00Zjunk",
    ]
  ) {
    equal(parseSprintDate(text), undefined, text);
  }
});

Deno.test("checkSprintDates returns instants and refuses a start not before the end", () => {
  equal(
    JSON.stringify(checkSprintDates({ start_date: "2025-01-06", end_date: "2025-01-20T17:00Z" })),
    '{"startDate":"2025-01-06T00:00:00.000Z","endDate":"2025-01-20T17:00:00.000Z"}',
  );
  throws(
    () => checkSprintDates({ start_date: "2025-01-20", end_date: "2025-01-06" }),
    (e: Error) =>
      e instanceof ToolError &&
      e.message ===
        "The sprint must start before it ends, but 2025-01-20 is not before 2025-01-06.",
  );
  throws(
    () => checkSprintDates({ start_date: "2025-01-06", end_date: "2025-01-06" }),
    /must start before it ends/,
  );
  throws(
    () => checkSprintDates({ end_date: "next friday" }),
    (e: Error) => e.message === 'end_date "next friday" is not an ISO date or date-time.',
  );
});

Deno.test("checkSprintDates checks one new date against the sprint's other one", () => {
  const current = { startDate: "2025-01-06T09:00:00.000+02:00", endDate: "2025-01-20T00:00:00Z" };
  equal(checkSprintDates({ end_date: "2025-01-21" }, current).endDate, "2025-01-21T00:00:00.000Z");
  throws(
    () => checkSprintDates({ end_date: "2025-01-05" }, current),
    (e: Error) =>
      e.message ===
        "The sprint must start before it ends, but the sprint's start 2025-01-06T09:00:00.000+02:00 is not before 2025-01-05.",
  );
  throws(() => checkSprintDates({ start_date: "2025-02-01" }, current), /must start before/);
  equal(checkSprintDates({}, current).startDate, undefined, "nothing given, nothing sent");
});
