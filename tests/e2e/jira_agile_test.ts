/**
 * The `jira_agile` toolset through the real entry point over stdio, against the fake
 * Atlassian, on Cloud and Data Center: boards (by name, project, type), board and sprint issues,
 * sprints by state, sprint create and update (dates checked first, state changes), moves into a
 * sprint and to the backlog (a comma list or a JSON array, 50 a request, with progress and per
 * request reports), a sprint create whose connection drops after Jira applied it; and the
 * refusals: project allowlist on boards, sprints and every issue, read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const TOOLS = [
  "jira_get_agile_boards",
  "jira_get_board_issues",
  "jira_get_sprints_from_board",
  "jira_get_sprint_issues",
  "jira_create_sprint",
  "jira_update_sprint",
  "jira_add_issues_to_sprint",
  "jira_move_issues_to_backlog",
];

const WRITES = TOOLS.slice(4);

/** The sprint ids an issue of the fake is in. */
function sprintsOf(site: FakeSite, key: string): number[] {
  return site.state.issues.find((i) => i.key === key)!.sprintIds;
}

/** Requests that changed something (search is a POST on Cloud but reads). */
function writes(site: FakeSite) {
  return site.requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/search/jql"));
}

/** The JQL of the last search request (Cloud: POST search/jql body; DC: GET search query). */
function lastSearchJql(site: FakeSite): string {
  const r = site.requests.findLast((r) => /\/search(\/jql)?$/.test(r.path))!;
  return r.method === "POST" ? (r.body as { jql: string }).jql : r.query.get("jql")!;
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`jira_agile tools work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("lists every tool of the toolset", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of TOOLS) ok(names.includes(name), name);
      });

      await t.step("jira_get_agile_boards filters by name, project and type", async () => {
        const all = await call(client, "jira_get_agile_boards", {});
        equal(all.isError, false, all.text);
        deepEqual(all.json.boards, [
          { id: 1, name: "DEMO board", type: "scrum", project: "DEMO" },
          { id: 2, name: "OPS sprints", type: "scrum", project: "OPS" },
          { id: 3, name: "OPS flow", type: "kanban", project: "OPS" },
        ]);
        equal(all.json.next_start_at, undefined);
        const ops = await call(client, "jira_get_agile_boards", {
          project_key: "OPS",
          board_type: "kanban",
        });
        deepEqual(ops.json.boards.map((b: { id: number }) => b.id), [3], ops.text);
        const last = sent(site, "GET", "/rest/agile/1.0/board").at(-1)!;
        equal(last.query.get("projectKeyOrId"), "OPS");
        equal(last.query.get("type"), "kanban");
        const named = await call(client, "jira_get_agile_boards", { board_name: "demo" });
        deepEqual(named.json.boards.map((b: { id: number }) => b.id), [1]);
        const paged = await call(client, "jira_get_agile_boards", { limit: 2 });
        equal(paged.json.returned, 2);
        equal(paged.json.next_start_at, 2);
      });

      await t.step("jira_get_board_issues answers trimmed issues of the board", async () => {
        const answer = await call(client, "jira_get_board_issues", {
          board_id: 1,
          jql: "status != Done ORDER BY key",
          limit: 2,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.board.name, "DEMO board");
        equal(answer.json.returned, 2);
        equal(answer.json.next_start_at, 2);
        const [first] = answer.json.issues;
        ok(first.key.startsWith("DEMO-"));
        ok(first.summary && first.status, answer.text);
        ok(!answer.text.includes('"self"'), "no raw Atlassian JSON");
        const request = sent(site, "GET", "/rest/agile/1.0/board/1/issue").at(-1)!;
        equal(request.query.get("jql"), "status != Done ORDER BY key");
        equal(request.query.get("maxResults"), "2");
        match(request.query.get("fields")!, /summary/);
      });

      await t.step("jira_get_sprints_from_board lists sprints by state", async () => {
        const answer = await call(client, "jira_get_sprints_from_board", {
          board_id: "1",
          state: "active, future",
        });
        equal(answer.isError, false, answer.text);
        deepEqual(
          answer.json.sprints.map((s: { name: string; state: string }) => [s.name, s.state]),
          [["Sprint 1", "active"], ["Sprint 2", "future"]],
        );
        equal(answer.json.sprints[0].goal, "Ship saved cards");
        const before = site.requests.length;
        const bad = await call(client, "jira_get_sprints_from_board", {
          board_id: "1",
          state: "open",
        });
        equal(bad.isError, true);
        match(bad.text, /state "open" is not a sprint state/);
        equal(site.requests.length, before, "refused before any request");
        const kanban = await call(client, "jira_get_sprints_from_board", { board_id: "3" });
        equal(kanban.isError, true);
        match(kanban.text, /The board does not support sprints/);
      });

      await t.step("jira_get_sprint_issues searches sprint = <id>", async () => {
        const answer = await call(client, "jira_get_sprint_issues", { sprint_id: "1" });
        equal(answer.isError, false, answer.text);
        deepEqual(
          answer.json.issues.map((i: { key: string }) => i.key).toSorted(),
          ["DEMO-2", "DEMO-4", "DEMO-5"],
        );
        equal(lastSearchJql(site), "sprint = 1");
        const paged = await call(client, "jira_get_sprint_issues", {
          sprint_id: 1,
          start_at: 1,
          limit: 1,
        });
        equal(paged.json.returned, 1, paged.text);
        equal(paged.json.next_start_at, 2);
        const bad = await call(client, "jira_get_sprint_issues", { sprint_id: "1 OR 1=1" });
        equal(bad.isError, true);
        match(bad.text, /sprint_id "1 OR 1=1" is not a number/);
      });

      await t.step("jira_create_sprint checks the dates before any request", async () => {
        const cases: [Record<string, string>, RegExp][] = [
          [
            { start_date: "2025-13-01", end_date: "2025-01-20" },
            /start_date "2025-13-01" is not an ISO date or date-time\./,
          ],
          [
            { start_date: "2025-01-20", end_date: "2025-01-06T10:00:00Z" },
            /The sprint must start before it ends, but 2025-01-20 is not before 2025-01-06T10:00:00Z\./,
          ],
        ];
        for (const [dates, refused] of cases) {
          const before = site.requests.length;
          const answer = await call(client, "jira_create_sprint", {
            board_id: "1",
            name: "Never",
            ...dates,
          });
          equal(answer.isError, true);
          match(answer.text, refused);
          equal(site.requests.length, before, "no request at all");
        }
      });

      let created = 0;
      await t.step("jira_create_sprint creates a future sprint", async () => {
        const answer = await call(client, "jira_create_sprint", {
          board_id: "1",
          name: "Sprint 3",
          start_date: "2025-01-06",
          end_date: "2025-01-20T17:00:00+01:00",
          goal: "Checkout v2",
        });
        equal(answer.isError, false, answer.text);
        created = answer.json.sprint.id;
        equal(answer.json.message, `Created sprint "Sprint 3" (id ${created}) on board 1.`);
        deepEqual(sent(site, "POST", "/rest/agile/1.0/sprint").at(-1)!.body, {
          name: "Sprint 3",
          startDate: "2025-01-06T00:00:00.000Z",
          endDate: "2025-01-20T16:00:00.000Z",
          goal: "Checkout v2",
          originBoardId: 1,
        });
        const sprint = site.state.sprints.find((s) => s.id === created)!;
        equal(sprint.state, "future");
        equal(sprint.goal, "Checkout v2");
      });

      await t.step(
        "jira_update_sprint validates the state and changes what it is given",
        async () => {
          const before = site.requests.length;
          const written = writes(site).length;
          const bad = await call(client, "jira_update_sprint", { sprint_id: "1", state: "done" });
          equal(bad.isError, true);
          match(bad.text, /state "done" is not a sprint state/);
          const early = await call(client, "jira_update_sprint", {
            sprint_id: String(created),
            end_date: "2025-01-01",
          });
          equal(early.isError, true);
          match(
            early.text,
            /must start before it ends, but the sprint's start .* is not before 2025-01-01/,
          );
          equal(writes(site).length, written);
          ok(site.requests.length <= before + 2, "at most the sprint and its board were read");
          const blocked = await call(client, "jira_update_sprint", {
            sprint_id: String(created),
            state: "active",
          });
          equal(blocked.isError, true);
          match(blocked.text, /Sprint 'Sprint 1' is already active on this board/);
          const closed = await call(client, "jira_update_sprint", {
            sprint_id: "1",
            state: "CLOSED",
          });
          equal(closed.isError, false, closed.text);
          equal(closed.json.sprint.state, "closed");
          ok(closed.json.sprint.completed);
          const started = await call(client, "jira_update_sprint", {
            sprint_id: created,
            state: "active",
            name: "Sprint 3 (checkout)",
          });
          equal(started.isError, false, started.text);
          equal(started.json.message, `Updated sprint "Sprint 3 (checkout)" (id ${created}).`);
          deepEqual(sent(site, "POST", `/rest/agile/1.0/sprint/${created}`).at(-1)!.body, {
            name: "Sprint 3 (checkout)",
            state: "active",
          });
          equal(started.json.sprint.goal, "Checkout v2", "the rest stays");
          const reopen = await call(client, "jira_update_sprint", {
            sprint_id: "1",
            state: "active",
          });
          match(reopen.text, /Sprint 1 is closed: only its name and goal can change\./);
          const nothing = await call(client, "jira_update_sprint", { sprint_id: "1" });
          match(nothing.text, /Nothing to update/);
        },
      );

      await t.step("jira_add_issues_to_sprint moves a comma list or a JSON array", async () => {
        const answer = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: "2",
          issue_keys: "DEMO-1, DEMO-2,DEMO-1",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'Moved 2 of 2 issues to sprint 2 "Sprint 2".');
        deepEqual(answer.json.moved, ["DEMO-1", "DEMO-2"]);
        deepEqual(sprintsOf(site, "DEMO-1"), [2]);
        deepEqual(sprintsOf(site, "DEMO-2"), [1, 2], "the closed sprint stays in its history");
        const array = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: 2,
          issue_keys: ["DEMO-4"],
        });
        equal(array.isError, false, array.text);
        deepEqual(sprintsOf(site, "DEMO-4"), [1, 2]);
        const bad = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: "2",
          issue_keys: "DEMO-1,demo-2,x",
        });
        equal(bad.isError, true);
        match(bad.text, /issue_keys has 2 entries that are not an issue key: "demo-2", "x"/);
        const closed = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: "1",
          issue_keys: "DEMO-1",
        });
        equal(closed.isError, true);
        match(closed.text, /Cannot move issues to a closed sprint/);
      });

      await t.step("jira_move_issues_to_backlog takes issues out of open sprints", async () => {
        const answer = await call(client, "jira_move_issues_to_backlog", {
          issue_keys: '["DEMO-1", "DEMO-2"]',
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Moved 2 of 2 issues to the backlog.");
        deepEqual(sprintsOf(site, "DEMO-1"), []);
        deepEqual(sprintsOf(site, "DEMO-2"), [1]);
      });

      await t.step("more than 50 issues go 50 a request, reported request by request", async () => {
        const template = site.state.issues.find((i) => i.key === "DEMO-1")!;
        for (let n = 100; n < 155; n++) {
          site.state.issues.push({
            ...structuredClone(template),
            id: String(20000 + n),
            key: `DEMO-${n}`,
          });
        }
        const keys = Array.from({ length: 55 }, (_, i) => `DEMO-${100 + i}`);
        const answer = await callWithProgress(client, "jira_add_issues_to_sprint", {
          sprint_id: "2",
          issue_keys: keys.join(","),
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'Moved 55 of 55 issues to sprint 2 "Sprint 2".');
        deepEqual(
          sent(site, "POST", "/sprint/2/issue").slice(-2).map((r) =>
            (r.body as { issues: string[] }).issues.length
          ),
          [50, 5],
        );
        deepEqual(answer.steps.map((s) => [s.progress, s.total]), [[0, 55], [50, 55]]);
        const first = await call(client, "jira_move_issues_to_backlog", {
          issue_keys: "DEMO-999,DEMO-100",
        });
        equal(first.isError, true, "the only request failed: the call failed");
        match(first.text, /Issue does not exist or you do not have permission to see it/);
        deepEqual(sprintsOf(site, "DEMO-100"), [2]);
        // The second request names an issue Jira does not have: the first one's moves stand.
        const back = await call(client, "jira_move_issues_to_backlog", {
          issue_keys: [...keys.slice(0, 52), "DEMO-999", ...keys.slice(52)],
        });
        equal(back.isError, false, back.text);
        equal(back.json.message, "Moved 50 of 56 issues to the backlog; 6 failed.");
        deepEqual(back.json.failed.issues, [...keys.slice(50, 52), "DEMO-999", ...keys.slice(52)]);
        match(back.json.failed.error, /Issue does not exist/);
        ok(keys.slice(0, 50).every((k) => sprintsOf(site, k).length === 0));
        ok(
          keys.slice(50).every((k) => sprintsOf(site, k)[0] === 2),
          "the failed request moved none",
        );
      });
    } finally {
      await session.close();
    }
  });
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`jira_agile tools hold JIRA_PROJECTS_FILTER on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    try {
      const boards = await call(client, "jira_get_agile_boards", {});
      deepEqual(boards.json.boards.map((b: { id: number }) => b.id), [1], boards.text);
      const boardIssues = await call(client, "jira_get_board_issues", {
        board_id: "1",
        jql: "ORDER BY key",
      });
      equal(boardIssues.isError, false, boardIssues.text);
      equal(
        sent(site, "GET", "/board/1/issue").at(-1)!.query.get("jql"),
        'project IN ("DEMO") ORDER BY key',
      );
      const sprintIssues = await call(client, "jira_get_sprint_issues", { sprint_id: "1" });
      equal(sprintIssues.isError, false, sprintIssues.text);
      equal(lastSearchJql(site), '(sprint = 1) AND project IN ("DEMO")');
      const outside: [string, Record<string, unknown>][] = [
        ["jira_get_agile_boards", { project_key: "OPS" }],
        ["jira_get_board_issues", { board_id: "2", jql: "" }],
        ["jira_get_sprints_from_board", { board_id: "3" }],
        ["jira_create_sprint", {
          board_id: "2",
          name: "x",
          start_date: "2025-01-06",
          end_date: "2025-01-20",
        }],
        ["jira_update_sprint", { sprint_id: "3", goal: "x" }],
        ["jira_add_issues_to_sprint", { sprint_id: "2", issue_keys: "DEMO-1,OPS-1" }],
        ["jira_add_issues_to_sprint", { sprint_id: "3", issue_keys: "DEMO-1" }],
        ["jira_move_issues_to_backlog", { issue_keys: ["DEMO-2", "OPS-1"] }],
      ];
      for (const [name, args] of outside) {
        const before = writes(site).length;
        const answer = await call(client, name, args);
        equal(answer.isError, true, `${name}: ${answer.text}`);
        match(
          answer.text,
          /Project OPS is outside the projects this server may use \(DEMO\)/,
          name,
        );
        equal(writes(site).length, before, `${name} wrote nothing`);
      }
      deepEqual(sprintsOf(site, "DEMO-1"), []);
      deepEqual(sprintsOf(site, "DEMO-2"), [1]);
      const inside = await call(client, "jira_add_issues_to_sprint", {
        sprint_id: "2",
        issue_keys: "DEMO-1",
      });
      equal(inside.isError, false, inside.text);
      deepEqual(sprintsOf(site, "DEMO-1"), [2]);
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: read-only mode hides the jira_agile writes`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      for (const name of TOOLS.slice(0, 4)) ok(names.includes(name), name);
      for (const name of WRITES) ok(!names.includes(name), name);
      const answer = await call(session.client, "jira_move_issues_to_backlog", {
        issue_keys: "DEMO-2",
      });
      equal(answer.isError, true);
      equal(writes(site).length, 0);
      deepEqual(sprintsOf(site, "DEMO-2"), [1]);
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_agile writes whose answer is lost are found, never repeated`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("a sprint create whose connection drops finds the new sprint", async () => {
        site.fault({ match: /\/agile\/1\.0\/sprint$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_create_sprint", {
          board_id: "1",
          name: "Sprint 2",
          start_date: "2025-02-03",
          end_date: "2025-02-17",
        });
        equal(answer.isError, false, answer.text);
        const mine = site.state.sprints.filter((s) => s.name === "Sprint 2" && s.id !== 2);
        equal(mine.length, 1, "created once, beside the board's older sprint of that name");
        equal(
          answer.json.message,
          `Created sprint "Sprint 2" (id ${
            mine[0].id
          }) on board 1 (found after the connection dropped).`,
        );
        equal(sent(site, "POST", "/agile/1.0/sprint").length, 1, "never sent twice");
      });

      await t.step("a sprint create dropped before Jira saw it says so", async () => {
        site.fault({ match: /\/agile\/1\.0\/sprint$/, method: "POST", drop: true });
        const answer = await call(client, "jira_create_sprint", {
          board_id: "1",
          name: "Sprint 9",
          start_date: "2025-02-03",
          end_date: "2025-02-17",
        });
        equal(answer.isError, true);
        match(answer.text, /Not created: .*board 1 has no new future sprint "Sprint 9"/);
        ok(!site.state.sprints.some((s) => s.name === "Sprint 9"));
      });

      await t.step("a sprint move whose connection drops is found by a search", async () => {
        site.fault({ match: /\/sprint\/2\/issue$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_add_issues_to_sprint", {
          sprint_id: "2",
          issue_keys: "DEMO-1,DEMO-2",
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          'Moved 2 of 2 issues to sprint 2 "Sprint 2" (2 issues were found after the connection dropped).',
        );
        equal(sent(site, "POST", "/sprint/2/issue").length, 1);
      });
    } finally {
      await session.close();
    }
  });
}
