/**
 * The `jira_users` and `jira_worklog` toolsets and `jira_edit_comment` through the real entry
 * point over stdio, against the fake Atlassian on Cloud (REST v3, account ids, ADF) and Data
 * Center (REST v2, user names, wiki markup): each tool's requests, effects and answers; an
 * ambiguous person refused with the candidates; the loss guard of comment edits; the allowlist;
 * read-only mode; and writes whose connection drops after Atlassian applied them.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import type { RichText } from "../fake_atlassian/_model.ts";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const READ_TOOLS = ["jira_get_user_profile", "jira_search_assignable_users", "jira_get_worklog"];
const WRITE_TOOLS = ["jira_add_worklog", "jira_edit_comment"];

/** The writes sent since request number `from`. */
function writesSince(site: FakeSite, from: number) {
  return site.requests.slice(from).filter((r) => r.method !== "GET");
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const cloud = flavour === "cloud";
  const api = cloud ? "/rest/api/3" : "/rest/api/2";
  const bob = cloud
    ? { display_name: "Bob Builder", account_id: "557058:bob", email: "bob@example.com" }
    : { display_name: "Bob Builder", name: "bob", key: "JIRAUSER10001", email: "bob@example.com" };

  Deno.test(`${flavour}: jira_users tools find people and who can be assigned`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("the user and worklog tools and jira_edit_comment are listed", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of [...READ_TOOLS, ...WRITE_TOOLS]) ok(names.includes(name), name);
      });

      await t.step("jira_get_user_profile reads 'me'", async () => {
        const answer = await call(client, "jira_get_user_profile", { user_identifier: "me" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.display_name, "Alice Admin");
        equal(answer.json.email, "alice@example.com");
        ok(sent(site, "GET", `${api}/myself`).length >= 1);
      });

      await t.step("jira_get_user_profile finds a user by e-mail", async () => {
        const answer = await call(client, "jira_get_user_profile", {
          user_identifier: "bob@example.com",
        });
        equal(answer.isError, false, answer.text);
        const { active: _active, time_zone, ...names } = answer.json;
        deepEqual(names, bob);
        equal(time_zone, "America/New_York");
        const read = sent(site, "GET", `${api}/user`).at(-1)!;
        equal(read.query.get(cloud ? "accountId" : "username"), cloud ? "557058:bob" : "bob");
      });

      await t.step("jira_get_user_profile reads an account id or user key directly", async () => {
        const from = site.requests.length;
        const answer = await call(client, "jira_get_user_profile", {
          user_identifier: cloud ? "557058:bob" : "JIRAUSER10001",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.display_name, "Bob Builder");
        const paths = site.requests.slice(from).map((r) => r.path);
        deepEqual(paths, [`${api}/user`], "read directly, without a search");
        equal(
          site.requests[from].query.get(cloud ? "accountId" : "key"),
          cloud ? "557058:bob" : "JIRAUSER10001",
        );
      });

      await t.step("an ambiguous name is refused, listing the candidates", async () => {
        const two = [
          {
            accountId: "557058:bob",
            name: "bob",
            displayName: "Bob Builder",
            emailAddress: "bob@example.com",
          },
          {
            accountId: "557058:bobby",
            name: "bobby",
            displayName: "Bobby Tables",
            emailAddress: "bobby@example.com",
          },
        ];
        site.fault({ match: /\/user\/search$/, status: 200, body: two });
        const answer = await call(client, "jira_get_user_profile", { user_identifier: "Bo" });
        equal(answer.isError, true, answer.text);
        equal(
          answer.text.split("\n")[0],
          cloud
            ? '"Bo" matches 2 Jira users: Bob Builder (bob@example.com), Bobby Tables (bobby@example.com).'
            : '"Bo" matches 2 Jira users: Bob Builder (bob), Bobby Tables (bobby).',
        );
      });

      await t.step("a write naming an ambiguous person is refused before writing", async () => {
        const two = [
          { accountId: "557058:alice", name: "alice", displayName: "Alice Admin" },
          { accountId: "557058:bob", name: "bob", displayName: "Bob Builder" },
        ];
        site.fault({ match: /\/user\/search$/, status: 200, body: two });
        const from = site.requests.length;
        const answer = await call(client, "jira_add_watcher", {
          issue_key: "DEMO-3",
          user_identifier: "A",
        });
        equal(answer.isError, true, answer.text);
        match(answer.text, /^"A" matches 2 Jira users: Alice Admin \(.+\), Bob Builder \(.+\)\./);
        deepEqual(writesSince(site, from), []);
      });

      await t.step("an unknown person is an error", async () => {
        const answer = await call(client, "jira_get_user_profile", {
          user_identifier: cloud ? "nobody@example.com" : "nobody",
        });
        equal(answer.isError, true, answer.text);
        match(answer.text, cloud ? /^No Jira user matches "nobody@example.com"/ : /nobody/);
      });

      await t.step("jira_search_assignable_users searches a project", async () => {
        const answer = await call(client, "jira_search_assignable_users", {
          query: "bo",
          project_key: "DEMO",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.count, 1);
        equal(answer.json.users[0].display_name, "Bob Builder");
        equal(answer.json.users[0][cloud ? "account_id" : "name"], cloud ? "557058:bob" : "bob");
        const read = sent(site, "GET", `${api}/user/assignable/search`).at(-1)!;
        equal(read.query.get(cloud ? "query" : "username"), "bo");
        equal(read.query.get("project"), "DEMO");
        equal(read.query.get("maxResults"), "20");
      });

      await t.step("jira_search_assignable_users searches an issue, within limit", async () => {
        const ops = await call(client, "jira_search_assignable_users", {
          query: "b",
          issue_key: "OPS-1",
        });
        equal(ops.isError, false, ops.text);
        deepEqual(ops.json, { count: 0 }, "bob is no member of OPS");
        const demo = await call(client, "jira_search_assignable_users", {
          query: "a",
          issue_key: "DEMO-2",
          limit: 1,
        });
        equal(demo.json.count, 1, demo.text);
        equal(demo.json.users[0].display_name, "Alice Admin");
        equal(
          sent(site, "GET", `${api}/user/assignable/search`).at(-1)!.query.get("issueKey"),
          "DEMO-2",
        );
      });

      await t.step("jira_search_assignable_users needs exactly one scope", async () => {
        for (const args of [{}, { project_key: "DEMO", issue_key: "DEMO-2" }]) {
          const answer = await call(client, "jira_search_assignable_users", {
            query: "a",
            ...args,
          });
          equal(answer.isError, true, answer.text);
          match(answer.text, /^Pass exactly one of project_key and issue_key\./);
        }
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_worklog tools log and read work`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const issue = (key: string) => site.state.issues.find((i) => i.key === key)!;
    try {
      await t.step("jira_add_worklog logs time with a comment and an ISO start", async () => {
        const answer = await call(client, "jira_add_worklog", {
          issue_key: "DEMO-2",
          time_spent: "1H30m",
          comment: "Paired on **saved cards**",
          started: "2026-11-26T09:00:00+01:00",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Logged 1h 30m on DEMO-2.");
        equal(answer.json.worklog.time_spent_seconds, 5400);
        equal(answer.json.worklog.comment, "Paired on **saved cards**");
        equal(answer.json.worklog.author, "Alice Admin");
        const post = sent(site, "POST", `${api}/issue/DEMO-2/worklog`).at(-1)!;
        const body = post.body as Record<string, unknown>;
        equal(body.timeSpent, "1h 30m");
        equal(body.started, "2026-11-26T08:00:00.000+0000");
        if (cloud) equal((body.comment as { type: string }).type, "doc");
        else equal(body.comment, "Paired on *saved cards*");
        equal(post.query.get("adjustEstimate"), null);
        const stored = issue("DEMO-2").worklogs.at(-1)!;
        equal(stored.timeSpentSeconds, 5400);
        equal(stored.started, "2026-11-26T08:00:00.000Z");
      });

      await t.step("jira_add_worklog sets the original and remaining estimates", async () => {
        const answer = await call(client, "jira_add_worklog", {
          issue_key: "DEMO-2",
          time_spent: "2d",
          started: "2026-11-27",
          original_estimate: "1w",
          remaining_estimate: "1d 4h",
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          "Logged 2d on DEMO-2; original estimate set to 1w, remaining estimate set to 1d 4h.",
        );
        const put = sent(site, "PUT", `${api}/issue/DEMO-2`).at(-1)!;
        deepEqual(put.body, { fields: { timetracking: { originalEstimate: "1w" } } });
        const post = sent(site, "POST", `${api}/issue/DEMO-2/worklog`).at(-1)!;
        equal(post.query.get("adjustEstimate"), "new");
        equal(post.query.get("newEstimate"), "1d 4h");
        equal((post.body as Record<string, unknown>).started, "2026-11-27T00:00:00.000+0000");
        // The fake's day is 8h and its week 5d, like Jira's defaults.
        deepEqual(issue("DEMO-2").timetracking, {
          originalEstimate: 40 * 3600,
          remainingEstimate: 12 * 3600,
        });
      });

      await t.step("unreadable durations and dates are refused before any write", async () => {
        const cases: [Record<string, string>, RegExp][] = [
          [{ time_spent: "90" }, /^time_spent "90" is not a duration in Jira's notation\./],
          [{ time_spent: "1h", remaining_estimate: "soon" }, /^remaining_estimate "soon"/],
          [{ time_spent: "1h", started: "yesterday" }, /^started "yesterday" is not an ISO date/],
        ];
        for (const [args, error] of cases) {
          const from = site.requests.length;
          const answer = await call(client, "jira_add_worklog", { issue_key: "DEMO-2", ...args });
          equal(answer.isError, true, answer.text);
          match(answer.text, error);
          deepEqual(writesSince(site, from), []);
        }
      });

      await t.step("jira_get_worklog lists the work, oldest first", async () => {
        const answer = await call(client, "jira_get_worklog", { issue_key: "DEMO-2" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.issue_key, "DEMO-2");
        equal(answer.json.count, 2);
        const [first, second] = answer.json.worklogs;
        equal(first.time_spent, "1h 30m");
        equal(first.time_spent_seconds, 5400);
        equal(first.comment, "Paired on **saved cards**");
        equal(first.author, "Alice Admin");
        match(first.started, /^2026-11-26T08:00:00\.000\+0000$/);
        ok(first.created);
        equal(second.time_spent, "2d");
        equal(second.time_spent_seconds, 2 * 8 * 3600);
        ok(!answer.text.includes("null"), "no nulls");
      });

      await t.step("a worklog whose answer is lost is logged once", async () => {
        site.fault({ match: /\/issue\/DEMO-3\/worklog$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_add_worklog", {
          issue_key: "DEMO-3",
          time_spent: "45m",
        });
        equal(answer.isError, false, answer.text);
        match(
          answer.json.message,
          /^Logged 45m on DEMO-3 \(.*found after the connection dropped.*\)\.$/,
        );
        equal(issue("DEMO-3").worklogs.length, 1);
      });

      await t.step("a worklog dropped before Jira saw it is reported as not logged", async () => {
        site.fault({ match: /\/issue\/DEMO-4\/worklog$/, method: "POST", drop: true });
        const answer = await call(client, "jira_add_worklog", {
          issue_key: "DEMO-4",
          time_spent: "45m",
        });
        equal(answer.isError, true, answer.text);
        match(answer.text, /^Not logged: /);
        equal(issue("DEMO-4").worklogs.length, 0);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_edit_comment replaces a comment, never dropping content silently`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const comments = () => site.state.issues.find((i) => i.key === "DEMO-2")!.comments;
    try {
      let id = "";
      await t.step("a comment is added to edit", async () => {
        const added = await call(client, "jira_add_comment", {
          issue_key: "DEMO-2",
          body: "First *draft*",
        });
        equal(added.isError, false, added.text);
        id = added.json.comment.id;
      });

      await t.step("jira_edit_comment replaces the text with Markdown", async () => {
        const answer = await call(client, "jira_edit_comment", {
          issue_key: "DEMO-2",
          comment_id: Number(id),
          body: "Final **text**",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, `Comment ${id} on DEMO-2 edited.`);
        equal(answer.json.comment.body.trim(), "Final **text**");
        const put = sent(site, "PUT", `${api}/issue/DEMO-2/comment/${id}`).at(-1)!;
        const body = (put.body as { body: unknown }).body;
        if (cloud) equal((body as { type: string }).type, "doc");
        else equal(body, "Final *text*");
        const stored = comments().find((c) => c.id === id)!;
        deepEqual(stored.body, body);
      });

      // A comment with content Markdown cannot show: a mention on Cloud, a macro on Data Center.
      const rich: RichText = cloud
        ? {
          type: "doc" as const,
          version: 1 as const,
          content: [{
            type: "paragraph",
            content: [
              { type: "text", text: "Ask " },
              { type: "mention", attrs: { id: "557058:bob", text: "@Bob Builder" } },
            ],
          }],
        }
        : "{toc:maxLevel=2}\n\nAsk bob";
      const [wouldGo, went] = cloud
        ? ["1 mention would be removed", "1 mention was removed"]
        : ["1 macro (toc) would be removed", "1 macro (toc) was removed"];

      await t.step("an edit that would drop content is refused before the write", async () => {
        comments().find((c) => c.id === id)!.body = structuredClone(rich);
        const from = site.requests.length;
        const answer = await call(client, "jira_edit_comment", {
          issue_key: "DEMO-2",
          comment_id: id,
          body: "Ask someone",
        });
        equal(answer.isError, true, answer.text);
        equal(answer.text.split("\n")[0], `Not edited: ${wouldGo} from comment ${id} on DEMO-2.`);
        match(answer.text, /Hint: Keep the <!--\.\.\.--> placeholders .*confirm_removal: true/);
        deepEqual(writesSince(site, from), []);
        deepEqual(comments().find((c) => c.id === id)!.body, rich);
      });

      await t.step("with confirm_removal the edit is written and the loss told", async () => {
        const answer = await call(client, "jira_edit_comment", {
          issue_key: "DEMO-2",
          comment_id: id,
          body: "Ask someone",
          confirm_removal: true,
        });
        equal(answer.isError, false, answer.text);
        equal(
          answer.json.message,
          `Comment ${id} on DEMO-2 edited. ${went} from comment ${id} on DEMO-2.`,
        );
        equal(answer.json.comment.body.trim(), "Ask someone");
      });

      await t.step("an edit whose answer is lost is found applied", async () => {
        site.fault({ match: new RegExp(`/comment/${id}$`), method: "PUT", drop: "after" });
        const answer = await call(client, "jira_edit_comment", {
          issue_key: "DEMO-2",
          comment_id: id,
          body: "Once more",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /found after the connection dropped/);
        equal(answer.json.comment.body.trim(), "Once more");
      });

      await t.step("an unknown comment is Jira's error", async () => {
        const answer = await call(client, "jira_edit_comment", {
          issue_key: "DEMO-2",
          comment_id: "99999",
          body: "x",
        });
        equal(answer.isError, true, answer.text);
        match(answer.text, /Can not find a comment for the id: 99999/);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: the allowlist holds for users, worklogs and comment edits`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "OPS" });
    try {
      const from = site.requests.length;
      const calls: [string, Record<string, unknown>][] = [
        ["jira_search_assignable_users", { query: "a", project_key: "DEMO" }],
        ["jira_search_assignable_users", { query: "a", issue_key: "DEMO-2" }],
        ["jira_get_worklog", { issue_key: "DEMO-2" }],
        ["jira_add_worklog", { issue_key: "DEMO-2", time_spent: "1h" }],
        ["jira_edit_comment", { issue_key: "DEMO-2", comment_id: "1", body: "x" }],
      ];
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, `${name}: ${answer.text}`);
        match(answer.text, /DEMO/, name);
        match(answer.text, /JIRA_PROJECTS_FILTER|allow/i, name);
      }
      deepEqual(site.requests.slice(from).filter((r) => !r.path.endsWith("/serverInfo")), []);
      const ops = await call(session.client, "jira_search_assignable_users", {
        query: "a",
        project_key: "OPS",
      });
      equal(ops.isError, false, ops.text);
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: read-only mode hides the worklog and comment writes`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      for (const name of READ_TOOLS) ok(names.includes(name), name);
      for (const name of WRITE_TOOLS) ok(!names.includes(name), name);
      const refused = await call(session.client, "jira_add_worklog", {
        issue_key: "DEMO-2",
        time_spent: "1h",
      });
      equal(refused.text, "Unknown tool: jira_add_worklog");
      const edit = await call(session.client, "jira_edit_comment", {
        issue_key: "DEMO-2",
        comment_id: "1",
        body: "x",
      });
      equal(edit.text, "Unknown tool: jira_edit_comment");
      ok(!site.requests.some((r) => r.method !== "GET"));
    } finally {
      await session.close();
    }
  });
}
