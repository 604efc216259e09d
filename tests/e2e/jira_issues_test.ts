/**
 * The rest of the `jira_issues` toolset (project listing, batch create, assign, delete) through
 * the real entry point over stdio, against the fake Atlassian on Cloud (REST v3, account ids,
 * ADF) and Data Center (REST v2, user names, wiki markup): requests, effects and answers; a batch
 * with a failing item and progress notifications; the allowlist on every key a tool touches;
 * read-only mode; and writes whose connection drops after Atlassian applied them.
 */
import { deepEqual, doesNotMatch, equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const TOOLS = [
  "jira_get_project_issues",
  "jira_batch_create_issues",
  "jira_assign_issue",
  "jira_delete_issue",
];
const WRITE_TOOLS = ["jira_batch_create_issues", "jira_assign_issue", "jira_delete_issue"];

/** An issue in the fake's state, by key. */
function issue(site: FakeSite, key: string) {
  return site.state.issues.find((i) => i.key === key);
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const cloud = flavour === "cloud";
  const api = cloud ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`${flavour}: jira_issues lists, batch-creates, assigns and deletes`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("the tools are listed with their annotations", async () => {
        const tools = (await client.listTools()).tools;
        for (const name of TOOLS) ok(tools.some((tool) => tool.name === name), name);
        const del = tools.find((tool) => tool.name === "jira_delete_issue")!;
        equal(del.annotations?.destructiveHint, true);
        const assign = tools.find((tool) => tool.name === "jira_assign_issue")!;
        equal(assign.annotations?.readOnlyHint ?? false, false);
      });

      await t.step("jira_get_project_issues pages through a project", async () => {
        const keys: string[] = [];
        let startAt: number | undefined = 0;
        const sizes: number[] = [];
        while (startAt !== undefined) {
          const page = await call(client, "jira_get_project_issues", {
            project_key: "DEMO",
            limit: 2,
            start_at: startAt,
          });
          equal(page.isError, false, page.text);
          equal(page.json.start_at, startAt);
          sizes.push(page.json.returned);
          keys.push(...page.json.issues.map((i: { key: string }) => i.key));
          startAt = page.json.next_start_at;
        }
        deepEqual(sizes, [2, 2, 1]);
        deepEqual(keys.toSorted(), ["DEMO-1", "DEMO-2", "DEMO-3", "DEMO-4", "DEMO-5"]);
        const searches = site.requests.filter((r) =>
          r.path.endsWith(cloud ? "/search/jql" : "/api/2/search")
        );
        ok(searches.length >= 3);
        const jql = cloud
          ? (searches[0].body as { jql: string }).jql
          : searches[0].query.get("jql");
        equal(jql, 'project = "DEMO"');
      });

      await t.step("jira_assign_issue assigns by e-mail and unassigns", async () => {
        const answer = await call(client, "jira_assign_issue", {
          issue_key: "DEMO-3",
          assignee: "bob@example.com",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "DEMO-3 is assigned to Bob Builder.");
        equal(issue(site, "DEMO-3")!.assignee, "bob");
        const [put] = sent(site, "PUT", `${api}/issue/DEMO-3/assignee`);
        deepEqual(put.body, cloud ? { accountId: "557058:bob" } : { name: "bob" });

        const byObject = await call(client, "jira_assign_issue", {
          issue_key: "DEMO-3",
          assignee: JSON.stringify(
            cloud ? { accountId: "557058:alice" } : { name: "alice", displayName: "Alice Admin" },
          ),
        });
        equal(byObject.json.message, "DEMO-3 is assigned to Alice Admin.");
        equal(issue(site, "DEMO-3")!.assignee, "alice");

        const cleared = await call(client, "jira_assign_issue", { issue_key: "DEMO-3" });
        equal(cleared.isError, false, cleared.text);
        equal(cleared.json.message, "DEMO-3 is unassigned.");
        equal(issue(site, "DEMO-3")!.assignee, null);
        const last = sent(site, "PUT", `${api}/issue/DEMO-3/assignee`).at(-1)!;
        deepEqual(last.body, cloud ? { accountId: null } : { name: null });
      });

      await t.step("jira_assign_issue refuses an unknown person, writing nothing", async () => {
        const before = sent(site, "PUT", "/assignee").length;
        const answer = await call(client, "jira_assign_issue", {
          issue_key: "DEMO-3",
          assignee: "nobody@example.com",
        });
        equal(answer.isError, true);
        match(answer.text, /Jira user matches "nobody@example\.com"/);
        equal(sent(site, "PUT", "/assignee").length, before);
      });

      await t.step(
        "jira_batch_create_issues creates in one call, reports a refused item, sends progress",
        async () => {
          const answer = await callWithProgress(client, "jira_batch_create_issues", {
            issues: [
              {
                project_key: "DEMO",
                summary: "Batch one",
                issue_type: "Task",
                description: "Needs **care**",
                assignee: "bob@example.com",
                labels: ["batch"],
              },
              {
                project_key: "DEMO",
                summary: "Batch child",
                issue_type: "Sub-task",
                parent: "DEMO-4",
              },
              { project_key: "OPS", summary: "Orphan", issue_type: "Sub-task" },
            ],
          });
          equal(answer.isError, false, answer.text);
          equal(answer.json.message, "Created 2 of 3 issues; 1 failed.");
          deepEqual(
            answer.json.created.map((c: { index: number; key: string }) => [c.index, c.key]),
            [
              [0, "DEMO-6"],
              [1, "DEMO-7"],
            ],
          );
          equal(answer.json.failed.length, 1);
          equal(answer.json.failed[0].index, 2);
          match(answer.json.failed[0].error, /sub-task but parent issue key or id not specified/);
          deepEqual(answer.steps.map((s) => [s.progress, s.total]), [[0, 4], [1, 4], [2, 4], [
            3,
            4,
          ]]);
          const posts = sent(site, "POST", `${api}/issue/bulk`);
          equal(posts.length, 1, "one bulk call");
          const updates = (posts[0].body as { issueUpdates: { fields: Record<string, unknown> }[] })
            .issueUpdates;
          equal(updates.length, 3);
          if (cloud) equal((updates[0].fields.description as { type: string }).type, "doc");
          else equal(updates[0].fields.description, "Needs *care*");
          deepEqual(
            updates[0].fields.assignee,
            cloud ? { accountId: "557058:bob" } : { name: "bob" },
          );
          const one = issue(site, "DEMO-6")!;
          equal(one.assignee, "bob");
          deepEqual(one.labels, ["batch"]);
          equal(issue(site, "DEMO-7")!.parentKey, "DEMO-4");
          ok(!site.state.issues.some((i) => i.summary === "Orphan"));
        },
      );

      await t.step("a batch Jira refuses entirely creates nothing and says so", async () => {
        const answer = await call(client, "jira_batch_create_issues", {
          issues: JSON.stringify([{
            project_key: "OPS",
            summary: "Lonely",
            issue_type: "Sub-task",
          }]),
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /^Created none of the 1 issues/);
        equal(answer.json.failed[0].summary, "Lonely");
        // The item's own reason, not a shared one.
        doesNotMatch(answer.json.failed[0].error, /^item \d|Jira refused/);
        ok(answer.json.failed[0].error.length > 0);
        ok(!site.state.issues.some((i) => i.summary === "Lonely"));
      });

      await t.step("a wrong item refuses the whole batch before any write", async () => {
        const before = sent(site, "POST", "/issue/bulk").length;
        const answer = await call(client, "jira_batch_create_issues", {
          issues: [
            { project_key: "DEMO", summary: "Fine", issue_type: "Task" },
            { project_key: "DEMO", issue_type: "Task" },
            { project_key: "OPS", summary: "Wrong type", issue_type: "Epic" },
          ],
        });
        equal(answer.isError, true);
        match(answer.text, /Nothing was created: 2 of 3 items are wrong/);
        match(answer.text, /item 1: summary is missing/);
        match(answer.text, /item 2: issue type "Epic" does not exist in OPS/);
        equal(sent(site, "POST", "/issue/bulk").length, before);

        const dry = await call(client, "jira_batch_create_issues", {
          issues: [{ project_key: "DEMO", summary: "Fine", issue_type: "Task" }],
          validate_only: true,
        });
        equal(dry.isError, false, dry.text);
        match(dry.json.message, /nothing was created/);
        equal(sent(site, "POST", "/issue/bulk").length, before);
      });

      await t.step(
        "jira_delete_issue deletes an issue with its subtasks and names them",
        async () => {
          const answer = await call(client, "jira_delete_issue", { issue_key: "DEMO-4" });
          equal(answer.isError, false, answer.text);
          equal(
            answer.json.message,
            'Deleted DEMO-4 "Update payment SDK" and its 1 subtask (DEMO-7).',
          );
          deepEqual(answer.json.deleted_subtasks, [{ key: "DEMO-7", summary: "Batch child" }]);
          equal(issue(site, "DEMO-4"), undefined);
          equal(issue(site, "DEMO-7"), undefined);
          const [del] = sent(site, "DELETE", `${api}/issue/DEMO-4`);
          equal(del.query.get("deleteSubtasks"), "true");

          const gone = await call(client, "jira_delete_issue", { issue_key: "DEMO-4" });
          equal(gone.isError, true);
        },
      );
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_batch_get_changelogs is Cloud-only`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      if (!cloud) {
        await t.step("it is not listed on Data Center and cannot be called", async () => {
          const names = (await client.listTools()).tools.map((tool) => tool.name);
          ok(!names.includes("jira_batch_get_changelogs"));
          const answer = await call(client, "jira_batch_get_changelogs", {
            issue_ids_or_keys: "DEMO-2",
          });
          equal(answer.isError, true);
          equal(sent(site, "POST", "/changelog/bulkfetch").length, 0);
        });
        return;
      }
      await t.step("it reads several issues' histories in one request", async () => {
        const assigned = await call(client, "jira_assign_issue", {
          issue_key: "DEMO-3",
          assignee: "bob",
        });
        equal(assigned.isError, false, assigned.text);
        const answer = await call(client, "jira_batch_get_changelogs", {
          issue_ids_or_keys: "DEMO-2, demo-3,10005",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Read the changelogs of 2 of 3 issues.");
        deepEqual(answer.json.issues[0], {
          key: "DEMO-2",
          id: "10002",
          total: 1,
          returned: 1,
          changelogs: [{
            created: answer.json.issues[0].changelogs[0].created,
            author: "Alice Admin",
            items: [{ field: "status", from: "To Do", to: "In Progress" }],
          }],
        });
        equal(answer.json.issues[1].key, "DEMO-3");
        deepEqual(answer.json.issues[1].changelogs[0].items, [
          { field: "assignee", to: "Bob Builder" },
        ]);
        deepEqual(answer.json.no_history, ["10005"]);
        const [post] = sent(site, "POST", "/rest/api/3/changelog/bulkfetch");
        deepEqual(post.body, { issueIdsOrKeys: ["DEMO-2", "DEMO-3", "10005"] });
      });

      await t.step("fields narrows the histories and limit trims them", async () => {
        const answer = await call(client, "jira_batch_get_changelogs", {
          issue_ids_or_keys: "DEMO-2,DEMO-3",
          fields: "assignee",
          limit: 1,
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.issues.map((i: { key: string }) => i.key), ["DEMO-3"]);
        deepEqual(answer.json.no_history, ["DEMO-2"]);
        const post = sent(site, "POST", "/changelog/bulkfetch").at(-1)!;
        deepEqual((post.body as { fieldIds: string[] }).fieldIds, ["assignee"]);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_issues keeps to the project allowlist`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    const refused = /outside the projects this server may use/;
    try {
      await t.step("no tool reads or writes outside DEMO", async () => {
        const list = await call(client, "jira_get_project_issues", { project_key: "OPS" });
        equal(list.isError, true);
        match(list.text, refused);
        const assign = await call(client, "jira_assign_issue", {
          issue_key: "OPS-1",
          assignee: "bob",
        });
        match(assign.text, refused);
        const del = await call(client, "jira_delete_issue", { issue_key: "OPS-1" });
        match(del.text, refused);
        const batch = await call(client, "jira_batch_create_issues", {
          issues: [
            { project_key: "DEMO", summary: "In", issue_type: "Task" },
            { project_key: "OPS", summary: "Out", issue_type: "Task" },
          ],
        });
        match(batch.text, refused);
        const child = await call(client, "jira_batch_create_issues", {
          issues: [{
            project_key: "DEMO",
            summary: "Kid",
            issue_type: "Sub-task",
            parent: "OPS-1",
          }],
        });
        match(child.text, refused);
        if (cloud) {
          const logs = await call(client, "jira_batch_get_changelogs", {
            issue_ids_or_keys: "DEMO-2,OPS-1",
          });
          match(logs.text, refused);
          // An id is checked by reading its issue first (10006 is OPS-1).
          const byId = await call(client, "jira_batch_get_changelogs", {
            issue_ids_or_keys: "10006",
          });
          match(byId.text, refused);
        }
        ok(!site.requests.some((r) => r.method !== "GET" && !r.path.endsWith("/search/jql")));
        equal(sent(site, "POST", "/changelog/bulkfetch").length, 0);
        ok(issue(site, "OPS-1"));
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_count_issues counts without reading, inside the allowlist`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const open = await connectStdio(site.env);
    try {
      const all = await call(open.client, "jira_count_issues", { jql: "project in (DEMO, OPS)" });
      equal(all.isError, false, all.text);
      const inBoth = site.state.issues.filter((i) => ["DEMO", "OPS"].includes(i.projectKey));
      equal(all.json.count, inBoth.length);
      equal(all.json.approximate, cloud ? true : undefined);
      const narrowed = await call(open.client, "jira_count_issues", {
        jql: "project in (DEMO, OPS)",
        projects_filter: "OPS",
      });
      equal(narrowed.json.count, inBoth.filter((i) => i.projectKey === "OPS").length);
      if (cloud) {
        const [post] = sent(site, "POST", "/rest/api/3/search/approximate-count");
        deepEqual(post.body, { jql: "project in (DEMO, OPS)" });
        const unbounded = await call(open.client, "jira_count_issues", { jql: "order by key" });
        equal(unbounded.isError, true);
        match(unbounded.text, /Bound the query/);
      } else {
        const read = sent(site, "GET", "/rest/api/2/search").at(-1)!;
        equal(read.query.get("maxResults"), "0");
      }
    } finally {
      await open.close();
    }
    const limited = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    try {
      const answer = await call(limited.client, "jira_count_issues", {
        jql: "project in (DEMO, OPS)",
      });
      equal(answer.json.count, site.state.issues.filter((i) => i.projectKey === "DEMO").length);
      match(answer.json.jql, /project IN \("DEMO"\)/i);
    } finally {
      await limited.close();
    }
  });

  Deno.test(`${flavour}: read-only mode hides the jira_issues writes`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      ok(names.includes("jira_get_project_issues"));
      for (const name of WRITE_TOOLS) ok(!names.includes(name), name);
      const answer = await call(session.client, "jira_delete_issue", { issue_key: "DEMO-4" });
      equal(answer.isError, true);
      ok(issue(site, "DEMO-4"));
      equal(sent(site, "DELETE", "/issue/DEMO-4").length, 0);
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_issues writes whose answer is lost are found`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("a bulk create whose connection drops reports the created keys", async () => {
        site.fault({ match: /\/issue\/bulk$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_batch_create_issues", {
          issues: [
            { project_key: "DEMO", summary: "Lost one", issue_type: "Task" },
            { project_key: "DEMO", summary: "Lost two", issue_type: "Bug" },
          ],
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Created 2 of 2 issues (found after the connection dropped).");
        deepEqual(answer.json.created.map((c: { key: string }) => c.key).toSorted(), [
          "DEMO-6",
          "DEMO-7",
        ]);
        equal(sent(site, "POST", "/issue/bulk").length, 1, "never sent twice");
      });

      await t.step(
        "a delete whose connection drops is confirmed by the issue's absence",
        async () => {
          site.fault({ match: /\/issue\/DEMO-5$/, method: "DELETE", drop: "after" });
          const answer = await call(client, "jira_delete_issue", { issue_key: "DEMO-5" });
          equal(answer.isError, false, answer.text);
          equal(
            answer.json.message,
            'Deleted DEMO-5 "Order history page", found after the connection dropped.',
          );
          equal(sent(site, "DELETE", "/issue/DEMO-5").length, 1);
        },
      );

      await t.step("an assign whose connection drops is confirmed by reading it", async () => {
        site.fault({ match: /\/issue\/DEMO-1\/assignee$/, method: "PUT", drop: "after" });
        const answer = await call(client, "jira_assign_issue", {
          issue_key: "DEMO-1",
          assignee: "Bob Builder",
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          "DEMO-1 is assigned to Bob Builder (found after the connection dropped).",
        );
      });
    } finally {
      await session.close();
    }
  });
}
