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
        if (flavour === "cloud") equal(issue.parent.key, "DEMO-1"); // Data Center links epics by Epic Link
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
        if (flavour === "cloud") {
          ok(answer.json.next_page_token, "Cloud answers a next_page_token");
          const next = await call(client, "jira_search", {
            jql: "project = DEMO ORDER BY key ASC",
            limit: 3,
            page_token: answer.json.next_page_token,
          });
          deepEqual(next.json.issues.map((i: { key: string }) => i.key), ["DEMO-4", "DEMO-5"]);
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

      await t.step("jira_update_issue reports each step", async () => {
        const answer = await call(client, "jira_update_issue", {
          issue_key: created,
          fields: JSON.stringify({
            summary: "Refund button v2",
            description: "Now with _emphasis_",
          }),
          comment: "Updated by the assistant",
          worklog: "1h 30m",
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.operations_performed, ["fields", "comment", "worklog"]);
        equal(answer.json.issue.summary, "Refund button v2");
      });

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
