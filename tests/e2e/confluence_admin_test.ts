/**
 * Page restrictions (Cloud and Data Center) and the Cloud-only `confluence_analytics`,
 * `confluence_templates` and `confluence_permissions` toolsets through the real entry point over
 * stdio, against the fake Atlassian: restrictions read and replaced with people by name, the
 * refusal of restrictions that would lock the caller out, page views, templates and pages made
 * from them (also when the create's answer is lost), permission checks and space permissions;
 * the Cloud-only tools absent on Data Center; the space allowlist and read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio, sent } from "./_harness.ts";

const CLOUD_ONLY = [
  "confluence_get_page_views",
  "confluence_list_page_templates",
  "confluence_get_page_template",
  "confluence_create_page_from_template",
  "confluence_check_content_permissions",
  "confluence_get_space_permissions",
];

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`confluence page restrictions work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    const bob = flavour === "cloud" ? "Bob Builder" : "bob";
    const restrictionPuts = () => sent(site, "PUT", "/restriction").length;
    try {
      await t.step("lists the restriction tools; Cloud-only tools only on Cloud", async () => {
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        ok(names.includes("confluence_get_page_restrictions"));
        ok(names.includes("confluence_set_page_restrictions"));
        for (const name of CLOUD_ONLY) equal(names.includes(name), flavour === "cloud", name);
        if (flavour === "datacenter") {
          const absent = await call(client, "confluence_get_page_views", { page_id: "1002" });
          equal(absent.isError, true);
          match(absent.text, /Unknown tool: confluence_get_page_views/);
        }
      });

      await t.step("confluence_get_page_restrictions names people and groups", async () => {
        const answer = await call(client, "confluence_get_page_restrictions", { page_id: "1002" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.title, "Architecture");
        deepEqual(answer.json.update, {
          users: [
            flavour === "cloud"
              ? { display_name: "Alice Admin", account_id: "557058:alice" }
              : { display_name: "Alice Admin", username: "alice" },
          ],
          groups: ["confluence-administrators"],
        });
        equal(answer.json.read, undefined, "no read restriction (empty lists are left out)");
      });

      await t.step("confluence_set_page_restrictions replaces both restrictions", async () => {
        const answer = await call(client, "confluence_set_page_restrictions", {
          page_id: "1003",
          read_groups: ["confluence-users"],
          edit_users: [bob],
          edit_groups: "confluence-administrators",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /Set the restrictions of page 1003\./);
        deepEqual(answer.json.read.groups, ["confluence-users"]);
        deepEqual(answer.json.update.users.map((u: { display_name: string }) => u.display_name), [
          "Bob Builder",
        ]);
        deepEqual(site.state.admin?.restrictions["1003"], {
          read: { users: [], groups: ["confluence-users"] },
          update: { users: ["bob"], groups: ["confluence-administrators"] },
        });
        const [put] = sent(site, "PUT", "/content/1003/restriction");
        const group = (put.body as { restrictions: { group: unknown[] } }[])[1].restrictions
          .group[0];
        deepEqual(
          group,
          flavour === "cloud"
            ? { type: "group", id: "8b2f5a1c-0d3e-4f6a-9b7c-000000000002" }
            : { type: "group", name: "confluence-administrators" },
        );
      });

      await t.step("a set that would lock the caller out is refused before writing", async () => {
        const before = restrictionPuts();
        const edit = await call(client, "confluence_set_page_restrictions", {
          page_id: "1003",
          edit_users: [bob],
        });
        equal(edit.isError, true);
        match(
          edit.text,
          /Not changed: these restrictions would leave you \(Alice Admin\) unable to edit page 1003 "Runbook", and a lock-out cannot be undone through the API/,
        );
        match(edit.text, /edit_users\/edit_groups/);
        const view = await call(client, "confluence_set_page_restrictions", {
          page_id: "1003",
          read_users: [bob],
          edit_users: [flavour === "cloud" ? "557058:alice" : "alice"],
        });
        equal(view.isError, true);
        match(view.text, /unable to view page 1003/);
        equal(restrictionPuts(), before, "nothing was written");
      });

      await t.step("unknown users and groups are refused by name", async () => {
        const user = await call(client, "confluence_set_page_restrictions", {
          page_id: "1003",
          edit_users: ["nobody-at-all"],
        });
        equal(user.isError, true);
        match(user.text, /No Confluence user (is called|has the username) "nobody-at-all"/);
        if (flavour === "cloud") {
          const partial = await call(client, "confluence_set_page_restrictions", {
            page_id: "1003",
            edit_users: ["Bob"],
          });
          equal(partial.isError, true);
          match(
            partial.text,
            /No Confluence user is called "Bob" \(the user search found Bob Builder \(557058:bob\)\)/,
          );
        }
        const group = await call(client, "confluence_set_page_restrictions", {
          page_id: "1003",
          edit_groups: ["ghosts"],
        });
        equal(group.isError, true);
        match(group.text, /No Confluence group is called "ghosts"/);
      });

      await t.step("empty lists lift the restrictions", async () => {
        const answer = await call(client, "confluence_set_page_restrictions", { page_id: "1002" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.unrestricted, true);
      });

      await t.step(
        "a set whose connection drops after it was applied is reported once",
        async () => {
          site.fault({ match: /\/content\/1004\/restriction$/, method: "PUT", drop: "after" });
          const answer = await call(client, "confluence_set_page_restrictions", {
            page_id: "1004",
            edit_users: [flavour === "cloud" ? "557058:alice" : "alice"],
          });
          equal(answer.isError, false, answer.text);
          match(answer.json.message, /found after the connection dropped/);
          deepEqual(site.state.admin?.restrictions["1004"].update.users, ["alice"]);
        },
      );
    } finally {
      await session.close();
    }
  });

  Deno.test(`confluence admin tools keep to the allowed spaces on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, CONFLUENCE_SPACES_FILTER: "DOCS" });
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["confluence_get_page_restrictions", { page_id: "2001" }],
        ["confluence_set_page_restrictions", { page_id: "2001" }],
      ];
      if (flavour === "cloud") {
        calls.push(
          ["confluence_get_page_views", { page_id: "2001" }],
          ["confluence_list_page_templates", { space_key: "HR" }],
          ["confluence_get_page_template", { template_id: "65603" }],
          ["confluence_create_page_from_template", {
            space_key: "HR",
            title: "x",
            template_id: "65601",
          }],
          ["confluence_create_page_from_template", {
            space_key: "DOCS",
            title: "x",
            template_id: "65603",
          }],
          ["confluence_create_page_from_template", {
            space_key: "DOCS",
            title: "x",
            template_id: "65601",
            parent_id: "2001",
          }],
          ["confluence_check_content_permissions", {
            content_id: "2001",
            user_identifier: "557058:bob",
            operation: "read",
          }],
          ["confluence_get_space_permissions", { space_id: "98302" }],
          ["confluence_get_space_permissions", { space_id: "HR" }],
        );
      }
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, name);
        match(answer.text, /Space HR is outside the spaces this server may use \(DOCS\)/, name);
      }
      equal(site.requests.filter((r) => r.method !== "GET").length, 0, "nothing was written");
      const allowed = await call(session.client, "confluence_get_page_restrictions", {
        page_id: "1002",
      });
      equal(allowed.isError, false, allowed.text);
    } finally {
      await session.close();
    }
  });
}

Deno.test("confluence analytics, templates and permissions work end to end on cloud", async (t) => {
  await using fake = await startFakeAtlassian();
  const site = fake.cloud;
  const session = await connectStdio(site.env);
  const { client } = session;
  const pagesTitled = (title: string) =>
    site.state.pages.filter((p) => p.versions.at(-1)!.title === title);
  try {
    await t.step("confluence_get_page_views counts the views", async () => {
      const answer = await call(client, "confluence_get_page_views", { page_id: "1002" });
      equal(answer.isError, false, answer.text);
      deepEqual(answer.json, { page_id: "1002", title: "Architecture", total_views: 57 });
      const bare = await call(client, "confluence_get_page_views", {
        page_id: "1003",
        include_title: false,
      });
      deepEqual(bare.json, { page_id: "1003", total_views: 23 });
    });

    await t.step("confluence_list_page_templates lists global or space templates", async () => {
      const global = await call(client, "confluence_list_page_templates", {});
      equal(global.isError, false, global.text);
      deepEqual(global.json.templates, [{
        id: "65601",
        name: "Meeting notes",
        description: "Agenda, attendees and action items.",
        labels: ["meeting-notes"],
      }]);
      const docs = await call(client, "confluence_list_page_templates", { space_key: "DOCS" });
      deepEqual(docs.json.templates.map((t: { name: string }) => t.name), ["Decision record"]);
    });

    await t.step("confluence_get_page_template answers the body as Markdown", async () => {
      const answer = await call(client, "confluence_get_page_template", { template_id: "65602" });
      equal(answer.isError, false, answer.text);
      equal(answer.json.space_key, "DOCS");
      equal(answer.json.content_format, "markdown");
      match(answer.json.content, /## Context/);
      match(answer.json.content, /Status: proposed/);
      ok(!answer.text.includes("<ac:structured-macro"), "no raw storage");
      const missing = await call(client, "confluence_get_page_template", { template_id: "1" });
      equal(missing.isError, true);
      match(missing.text, /Template 1 does not exist or you may not see it/);
    });

    await t.step("confluence_create_page_from_template copies the body unchanged", async () => {
      const answer = await call(client, "confluence_create_page_from_template", {
        space_key: "DOCS",
        title: "ADR 1: queues",
        template_id: "65602",
        parent_id: 1002,
      });
      equal(answer.isError, false, answer.text);
      match(answer.json.message, /Created page \d+ from template "Decision record"\./);
      const [page] = pagesTitled("ADR 1: queues");
      equal(page.id, answer.json.id);
      equal(page.parentId, "1002");
      equal(
        page.versions.at(-1)!.storage,
        site.state.admin!.templates.find((x) => x.id === "65602")!.storage,
      );
      equal(answer.json.page.author, "Alice Admin");
    });

    await t.step("a template create whose connection drops after it was applied", async () => {
      site.fault({ match: /\/api\/v2\/pages$/, method: "POST", drop: "after" });
      const answer = await call(client, "confluence_create_page_from_template", {
        space_key: "DOCS",
        title: "Weekly sync",
        template_id: "65601",
      });
      equal(answer.isError, false, answer.text);
      match(answer.json.message, /found after the connection dropped/);
      equal(pagesTitled("Weekly sync").length, 1);
    });

    await t.step("confluence_check_content_permissions for users and groups", async () => {
      const denied = await call(client, "confluence_check_content_permissions", {
        content_id: "1002",
        user_identifier: "Bob Builder",
        operation: "update",
      });
      equal(denied.isError, false, denied.text);
      deepEqual(denied.json.subject, { type: "user", name: "Bob Builder" });
      equal(denied.json.allowed, false);
      equal(denied.json.reasons.length, 1);
      const [check] = sent(site, "POST", "/content/1002/permission/check");
      deepEqual(check.body, {
        subject: { type: "user", identifier: "557058:bob" },
        operation: "update",
      });
      const group = await call(client, "confluence_check_content_permissions", {
        content_id: "1003",
        user_identifier: "confluence-administrators",
        subject_type: "group",
        operation: "delete",
      });
      equal(group.json.allowed, true, group.text);
    });

    await t.step("confluence_get_space_permissions names principals and pages on", async () => {
      const first = await call(client, "confluence_get_space_permissions", {
        space_id: "DOCS",
        limit: 4,
      });
      equal(first.isError, false, first.text);
      equal(first.json.space_id, "98301");
      deepEqual(first.json.principals, [
        { type: "group", name: "confluence-users", operations: ["read space", "create comment"] },
        {
          type: "group",
          name: "confluence-administrators",
          operations: ["read space", "create page"],
        },
      ]);
      equal(first.json.more, true);
      const rest = await call(client, "confluence_get_space_permissions", {
        space_id: 98301,
        limit: 10,
        cursor: first.json.next_cursor,
      });
      equal(rest.isError, false, rest.text);
      deepEqual(rest.json.principals.map((p: { name: string }) => p.name), [
        "confluence-administrators",
        "Alice Admin",
        "Bob Builder",
      ]);
      equal(rest.json.next_cursor, undefined);
      ok(!/557058:|8b2f5a1c/.test(first.text + rest.text), "no raw ids");
    });
  } finally {
    await session.close();
  }
});

Deno.test("read-only mode hides the restriction and template writes", async () => {
  await using fake = await startFakeAtlassian();
  const session = await connectStdio({ ...fake.cloud.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await session.client.listTools()).tools.map((tool) => tool.name);
    ok(!names.includes("confluence_set_page_restrictions"));
    ok(!names.includes("confluence_create_page_from_template"));
    for (const name of CLOUD_ONLY.filter((n) => n !== "confluence_create_page_from_template")) {
      ok(names.includes(name), name);
    }
    ok(names.includes("confluence_get_page_restrictions"));
    const refused = await call(session.client, "confluence_set_page_restrictions", {
      page_id: "1003",
    });
    equal(refused.isError, true);
    match(refused.text, /Unknown tool: confluence_set_page_restrictions/);
  } finally {
    await session.close();
  }
});
