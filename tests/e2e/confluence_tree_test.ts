/**
 * The page-tree tools of `confluence_pages` through the real entry point over stdio, against the
 * fake Atlassian, on Cloud (REST v2; v1 for moves and copies) and Data Center (v1, and its
 * movepage.action): children with paging and bodies, a space's tree with depths, its limit and
 * progress notifications on a big tree, moves (parent, sibling, other space), copies (what is
 * and is not copied), trash then purge, a copy whose connection drops after it was applied, the
 * space allowlist at source and target, and read-only mode.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { startFakeAtlassian } from "../fake_atlassian/mod.ts";
import { seedBigTree } from "../fake_atlassian/_confluence_tree.ts";
import { call, callWithProgress, connectStdio, sent } from "./_harness.ts";

const READS = ["confluence_get_page_children", "confluence_get_space_page_tree"];
const WRITES = ["confluence_delete_page", "confluence_move_page", "confluence_copy_page"];

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`confluence page tree tools work end to end on ${flavour}`, async (t) => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const page = (id: string) => site.state.pages.find((p) => p.id === id);
    const session = await connectStdio(site.env);
    const { client } = session;
    try {
      await t.step("lists every tool, the writes as destructive", async () => {
        const tools = (await client.listTools()).tools;
        for (const name of [...READS, ...WRITES]) {
          const tool = tools.find((x) => x.name === name);
          ok(tool, name);
          // Reads are read-only (destructiveHint is then meaningless and left out).
          equal(tool.annotations?.readOnlyHint ?? false, !WRITES.includes(name), name);
          if (WRITES.includes(name)) equal(tool.annotations?.destructiveHint, true, name);
        }
      });

      await t.step("confluence_get_page_children pages through children", async () => {
        const first = await call(client, "confluence_get_page_children", {
          parent_id: "1001",
          limit: 1,
          include_content: true,
        });
        equal(first.isError, false, first.text);
        match(first.json.results[0].content, /Owner: @\[Alice Admin\]\(/, "mentions by name");
        equal(first.json.count, 1);
        equal(first.json.has_more, true);
        equal(first.json.next_start, 1);
        equal(first.json.results[0].title, "Architecture");
        const rest = await call(client, "confluence_get_page_children", {
          parent_id: "1001",
          start: 1,
          include_content: true,
        });
        equal(rest.isError, false, rest.text);
        equal(rest.json.has_more, false);
        deepEqual(rest.json.results.map((c: { id: string }) => c.id), ["1003"]);
        const [runbook] = rest.json.results;
        equal(runbook.author, "Bob Builder");
        ok(runbook.content.length > 0 && !runbook.content.includes("<p>"), "Markdown body");
        ok(!/557058:/.test(rest.text), "no account ids");
      });

      await t.step("confluence_get_space_page_tree gives depths in tree order", async () => {
        const answer = await call(client, "confluence_get_space_page_tree", { space_key: "DOCS" });
        equal(answer.isError, false, answer.text);
        equal(answer.json.has_more, false);
        deepEqual(
          answer.json.pages.map((p: { id: string; depth: number }) => [p.id, p.depth]),
          [["1001", 0], ["1002", 1], ["1003", 1], ["1004", 2]],
        );
        equal(answer.json.pages[3].parent_id, "1002");
      });

      await t.step(
        "a big tree stops at the limit, says more exist, and reports progress",
        async () => {
          seedBigTree(site.state, 450);
          const capped = await callWithProgress(client, "confluence_get_space_page_tree", {
            space_key: "DOCS",
            limit: 300,
          });
          equal(capped.isError, false, capped.text);
          equal(capped.json.count, 300);
          equal(capped.json.has_more, true);
          match(capped.json.hint, /more than 300 pages/);
          deepEqual(capped.steps.map((s) => [s.progress, s.total]), [[0, 300], [200, 300]]);
          const all = await callWithProgress(client, "confluence_get_space_page_tree", {
            space_key: "DOCS",
            limit: 1000,
          });
          equal(all.json.count, 455);
          equal(all.json.has_more, false);
          deepEqual(all.steps.map((s) => s.progress), [0, 200, 400]);
          equal(all.json.pages.find((p: { id: string }) => p.id === "8450").depth, 2);
          const plain = await call(client, "confluence_get_space_page_tree", { space_key: "DOCS" });
          equal(plain.json.count, 100, "the default limit");
        },
      );

      await t.step(
        "confluence_move_page: under a parent, beside a sibling, to a space",
        async () => {
          const under = await call(client, "confluence_move_page", {
            page_id: "1004",
            target_parent_id: "1003",
          });
          equal(under.isError, false, under.text);
          match(under.json.message, /Moved page 1004 "Decision Log" from DOCS to under page 1003/);
          equal(under.json.page.parent_id, "1003");
          equal(page("1004")?.parentId, "1003");
          equal(page("1004")?.versions.length, 2, "a move is not an edit");

          const above = await call(client, "confluence_move_page", {
            page_id: "1003",
            target_parent_id: "1002",
            position: "above",
          });
          equal(above.isError, false, above.text);
          deepEqual([page("1003")?.position, page("1002")?.position], [0, 1]);

          const across = await call(client, "confluence_move_page", {
            page_id: "1004",
            target_space_key: "HR",
          });
          equal(across.isError, false, across.text);
          equal(across.json.page.space_key, "HR");
          equal(page("1004")?.parentId, "2001", "under the space's home page");

          site.fault({
            match: flavour === "cloud" ? /\/move\/append\/1001$/ : /\/movepage\.action$/,
            method: flavour === "cloud" ? "PUT" : "POST",
            drop: "after",
          });
          const lost = await call(client, "confluence_move_page", {
            page_id: "1004",
            target_parent_id: "1001",
          });
          equal(lost.isError, false, lost.text);
          match(lost.json.message, /found after the connection dropped/);
          equal(page("1004")?.parentId, "1001");

          const nowhere = await call(client, "confluence_move_page", { page_id: "1003" });
          equal(nowhere.isError, true);
          match(nowhere.text, /Say where to move the page/);
          const loop = await call(client, "confluence_move_page", {
            page_id: "1001",
            target_parent_id: "1003",
          });
          equal(loop.isError, true);
          match(loop.text, /child of itself/);
        },
      );

      await t.step("confluence_copy_page copies the body and lists what it left", async () => {
        const answer = await call(client, "confluence_copy_page", {
          source_page_id: "1002",
          destination_space_key: "DOCS",
          new_title: "Architecture (copy)",
          destination_parent_id: "1003",
        });
        equal(answer.isError, false, answer.text);
        const copy = page(answer.json.id)!;
        equal(copy.parentId, "1003");
        equal(copy.versions[0].storage, page("1002")!.versions.at(-1)!.storage, "body verbatim");
        ok(answer.json.not_copied.includes("labels: architecture, design"), answer.text);
        const files = site.state.attachments.filter((a) => a.pageId === copy.id);
        if (flavour === "cloud") {
          deepEqual(answer.json.copied, ["body", "attachments"]);
          equal(files.length, 1);
          equal(answer.json.note, undefined);
        } else {
          deepEqual(answer.json.copied, ["body"]);
          equal(files.length, 0);
          ok(
            answer.json.not_copied.includes(
              "attachments (Data Center has no copy API): diagram.png",
            ),
            answer.text,
          );
          match(answer.json.note, /refers to attachments that stay on the source page/);
        }
        const clash = await call(client, "confluence_copy_page", {
          source_page_id: "1002",
          destination_space_key: "DOCS",
          new_title: "Architecture (copy)",
        });
        equal(clash.isError, true);
        match(clash.text, /already has a page titled "Architecture \(copy\)"/);
      });

      await t.step("a copy whose connection drops after it was applied is made once", async () => {
        site.fault({
          match: flavour === "cloud" ? /\/content\/1003\/copy$/ : /\/rest\/api\/content$/,
          method: "POST",
          drop: "after",
        });
        const answer = await call(client, "confluence_copy_page", {
          source_page_id: "1003",
          destination_space_key: "DOCS",
          new_title: "Runbook (copy)",
        });
        equal(answer.isError, false, answer.text);
        match(answer.json.message, /found after the connection dropped/);
        equal(
          site.state.pages.filter((p) => p.versions[0].title === "Runbook (copy)").length,
          1,
        );
      });

      await t.step("confluence_delete_page trashes, then purges", async () => {
        const trashed = await call(client, "confluence_delete_page", { page_id: "1003" });
        equal(trashed.isError, false, trashed.text);
        equal(trashed.json.result, "trashed");
        match(trashed.json.message, /Moved page 1003 "Runbook" in DOCS to the trash/);
        equal(page("1003")?.status, "trashed");
        site.fault({ match: /\/1004$/, method: "DELETE", drop: "after" });
        const lost = await call(client, "confluence_delete_page", { page_id: "1004" });
        equal(lost.isError, false, lost.text);
        match(lost.json.note, /answer was lost.*trashed \(found after the connection dropped\)/);
        equal(page("1004")?.status, "trashed");
        const again = await call(client, "confluence_delete_page", { page_id: "1003" });
        equal(again.isError, true);
        match(again.text, /already in the trash.*purge=true/s);
        const purged = await call(client, "confluence_delete_page", {
          page_id: "1003",
          purge: true,
        });
        equal(purged.isError, false, purged.text);
        equal(purged.json.result, "purged");
        match(purged.json.message, /cannot be restored/);
        equal(page("1003"), undefined);
        const gone = await call(client, "confluence_delete_page", { page_id: "1003" });
        equal(gone.isError, true);
        match(gone.text, /No page 1003 exists/);
        const direct = await call(client, "confluence_delete_page", {
          page_id: "1002",
          purge: true,
        });
        equal(direct.json.result, "purged", direct.text);
        equal(page("1002"), undefined);
        equal(
          sent(site, "DELETE", flavour === "cloud" ? "/pages/1002" : "/content/1002").length,
          2,
        );
      });
    } finally {
      await session.close();
    }
  });

  Deno.test(`confluence page tree tools keep to the allowed spaces on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio({ ...site.env, CONFLUENCE_SPACES_FILTER: "DOCS" });
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["confluence_get_page_children", { parent_id: "2001" }],
        ["confluence_get_space_page_tree", { space_key: "HR" }],
        ["confluence_delete_page", { page_id: "2001" }],
        ["confluence_move_page", { page_id: "2001", target_parent_id: "1001" }],
        ["confluence_move_page", { page_id: "1003", target_space_key: "HR" }],
        ["confluence_move_page", { page_id: "1003", target_parent_id: "2001" }],
        ["confluence_copy_page", {
          source_page_id: "2001",
          destination_space_key: "DOCS",
          new_title: "Holidays",
        }],
        ["confluence_copy_page", {
          source_page_id: "1002",
          destination_space_key: "HR",
          new_title: "Architecture",
        }],
        ["confluence_copy_page", {
          source_page_id: "1002",
          destination_space_key: "DOCS",
          destination_parent_id: "2001",
          new_title: "Architecture 2",
        }],
        ["confluence_create_page", { space_key: "DOCS", title: "x", parent_id: "2001" }],
        ["confluence_update_page", { page_id: "1003", title: "Runbook", parent_id: "2001" }],
      ];
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, `${name} ${JSON.stringify(args)}`);
        match(answer.text, /Space HR is outside the spaces this server may use \(DOCS\)/, name);
      }
      equal(site.requests.filter((r) => r.method !== "GET").length, 0, "nothing was written");
      const tree = await call(session.client, "confluence_get_space_page_tree", {
        space_key: "DOCS",
      });
      equal(tree.isError, false, tree.text);
      ok(!tree.text.includes("Holiday Policy"), "no page of HR");
    } finally {
      await session.close();
    }
  });

  Deno.test(`page URLs of another site are refused, never read as a page here, on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const session = await connectStdio(site.env);
    const foreign = "https://elsewhere.example.com/wiki/spaces/X/pages/1003/Foo";
    try {
      const calls: [string, Record<string, unknown>][] = [
        ["confluence_get_page", { page_id: foreign }],
        ["confluence_add_label", { page_id: foreign, name: "x" }],
        ["confluence_delete_page", { page_id: foreign }],
        ["confluence_update_page_section", {
          page_id: foreign,
          heading_text: "Plan",
          new_content: "x",
        }],
        ["confluence_get_page_history", { page_id: foreign, version: 1 }],
        ["confluence_get_page_diff", { page_id: foreign, from_version: 1, to_version: 2 }],
        ["confluence_move_page", { page_id: "1004", target_parent_id: foreign }],
        ["confluence_copy_page", {
          source_page_id: "1002",
          destination_space_key: "DOCS",
          destination_parent_id: foreign,
          new_title: "Architecture 2",
        }],
      ];
      for (const [name, args] of calls) {
        const answer = await call(session.client, name, args);
        equal(answer.isError, true, name);
        match(
          answer.text,
          /That page URL is on elsewhere\.example\.com, not on the configured/,
          name,
        );
      }
      equal(sent(site, "GET", "/1003").length, 0, "page 1003 was never read");
      const own = `${site.env.CONFLUENCE_URL}/spaces/DOCS/pages/1002/Architecture`;
      const history = await call(session.client, "confluence_get_page_history", {
        page_id: own,
        version: 1,
      });
      equal(history.isError, false, history.text);
      equal(site.requests.filter((r) => r.method !== "GET").length, 0, "nothing was written");
    } finally {
      await session.close();
    }
  });
}

Deno.test("read-only mode hides the page deletes, moves and copies", async () => {
  await using fake = await startFakeAtlassian();
  const readOnly = await connectStdio({ ...fake.cloud.env, READ_ONLY_MODE: "true" });
  try {
    const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
    for (const name of READS) ok(names.includes(name), name);
    for (const name of WRITES) ok(!names.includes(name), name);
    const refused = await call(readOnly.client, "confluence_delete_page", { page_id: "1003" });
    equal(refused.isError, true);
    match(refused.text, /Unknown tool: confluence_delete_page/);
    equal(fake.cloud.state.pages.find((p) => p.id === "1003")?.status, "current");
  } finally {
    await readOnly.close();
  }
});
