/**
 * Writes happen exactly once and answers never lie, through the real entry point against the
 * fake: a connection that drops after Atlassian applied a create (on a reused keep-alive
 * connection, many times in a row) creates one object and is reported as created; a drop
 * before the write is reported as not created; a 200 answer that is an HTML page or JSON of
 * another shape is an error for every tool, never a silent empty result or a false success.
 */
import { equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

const ROUNDS = 8;

/** The write request of a write tool, and whether the tool looks for its effect when lost. */
interface Write {
  method: string;
  match: RegExp;
  reconciles: boolean;
}

/** One valid call of every tool (issue DEMO-3, page 1002 in DOCS), with its write if any. */
const EVERY_TOOL: [string, Record<string, unknown>, Write?][] = [
  ["jira_get_issue", { issue_key: "DEMO-3" }],
  ["jira_search", { jql: "project = DEMO" }],
  ["jira_search_fields", { keyword: "story", refresh: true }],
  ["jira_get_transitions", { issue_key: "DEMO-3" }],
  ["jira_create_issue", { project_key: "DEMO", summary: "Shape check", issue_type: "Task" }, {
    method: "POST",
    match: /\/rest\/api\/\d\/issue$/,
    reconciles: true,
  }],
  ["jira_update_issue", { issue_key: "DEMO-3", fields: '{"summary": "Renamed"}' }, {
    method: "PUT",
    match: /\/issue\/DEMO-3$/,
    reconciles: false,
  }],
  ["jira_update_issue", { issue_key: "DEMO-3", fields: "{}", worklog: "1h" }, {
    method: "POST",
    match: /\/issue\/DEMO-3\/worklog$/,
    reconciles: false,
  }],
  ["jira_transition_issue", { issue_key: "DEMO-3", transition_id: "Start Progress" }, {
    method: "POST",
    match: /\/issue\/DEMO-3\/transitions$/,
    reconciles: true,
  }],
  ["jira_add_comment", { issue_key: "DEMO-3", body: "shape check" }, {
    method: "POST",
    match: /\/issue\/DEMO-3\/comment$/,
    reconciles: true,
  }],
  ["confluence_search", { query: "Architecture" }],
  ["confluence_get_page", { page_id: "1002" }],
  ["confluence_create_page", { space_key: "DOCS", title: "Shape check", content: "x" }, {
    method: "POST",
    match: /\/(api\/v2\/pages|rest\/api\/content)$/,
    reconciles: true,
  }],
  ["confluence_update_page", {
    page_id: "1002",
    title: "Architecture",
    content: "y",
    confirm_removal: true,
  }, {
    method: "PUT",
    match: /\/(api\/v2\/pages|rest\/api\/content)\/1002$/,
    reconciles: true,
  }],
];

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`${flavour}: creates whose connection drops are applied once and reported truly`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const issuePost = flavour === "cloud" ? /\/rest\/api\/3\/issue$/ : /\/rest\/api\/2\/issue$/;
    try {
      await t.step(
        "a dropped create, again and again on a reused connection, creates once",
        async () => {
          for (let i = 0; i < ROUNDS; i++) {
            // A write first: a pooled write connection would then be reused by the next write.
            const warm = await call(client, "jira_add_comment", {
              issue_key: "DEMO-2",
              body: "warm",
            });
            equal(warm.isError, false, warm.text);
            site.fault({ match: issuePost, method: "POST", drop: "after" });
            const summary = `Dropped create ${i}`;
            const answer = await call(client, "jira_create_issue", {
              project_key: "DEMO",
              summary,
              issue_type: "Task",
            });
            equal(answer.isError, false, answer.text);
            match(answer.text, /found after the connection dropped/);
            equal(site.state.issues.filter((issue) => issue.summary === summary).length, 1);
          }
          const posts = site.requests.filter((r) => r.method === "POST" && issuePost.test(r.path));
          equal(posts.length, ROUNDS);
        },
      );

      await t.step("a dropped comment is added once and found", async () => {
        for (let i = 0; i < ROUNDS; i++) {
          equal((await call(client, "jira_get_issue", { issue_key: "DEMO-3" })).isError, false);
          site.fault({ match: /\/issue\/DEMO-3\/comment$/, method: "POST", drop: "after" });
          const answer = await call(client, "jira_add_comment", {
            issue_key: "DEMO-3",
            body: `Dropped comment **${i}**`,
          });
          equal(answer.isError, false, answer.text);
          match(answer.text, /found after the connection dropped/);
        }
        const issue = site.state.issues.find((issue) => issue.key === "DEMO-3")!;
        const dropped = issue.comments.filter((c) =>
          JSON.stringify(c.body).includes("Dropped comment")
        );
        equal(dropped.length, ROUNDS);
      });

      await t.step("a dropped page create is created once and found", async () => {
        for (let i = 0; i < ROUNDS; i++) {
          equal((await call(client, "confluence_get_page", { page_id: "1002" })).isError, false);
          site.fault({
            match: /\/(api\/v2\/pages|rest\/api\/content)$/,
            method: "POST",
            drop: "after",
          });
          const title = `Dropped page ${i}`;
          const answer = await call(client, "confluence_create_page", {
            space_key: "DOCS",
            title,
            content: "body",
          });
          equal(answer.isError, false, answer.text);
          match(answer.text, /found after the connection dropped/);
          const pages = site.state.pages.filter((p) => p.versions.at(-1)?.title === title);
          equal(pages.length, 1);
        }
      });

      await t.step("a dropped page update or transition is found applied", async () => {
        const pagePut = /\/(api\/v2\/pages|rest\/api\/content)\/1002$/;
        equal((await call(client, "confluence_get_page", { page_id: "1002" })).isError, false);
        site.fault({ match: pagePut, method: "PUT", drop: "after" });
        const updated = await call(client, "confluence_update_page", {
          page_id: "1002",
          title: "Architecture",
          content: "dropped update",
          confirm_removal: true,
        });
        equal(updated.isError, false, updated.text);
        match(updated.text, /found after the connection dropped/);
        equal((await call(client, "jira_get_issue", { issue_key: "DEMO-3" })).isError, false);
        site.fault({ match: /\/issue\/DEMO-3\/transitions$/, method: "POST", drop: "after" });
        const moved = await call(client, "jira_transition_issue", {
          issue_key: "DEMO-3",
          transition_id: "Start Progress",
        });
        equal(moved.isError, false, moved.text);
        match(moved.text, /found after the connection dropped/);
      });

      await t.step("a page update dropped before it was applied is not updated", async () => {
        const pagePut = /\/(api\/v2\/pages|rest\/api\/content)\/1002$/;
        site.fault({ match: pagePut, method: "PUT", drop: true });
        const answer = await call(client, "confluence_update_page", {
          page_id: "1002",
          title: "Architecture",
          content: "never applied",
          confirm_removal: true,
        });
        equal(answer.isError, true);
        match(answer.text, /Not updated: 2 s after the connection dropped, page 1002 is still at/);
        match(answer.text, /safe to try again/);
      });

      await t.step("a comment or transition dropped before it was applied is not", async () => {
        site.fault({ match: /\/issue\/DEMO-3\/comment$/, method: "POST", drop: true });
        const comment = await call(client, "jira_add_comment", {
          issue_key: "DEMO-3",
          body: "never added",
        });
        equal(comment.isError, true);
        match(comment.text, /Not added: 2 s after the connection dropped, DEMO-3 has no new/);
        match(comment.text, /safe to try again/);
        site.fault({ match: /\/issue\/DEMO-3\/transitions$/, method: "POST", drop: true });
        const moved = await call(client, "jira_transition_issue", {
          issue_key: "DEMO-3",
          transition_id: "Done",
        });
        equal(moved.isError, true);
        match(moved.text, /Not moved: 2 s after the connection dropped, DEMO-3 is still in "/);
      });

      await t.step(
        "an issue create dropped before it was applied is not claimed either way",
        async () => {
          const before = site.state.issues.length;
          site.fault({ match: issuePost, method: "POST", drop: true });
          const answer = await call(client, "jira_create_issue", {
            project_key: "DEMO",
            summary: "Never applied",
            issue_type: "Task",
          });
          equal(answer.isError, true);
          // Jira's search can lag behind a create, so its silence proves nothing.
          match(answer.text, /may or may not have been applied/);
          match(answer.text, /search results can lag/);
          match(answer.text, /Check that no issue "Never applied" by you exists in DEMO/);
          equal(site.state.issues.length, before);
        },
      );
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: a 200 answer that is not Atlassian's JSON fails every tool clearly`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const bodies: { name: string; body: unknown; headers: Record<string, string>; says: RegExp }[] =
      [
        {
          name: "an HTML login page",
          body: "<!DOCTYPE html><html><body>Sign in</body></html>",
          headers: { "content-type": "text/html;charset=UTF-8" },
          says: /HTML page instead of JSON/,
        },
        {
          name: "JSON of another shape",
          body: { unexpected: true },
          headers: {},
          says: /JSON that is not/,
        },
      ];
    try {
      for (const { name, body, headers, says } of bodies) {
        for (const [tool, args, write] of EVERY_TOOL) {
          await t.step(`${tool} with ${name} for every request`, async () => {
            site.reset();
            site.fault({ match: /./, status: 200, body, headers, times: Infinity });
            const answer = await call(client, tool, args);
            equal(answer.isError, true, `${tool}: ${answer.text}`);
            match(answer.text, says);
            ok(!/"message":"(Created|Comment added|Updated)/.test(answer.text), answer.text);
          });
          if (!write) continue;
          await t.step(`${tool} with ${name} for the applied write alone`, async () => {
            site.reset();
            site.fault({ ...write, status: 200, body, headers, apply: true });
            const answer = await call(client, tool, args);
            if (write.reconciles) {
              // The write's own answer is checked; the lookup then finds what it did.
              equal(answer.isError, false, `${tool}: ${answer.text}`);
              match(answer.text, /found after an unexpected answer/);
            } else {
              equal(answer.isError, true, `${tool}: ${answer.text}`);
              match(answer.text, says);
              match(answer.text, /outcome of the change is unknown/);
            }
          });
        }
      }
    } finally {
      await session.close();
    }
  });
}

Deno.test("a create answered after the timeout is found on the second look", async () => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio({ ...site.env, JIRA_TIMEOUT: "1" });
  try {
    // The fake applies the create after 1.5 s; the client gives up after 1 s and looks twice.
    site.fault({ match: /\/rest\/api\/3\/issue$/, method: "POST", delayMs: 1500 });
    const answer = await call(session.client, "jira_create_issue", {
      project_key: "DEMO",
      summary: "Slow create",
      issue_type: "Task",
    });
    equal(answer.isError, false, answer.text);
    match(answer.text, /found after the request timed out/);
    equal(site.state.issues.filter((issue) => issue.summary === "Slow create").length, 1);
  } finally {
    await session.close();
  }
});
