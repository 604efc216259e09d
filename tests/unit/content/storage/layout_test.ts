import assert from "node:assert/strict";
import { markdownToStorage, storageToMarkdown } from "../../../../src/content/mod.ts";
import { headingSlug, TABLE_WIDTHS } from "../../../../src/content/storage/mod.ts";

const anchor = (name: string) =>
  `<ac:structured-macro ac:name="anchor" ac:schema-version="1"><ac:parameter ac:name="">${name}</ac:parameter></ac:structured-macro>`;

const anchorNames = (storage: string) =>
  [...storage.matchAll(/<ac:parameter ac:name="">([^<]*)</g)].map((m) => m[1]);

Deno.test("headingSlug lowercases, drops punctuation and joins words with '-'", () => {
  assert.equal(headingSlug("Getting Started!"), "getting-started");
  assert.equal(headingSlug("  API  v2 (beta)  "), "api-v2-beta");
  assert.equal(headingSlug("snake_case and kebab-case"), "snake_case-and-kebab-case");
  assert.equal(headingSlug("Über uns"), "über-uns");
  assert.equal(headingSlug("🚀 ?!"), "");
});

Deno.test("markdownToStorage adds no anchors and no table layout unless asked", () => {
  const md = "# Title\n\n| a |\n| - |\n| 1 |\n";
  assert.equal(markdownToStorage(md), markdownToStorage(md, {}));
  assert.doesNotMatch(markdownToStorage(md), /anchor|data-layout/);
});

Deno.test("markdownToStorage puts an anchor macro first in every heading, as md2conf does", () => {
  const storage = markdownToStorage("# Getting Started\n\nText\n\n## Release **v2** notes\n", {
    headingAnchors: true,
  });
  assert.equal(
    storage,
    `<h1>${anchor("getting-started")}Getting Started</h1><p>Text</p>` +
      `<h2>${anchor("release-v2-notes")}Release <strong>v2</strong> notes</h2>`,
  );
});

Deno.test("markdownToStorage makes anchor names unique and skips headings without a name", () => {
  const storage = markdownToStorage("# Setup\n\n## Setup\n\n### Setup\n\n## 🚀\n", {
    headingAnchors: true,
  });
  assert.deepEqual(anchorNames(storage), ["setup", "setup-1", "setup-2"]);
  assert.match(storage, /<h2>🚀<\/h2>/);
});

Deno.test("markdownToStorage anchors headings inside panels and quotes too", () => {
  const storage = markdownToStorage("> [!NOTE]\n> ## Inside\n\n> ### Quoted\n", {
    headingAnchors: true,
  });
  assert.deepEqual(anchorNames(storage), ["inside", "quoted"]);
});

Deno.test("markdownToStorage keeps anchors read back from a page and does not add a second", () => {
  const first = markdownToStorage("# Setup\n\nText\n", { headingAnchors: true });
  const markdown = storageToMarkdown(first) + "\n## Setup\n";
  const again = markdownToStorage(markdown, { headingAnchors: true });
  assert.deepEqual(anchorNames(again), ["setup", "setup-1"]);
  assert.ok(again.startsWith(`<h1>${anchor("setup")}Setup</h1>`), again);
});

Deno.test("markdownToStorage sets data-layout and the md2conf width on every Markdown table", () => {
  const md = "| a | b |\n| - | - |\n| 1 | 2 |\n\ntext\n\n| c |\n| - |\n| 3 |\n";
  for (const layout of ["full-width", "wide", "default"] as const) {
    const storage = markdownToStorage(md, { tableLayout: layout });
    const tables = storage.match(/<table[^>]*>/g) ?? [];
    assert.equal(tables.length, 2);
    for (const table of tables) {
      assert.match(table, new RegExp(`data-layout="${layout}"`));
      assert.match(table, new RegExp(`data-table-width="${TABLE_WIDTHS[layout]}"`));
    }
  }
});

Deno.test("markdownToStorage replaces a table layout carried from a read page", () => {
  const read = storageToMarkdown(
    '<table data-layout="default" data-table-width="760"><tbody><tr><th>a</th></tr><tr><td>1</td></tr></tbody></table>',
  );
  const storage = markdownToStorage(read, { tableLayout: "full-width" });
  assert.equal((storage.match(/data-layout=/g) ?? []).length, 1);
  assert.match(storage, /<table data-layout="full-width" data-table-width="1800">/);
});

Deno.test("markdownToStorage leaves tables and headings inside placeholders byte for byte", () => {
  const shown = "<table><thead><tr><th><h2>Hidden</h2></th></tr></thead><tbody><tr><td>" +
    "<table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>";
  const md = storageToMarkdown(shown);
  assert.match(md, /^<!--storage:<table><thead>/);
  assert.equal(markdownToStorage(md, { headingAnchors: true, tableLayout: "wide" }), shown);
});

Deno.test("markdownToStorage decorates headings and tables inside containers (an expand's body)", () => {
  const expand = '<ac:structured-macro ac:name="expand"><ac:rich-text-body><h2>Inside</h2>' +
    "<table><tbody><tr><th>x</th></tr></tbody></table></ac:rich-text-body></ac:structured-macro>";
  const storage = markdownToStorage(storageToMarkdown(expand), {
    headingAnchors: true,
    tableLayout: "wide",
  });
  assert.deepEqual(anchorNames(storage), ["inside"]);
  assert.match(storage, /<table data-layout="wide" data-table-width="960">/);
});
