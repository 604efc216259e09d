/**
 * A moved issue keeps answering to its old key. With `JIRA_PROJECTS_FILTER` set, every Jira tool
 * that takes an issue key checks the project the issue is in now, not the key it was given: reads
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

      // The work-management tools: each refused, nothing written.
      const before = site.requests.length;
      const calls: [string, Record<string, unknown>][] = [
        ["jira_get_transitions", { issue_key: "DEMO-1" }],
        ["jira_download_attachments", { issue_key: "DEMO-1" }],
        ["jira_get_issue_images", { issue_key: "DEMO-1" }],
        ["jira_remove_watcher", { issue_key: "DEMO-1", username: "bob" }],
        ["jira_get_worklog", { issue_key: "DEMO-1" }],
        ["jira_get_issue_watchers", { issue_key: "DEMO-1" }],
        ["jira_add_comment", { issue_key: "DEMO-1", body: "Hi" }],
        ["jira_update_issue", { issue_key: "DEMO-1", fields: { summary: "Renamed" } }],
        ["jira_assign_issue", { issue_key: "DEMO-1", assignee: "bob@example.com" }],
        ["jira_transition_issue", { issue_key: "DEMO-1", transition_id: "done" }],
        ["jira_add_worklog", { issue_key: "DEMO-1", time_spent: "1h" }],
        ["jira_add_watcher", { issue_key: "DEMO-1", user_identifier: "bob@example.com" }],
        ["jira_create_remote_issue_link", {
          issue_key: "DEMO-1",
          url: "https://example.com",
          title: "Example",
        }],
        ["jira_create_issue_link", {
          link_type: "Blocks",
          inward_issue_key: "DEMO-2",
          outward_issue_key: "DEMO-1",
        }],
        ["jira_link_to_epic", { issue_key: "DEMO-3", epic_key: "DEMO-1" }],
        ["jira_delete_issue", { issue_key: "DEMO-1" }],
      ];
      for (const [tool, args] of calls) {
        await t.step(`${tool} refuses it`, async () => {
          const answer = await call(client, tool, args);
          equal(answer.isError, true, `${tool}: ${answer.text}`);
          match(answer.text, REFUSED, tool);
        });
      }
      await t.step("none of them wrote anything", () => {
        equal(site.requests.slice(before).filter((r) => r.method !== "GET").length, 0);
        equal(site.state.issues.find((i) => i.key === "OPS-77")?.summary, "Checkout revamp");
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
