/**
 * The `confluence_comments`, `confluence_labels` and `confluence_users` toolsets through the real
 * entry point over stdio, against the fake Atlassian, on Cloud (REST v2, v1 for labels and user
 * search) and Data Center (v1): footer comments and replies, inline comments anchored to counted
 * text and their resolution, labels with name checks, user search, a comment create whose answer
 * is lost, and the refusals: space allowlist, read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { seedComments } from "../fake_atlassian/_confluence_comments.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const WRITES = [
  "confluence_add_comment",
  "confluence_reply_to_comment",
  "confluence_add_inline_comment",
  "confluence_resolve_inline_comment",
  "confluence_add_label",
  "confluence_remove_label",
];
const READS = [
  "confluence_get_comments",
  "confluence_get_inline_comments",
  "confluence_get_labels",
  "confluence_search_user",
];

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`confluence comments, labels and users work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const comments = () => site.state.contentComments ?? [];
    try {
      await t.step("lists every tool", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of [...READS, ...WRITES]) ok(names.includes(name), name);
      });

      await t.step("confluence_get_comments: threads as Markdown, authors by name", async () => {
        const answer = await call(client, "confluence_get_comments", { page_id: "1003" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.count, 2);
        const [first, reply] = answer.json.comments;
        equal(first.id, "60001");
        equal(first.author, "Bob Builder");
        match(first.body, /\*\*standby region\*\*/);
        equal(reply.parent_id, "60001");
        equal(reply.page_id, "1003", "replies name their page (v2 children carry no pageId)");
        equal(reply.author, "Alice Admin");
        ok(!/557058:|accountId|"_links"/.test(answer.text), "no account ids or raw JSON");
      });

      let added = "";
      await t.step("confluence_add_comment writes Markdown as storage", async () => {
        const answer = await call(client, "confluence_add_comment", {
          page_id: "1003",
          body: "Failover drill is **Friday**.",
        });
        equal(answer.isError, false, answer.text);
        added = answer.json.comment.id;
        match(answer.json.message, new RegExp(`Added comment ${added} on page 1003`));
        equal(answer.json.comment.author, "Alice Admin");
        match(answer.json.comment.body, /\*\*Friday\*\*/);
        equal(
          comments().find((c) => c.id === added)?.storage,
          "<p>Failover drill is <strong>Friday</strong>.</p>",
        );
      });

      await t.step("confluence_reply_to_comment answers in the thread", async () => {
        const answer = await call(client, "confluence_reply_to_comment", {
          comment_id: added,
          body: "Noted.",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.comment.parent_id, added);
        const all = await call(client, "confluence_get_comments", { page_id: "1003" });
        equal(all.json.count, 4);
      });

      await t.step("confluence_get_inline_comments shows the text and the state", async () => {
        const answer = await call(client, "confluence_get_inline_comments", { page_id: "1003" });
        equal(answer.isError, false, answer.text);
        deepEqual(
          answer.json.comments.map((
            c: Record<string, string>,
          ) => [c.id, c.text_selection, c.resolution, c.author]),
          [["60003", "status page", "open", "Bob Builder"]],
        );
      });

      await t.step("a reply to an inline comment joins its thread", async () => {
        const reply = await call(client, "confluence_reply_to_comment", {
          comment_id: "60003",
          body: "The public one.",
        });
        equal(reply.isError, false, reply.text);
        const answer = await call(client, "confluence_get_inline_comments", { page_id: "1003" });
        deepEqual(
          answer.json.comments.map((c: Record<string, string>) => [c.id, c.parent_id]),
          [["60003", undefined], [reply.json.comment.id, "60003"]],
        );
        if (flavour === "cloud") equal(sent(site, "POST", "/inline-comments").length, 1);
      });

      let inline = "";
      await t.step("confluence_add_inline_comment anchors to a counted occurrence", async () => {
        const answer = await call(client, "confluence_add_inline_comment", {
          page_id: "1003",
          body: "Which region is standby?",
          text_selection: "the",
          text_selection_match_index: 1,
        });
        equal(answer.isError, false, answer.text);
        inline = answer.json.comment.id;
        equal(answer.json.comment.text_selection, "the");
        match(answer.json.note, /occurs 3 times on the page; occurrence 2 was highlighted/);
      });

      await t.step(
        "an anchor that is missing or short of the index is refused with the count",
        async () => {
          const before = comments().length;
          const missing = await call(client, "confluence_add_inline_comment", {
            page_id: "1003",
            body: "x",
            text_selection: "blue-green deploy",
          });
          equal(missing.isError, true);
          match(missing.text, /does not occur on page 1003 \(found 0 times\)/);
          const short = await call(client, "confluence_add_inline_comment", {
            page_id: "1003",
            body: "x",
            text_selection: "the",
            text_selection_match_index: 3,
          });
          equal(short.isError, true);
          match(short.text, /occurs 3 times on page 1003.*index 3/);
          match(short.text, /Hint: Use an index from 0 to 2/);
          equal(comments().length, before, "nothing was written");
        },
      );

      await t.step("confluence_resolve_inline_comment resolves and reopens a thread", async () => {
        const resolved = await call(client, "confluence_resolve_inline_comment", {
          comment_id: inline,
        });
        equal(resolved.isError, false, resolved.text);
        match(resolved.json.message, new RegExp(`Resolved inline comment ${inline}`));
        equal(resolved.json.comment.resolution, "resolved");
        const again = await call(client, "confluence_resolve_inline_comment", {
          comment_id: inline,
        });
        match(again.json.message, /already resolved/);
        const reopened = await call(client, "confluence_resolve_inline_comment", {
          comment_id: inline,
          resolved: false,
        });
        equal(reopened.isError, false, reopened.text);
        equal(reopened.json.comment.resolution, "reopened");
        const path = flavour === "cloud"
          ? `/wiki/api/v2/inline-comments/${inline}`
          : `/resolve/false/dangling/false`;
        equal(sent(site, "PUT", path).length, flavour === "cloud" ? 2 : 1);
      });

      await t.step("resolving a footer comment is refused", async () => {
        const answer = await call(client, "confluence_resolve_inline_comment", {
          comment_id: "60001",
        });
        equal(answer.isError, true);
        match(answer.text, /Comment 60001 is a footer comment; only an inline comment thread/);
      });

      await t.step("confluence_get_labels, add_label (lowered) and remove_label", async () => {
        const labels = await call(client, "confluence_get_labels", { page_id: "1003" });
        deepEqual(labels.json.labels, ["ops", "runbook"]);
        const add = await call(client, "confluence_add_label", {
          page_id: "1003",
          name: "Release-Notes",
        });
        equal(add.isError, false, add.text);
        deepEqual(add.json.labels, ["ops", "runbook", "release-notes"]);
        match(add.json.note, /lower case/);
        const remove = await call(client, "confluence_remove_label", {
          page_id: "1003",
          name: "ops",
        });
        equal(remove.isError, false, remove.text);
        deepEqual(remove.json.labels, ["runbook", "release-notes"]);
        const absent = await call(client, "confluence_remove_label", {
          page_id: "1003",
          name: "ops",
        });
        equal(absent.isError, true);
        match(absent.text, /Page 1003 has no label "ops" \(its labels: runbook, release-notes\)/);
      });

      await t.step(
        "labels take Confluence's characters; my: and team: labels are removed",
        async () => {
          const plus = await call(client, "confluence_add_label", { page_id: "1003", name: "C++" });
          equal(plus.isError, false, plus.text);
          ok(plus.json.labels.includes("c++"), plus.text);
          site.state.pages.find((p) => p.id === "1003")!.labels.push("my:todo", "team:infra");
          const listed = await call(client, "confluence_get_labels", { page_id: "1003" });
          ok(listed.json.labels.includes("my:todo") && listed.json.labels.includes("team:infra"));
          for (const name of ["my:todo", "Team:Infra"]) {
            const removed = await call(client, "confluence_remove_label", {
              page_id: "1003",
              name,
            });
            equal(removed.isError, false, removed.text);
          }
          deepEqual(site.state.pages.find((p) => p.id === "1003")!.labels, [
            "runbook",
            "release-notes",
            "c++",
          ]);
          equal(
            sent(site, "DELETE", "/content/1003/label").at(-1)!.query.get("name"),
            "team:infra",
          );
        },
      );

      await t.step("label names are checked before any request", async () => {
        const before = site.requests.length;
        for (const name of ["two words", "a:b", "x".repeat(256)]) {
          const answer = await call(client, "confluence_add_label", { page_id: "1003", name });
          equal(answer.isError, true, name);
          match(answer.text, /space|contains ":"|at most 255/);
        }
        equal(site.requests.length, before, "no request was sent");
      });

      await t.step("confluence_search_user finds people by name", async () => {
        const answer = await call(client, "confluence_search_user", { query: "alice" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.users.length, 1);
        equal(answer.json.users[0].display_name, "Alice Admin");
        match(answer.json.users[0].mention, /^@\[Alice Admin\]\((accountid|userkey):/);
        if (flavour === "cloud") {
          equal(sent(site, "GET", "/search/user")[0].query.get("cql"), 'user.fullname ~ "alice"');
        } else {
          ok(sent(site, "GET", "/group/confluence-users/member").length > 0);
          const none = await call(client, "confluence_search_user", {
            query: "alice",
            group_name: "nobody",
          });
          equal(none.isError, true);
        }
      });

      await t.step(
        "a comment whose connection drops after it was applied is added once",
        async () => {
          const before = comments().length;
          site.fault({
            match: flavour === "cloud" ? /\/footer-comments$/ : /\/rest\/api\/content$/,
            method: "POST",
            drop: "after",
          });
          const answer = await call(client, "confluence_add_comment", {
            page_id: "1003",
            body: "Once.",
          });
          equal(answer.isError, false, answer.text);
          match(answer.json.message, /found after the connection dropped/);
          equal(comments().length, before + 1);
        },
      );

      await t.step(
        "a lost comment on a page with too many comments to check is an unknown outcome",
        async () => {
          const seeded = comments().find((c) => c.id === "60001")!;
          for (let i = 0; i < 2_000; i++) {
            comments().push({ ...seeded, id: String(70_000 + i), authorId: "bob" });
          }
          const before = comments().length;
          site.fault({
            match: flavour === "cloud" ? /\/footer-comments$/ : /\/rest\/api\/content$/,
            method: "POST",
            drop: "after",
          });
          const answer = await call(client, "confluence_add_comment", {
            page_id: "1003",
            body: "Busy page.",
          });
          equal(answer.isError, true, answer.text);
          match(answer.text, /too many comments on page 1003 to tell whether it was added/);
          ok(!/Not added/.test(answer.text), "never reported as not added");
          equal(comments().length, before + 1, "it was added, once");
        },
      );
    } finally {
      await session.close();
    }
  });

  Deno.test(`confluence comment and label tools keep to the allowed spaces on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const seeded = site.state.contentComments ??= seedComments();
    seeded.push({ ...seeded.find((c) => c.id === "60003")!, id: "60099", pageId: "2001" });
    const session = await connectStdio({ ...site.env, CONFLUENCE_SPACES_FILTER: "DOCS" });
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["confluence_get_comments", { page_id: "2001" }],
        ["confluence_get_inline_comments", { page_id: "2001" }],
        ["confluence_add_comment", { page_id: "2001", body: "x" }],
        ["confluence_reply_to_comment", { comment_id: "60004", body: "x" }],
        ["confluence_add_inline_comment", {
          page_id: "2001",
          body: "x",
          text_selection: "holiday",
        }],
        ["confluence_resolve_inline_comment", { comment_id: "60099" }],
        ["confluence_get_labels", { page_id: "2001" }],
        ["confluence_add_label", { page_id: "2001", name: "x" }],
        ["confluence_remove_label", { page_id: "2001", name: "policy" }],
      ];
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, name);
        match(answer.text, /Space HR is outside the spaces this server may use \(DOCS\)/, name);
      }
      equal(site.requests.filter((r) => r.method !== "GET").length, 0, "nothing was written");
      const allowed = await call(session.client, "confluence_get_comments", { page_id: "1003" });
      equal(allowed.isError, false, allowed.text);
    } finally {
      await session.close();
    }
  });
}

Deno.test("read-only mode hides the comment and label writes; default toolsets keep comments", async () => {
  await using fake = await startFakeAtlassian();
  const readOnly = await connectStdio({ ...fake.datacenter.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
    for (const name of READS) ok(names.includes(name), name);
    for (const name of WRITES) ok(!names.includes(name), name);
    const refused = await call(readOnly.client, "confluence_add_comment", {
      page_id: "1003",
      body: "x",
    });
    equal(refused.isError, true);
    match(refused.text, /Unknown tool: confluence_add_comment/);
  } finally {
    await readOnly.close();
  }
  const defaults = await connectStdio({ ...fake.cloud.env, TOOLSETS: "default" });
  try {
    const names = (await defaults.client.listTools()).tools.map((tool) => tool.name);
    ok(
      names.includes("confluence_get_comments") &&
        names.includes("confluence_resolve_inline_comment"),
    );
    ok(!names.includes("confluence_get_labels") && !names.includes("confluence_search_user"));
  } finally {
    await defaults.close();
  }
});
