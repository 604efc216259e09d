import assert from "node:assert/strict";
import type { Nodes } from "../../../../src/content/_mdast.ts";
import { containerOf, extraOf, shownOf } from "../../../../src/content/_hub.ts";
import { normalForm } from "../../../../src/content/storage/normal.ts";
import { readFlow, visibleOf } from "../../../../src/content/storage/read.ts";
import { parseXml } from "../../../../src/content/storage/xml.ts";

function read(xhtml: string) {
  return readFlow(normalForm(parseXml(xhtml)!));
}

/** The only child of the only block. */
function onlyInline(xhtml: string): Nodes {
  const [block] = read(xhtml);
  assert.equal(block.type, "paragraph");
  return (block as { children: Nodes[] }).children[0];
}

Deno.test("readFlow shows a status, a date and an emoticon as shown placeholders of their text", () => {
  const status =
    '<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">OK</ac:parameter>' +
    "</ac:structured-macro>";
  for (
    const [xml, visible] of [
      [status, "OK"],
      ['<time datetime="2024-01-01" />', "2024-01-01"],
      ['<ac:emoticon ac:name="smile" />', "🙂"],
      ['<ac:emoticon ac:name="x" ac:emoji-shortname=":x:" />', ":x:"],
    ]
  ) {
    const shown = shownOf(onlyInline(`<p>${xml}</p>`));
    assert.deepEqual(shown, {
      format: "storage",
      original: xml,
      children: [{ type: "text", value: visible }],
    });
  }
});

Deno.test("readFlow keeps a macro with a rich-text body as a container and its body as blocks", () => {
  const [block] = read(
    '<ac:structured-macro ac:name="details" ac:macro-id="1"><ac:parameter ac:name="id">x</ac:parameter>' +
      "<ac:rich-text-body><p>a</p><p>b</p></ac:rich-text-body></ac:structured-macro>",
  );
  const container = containerOf(block);
  assert.equal(
    container?.shell,
    '<ac:structured-macro ac:name="details"><ac:parameter ac:name="id">x</ac:parameter>' +
      "<ac:rich-text-body /></ac:structured-macro>",
  );
  assert.deepEqual(container?.children.map((child) => child.type), ["paragraph", "paragraph"]);
});

Deno.test("readFlow reads a cell holding blocks as one shown placeholder of the cell's content", () => {
  const [table] = read("<table><tbody><tr><td><p>a</p><p>b</p></td></tr></tbody></table>");
  assert.equal(table.type, "table");
  const [cell] = table.type === "table" ? table.children[0].children : [];
  assert.deepEqual(shownOf(cell.children[0])?.original, "<p>a</p><p>b</p>");
  assert.deepEqual(extraOf(table, "storage"), { headerRow: false });
});

Deno.test("visibleOf gives what the reader shows of an original, without comments", () => {
  assert.deepEqual(visibleOf('<span style="x">a <ac:emoticon ac:name="tick" /></span>'), [
    { type: "paragraph", children: [{ type: "text", value: "a " }, { type: "text", value: "✅" }] },
  ]);
  assert.deepEqual(visibleOf('<ac:structured-macro ac:name="toc" />'), []);
  assert.deepEqual(visibleOf("<broken"), []);
});
