import { deepEqual, equal, throws } from "node:assert/strict";
import {
  assertDateOrder,
  findVersionByName,
  versionDate,
  versionView,
} from "../../../src/jira/versions.ts";

Deno.test("versionDate takes real yyyy-mm-dd dates and refuses the rest, naming the argument", () => {
  equal(versionDate("start_date", "2024-02-29"), "2024-02-29");
  equal(versionDate("start_date", " 2025-12-31 "), "2025-12-31");
  for (const bad of ["2023-02-29", "2024-13-01", "2024-1-5", "31/12/2024", "2024-12-31T00:00"]) {
    throws(() => versionDate("release_date", bad), (e: Error) => {
      equal(e.message, `release_date is not a date written yyyy-mm-dd: "${bad}".`);
      return true;
    });
  }
});

Deno.test("assertDateOrder refuses a start after the release, and only that", () => {
  assertDateOrder("", { startDate: "2024-01-01", releaseDate: "2024-01-01" });
  assertDateOrder("", { startDate: "2024-05-01" });
  throws(
    () => assertDateOrder("versions[1]", { startDate: "2024-05-02", releaseDate: "2024-05-01" }),
    /versions\[1\]: the start date 2024-05-02 is after the release date 2024-05-01\.$/,
  );
  throws(
    () => assertDateOrder("", { startDate: "2024-05-02", releaseDate: "2024-05-01" }),
    (e: Error) => e.message.startsWith("The start date 2024-05-02"),
  );
});

Deno.test("findVersionByName compares names as Jira does: trimmed, case-insensitive", () => {
  const versions = [{ id: "1", name: "Release A" }, { id: "2", name: "v2" }];
  equal(findVersionByName(versions, " release a ")?.id, "1");
  equal(findVersionByName(versions, "v3"), undefined);
});

Deno.test("versionView uses the parameter names and says released/archived plainly", () => {
  deepEqual(
    versionView({ id: "7", name: "1.0", releaseDate: "2024-02-29", projectId: 10000 }),
    {
      id: "7",
      name: "1.0",
      description: undefined,
      start_date: undefined,
      release_date: "2024-02-29",
      released: false,
      archived: false,
      overdue: undefined,
      project_id: 10000,
    },
  );
});
