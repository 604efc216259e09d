import assert from "node:assert/strict";
import type { BlockContent, Root } from "../../../../src/content/_mdast.ts";
import {
  containerNode,
  html,
  paragraph,
  shownNode,
  text,
  withExtra,
} from "../../../../src/content/_hub.ts";
import { mdastToStorage } from "../../../../src/content/storage/write.ts";

const STATUS = '<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">Done' +
  "</ac:parameter></ac:structured-macro>";

function write(children: BlockContent[]): string {
  return mdastToStorage({ type: "root", children } as Root);
}

Deno.test("mdastToStorage restores a shown placeholder whose visible part is unchanged", () => {
  const shown = shownNode("storage", STATUS, [text("Done")]);
  assert.equal(write([paragraph([text("State: "), shown])]), `<p>State: ${STATUS}</p>`);
});

Deno.test("mdastToStorage writes an edited visible part as plain content", () => {
  const shown = shownNode("storage", STATUS, [{ type: "strong", children: [text("Late")] }]);
  assert.equal(write([paragraph([text("State: "), shown])]), "<p>State: <strong>Late</strong></p>");
});

Deno.test("mdastToStorage writes shown placeholders and containers of other formats as their content", () => {
  const shown = shownNode("adf", '{"type":"status"}', [text("Done")]);
  const container = containerNode("adf", '{"type":"expand"}', [paragraph([text("body")])]);
  assert.equal(write([paragraph([shown]), container]), "<p>Done</p><p>body</p>");
});

Deno.test("mdastToStorage restores a block shown placeholder bare and writes its edited blocks", () => {
  const pre = "<pre>a  b</pre>";
  const code = (value: string): BlockContent => ({ type: "code", lang: null, meta: null, value });
  assert.equal(write([shownNode("storage", pre, [code("a  b")])]), pre);
  assert.match(
    write([shownNode("storage", pre, [code("changed")])]),
    /^<ac:structured-macro ac:name="code">/,
  );
});

Deno.test("mdastToStorage writes a container's children into its shell, a bold first line as its title", () => {
  const shell =
    '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">Old</ac:parameter>' +
    "<ac:rich-text-body /></ac:structured-macro>";
  const title = paragraph([{ type: "strong", children: [text("New")] }]);
  assert.equal(
    write([containerNode("storage", shell, [title, paragraph([text("body")])])]),
    '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">New</ac:parameter>' +
      "<ac:rich-text-body><p>body</p></ac:rich-text-body></ac:structured-macro>",
  );
  assert.equal(
    write([containerNode("storage", "<ac:layout-cell />", [paragraph([text("cell")])])]),
    "<ac:layout-cell><p>cell</p></ac:layout-cell>",
  );
});

Deno.test("mdastToStorage never drops a container's children when its shell has no body", () => {
  const shell =
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">1</ac:parameter></ac:structured-macro>';
  assert.equal(
    write([containerNode("storage", shell, [paragraph([text("kept")])])]),
    '<ac:structured-macro ac:name="x"><ac:parameter ac:name="a">1</ac:parameter>' +
      "<ac:rich-text-body><p>kept</p></ac:rich-text-body></ac:structured-macro>",
  );
  assert.equal(
    write([containerNode("storage", "<broken", [paragraph([text("kept")])])]),
    "<p>kept</p>",
  );
});

Deno.test("mdastToStorage leaves out empty cells in slots a spanning cell covers, and writes filled ones", () => {
  const cell = (value: string, extra?: Record<string, unknown>) =>
    withExtra(
      { type: "tableCell" as const, children: value ? [text(value)] : [] },
      "storage",
      extra,
    );
  const table = (second: string): BlockContent => ({
    type: "table",
    align: [null, null],
    children: [
      { type: "tableRow", children: [cell("wide", { colspan: "2" }), cell(second)] },
      { type: "tableRow", children: [cell("a"), cell("b")] },
    ],
  });
  assert.equal(
    write([table("")]),
    '<table><tbody><tr><th colspan="2">wide</th></tr><tr><td>a</td><td>b</td></tr></tbody></table>',
  );
  assert.equal(
    write([table("typed")]),
    '<table><tbody><tr><th colspan="2">wide</th><th>typed</th></tr><tr><td>a</td><td>b</td></tr>' +
      "</tbody></table>",
  );
});

Deno.test("mdastToStorage makes header cells by the table's pattern, rows added later included", () => {
  const row = (...values: string[]) => ({
    type: "tableRow" as const,
    children: values.map((value) => ({ type: "tableCell" as const, children: [text(value)] })),
  });
  const table = withExtra(
    {
      type: "table",
      align: [null, null],
      children: [row("Team", "A"), row("Lead", "B"), row("New", "C")],
    },
    "storage",
    { headerRow: false, headerColumn: true },
  ) as BlockContent;
  assert.equal(
    write([table]),
    "<table><tbody><tr><th>Team</th><td>A</td></tr><tr><th>Lead</th><td>B</td></tr>" +
      "<tr><th>New</th><td>C</td></tr></tbody></table>",
  );
});

Deno.test("mdastToStorage writes a cell holding only a placeholder without a paragraph around it", () => {
  const list = "<ul><li>x</li></ul>";
  const cell = { type: "tableCell" as const, children: [html(`<!--storage:${list}-->`)] };
  const table = withExtra(
    { type: "table", align: [null], children: [{ type: "tableRow", children: [cell] }] },
    "storage",
    { p: true },
  ) as BlockContent;
  assert.equal(write([table]), `<table><tbody><tr><th>${list}</th></tr></tbody></table>`);
});
