/**
 * Section edits, page history and version diffs through the real entry point over stdio against
 * the fake, on Cloud (REST v2) and Data Center (v1): a section replaced on a page full of macros
 * leaves every other byte of the storage as it was; missing and ambiguous headings are refused
 * with the page's headings; the loss guard; a section write whose connection drops after it was
 * applied; history listed in pages with authors by name; diffs of two versions and of one
 * version with itself; the space allowlist and read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { type FakeSite, startFakeAtlassian } from "../fake_atlassian/mod.ts";
import type { PageVersion } from "../fake_atlassian/_model.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

/** Storage before the "Plan" section: macros, entities, odd quoting and layout whitespace. */
const HEAD = [
  `<p>Status: <ac:structured-macro ac:name='status' ac:schema-version="1" ac:macro-id="s-1">`,
  `<ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">LIVE</ac:parameter>`,
  `</ac:structured-macro>&nbsp;since &ldquo;March&rdquo;.</p>\n`,
  `<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="toc-1" />\n\n`,
  `<h1>Overview</h1>\n<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>`,
  `<p>Left <ac:link><ri:page ri:content-title="Runbook" /></ac:link></p></ac:layout-cell>`,
  `<ac:layout-cell><ac:structured-macro ac:name="jira" ac:schema-version="1">`,
  `<ac:parameter ac:name="key">DEMO-1</ac:parameter></ac:structured-macro></ac:layout-cell>`,
  `</ac:layout-section></ac:layout>\n`,
  `<h2>Plan</h2>`,
].join("");
/** The "Plan" section's own content (no macros). */
const PLAN = `\n<p>Old plan, step one.</p>\n<ul><li>old item</li></ul>\n`;
/** Everything after the "Plan" section, starting at the next h2. */
const TAIL = [
  `<h2>Services</h2>`,
  `<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="i-1">`,
  `<ac:rich-text-body><p>Runs in <em>eu-west-1</em>.</p></ac:rich-text-body></ac:structured-macro>`,
  `<p>Owner: <ac:link><ri:user ri:account-id="557058:alice" /></ac:link></p>`,
  `<h3>Code</h3><ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="c-1">`,
  `<ac:parameter ac:name="language">bash</ac:parameter>`,
  `<ac:plain-text-body><![CDATA[echo "a < b && c" ]]]]><![CDATA[>]]></ac:plain-text-body>`,
  `</ac:structured-macro>`,
  `<h2>Notes</h2><p>first</p>`,
  `<ac:structured-macro ac:name="expand" ac:schema-version="1"><ac:rich-text-body>`,
  `<h2>Notes</h2><p>inside the expand</p></ac:rich-text-body></ac:structured-macro>`,
  `<p><ac:image ac:width="300"><ri:attachment ri:filename="diagram.png" /></ac:image></p>`,
].join("");
const STORAGE = HEAD + PLAN + TAIL;

/** Puts `storage` on page 1003 as a new version by Bob (the page the section steps edit). */
function seedPage(site: FakeSite, storage: string): void {
  const page = site.state.pages.find((p) => p.id === "1003")!;
  page.versions.push({
    ...page.versions.at(-1)!,
    number: page.versions.length + 1,
    storage,
    authorId: "bob",
    message: "Macro-rich version",
  });
}

/** The storage of the last page write sent to the fake. */
function lastWrite(site: FakeSite): string {
  const put = [...sent(site, "PUT", "/1003")].at(-1)!.body as {
    body: { storage?: { value: string }; value?: string };
  };
  return put.body.storage?.value ?? put.body.value!;
}

const pageOf = (site: FakeSite, id: string) => site.state.pages.find((p) => p.id === id)!;

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`confluence_update_page_section on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    seedPage(site, STORAGE);
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("replaces one section and leaves every other byte as it was", async () => {
        const answer = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Plan",
          new_content: "New **plan**.\n\n- first\n- second",
          version_comment: "Rewrite the plan",
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.message, 'Replaced the section under "Plan" on page 1003 (version 3).');
        const written = lastWrite(site);
        ok(written.startsWith(HEAD), "storage before the section is byte-identical");
        ok(written.endsWith(TAIL), "storage after the section is byte-identical");
        equal(
          written.slice(HEAD.length, written.length - TAIL.length),
          "<p>New <strong>plan</strong>.</p><ul><li>first</li><li>second</li></ul>",
        );
        const page = pageOf(site, "1003");
        equal(page.versions.length, 3);
        equal(page.versions.at(-1)!.storage, written);
        equal(page.versions.at(-1)!.message, "Rewrite the plan");
        equal(page.versions.at(-1)!.title, "Runbook");
      });

      await t.step("keeps the macros of a section edited from its Markdown", async () => {
        const before = pageOf(site, "1003").versions.at(-1)!.storage;
        const read = await call(client, "confluence_get_page", { page_id: "1003" });
        const markdown = read.json.content as string;
        const section = markdown.slice(
          markdown.indexOf("## Services\n") + "## Services\n".length,
          markdown.indexOf("## Notes"),
        );
        match(section, /> \[!INFO\]/, "the info macro shows as a panel");
        const answer = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Services",
          new_content: section.replace("Owner:", "Owned by:"),
        });
        equal(answer.isError, false, answer.text);
        const written = lastWrite(site);
        const start = before.indexOf("<h2>Services</h2>") + "<h2>Services</h2>".length;
        const end = before.indexOf("<h2>Notes</h2>");
        ok(written.startsWith(before.slice(0, start)));
        ok(written.endsWith(before.slice(end)));
        const inside = written.slice(start, written.length - (before.length - end));
        match(inside, /Owned by:/);
        match(inside, /ac:name="info"/);
        match(inside, /ri:account-id="557058:alice"/);
        match(inside, /<!\[CDATA\[echo "a < b && c" \]\]\]\]><!\[CDATA\[>\]\]>/);
      });

      await t.step("refuses a section body that drops macros, unless confirmed", async () => {
        const writes = sent(site, "PUT", "/1003").length;
        const refused = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Services",
          new_content: "Just text.",
        });
        equal(refused.isError, true);
        match(
          refused.text,
          /Not updated: .*macros? \(.*info.*\).* would be removed from page 1003/,
        );
        match(refused.text, /confirm_removal: true/);
        equal(sent(site, "PUT", "/1003").length, writes, "nothing was written");
        const confirmed = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Services",
          new_content: "Just text.",
          confirm_removal: true,
        });
        equal(confirmed.isError, false, confirmed.text);
        match(confirmed.json.message, /were removed/);
        ok(lastWrite(site).endsWith(TAIL.slice(TAIL.indexOf("<h2>Notes</h2>"))));
        match(lastWrite(site), /<h2>Services<\/h2><p>Just text\.<\/p><h2>Notes<\/h2>/);
      });

      await t.step("refuses missing and ambiguous headings, naming the headings", async () => {
        const writes = sent(site, "PUT", "/1003").length;
        const missing = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "plan",
          new_content: "x",
        });
        equal(missing.isError, true);
        match(missing.text, /Page 1003 has no heading "plan" \(headings match exactly/);
        match(missing.text, /"Overview" \(h1\), "Plan" \(h2\), "Services" \(h2\)/);
        const twice = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Notes",
          new_content: "x",
        });
        equal(twice.isError, true);
        match(
          twice.text,
          /Page 1003 has 2 headings "Notes", so the section to replace is ambiguous/,
        );
        equal(sent(site, "PUT", "/1003").length, writes, "nothing was written");
      });

      await t.step("someone else saving first is Atlassian's 409, never retried", async () => {
        const put = /\/(api\/v2\/pages|rest\/api\/content)\/1003$/;
        const puts = () => sent(site, "PUT", "/1003").length;
        const before = puts();
        site.fault({ match: put, method: "PUT", delayMs: 400 });
        const answer = call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Plan",
          new_content: "Mine.",
        });
        while (puts() === before) await new Promise((resolve) => setTimeout(resolve, 10));
        const page = pageOf(site, "1003");
        page.versions.push({
          ...page.versions.at(-1)!,
          number: page.versions.length + 1,
          message: "Edited in the browser",
        });
        const refused = await answer;
        equal(refused.isError, true);
        match(refused.text, /Version must be incremented on update\. Current version is: \d+/);
        match(refused.text, /Someone changed it meanwhile/);
        equal(puts(), before + 1, "sent once");
        equal(page.versions.at(-1)!.message, "Edited in the browser", "their edit stands");
      });

      await t.step("a section write whose connection drops after it was applied", async () => {
        equal((await call(client, "confluence_get_page", { page_id: "1003" })).isError, false);
        const versions = pageOf(site, "1003").versions.length;
        site.fault({
          match: /\/(api\/v2\/pages|rest\/api\/content)\/1003$/,
          method: "PUT",
          drop: "after",
        });
        const answer = await call(client, "confluence_update_page_section", {
          page_id: "1003",
          heading_text: "Plan",
          new_content: "Dropped but applied.",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /\(found after the connection dropped\)/);
        equal(pageOf(site, "1003").versions.length, versions + 1, "applied exactly once");
        match(pageOf(site, "1003").versions.at(-1)!.storage, /Dropped but applied/);
      });

      await t.step(
        "a lost section write racing another editor's save is an unknown outcome",
        async () => {
          const put = /\/(api\/v2\/pages|rest\/api\/content)\/1003$/;
          const puts = () => sent(site, "PUT", "/1003").length;
          const before = puts();
          site.fault({ match: put, method: "PUT", delayMs: 400, drop: true });
          const answer = call(client, "confluence_update_page_section", {
            page_id: "1003",
            heading_text: "Plan",
            new_content: "Lost in the race.",
          });
          while (puts() === before) await new Promise((resolve) => setTimeout(resolve, 10));
          const page = pageOf(site, "1003");
          page.versions.push({
            ...page.versions.at(-1)!,
            number: page.versions.length + 1,
            authorId: "bob",
            message: "",
          });
          const unknown = await answer;
          equal(unknown.isError, true, unknown.text);
          match(unknown.text, /saved by someone else or with another message/);
          ok(!/Replaced the section/.test(unknown.text), "never reported as applied");
          equal(page.versions.at(-1)!.authorId, "bob", "their edit stands");
          ok(
            !page.versions.some((v) => v.storage.includes("Lost in the race")),
            "ours was not written",
          );
        },
      );
    } finally {
      await session.close();
    }
  });

  Deno.test(`confluence_get_page_history and confluence_get_page_diff on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("reads one old version with who saved it", async () => {
        const answer = await call(client, "confluence_get_page_history", {
          page_id: "1002",
          version: 1,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.content.trim(), "Draft.");
        equal(answer.json.current_version, 3);
        deepEqual(answer.json.version, {
          number: 1,
          by: "Alice Admin",
          when: pageOf(site, "1002").versions[0].createdAt,
          message: "Initial draft",
          minor_edit: false,
        });
        const raw = await call(client, "confluence_get_page_history", {
          page_id: "1002",
          version: 1,
          convert_to_markdown: false,
        });
        equal(raw.json.content, "<p>Draft.</p>");
        const beyond = await call(client, "confluence_get_page_history", {
          page_id: "1002",
          version: 9,
        });
        equal(beyond.isError, true);
        match(beyond.text, /Page 1002 is at version 3; it has no version 9/);
      });

      await t.step("lists a long history in pages, newest first, with progress", async () => {
        const page = pageOf(site, "1004");
        for (let n = 3; n <= 25; n++) {
          page.versions.push(
            {
              ...page.versions.at(-1)!,
              number: n,
              storage: `<p>Revision ${n}</p>`,
              authorId: n % 2 ? "bob" : "alice",
              message: `Edit ${n}`,
              minorEdit: n % 5 === 0,
            } satisfies PageVersion,
          );
        }
        const first = await callWithProgress(client, "confluence_get_page_history", {
          page_id: "1004",
        });
        equal(first.isError, false, first.text);
        equal(first.json.count, 10);
        deepEqual(
          first.json.versions.map((v: { number: number }) => v.number),
          [25, 24, 23, 22, 21, 20, 19, 18, 17, 16],
        );
        deepEqual(first.json.versions[0], {
          number: 25,
          by: "Bob Builder",
          when: page.versions[24].createdAt,
          message: "Edit 25",
          minor_edit: true,
        });
        equal(first.json.more, true);
        match(first.json.note, /before_version: 16/);
        if (flavour === "datacenter") {
          equal(first.steps.length, 10, "one progress step per version read");
          deepEqual(first.steps.at(-1), {
            progress: 9,
            total: 10,
            message: "Reading version 16",
          });
        }
        const second = await call(client, "confluence_get_page_history", {
          page_id: "1004",
          before_version: 16,
          limit: 12,
        });
        deepEqual(
          second.json.versions.map((v: { number: number }) => v.number),
          [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4],
        );
        equal(second.json.more, true);
        const last = await call(client, "confluence_get_page_history", {
          page_id: "1004",
          before_version: 4,
          limit: 50,
        });
        deepEqual(last.json.versions.map((v: { number: number }) => v.number), [3, 2, 1]);
        equal(last.json.more, false);
        equal(last.json.note, undefined);
        if (flavour === "cloud") {
          const listed = site.requests.filter((r) => r.path.endsWith("/pages/1004/versions"));
          ok(listed.every((r) => r.query.get("sort") === "-modified-date"));
        }
      });

      await t.step("diffs the Markdown of two versions, naming who made them", async () => {
        const answer = await call(client, "confluence_get_page_diff", {
          page_id: "1002",
          from_version: 2,
          to_version: 3,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.from_version, 2);
        equal(answer.json.to_version, 3);
        equal(answer.json.from.by, "Bob Builder");
        equal(answer.json.to.by, "Alice Admin");
        equal(answer.json.to.message, "Add request flow and diagram");
        ok(answer.json.diff.startsWith("--- v2\n+++ v3\n@@ -"), answer.json.diff);
        match(answer.json.diff, /^\+## Request flow$/m);
        match(answer.json.diff, /^\+## Diagram$/m);
        ok(!/^-/m.test(answer.json.diff.split("\n").slice(2).join("\n")), "nothing removed");
        equal(answer.json.note, undefined);
        const whole = await call(client, "confluence_get_page_diff", {
          page_id: "1002",
          from_version: 1,
          to_version: 3,
        });
        match(whole.json.diff, /^-Draft\.$/m);
        match(whole.json.diff, /^\+This page .* Owner: @\[Alice Admin\]\(/m, "mentions by name");
      });

      await t.step("a version compared with itself gives an empty diff and a note", async () => {
        const answer = await call(client, "confluence_get_page_diff", {
          page_id: "1002",
          from_version: 2,
          to_version: 2,
        });
        equal(answer.isError, false, answer.text);
        equal(answer.json.diff, undefined, "an empty diff (empty fields are left out)");
        equal(answer.json.note, "Version 2 compared with itself: there is no difference.");
        const beyond = await call(client, "confluence_get_page_diff", {
          page_id: "1002",
          from_version: 1,
          to_version: 4,
        });
        equal(beyond.isError, true);
        match(beyond.text, /it has no version 4 \(to_version\)/);
      });

      await t.step("versions differing in thousands of lines give one bounded hunk", async () => {
        const page = pageOf(site, "1002");
        const paragraphs = (word: string) =>
          Array.from({ length: 3_000 }, (_, i) => `<p>${word} ${i}</p>`).join("");
        for (const word of ["old", "new"]) {
          page.versions.push({
            ...page.versions.at(-1)!,
            number: page.versions.length + 1,
            storage: paragraphs(word),
          });
        }
        const to = page.versions.length;
        const answer = await call(client, "confluence_get_page_diff", {
          page_id: "1002",
          from_version: to - 1,
          to_version: to,
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.note, /differ in more than 1000 lines, so the diff replaces every line/);
        equal(answer.json.diff.match(/^@@ /gm).length, 1, "one hunk");
        match(answer.json.diff, /^-old 2999$/m);
        match(answer.json.diff, /^\+new 2999$/m);
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`section, history and diff tools keep to the allowed spaces on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, CONFLUENCE_SPACES_FILTER: "DOCS" });
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["confluence_update_page_section", {
          page_id: "2001",
          heading_text: "Holiday Policy",
          new_content: "x",
        }],
        ["confluence_get_page_history", { page_id: "2001" }],
        ["confluence_get_page_history", { page_id: "2001", version: 1 }],
        ["confluence_get_page_diff", { page_id: "2001", from_version: 1, to_version: 1 }],
      ];
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, name);
        match(answer.text, /Space HR is outside the spaces this server may use \(DOCS\)/, name);
      }
      equal(site.requests.filter((r) => r.method !== "GET").length, 0, "nothing was written");
      ok(
        !site.requests.some((r) => /version/.test(r.path) || r.query.has("version")),
        "no version of the page was read",
      );
    } finally {
      await session.close();
    }
  });
}

Deno.test("read-only mode hides confluence_update_page_section and keeps history and diff", async () => {
  await using fake = await startFakeAtlassian();
  const readOnly = await connectStdio({ ...fake.cloud.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
    ok(!names.includes("confluence_update_page_section"));
    ok(names.includes("confluence_get_page_history") && names.includes("confluence_get_page_diff"));
    const refused = await call(readOnly.client, "confluence_update_page_section", {
      page_id: "1003",
      heading_text: "Failover",
      new_content: "x",
    });
    equal(refused.isError, true);
    match(refused.text, /Unknown tool: confluence_update_page_section/);
    equal(fake.cloud.requests.filter((r) => r.method === "PUT").length, 0);
  } finally {
    await readOnly.close();
  }
});
