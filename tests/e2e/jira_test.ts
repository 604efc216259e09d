/**
 * The Jira tools of the vertical slice, through the real entry point over stdio, against the
 * fake Atlassian: Cloud (REST v3, ADF) and Data Center (REST v2, wiki markup).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`jira tools work end to end on ${flavour}`, async (t) => {
    const fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const api = flavour === "cloud" ? "/rest/api/3" : "/rest/api/2";
    const { client } = session;
    try {
      await t.step("lists the slice's tools", async () => {
        const { tools } = await client.listTools();
        const names = tools.map((tool) => tool.name);
        for (
          const name of [
            "jira_get_issue",
            "jira_search",
            "jira_search_fields",
            "jira_get_transitions",
            "jira_create_issue",
            "jira_update_issue",
            "jira_transition_issue",
            "jira_add_comment",
            "confluence_search",
            "confluence_get_page",
            "confluence_create_page",
            "confluence_update_page",
          ]
        ) ok(names.includes(name), name);
      });

      await t.step("jira_get_issue answers a trimmed view with Markdown and comments", async () => {
        const answer = await call(client, "jira_get_issue", { issue_key: "DEMO-2" });
        equal(answer.isError, false, answer.text);
        const issue = answer.json;
        equal(issue.key, "DEMO-2");
        equal(issue.summary, "Pay with saved card");
        equal(issue.status, "In Progress");
        equal(issue.assignee.name, "Alice Admin");
        if (flavour === "cloud") equal(issue.parent.key, "DEMO-1");
        // The Epic Link field (found by its type, not a fixed id) becomes `epic` on both.
        deepEqual(issue.epic, { key: "DEMO-1", summary: "Checkout revamp" });
        equal(issue.customfield_10014, undefined);
        equal(issue.comments.length, 2);
        equal(typeof issue.description, "string");
        match(issue.description, /^#+ /m, "description has a Markdown heading");
        match(issue.description, /```/, "description keeps its code block");
        ok(!answer.text.includes("null"), "no nulls");
        ok(!answer.text.includes('"self"'), "no raw Atlassian JSON");
        ok(!answer.text.includes('"type":"doc"'), "no ADF");
        const request = site.requests.find((r) => r.path === `${api}/issue/DEMO-2`);
        ok(request, "read through the deployment's API version");
      });

      await t.step("use_display_names keys custom fields by their names", async () => {
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-2",
          fields: "summary,customfield_10016",
          comment_limit: 0,
          use_display_names: true,
        });
        equal(answer.json["Story Points"], 5, answer.text);
        equal(answer.json.customfield_10016, undefined);
      });

      await t.step("include=all adds each section as a trimmed view", async () => {
        // A worklog with a rich-text comment, stored the way each flavour stores it.
        site.state.issues.find((i) => i.key === "DEMO-2")!.worklogs.push({
          id: "10250",
          author: "bob",
          updateAuthor: "bob",
          comment: flavour === "cloud"
            ? {
              type: "doc",
              version: 1,
              content: [{
                type: "paragraph",
                content: [
                  { type: "text", text: "Paired on " },
                  { type: "text", text: "saved cards", marks: [{ type: "strong" }] },
                ],
              }],
            }
            : "Paired on *saved cards*",
          started: "2024-03-05T09:00:00.000Z",
          timeSpentSeconds: 5400,
          created: "2024-03-05T10:30:00.000Z",
          updated: "2024-03-05T10:30:00.000Z",
        });
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-2",
          include: "all",
        });
        equal(answer.isError, false, answer.text);
        const issue = answer.json;
        equal(issue.key, "DEMO-2");
        equal(issue.comments.length, 2, "comments stay as they were");
        deepEqual(issue.transitions, [
          { id: "21", name: "Send to Review", to_status: "In Review" },
          { id: "31", name: "Done", to_status: "Done" },
          { id: "41", name: "Reopen", to_status: "To Do" },
        ]);
        deepEqual(issue.watchers, {
          count: 2,
          watching: true,
          watchers: ["Alice Admin", "Bob Builder"],
        });
        deepEqual(issue.remote_links, [{
          title: "acme/checkout#42: Pay with a saved card",
          url: "https://github.com/acme/checkout/pull/42",
          relationship: "mentioned in",
        }]);
        deepEqual(issue.changelog, [{
          created: "2024-03-04T10:00:00.000+0000",
          author: "Alice Admin",
          items: [{ field: "status", from: "To Do", to: "In Progress" }],
        }]);
        deepEqual(issue.worklogs, [{
          id: "10250",
          author: "Bob Builder",
          started: "2024-03-05T09:00:00.000+0000",
          time_spent: "1h 30m",
          comment: "Paired on **saved cards**",
        }]);
        ok(!/_unavailable/.test(answer.text), answer.text);
        ok(!answer.text.includes("null"), "no nulls");
        ok(!answer.text.includes('"self"'), "no raw Atlassian JSON");
        ok(!answer.text.includes('"type":"doc"'), "no ADF");
        const read = site.requests.findLast((r) => r.path === `${api}/issue/DEMO-2`)!;
        match(read.query.get("expand") ?? "", /\bchangelog\b/, "changelog comes with the issue");
        for (const sub of ["transitions", "watchers", "remotelink", "worklog"]) {
          ok(site.requests.some((r) => r.path === `${api}/issue/DEMO-2/${sub}`), sub);
        }
      });

      await t.step("include takes aliases in any case and reads only what it names", async () => {
        const before = site.requests.length;
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-2",
          include: " Watchers , WORKLOG ",
          comment_limit: 0,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.watchers.count, 2);
        equal(answer.json.worklogs.length, 1);
        for (const absent of ["transitions", "remote_links", "changelog", "comments"]) {
          equal(answer.json[absent], undefined, absent);
        }
        const paths = site.requests.slice(before).map((r) => r.path).sort();
        deepEqual(paths, [
          `${api}/issue/DEMO-1`, // its epic's summary
          `${api}/issue/DEMO-2`,
          `${api}/issue/DEMO-2/watchers`,
          `${api}/issue/DEMO-2/worklog`,
        ]);
      });

      await t.step(
        "include with an unknown section is an error naming the accepted ones",
        async () => {
          const before = site.requests.length;
          const answer = await call(client, "jira_get_issue", {
            issue_key: "DEMO-2",
            include: "watchers,nonsense",
          });
          equal(answer.isError, true, answer.text);
          match(answer.text, /"nonsense"/);
          match(
            answer.text,
            /all, remote_links, transitions, watchers, changelog, comments, worklogs/,
          );
          equal(site.requests.length, before, "refused before any request");
        },
      );

      await t.step("watchers that cannot be read do not lose the issue", async () => {
        site.fault({ match: /\/issue\/DEMO-2\/watchers$/, status: 500, times: 5 });
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-2",
          include: "watchers,transitions",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.key, "DEMO-2");
        equal(answer.json.summary, "Pay with saved card");
        equal(answer.json.watchers, undefined);
        match(answer.json.watchers_unavailable, /^Watchers could not be read: /);
        match(answer.json.watchers_unavailable, /500/);
        equal(answer.json.transitions.length, 3, "the other sections still arrive");
        site.reset(); // drop the faults this read did not use
      });

      await t.step("jira_search returns issues in order with paging information", async () => {
        const answer = await call(client, "jira_search", {
          jql: "project = DEMO ORDER BY key ASC",
          limit: 3,
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.issues.map((i: { key: string }) => i.key), [
          "DEMO-1",
          "DEMO-2",
          "DEMO-3",
        ]);
        equal(answer.json.issues[0].assignee.name, "Alice Admin");
        equal(answer.json.issues[2].assignee, "unassigned", "an empty assignee is said");
        if (flavour === "cloud") {
          ok(answer.json.next_page_token, "Cloud answers a next_page_token");
          const next = await call(client, "jira_search", {
            jql: "project = DEMO ORDER BY key ASC",
            limit: 3,
            page_token: answer.json.next_page_token,
          });
          deepEqual(next.json.issues.map((i: { key: string }) => i.key), ["DEMO-4", "DEMO-5"]);
          const skipped = await call(client, "jira_search", {
            jql: "project = DEMO ORDER BY key ASC",
            limit: 2,
            start_at: 3,
          });
          deepEqual(skipped.json.issues.map((i: { key: string }) => i.key), ["DEMO-4", "DEMO-5"]);
          equal(skipped.json.start_at, 3);
          match(skipped.json.note, /start_at 3 was honoured .* pass next_page_token as page_token/);
          const unbounded = await call(client, "jira_search", { jql: "order by created DESC" });
          equal(unbounded.isError, true);
          match(unbounded.text, /Unbounded JQL queries are not allowed here/);
          match(unbounded.text, /Bound the query: add a project \(project = KEY\)/);
        } else {
          equal(answer.json.total, 5);
        }
      });

      await t.step("jira_search_fields finds a custom field by fuzzy name", async () => {
        const answer = await call(client, "jira_search_fields", { keyword: "story point" });
        equal(answer.json[0].id, "customfield_10016");
      });

      await t.step("jira_get_transitions lists ids, names and target statuses", async () => {
        const answer = await call(client, "jira_get_transitions", { issue_key: "DEMO-3" });
        ok(
          answer.json.some((t: { id: string; name: string }) =>
            t.id === "11" && t.name === "Start Progress"
          ),
        );
      });

      let created = "";
      await t.step("jira_create_issue sends rich text in the deployment's format", async () => {
        const answer = await call(client, "jira_create_issue", {
          project_key: "DEMO",
          summary: "Refund button",
          issue_type: "task",
          description: "Steps:\n\n1. open **cart**\n2. press refund",
          additional_fields: JSON.stringify({ labels: ["payments"], "Story Points": 3 }),
        });
        equal(answer.isError, false, answer.text);
        created = answer.json.issue.key;
        equal(created, "DEMO-6");
        const post = site.requests.find((r) => r.method === "POST" && r.path === `${api}/issue`)!;
        const fields = (post.body as { fields: Record<string, unknown> }).fields;
        if (flavour === "cloud") equal((fields.description as { type: string }).type, "doc");
        else match(fields.description as string, /\*cart\*/);
        equal(fields.customfield_10016, 3);
        deepEqual(fields.labels, ["payments"]);
      });

      await t.step(
        "jira_update_issue takes fields as a JSON value, reports each step",
        async () => {
          const answer = await call(client, "jira_update_issue", {
            issue_key: created,
            fields: { summary: "Refund button v2", description: "Now with _emphasis_" },
            comment: "Updated by the assistant",
            worklog: "1h 30m",
          });
          equal(answer.isError, false, answer.text);
          deepEqual(answer.json.operations_performed, ["fields", "comment", "worklog"]);
          equal(answer.json.issue.summary, "Refund button v2");
        },
      );

      await t.step("jira_transition_issue accepts a transition name", async () => {
        const answer = await call(client, "jira_transition_issue", {
          issue_key: created,
          transition_id: "done",
          comment: "Shipped",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.issue.status, "Done");
      });

      await t.step("jira_add_comment writes Markdown with a mention", async () => {
        const answer = await call(client, "jira_add_comment", {
          issue_key: "DEMO-3",
          body: "Thanks @[Bob Builder](accountid:557058:bob), **fixed**.",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.comment.body, /fixed/);
        const post = site.requests.findLast((r) =>
          r.method === "POST" && r.path === `${api}/issue/DEMO-3/comment`
        )!;
        const body = (post.body as { body: unknown }).body;
        if (flavour === "cloud") match(JSON.stringify(body), /"mention"/);
        else match(body as string, /\[~/);
      });

      await t.step("bad input gets Atlassian's message plus one hint", async () => {
        const badKey = await call(client, "jira_get_issue", { issue_key: "not a key" });
        equal(badKey.isError, true);
        match(badKey.text, /Invalid arguments for jira_get_issue: issue_key/);

        const missing = await call(client, "jira_get_issue", { issue_key: "DEMO-999" });
        equal(missing.isError, true);
        match(missing.text, /Issue does not exist or you do not have permission to see it/);
        match(missing.text, /\nHint: /);

        const jql = await call(client, "jira_search", { jql: "nosuchfield = 1" });
        equal(jql.isError, true);
        match(jql.text, /nosuchfield/);

        const field = await call(client, "jira_update_issue", {
          issue_key: "DEMO-3",
          fields: JSON.stringify({ nosuchfield: "x" }),
        });
        equal(field.isError, true);
        match(field.text, /nosuchfield/);

        const transition = await call(client, "jira_transition_issue", {
          issue_key: "DEMO-3",
          transition_id: "Teleport",
        });
        equal(transition.isError, true);
        match(transition.text, /Transition "Teleport" is not available for DEMO-3/);
        match(transition.text, /Start Progress \(11\)/);

        const type = await call(client, "jira_create_issue", {
          project_key: "DEMO",
          summary: "x",
          issue_type: "Spaceship",
        });
        equal(type.isError, true);
        match(type.text, /Use one of: .*Bug/);
      });
    } finally {
      await session.close();
      await fake.close();
    }
  });
}
