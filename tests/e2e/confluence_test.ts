/**
 * The Confluence tools of the vertical slice, through the real entry point over stdio, against
 * the fake Atlassian: Cloud (v2 pages, v1 CQL search) and Data Center (v1).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
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
          equal(answer.json.author, "Alice Admin", "the author by display name");
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
        // Confluence regenerates macro ids on every save; the macros themselves must be kept.
        const macros = (s: string) =>
          (s.match(/<ac:structured-macro[\s\S]*?<\/ac:structured-macro>/g) ?? []).map((m) =>
            m.replace(/ ac:(schema-version|macro-id)="[^"]*"/g, "")
          );
        const users = (s: string) => s.match(/<ri:user [^>]*\/>/g) ?? [];
        // Attribute order is spelling, not content.
        const images = (s: string) =>
          (s.match(/<ac:image[\s\S]*?<\/ac:image>/g) ?? []).map((m) =>
            m.replace(
              /^<ac:image([^>]*)>/,
              (_, attrs: string) =>
                `<ac:image${(attrs.match(/ [\w:-]+="[^"]*"/g) ?? []).sort().join("")}>`,
            )
          );
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

      const cloud = flavour === "cloud";
      /** The property requests (method and key or id) the fake received from index `from` on. */
      const propertyCalls = (from: number) =>
        site.requests.slice(from).filter((r) => /\/propert(y|ies)/.test(r.path)).map((r) =>
          `${r.method} ${r.path.replace(/^.*\/propert(y|ies)/, "")}`.trim()
        );
      const propertiesOf = (pageId: string) =>
        Object.fromEntries(
          site.state.properties.filter((p) => p.pageId === pageId).map((
            p,
          ) => [p.key, `${p.value}@v${p.version}`]),
        );
      const storedBody = (pageId: string) =>
        site.state.pages.find((p) => p.id === pageId)!.versions.at(-1)!.storage;
      let styledId = "";

      await t.step(
        "confluence_create_page adds heading anchors, table layout, emoji and width",
        async () => {
          const from = site.requests.length;
          const answer = await call(client, "confluence_create_page", {
            space_key: "DOCS",
            title: "Style guide",
            content: "# Getting Started\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## Getting Started",
            enable_heading_anchors: true,
            table_layout: "full-width",
            emoji: "📝",
            page_width: "full-width",
          });
          equal(answer.isError, false, answer.text);
          equal(answer.json.note, undefined, answer.text);
          styledId = answer.json.id;
          const create = site.requests.slice(from).find((r) =>
            r.method === "POST" && /\/(pages|content)$/.test(r.path)
          )!;
          const sent = cloud
            ? (create.body as { body: { value: string } }).body.value
            : (create.body as { body: { storage: { value: string } } }).body.storage.value;
          const anchor = (name: string) =>
            `<ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">${name}</ac:parameter></ac:structured-macro>`;
          match(sent, new RegExp(`^<h1>${anchor("getting-started")}Getting Started</h1>`));
          ok(sent.includes(`<h2>${anchor("getting-started-1")}Getting Started</h2>`), sent);
          match(sent, /<table data-layout="full-width" data-table-width="1800">/);
          equal(storedBody(styledId), sent);
          // the properties are written after the page, the published key first
          const firstProperty = site.requests.findIndex((r, i) =>
            i >= from && r.method === "POST" && /\/propert/.test(r.path)
          );
          ok(site.requests.indexOf(create) < firstProperty);
          equal(propertyCalls(from).filter((c) => c === "POST").length, 4);
          deepEqual(propertiesOf(styledId), {
            "emoji-title-published": "1f4dd@v1",
            "emoji-title-draft": "1f4dd@v1",
            "content-appearance-published": "full-width@v1",
            "content-appearance-draft": "full-width@v1",
          });
          const written = site.requests.slice(from).filter((r) =>
            r.method === "POST" && /\/propert/.test(r.path)
          ).map((r) => r.body);
          deepEqual(written[0], { key: "emoji-title-published", value: "1f4dd" });
        },
      );

      await t.step(
        "confluence_update_page writes the next property versions and '' removes the emoji",
        async () => {
          let from = site.requests.length;
          const changed = await call(client, "confluence_update_page", {
            page_id: styledId,
            title: "Style guide",
            emoji: "🚀",
            page_width: "max",
          });
          equal(changed.isError, false, changed.text);
          equal(changed.json.note, undefined, changed.text);
          equal(changed.json.page.version, 2);
          const puts = site.requests.slice(from).filter((r) =>
            r.method === "PUT" && /\/propert/.test(r.path)
          );
          equal(puts.length, 4);
          deepEqual(
            (puts[0].body as { version: unknown; value: unknown }).version,
            { number: 2 },
          );
          deepEqual(propertiesOf(styledId), {
            "emoji-title-published": "1f680@v2",
            "emoji-title-draft": "1f680@v2",
            "content-appearance-published": "max@v2",
            "content-appearance-draft": "max@v2",
          });

          from = site.requests.length;
          const removed = await call(client, "confluence_update_page", {
            page_id: styledId,
            title: "Style guide",
            content: "# Getting Started\n",
            enable_heading_anchors: true,
            emoji: "",
            confirm_removal: true,
          });
          equal(removed.isError, false, removed.text);
          equal(
            propertyCalls(from).filter((c) => c.startsWith("DELETE")).length,
            2,
            propertyCalls(from).join(", "),
          );
          deepEqual(propertiesOf(styledId), {
            "content-appearance-published": "max@v2",
            "content-appearance-draft": "max@v2",
          });
          match(storedBody(styledId), /^<h1><ac:structured-macro ac:name="anchor"/);
        },
      );

      await t.step(
        "confluence_update_page sets the width of a page that already has one",
        async () => {
          const answer = await call(client, "confluence_update_page", {
            page_id: "1002",
            title: "Architecture",
            page_width: "fixed-width",
            table_layout: "wide",
          });
          equal(answer.isError, false, answer.text);
          match(answer.json.note, /table_layout not applied: no new content was given/);
          deepEqual(propertiesOf("1002"), {
            "content-appearance-published": "fixed-width@v2",
            "content-appearance-draft": "fixed-width@v2",
          });
        },
      );

      await t.step("a failed property write is a note; the page write still succeeds", async () => {
        site.fault({ match: /\/propert/, method: "POST", status: 500 });
        const answer = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title: "Emoji outage",
          content: "text",
          emoji: "📝",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /^Created page \d+\.$/);
        match(answer.json.note, /^The page was saved, but: Setting the page emoji failed/);
        equal(answer.json.page.title, "Emoji outage");
        ok(site.state.pages.some((p) => p.id === answer.json.id));
        deepEqual(propertiesOf(answer.json.id), {});
      });

      await t.step(
        "confluence_create_page refuses an emoji that is not one, before writing",
        async () => {
          const from = site.requests.length;
          const answer = await call(client, "confluence_create_page", {
            space_key: "DOCS",
            title: "Bad emoji",
            emoji: ":memo:",
          });
          equal(answer.isError, true);
          match(answer.text, /single emoji/);
          equal(site.requests.slice(from).filter((r) => r.method !== "GET").length, 0);
        },
      );

      await t.step(
        cloud
          ? "confluence_create_page creates a live doc with subtype 'live'"
          : "confluence_create_page refuses subtype on Data Center before writing",
        async () => {
          const from = site.requests.length;
          const answer = await call(client, "confluence_create_page", {
            space_key: "DOCS",
            title: "Live notes",
            content: "live",
            subtype: "live",
          });
          if (cloud) {
            equal(answer.isError, false, answer.text);
            equal(answer.json.page.subtype, "live");
            const create = site.requests.slice(from).find((r) => r.method === "POST")!;
            equal((create.body as { subtype: string }).subtype, "live");
            equal(site.state.pages.find((p) => p.id === answer.json.id)!.subtype, "live");
          } else {
            equal(answer.isError, true);
            match(answer.text, /only on Confluence Cloud/);
            equal(site.requests.slice(from).filter((r) => r.method === "POST").length, 0);
          }
        },
      );

      await t.step("content_file without an attachments folder is refused, naming it", async () => {
        const answer = await call(client, "confluence_create_page", {
          space_key: "DOCS",
          title: "From file",
          content_file: "notes.md",
        });
        equal(answer.isError, true);
        match(answer.text, /content_file names a file, but this server reads no files/);
        match(answer.text, /MCP_ATTACHMENTS_DIR/);
      });

      await t.step("failures carry Confluence's message and a hint", async () => {
        const missing = await call(client, "confluence_get_page", { page_id: "999999" });
        equal(missing.isError, true);
        match(missing.text, /404/);
        match(missing.text, /\nHint: /);

        const unknownSpace = await call(client, "confluence_create_page", {
          space_key: "NOPE",
          title: "x",
          content: "y",
        });
        equal(unknownSpace.isError, true);
        match(unknownSpace.text, /NOPE/);

        const cql = await call(client, "confluence_search", { query: "title ~ (" });
        equal(cql.isError, true);
        match(cql.text, /400/);
      });
    } finally {
      await session.close();
      await fake.close();
    }
  });
}
