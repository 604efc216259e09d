/**
 * The Confluence tools of the vertical slice, through the real entry point over stdio, against
 * the fake Atlassian: Cloud (v2 pages, v1 CQL search) and Data Center (v1).
 */
import { equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { call, connectStdio } from "./_harness.ts";

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`confluence tools work end to end on ${flavour}`, async (t) => {
    const fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("confluence_search turns plain words into a text query", async () => {
        const answer = await call(client, "confluence_search", { query: "Architecture" });
        equal(answer.isError, false, answer.text);
        ok(answer.json.some((hit: { id: string }) => hit.id === "1002"), answer.text);
      });

      await t.step("confluence_search passes CQL through", async () => {
        const answer = await call(client, "confluence_search", {
          query: "space = HR AND type = page",
        });
        equal(answer.isError, false, answer.text);
        ok(answer.json.every((hit: { space_key: string }) => hit.space_key === "HR"), answer.text);
      });

      let markdown = "";
      await t.step(
        "confluence_get_page renders Markdown and keeps macros as placeholders",
        async () => {
          const answer = await call(client, "confluence_get_page", { page_id: "1002" });
          equal(answer.isError, false, answer.text);
          equal(answer.json.title, "Architecture");
          equal(answer.json.space_key, "DOCS");
          markdown = answer.json.content;
          match(markdown, /^# /m, "headings");
          match(markdown, /\|.*\|/, "table");
          match(markdown, /```/, "code block");
          match(
            markdown,
            /@\[Alice Admin\]\((accountid|userkey|username):/,
            "mentions carry names",
          );
          ok(!answer.text.includes("null"));
        },
      );

      await t.step("confluence_get_page finds a page by title and space", async () => {
        const answer = await call(client, "confluence_get_page", {
          title: "Runbook",
          space_key: "DOCS",
        });
        equal(answer.json.id, "1003");
      });

      await t.step("confluence_get_page can return raw storage", async () => {
        const answer = await call(client, "confluence_get_page", {
          page_id: "1002",
          convert_to_markdown: false,
          include_metadata: false,
        });
        match(answer.json.content, /<ac:structured-macro/);
      });

      await t.step("a read -> edit -> write round trip keeps every macro and mention", async () => {
        const before = await call(client, "confluence_get_page", {
          page_id: "1002",
          convert_to_markdown: false,
        });
        const storageBefore: string = before.json.content;
        const edited = markdown.replace(/^# (.*)$/m, "# $1 (edited)");
        const answer = await call(client, "confluence_update_page", {
          page_id: "1002",
          title: "Architecture",
          content: edited,
          version_comment: "edited by the assistant",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.page.version, before.json.version + 1);
        const after = await call(client, "confluence_get_page", {
          page_id: "1002",
          convert_to_markdown: false,
        });
        const storageAfter: string = after.json.content;
        match(storageAfter, /\(edited\)/);
        const macros = (s: string) =>
          s.match(/<ac:structured-macro[\s\S]*?<\/ac:structured-macro>/g) ?? [];
        const users = (s: string) => s.match(/<ri:user [^>]*\/>/g) ?? [];
        const images = (s: string) => s.match(/<ac:image[\s\S]*?<\/ac:image>/g) ?? [];
        equal(macros(storageAfter).join("\n"), macros(storageBefore).join("\n"));
        equal(users(storageAfter).join("\n"), users(storageBefore).join("\n"));
        equal(images(storageAfter).join("\n"), images(storageBefore).join("\n"));
      });

      await t.step("confluence_create_page creates a child page from Markdown", async () => {
        const answer = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title: "Release notes",
          content: "## v1\n\n- [ ] write notes\n- [x] ship",
          parent_id: 1001,
          include_content: true,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.page.parent_id, "1001");
        match(answer.json.page.content, /write notes/);
      });

      await t.step("failures carry Confluence's message and a hint", async () => {
        const missing = await call(client, "confluence_get_page", { page_id: "999999" });
        equal(missing.isError, true);
        match(missing.text, /404/);
        match(missing.text, /\nHint: /);

        const stale = await call(client, "confluence_create_page", {
          space_key: "NOPE",
          title: "x",
          content: "y",
        });
        equal(stale.isError, true);

        const cql = await call(client, "confluence_search", { query: "title ~ (" });
        equal(cql.isError, true);
      });
    } finally {
      await session.close();
      await fake.close();
    }
  });
}
