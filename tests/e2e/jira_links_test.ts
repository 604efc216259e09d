/**
 * The `jira_links` and `jira_watchers` toolsets through the real entry point over stdio, against
 * the fake Atlassian on Cloud (REST v3, account ids, ADF) and Data Center (REST v2, user names,
 * wiki markup): each tool's requests, effects and answers; the allowlist on every key a tool
 * touches; read-only mode; and writes whose connection drops after Atlassian applied them.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const LINK_TOOLS = [
  "jira_get_link_types",
  "jira_link_to_epic",
  "jira_create_issue_link",
  "jira_create_remote_issue_link",
  "jira_remove_issue_link",
];
const WATCHER_TOOLS = ["jira_get_issue_watchers", "jira_add_watcher", "jira_remove_watcher"];
const READ_TOOLS = ["jira_get_link_types", "jira_get_issue_watchers"];

/** Issue id of a key in the fake's state. */
function idOf(site: FakeSite, key: string): string {
  return site.state.issues.find((i) => i.key === key)!.id;
}

for (const flavour of ["cloud", "datacenter"] as const) {
  const cloud = flavour === "cloud";
  const api = cloud ? "/rest/api/3" : "/rest/api/2";

  Deno.test(`${flavour}: jira_links tools link issues, epics and web pages`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("every link and watcher tool is listed", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        for (const name of [...LINK_TOOLS, ...WATCHER_TOOLS]) ok(names.includes(name), name);
      });

      await t.step("jira_get_link_types lists the types and filters by name", async () => {
        const all = await call(client, "jira_get_link_types", {});
        equal(all.isError, false, all.text);
        deepEqual(all.json.map((t: { name: string }) => t.name), [
          "Blocks",
          "Cloners",
          "Duplicate",
          "Relates",
        ]);
        const some = await call(client, "jira_get_link_types", { name_filter: "BLOCK" });
        deepEqual(some.json, [
          { id: "10000", name: "Blocks", outward: "blocks", inward: "is blocked by" },
        ]);
        ok(sent(site, "GET", `${api}/issueLinkType`).length >= 2);
      });

      await t.step("jira_create_issue_link links two issues with a Markdown comment", async () => {
        const answer = await call(client, "jira_create_issue_link", {
          link_type: "Blocks",
          inward_issue_key: "DEMO-3",
          outward_issue_key: "DEMO-5",
          comment: "Found **while** testing",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Linked: DEMO-3 blocks DEMO-5 (link 10402).");
        deepEqual(answer.json.link, {
          id: "10402",
          type: "Blocks",
          inward_issue: "DEMO-3",
          outward_issue: "DEMO-5",
          reads: "DEMO-3 blocks DEMO-5",
        });
        deepEqual(site.state.issueLinks.at(-1), {
          id: "10402",
          typeId: "10000",
          source: idOf(site, "DEMO-3"),
          destination: idOf(site, "DEMO-5"),
        });
        const [post] = sent(site, "POST", `${api}/issueLink`);
        const body = post.body as Record<string, { body?: unknown }>;
        deepEqual(body.type, { id: "10000" });
        deepEqual(body.inwardIssue, { key: "DEMO-3" });
        deepEqual(body.outwardIssue, { key: "DEMO-5" });
        if (cloud) equal((body.comment.body as { type: string }).type, "doc");
        else equal(body.comment.body, "Found *while* testing");
        const comments = site.state.issues.find((i) => i.key === "DEMO-3")!.comments;
        equal(comments.length, 1, "the comment was added");
      });

      await t.step(
        "the same link again, named by its inward phrase, is not made twice",
        async () => {
          const answer = await call(client, "jira_create_issue_link", {
            link_type: "is blocked by",
            inward_issue_key: "DEMO-5",
            outward_issue_key: "DEMO-3",
          });
          equal(answer.isError, false, answer.text);
          equal(
            answer.json.message,
            "DEMO-3 blocks DEMO-5 was already linked (link 10402); no second link was made.",
          );
          const post = sent(site, "POST", `${api}/issueLink`).at(-1)!;
          deepEqual((post.body as Record<string, unknown>).inwardIssue, { key: "DEMO-3" });
          equal(site.state.issueLinks.length, 3);
        },
      );

      await t.step("an unknown link type is refused, naming the site's types", async () => {
        const before = site.requests.length;
        const answer = await call(client, "jira_create_issue_link", {
          link_type: "Depends",
          inward_issue_key: "DEMO-3",
          outward_issue_key: "DEMO-5",
        });
        equal(answer.isError, true);
        match(answer.text, /No issue link type is named "Depends"/);
        match(answer.text, /Blocks, Cloners, Duplicate, Relates/);
        ok(!site.requests.slice(before).some((r) => r.method === "POST"), "nothing written");
      });

      await t.step("jira_get_issue shows each link as read from the issue", async () => {
        const answer = await call(client, "jira_get_issue", {
          issue_key: "DEMO-5",
          fields: "issuelinks",
          comment_limit: 0,
        });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json.issuelinks, [{ id: "10402", link: "is blocked by DEMO-3" }]);
      });

      await t.step("jira_remove_issue_link removes a link and says which", async () => {
        const answer = await call(client, "jira_remove_issue_link", { link_id: 10402 });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Removed link 10402 (DEMO-3 blocks DEMO-5).");
        equal(answer.json.removed.reads, "DEMO-3 blocks DEMO-5");
        ok(!site.state.issueLinks.some((l) => l.id === "10402"));
        equal(sent(site, "DELETE", `${api}/issueLink/10402`).length, 1);
        const again = await call(client, "jira_remove_issue_link", { link_id: "10402" });
        equal(again.isError, true);
        match(again.text, /No issue link with id '10402' exists/);
      });

      await t.step("jira_create_remote_issue_link adds a web link", async () => {
        const answer = await call(client, "jira_create_remote_issue_link", {
          issue_key: "DEMO-3",
          url: "https://example.com/design",
          title: "Design",
          summary: "The design document",
          relationship: "documented in",
          icon_url: "https://example.com/favicon.ico",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'Linked DEMO-3 to "Design" (remote link 10301).');
        deepEqual(answer.json.remote_link, {
          id: "10301",
          title: "Design",
          url: "https://example.com/design",
          summary: "The design document",
          relationship: "documented in",
        });
        const [post] = sent(site, "POST", `${api}/issue/DEMO-3/remotelink`);
        deepEqual(post.body, {
          relationship: "documented in",
          object: {
            url: "https://example.com/design",
            title: "Design",
            summary: "The design document",
            icon: { url16x16: "https://example.com/favicon.ico", title: "Design" },
          },
        });
        const stored = site.state.issues.find((i) => i.key === "DEMO-3")!.remoteLinks;
        deepEqual(stored.map((l) => [l.id, l.object.url]), [[10301, "https://example.com/design"]]);
        const bad = await call(client, "jira_create_remote_issue_link", {
          issue_key: "DEMO-3",
          url: "example.com/design",
          title: "Design",
        });
        equal(bad.isError, true);
        match(bad.text, /url is not an absolute URL/);
        equal(sent(site, "POST", `${api}/issue/DEMO-3/remotelink`).length, 1);
      });

      await t.step("jira_link_to_epic puts an issue into an epic", async () => {
        const answer = await call(client, "jira_link_to_epic", {
          issue_key: "DEMO-3",
          epic_key: "DEMO-1",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'DEMO-3 is now in epic DEMO-1 "Checkout revamp".');
        deepEqual(answer.json.epic, { key: "DEMO-1", summary: "Checkout revamp" });
        equal(answer.json.issue.key, "DEMO-3");
        const put = sent(site, "PUT", `${api}/issue/DEMO-3`).at(-1)!;
        const issue = site.state.issues.find((i) => i.key === "DEMO-3")!;
        if (cloud) {
          deepEqual(put.body, { fields: { parent: { key: "DEMO-1" } } });
          equal(issue.parentKey, "DEMO-1");
          equal(answer.json.issue.parent.key, "DEMO-1");
        } else {
          deepEqual(put.body, { fields: { customfield_10014: "DEMO-1" } });
          equal(issue.epicLink, "DEMO-1");
        }
        const puts = sent(site, "PUT", `${api}/issue/DEMO-3`).length;
        const again = await call(client, "jira_link_to_epic", {
          issue_key: "DEMO-3",
          epic_key: "DEMO-1",
        });
        equal(
          again.json.message,
          'DEMO-3 is already in epic DEMO-1 "Checkout revamp"; nothing was changed.',
        );
        equal(sent(site, "PUT", `${api}/issue/DEMO-3`).length, puts, "no second write");
      });

      await t.step("jira_link_to_epic refuses an epic that is not one", async () => {
        const answer = await call(client, "jira_link_to_epic", {
          issue_key: "DEMO-5",
          epic_key: "DEMO-2",
        });
        equal(answer.isError, true);
        if (cloud) {
          // Cloud names the hierarchy level: refused before any write.
          match(answer.text, /DEMO-2 is a Story, not an epic/);
          equal(sent(site, "PUT", `${api}/issue/DEMO-5`).length, 0);
        } else {
          // Data Center's Epic Link field refuses it.
          match(answer.text, /Epic 'DEMO-2' does not exist or is not an epic/);
        }
        equal(site.state.issues.find((i) => i.key === "DEMO-5")!.epicLink, "DEMO-1");
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: jira_watchers tools read, add and remove watchers`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const bobId = cloud ? "557058:bob" : "bob";
    const watchersOf = (key: string) => site.state.issues.find((i) => i.key === key)!.watchers;
    try {
      await t.step("jira_get_issue_watchers lists watchers by name", async () => {
        const answer = await call(client, "jira_get_issue_watchers", { issue_key: "DEMO-2" });
        equal(answer.isError, false, answer.text);
        deepEqual(answer.json, {
          issue_key: "DEMO-2",
          count: 2,
          watching: true,
          watchers: ["Alice Admin", "Bob Builder"],
        });
      });

      await t.step("jira_add_watcher adds a user named by e-mail", async () => {
        const answer = await call(client, "jira_add_watcher", {
          issue_key: "DEMO-3",
          user_identifier: "bob@example.com",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Bob Builder now watches DEMO-3.");
        deepEqual(answer.json.watchers.watchers, ["Bob Builder"]);
        deepEqual(watchersOf("DEMO-3"), ["bob"]);
        const [post] = sent(site, "POST", `${api}/issue/DEMO-3/watchers`);
        equal(post.body, bobId, "the body is the bare JSON string of the user");
        match(post.headers.get("content-type") ?? "", /application\/json/);
        const again = await call(client, "jira_add_watcher", {
          issue_key: "DEMO-3",
          user_identifier: "Bob Builder",
        });
        equal(again.json.message, "Bob Builder already watches DEMO-3; nothing was changed.");
        equal(sent(site, "POST", `${api}/issue/DEMO-3/watchers`).length, 1);
      });

      await t.step("jira_remove_watcher removes a watcher named by display name", async () => {
        const answer = await call(client, "jira_remove_watcher", {
          issue_key: "DEMO-2",
          [cloud ? "account_id" : "username"]: "Bob Builder",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, "Bob Builder no longer watches DEMO-2.");
        equal(answer.json.removed, `Bob Builder (${bobId})`);
        deepEqual(watchersOf("DEMO-2"), ["alice"]);
        const [del] = sent(site, "DELETE", `${api}/issue/DEMO-2/watchers`);
        equal(del.query.get(cloud ? "accountId" : "username"), bobId);
      });

      await t.step("jira_remove_watcher takes the other deployment's parameter too", async () => {
        const answer = await call(client, "jira_remove_watcher", {
          issue_key: "DEMO-3",
          [cloud ? "username" : "account_id"]: bobId,
        });
        equal(answer.isError, false, answer.text);
        deepEqual(watchersOf("DEMO-3"), []);
      });

      await t.step("jira_remove_watcher refuses a user who is not watching", async () => {
        const before = site.requests.length;
        const answer = await call(client, "jira_remove_watcher", {
          issue_key: "DEMO-2",
          username: "bob@example.com",
          account_id: "bob@example.com",
        });
        equal(answer.isError, true);
        match(answer.text, /bob@example.com is not watching DEMO-2; nothing was removed/);
        match(answer.text, /Its watchers are: Alice Admin/);
        const none = await call(client, "jira_remove_watcher", { issue_key: "DEMO-2" });
        equal(none.isError, true);
        match(none.text, /No watcher to remove was named/);
        ok(!site.requests.slice(before).some((r) => r.method === "DELETE"), "nothing written");
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: link and watcher tools hold the project allowlist on every key`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, JIRA_PROJECTS_FILTER: "DEMO" });
    const { client } = session;
    const refusals: [string, Record<string, unknown>][] = [
      ["jira_create_issue_link", {
        link_type: "Relates",
        inward_issue_key: "DEMO-3",
        outward_issue_key: "OPS-1",
      }],
      ["jira_create_issue_link", {
        link_type: "Relates",
        inward_issue_key: "OPS-1",
        outward_issue_key: "DEMO-3",
      }],
      ["jira_link_to_epic", { issue_key: "DEMO-3", epic_key: "OPS-1" }],
      ["jira_link_to_epic", { issue_key: "OPS-1", epic_key: "DEMO-1" }],
      // Link 10401 is OPS-1 relates to DEMO-3: one end is outside the allowlist.
      ["jira_remove_issue_link", { link_id: "10401" }],
      ["jira_create_remote_issue_link", {
        issue_key: "OPS-1",
        url: "https://example.com",
        title: "x",
      }],
      ["jira_get_issue_watchers", { issue_key: "OPS-1" }],
      ["jira_add_watcher", { issue_key: "OPS-1", user_identifier: "alice@example.com" }],
      ["jira_remove_watcher", { issue_key: "OPS-1", username: "alice", account_id: "alice" }],
    ];
    try {
      for (const [name, args] of refusals) {
        await t.step(`${name} ${JSON.stringify(args)} is refused`, async () => {
          const answer = await call(client, name, args);
          equal(answer.isError, true, answer.text);
          match(answer.text, /Project OPS is outside the projects this server may use \(DEMO\)/);
        });
      }
      await t.step("nothing outside the allowlist was changed", () => {
        ok(!site.requests.some((r) => r.method !== "GET"), "only reads were sent");
        ok(site.state.issueLinks.some((l) => l.id === "10401"));
      });
      await t.step("the allowlist does not stop links inside it", async () => {
        const answer = await call(client, "jira_create_issue_link", {
          link_type: "Relates",
          inward_issue_key: "DEMO-3",
          outward_issue_key: "DEMO-4",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.link.reads, "DEMO-3 relates to DEMO-4");
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: read-only mode hides the link and watcher writes`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, READ_ONLY_MODE: "true" });
    try {
      const names = (await session.client.listTools()).tools.map((tool) => tool.name);
      for (const name of [...LINK_TOOLS, ...WATCHER_TOOLS]) {
        equal(names.includes(name), READ_TOOLS.includes(name), name);
      }
      const refused = await call(session.client, "jira_remove_issue_link", { link_id: "10400" });
      equal(refused.text, "Unknown tool: jira_remove_issue_link");
      const watcher = await call(session.client, "jira_add_watcher", {
        issue_key: "DEMO-3",
        user_identifier: "bob",
      });
      equal(watcher.text, "Unknown tool: jira_add_watcher");
      ok(site.state.issueLinks.some((l) => l.id === "10400"));
      ok(!site.requests.some((r) => r.method !== "GET"));
    } finally {
      await session.close();
    }
  });

  Deno.test(`${flavour}: link and watcher writes whose answer is lost are applied once`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const lost = /found after the connection dropped/;
    try {
      await t.step("an issue link", async () => {
        site.fault({ match: /\/issueLink$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_create_issue_link", {
          link_type: "Duplicate",
          inward_issue_key: "DEMO-5",
          outward_issue_key: "DEMO-3",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, lost);
        equal(answer.json.link.reads, "DEMO-5 duplicates DEMO-3");
        equal(site.state.issueLinks.filter((l) => l.typeId === "10002").length, 1);
      });
      await t.step("a link removal", async () => {
        site.fault({ match: /\/issueLink\/10400$/, method: "DELETE", drop: "after" });
        const answer = await call(client, "jira_remove_issue_link", { link_id: "10400" });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, lost);
        ok(!site.state.issueLinks.some((l) => l.id === "10400"));
      });
      await t.step("a remote link", async () => {
        site.fault({ match: /\/remotelink$/, method: "POST", drop: "after" });
        const answer = await call(client, "jira_create_remote_issue_link", {
          issue_key: "DEMO-2",
          url: "https://github.com/acme/checkout/pull/42",
          title: "Second link to the same PR",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, lost);
        equal(answer.json.remote_link.id, "10301");
        equal(site.state.issues.find((i) => i.key === "DEMO-2")!.remoteLinks.length, 2);
      });
      await t.step("an epic link", async () => {
        site.fault({ match: /\/issue\/DEMO-4$/, method: "PUT", drop: "after" });
        const answer = await call(client, "jira_link_to_epic", {
          issue_key: "DEMO-4",
          epic_key: "DEMO-1",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, lost);
      });
      await t.step("a watcher added and removed", async () => {
        site.fault({ match: /\/issue\/DEMO-4\/watchers$/, method: "POST", drop: "after" });
        const added = await call(client, "jira_add_watcher", {
          issue_key: "DEMO-4",
          user_identifier: "bob@example.com",
        });
        equal(added.isError, false, added.text);
        match(added.json.message, lost);
        site.fault({ match: /\/issue\/DEMO-4\/watchers$/, method: "DELETE", drop: "after" });
        const removed = await call(client, "jira_remove_watcher", {
          issue_key: "DEMO-4",
          username: "bob@example.com",
          account_id: "bob@example.com",
        });
        equal(removed.isError, false, removed.text);
        match(removed.json.message, lost);
        deepEqual(site.state.issues.find((i) => i.key === "DEMO-4")!.watchers, []);
      });
      await t.step("an answer of another shape is an error, never an empty list", async () => {
        site.fault({ match: /\/issueLinkType$/, status: 200, body: { values: [] } });
        const answer = await call(client, "jira_get_link_types", {});
        equal(answer.isError, true, answer.text);
        match(answer.text, /the issue link types/);
      });
      await t.step("a link dropped before Jira saw it is reported as not made", async () => {
        site.fault({ match: /\/issueLink$/, method: "POST", drop: true });
        const answer = await call(client, "jira_create_issue_link", {
          link_type: "Cloners",
          inward_issue_key: "DEMO-5",
          outward_issue_key: "DEMO-3",
        });
        equal(answer.isError, true);
        match(
          answer.text,
          /^Not linked: .*DEMO-5 has no "Cloners" link to DEMO-3, so the request was not applied/,
        );
        match(answer.text, /It is safe to try again/);
        equal(site.state.issueLinks.filter((l) => l.typeId === "10001").length, 0);
      });
    } finally {
      await session.close();
    }
  });
}
