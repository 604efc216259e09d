import { deepEqual, throws } from "node:assert/strict";
import { checkIssueKeys, MAX_ISSUES } from "../../../../../src/tools/jira/agile/_moves.ts";

Deno.test("checkIssueKeys reads a comma list or a JSON array, without repeats", () => {
  deepEqual(checkIssueKeys(" DEMO-1, OPS-2,,DEMO-1 ", []), ["DEMO-1", "OPS-2"]);
  deepEqual(checkIssueKeys('["DEMO-1", " DEMO-2"]', ["DEMO"]), ["DEMO-1", "DEMO-2"]);
});

Deno.test("checkIssueKeys refuses bad keys, empty and too long lists, and other projects", () => {
  throws(
    () => checkIssueKeys("DEMO-1,demo-2", []),
    /issue_keys has an entry that is not an issue key: "demo-2"\./,
  );
  throws(() => checkIssueKeys('["DEMO-1", 7]', []), /an entry that is not an issue key: 7/);
  throws(() => checkIssueKeys('["DEMO-1"', []), /neither a comma-separated list nor a JSON array/);
  throws(() => checkIssueKeys(" , ", []), /names no issue/);
  const many = Array.from({ length: MAX_ISSUES + 1 }, (_, i) => `DEMO-${i + 1}`).join(",");
  throws(() => checkIssueKeys(many, []), /has 501 issues; one call moves at most 500/);
  throws(
    () => checkIssueKeys("DEMO-1,OPS-1", ["DEMO"]),
    /Project OPS is outside the projects this server may use \(DEMO\)/,
  );
});
