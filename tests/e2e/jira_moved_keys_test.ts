/**
 * A moved issue keeps answering to its old key. With `JIRA_PROJECTS_FILTER` set, the tools of
 * Jira parity part 2 check the project the issue is in now, not the key they were given: reads
 * answer nothing of it and writes send nothing, on Cloud and on Data Center.
 */
import { equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio, sent } from "./_harness.ts";

/** Moves DEMO-1 to OPS as OPS-77 in the fake, as Jira's bulk move would. */
function moveOut(site: FakeSite): void {
  const issue = site.state.issues.find((i) => i.key === "DEMO-1")!;
  issue.formerKeys = ["DEMO-1"];
  issue.key = "OPS-77";
  issue.projectKey = "OPS";
}

const REFUSED = /OPS.*outside the projects this server may use \(DEMO\)/;

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: an old key of an issue moved out of the allowlist opens nothing`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    moveOut(site);
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    try {
      for (const tool of ["jira_get_issue_dates", "jira_get_issue_sla"]) {
        await t.step(`${tool} refuses it`, async () => {
          const answer = await call(client, tool, { issue_key: "DEMO-1" });
          equal(answer.isError, true, answer.text);
          match(answer.text, REFUSED);
          ok(!answer.text.includes("created"), answer.text);
        });
      }

      await t.step("the development tools read no panel of it", async () => {
        const one = await call(client, "jira_get_issue_development_info", { issue_key: "demo-1" });
        equal(one.isError, true, one.text);
        match(one.text, REFUSED);
        const many = await call(client, "jira_get_issues_development_info", {
          issue_keys: "DEMO-1,DEMO-2",
        });
        equal(many.isError, false, many.text);
        equal(many.json.issues.length, 1);
        equal(many.json.failed[0].issue_key, "DEMO-1");
        match(many.json.failed[0].error, REFUSED);
        equal(sent(site, "GET", "/issue/detail").length, 0, "no detail of any issue was read");
      });

      await t.step("sprint and backlog moves send nothing", async () => {
        const sprint = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: "2",
          issue_keys: "DEMO-2,DEMO-1",
        });
        equal(sprint.isError, true, sprint.text);
        match(sprint.text, /names OPS-77, which is now in project OPS, outside the projects/);
        const backlog = await call(client, "jira_move_issues_to_backlog", { issue_keys: "DEMO-1" });
        equal(backlog.isError, true, backlog.text);
        match(backlog.text, /names OPS-77/);
        equal(
          site.requests.filter((r) => r.method === "POST" && r.path.includes("/agile/")).length,
          0,
        );
      });
    } finally {
      await session.close();
    }
  });
}
