/**
 * The insight toolsets (`jira_metrics`, `jira_development`, `jira_project_analysis`) through the
 * real entry point over stdio, against the fake Atlassian with its analysis seed, on Cloud and
 * Data Center: dates and SLA metrics from whole changelogs (paged on Cloud), the configured SLA
 * calendar, development information (connected, not connected, unavailable, a batch with
 * progress), epic hierarchy and cross-project dependencies (every page, progress, the bound,
 * hidden projects), and the project allowlist on every key.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { addInsightSeed, INSIGHT } from "../fake_atlassian/_jira_insight.ts";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const TOOLS = [
  "jira_get_issue_dates",
  "jira_get_issue_sla",
  "jira_get_issue_development_info",
  "jira_get_issues_development_info",
  "jira_get_project_epic_hierarchy",
  "jira_get_cross_project_dependencies",
];

/** OPS stays outside the allowlist: its issues and links are refused or hidden. */
const ALLOWED = "PLAT,PORT,DEMO";

type Named = { status: string; total_minutes: number; visits: number };
const byStatus = (summary: Named[]) =>
  Object.fromEntries(summary.map((s) => [s.status, [s.total_minutes, s.visits]]));

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`jira insight tools work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    addInsightSeed(site.state);
    const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";
    const searches = () =>
      flavour === "cloud"
        ? sent(site, "POST", "/rest/api/3/search/jql").length
        : sent(site, "GET", "/rest/api/2/search").length;
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: ALLOWED });
    const { client } = session;
    try {
      await t.step("lists the six tools", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of TOOLS) ok(names.includes(name), name);
      });

      await t.step("jira_get_issue_dates lists the stays of a reopened issue", async () => {
        const a = await call(client, "jira_get_issue_dates", { issue_key: "PLAT-5" });
        equal(a.isError, false, a.text);
        equal(a.json.changelog_entries_read, 4);
        equal(a.json.due_date, "2024-03-06");
        equal(a.json.current_status, "Done");
        deepEqual(
          a.json.status_changes.map((c: { status: string; duration_minutes: number }) => [
            c.status,
            c.duration_minutes,
          ]).slice(0, 4),
          [["To Do", 60], ["In Progress", 1440], ["Done", 1440], ["In Progress", 360]],
        );
        equal(a.json.status_changes[3].transitioned_by, "Bob Builder");
        const summary = byStatus(a.json.status_summary);
        deepEqual(summary["In Progress"], [1800, 2]);
        equal(summary["Done"][1], 2);
        ok(!a.text.includes('"self"'), "no raw Atlassian JSON");
      });

      await t.step("jira_get_issue_dates reads a changelog longer than one page", async () => {
        const a = await call(client, "jira_get_issue_dates", {
          issue_key: "PLAT-6",
          include_status_changes: false,
        });
        equal(a.isError, false, a.text);
        equal(a.json.changelog_entries_read, INSIGHT.longHistory);
        equal(a.json.status_changes, undefined);
        // 130 hourly changes: 65 stays of 60 minutes In Progress, 66 stays in To Do.
        deepEqual(byStatus(a.json.status_summary)["In Progress"], [3900, 65]);
        equal(byStatus(a.json.status_summary)["To Do"][1], 66);
        const paged = sent(site, "GET", "/issue/PLAT-6/changelog");
        // Cloud embeds 100 histories: the whole log is read in pages of 100; DC embeds it all.
        equal(paged.length, flavour === "cloud" ? 2 : 0);
      });

      await t.step("jira_get_issue_sla computes every metric of a resolved issue", async () => {
        const a = await call(client, "jira_get_issue_sla", {
          issue_key: "PLAT-5",
          metrics: "cycle_time,lead_time,time_in_status,due_date_compliance,resolution_time," +
            "first_response_time",
          include_raw_dates: true,
        });
        equal(a.isError, false, a.text);
        const m = a.json.metrics;
        // Mon 4 March 09:00Z -> Wed 6 March 16:00Z = 3300 min (see tests/unit/jira/metrics_test.ts).
        deepEqual(m.cycle_time, { minutes: 3300, text: "2d 7h" });
        deepEqual(m.lead_time, { minutes: 3300, text: "2d 7h", resolved: true });
        deepEqual(m.resolution_time, { minutes: 3240, text: "2d 6h" });
        deepEqual(m.first_response_time, { minutes: 60, text: "1h" });
        deepEqual(m.due_date_compliance, {
          status: "met",
          margin_minutes: 479,
          margin: "7h 59m early",
        });
        equal(a.json.raw_dates.status_changes.length, 4);
        // In Progress is recognised by its status category, read from GET status.
        equal(sent(site, "GET", `${api}/status`).length, 1);
      });

      await t.step("jira_get_issue_sla counts working hours when asked", async () => {
        const a = await call(client, "jira_get_issue_sla", {
          issue_key: "PLAT-5",
          working_hours_only: true,
        });
        equal(a.isError, false, a.text);
        // Mon 09-17 (480) + Tue 09-17 (480) + Wed 09-16 (420) = 1380 min.
        deepEqual(a.json.metrics.cycle_time, { minutes: 1380, text: "23h" });
        deepEqual(a.json.working_hours, {
          start: "09:00",
          end: "17:00",
          days: [1, 2, 3, 4, 5],
          timezone: "UTC",
        });
      });

      await t.step("jira_get_issue_sla of an issue never resolved", async () => {
        const a = await call(client, "jira_get_issue_sla", {
          issue_key: "PLAT-6",
          metrics: "cycle_time,lead_time,due_date_compliance",
        });
        equal(a.isError, false, a.text);
        deepEqual(a.json.metrics.cycle_time, { reason: "The issue is not resolved." });
        equal(a.json.metrics.lead_time.resolved, false);
        deepEqual(a.json.metrics.due_date_compliance, { status: "no_due_date" });
      });

      await t.step("jira_get_issue_sla refuses an unknown metric", async () => {
        const a = await call(client, "jira_get_issue_sla", {
          issue_key: "PLAT-5",
          metrics: "cycle_time,velocity",
        });
        equal(a.isError, true);
        match(a.text, /unknown metrics: velocity/);
      });

      await t.step(
        "the metrics and development tools refuse issues outside the allowlist",
        async () => {
          const before = site.requests.length;
          for (const tool of ["jira_get_issue_dates", "jira_get_issue_sla"]) {
            const a = await call(client, tool, { issue_key: "OPS-1" });
            equal(a.isError, true, tool);
            match(a.text, /Project OPS is outside the projects/);
          }
          const dev = await call(client, "jira_get_issue_development_info", { issue_key: "OPS-1" });
          equal(dev.isError, true);
          match(dev.text, /Project OPS is outside the projects/);
          const batch = await call(client, "jira_get_issues_development_info", {
            issue_keys: "PLAT-5,OPS-1",
          });
          equal(batch.isError, true);
          match(batch.text, /Project OPS is outside the projects/);
          equal(site.requests.length, before, "nothing was sent");
        },
      );

      await t.step("jira_get_issue_development_info lists what GitHub links", async () => {
        const a = await call(client, "jira_get_issue_development_info", { issue_key: "PLAT-5" });
        equal(a.isError, false, a.text);
        deepEqual(a.json.pull_requests, [{
          id: "#7",
          title: "PLAT-5 card vault",
          url: "https://github.com/acme/vault/pull/7",
          status: "MERGED",
          author: "Alice Admin",
          source_branch: "feature/PLAT-5-vault",
          target_branch: "main",
          last_update: "2024-03-06T15:00:00.000+0000",
          tool: "GitHub",
        }]);
        equal(a.json.branches[0].name, "feature/PLAT-5-vault");
        equal(a.json.repositories[0].commits[0].id, "4f2a9c1");
        equal(a.json.note, undefined);
        equal(sent(site, "GET", "/rest/dev-status/1.0/issue/summary").length, 1);
        equal(sent(site, "GET", "/rest/dev-status/1.0/issue/detail").length, 3);
        const prs = await call(client, "jira_get_issue_development_info", {
          issue_key: "PLAT-5",
          application_type: "GitHub",
          data_type: "pullrequest",
        });
        equal(prs.json.pull_requests.length, 1, prs.text);
        equal(prs.json.branches, undefined);
      });

      await t.step("no development tool connected: an empty answer with a note", async () => {
        const a = await call(client, "jira_get_issue_development_info", { issue_key: "DEMO-1" });
        equal(a.isError, false, a.text);
        match(a.json.note, /No development tool/);
        equal(a.json.pull_requests, undefined);
        // A site without the development panel at all answers 404: still a note.
        site.fault({ match: "/rest/dev-status/1.0/issue/summary", status: 404 });
        const gone = await call(client, "jira_get_issue_development_info", {
          issue_key: "PLAT-5",
        });
        equal(gone.isError, false, gone.text);
        match(gone.json.note, /404/);
      });

      await t.step(
        "jira_get_issues_development_info reports each issue, with progress",
        async () => {
          const a = await callWithProgress(client, "jira_get_issues_development_info", {
            issue_keys: "PLAT-5, DEMO-1, PLAT-999",
          });
          equal(a.isError, false, a.text);
          deepEqual(a.json.issues.map((i: { issue_key: string }) => i.issue_key), [
            "PLAT-5",
            "DEMO-1",
          ]);
          equal(a.json.issues[0].pull_requests.length, 1);
          match(a.json.issues[1].note, /No development tool/);
          equal(a.json.failed[0].issue_key, "PLAT-999");
          match(a.json.failed[0].error, /does not exist/);
          deepEqual(a.steps.map((s) => [s.progress, s.total]), [[0, 3], [1, 3], [2, 3]]);
          const bad = await call(client, "jira_get_issues_development_info", {
            issue_keys: "PLAT-5,not a key",
          });
          equal(bad.isError, true);
          match(bad.text, /"NOT A KEY" is not an issue key/);
          const many = await call(client, "jira_get_issues_development_info", {
            issue_keys: Array.from({ length: 51 }, (_, i) => `PLAT-${i + 1}`).join(","),
          });
          equal(many.isError, true);
          match(many.text, /at most 50/);
        },
      );

      await t.step(
        "jira_get_project_epic_hierarchy groups epics by parents elsewhere",
        async () => {
          const before = searches();
          const a = await call(client, "jira_get_project_epic_hierarchy", { project_key: "PLAT" });
          equal(a.isError, false, a.text);
          // One search: parents' summaries come with the parent field and the links.
          equal(searches() - before, 1);
          equal(a.json.epics_read, 4);
          equal(a.json.more_available, false);
          // PLAT-4's parent OPS-1 is outside the allowlist: hidden, counted, never looked up.
          equal(a.json.hidden_parents, 1);
          deepEqual(
            a.json.groups.map((g: { parent?: { key: string }; epics: { key: string }[] }) => [
              g.parent?.key ?? "Unlinked",
              g.epics.map((e) => e.key),
            ]),
            [["PORT-1", ["PLAT-1"]], ["PORT-2", ["PLAT-2"]], ["Unlinked", ["PLAT-3", "PLAT-4"]]],
          );
          deepEqual(a.json.groups[0].parent, {
            key: "PORT-1",
            summary: "Faster checkout",
            project: "PORT",
          });
          const unlinked = a.json.groups.at(-1).epics;
          deepEqual(unlinked.map((e: { parent_hidden?: boolean }) => e.parent_hidden), [
            undefined,
            true,
          ]);
          ok(!a.text.includes("OPS-1"), a.text);
        },
      );

      await t.step("jira_get_project_epic_hierarchy stops at max_epics", async () => {
        const a = await callWithProgress(client, "jira_get_project_epic_hierarchy", {
          project_key: "PLAT",
          max_epics: 2,
        });
        deepEqual(a.steps.map((s) => [s.progress, s.total]), [[0, 2]]);
        equal(a.isError, false, a.text);
        equal(a.json.epics_read, 2);
        equal(a.json.more_available, true);
        match(a.json.message, /stopped at max_epics 2; more exist/);
      });

      await t.step(
        "jira_get_cross_project_dependencies reads every page, with progress",
        async () => {
          const before = searches();
          const a = await callWithProgress(client, "jira_get_cross_project_dependencies", {
            project_key: "PLAT",
          });
          equal(a.isError, false, a.text);
          equal(a.json.issues_read, INSIGHT.platIssues);
          equal(a.json.more_available, false);
          // 60 issues in pages of 50: two requests, progress before each.
          equal(searches() - before, 2);
          deepEqual(a.steps.map((s) => [s.progress, s.total]), [[0, 200], [50, 200]]);
          // PLAT-4 -> OPS-1 and PLAT-5 -> OPS-1 are hidden.
          equal(a.json.hidden_links, 2);
          ok(!a.text.includes("OPS-1"), a.text);
          // Most recently updated first: PLAT-7 (10 March), then PLAT-5 (6 March).
          deepEqual(a.json.by_project.DEMO.by_link_type.Blocks, [
            {
              source: "PLAT-7",
              target: "DEMO-2",
              target_summary: "Pay with saved card",
              target_status: "In Progress",
              direction: "inward",
              relation: "is blocked by",
            },
            {
              source: "PLAT-5",
              target: "DEMO-3",
              target_summary: "Total shows NaN for empty cart",
              target_status: "To Do",
              direction: "outward",
              relation: "blocks",
            },
          ]);
          const hierarchy = a.json.by_project.PORT.by_link_type.Hierarchy;
          // Cloud: PLAT-1's parent is its parent field, not a link; DC: a link.
          deepEqual(
            hierarchy.map((d: { source: string; hierarchy: string }) => [d.source, d.hierarchy]),
            flavour === "cloud" ? [["PLAT-2", "parent"]] : [["PLAT-1", "parent"], [
              "PLAT-2",
              "parent",
            ]],
          );
          equal(a.json.by_project.PLAT, undefined, "links inside the project are not dependencies");
        },
      );

      await t.step("jira_get_cross_project_dependencies stops at max_issues", async () => {
        const a = await call(client, "jira_get_cross_project_dependencies", {
          project_key: "PLAT",
          max_issues: 20,
        });
        equal(a.isError, false, a.text);
        equal(a.json.issues_read, 20);
        equal(a.json.more_available, true);
        match(a.json.message, /stopped at max_issues 20; more exist/);
      });

      await t.step(
        "the project analysis tools refuse a project outside the allowlist",
        async () => {
          for (const tool of TOOLS.slice(4)) {
            const a = await call(client, tool, { project_key: "OPS" });
            equal(a.isError, true, tool);
            match(a.text, /Project OPS is outside the projects/);
          }
        },
      );
    } finally {
      await session.close();
    }

    const tuned = await connectStdio({
      ...site.env,
      JIRA_SLA_METRICS: "lead_time,due_date_compliance",
      JIRA_SLA_WORKING_HOURS_ONLY: "true",
      JIRA_SLA_TIMEZONE: "America/New_York",
      HIERARCHY_LINK_PHRASES: "child:rolls up to",
    });
    try {
      await t.step("the JIRA_SLA_* settings choose the metrics and the calendar", async () => {
        const a = await call(tuned.client, "jira_get_issue_sla", { issue_key: "PLAT-5" });
        equal(a.isError, false, a.text);
        deepEqual(Object.keys(a.json.metrics), ["lead_time", "due_date_compliance"]);
        // New York is UTC-5 until 10 March: created Mon 04:00 EST, resolved Wed 11:00 EST.
        // Mon 09-17 (480) + Tue 09-17 (480) + Wed 09-11 (120) = 1080 working minutes.
        equal(a.json.metrics.lead_time.minutes, 1080);
        // The due day ends 23:59:59 EST = 7 March 04:59:59Z: 12 h 59 min 59 s after 16:00Z.
        equal(a.json.metrics.due_date_compliance.margin_minutes, 779);
        equal(a.json.working_hours.timezone, "America/New_York");
      });

      await t.step("HIERARCHY_LINK_PHRASES adds a child-of phrase", async () => {
        const a = await call(tuned.client, "jira_get_project_epic_hierarchy", {
          project_key: "PLAT",
        });
        equal(a.isError, false, a.text);
        const port2 = a.json.groups.find((g: { parent?: { key: string } }) =>
          g.parent?.key === "PORT-2"
        );
        deepEqual(port2.epics.map((e: { key: string }) => e.key), ["PLAT-2", "PLAT-3"]);
        // Without the allowlist OPS-1 is shown as PLAT-4's parent.
        ok(a.json.groups.some((g: { parent?: { key: string } }) => g.parent?.key === "OPS-1"));
      });
    } finally {
      await tuned.close();
    }
  });
}
