import assert from "node:assert/strict";
import { type AdfNode, adfToMdast, mdastToAdf } from "../../../../src/content/adf/mod.ts";
import { adfToMarkdown, markdownToAdf } from "../../../../src/content/mod.ts";
import { parseMarkdown } from "../../../../src/content/markdown.ts";
import { adfErrors } from "../_adf_schema.ts";

function doc(...content: AdfNode[]) {
  return { type: "doc", version: 1, content };
}

function paragraph(...content: AdfNode[]): AdfNode {
  return { type: "paragraph", content };
}

function text(value: string, ...marks: string[]): AdfNode {
  return marks.length
    ? { type: "text", text: value, marks: marks.map((type) => ({ type })) }
    : { type: "text", text: value };
}

/** Writes markdown to ADF, checks it against the schema, and returns its content. */
function write(md: string): AdfNode[] {
  const written = markdownToAdf(md);
  assert.deepEqual(adfErrors(written), [], md);
  return written.content;
}

Deno.test("adfToMarkdown keeps unknown and unrepresentable nodes as placeholders and restores them", () => {
  const original = doc(
    { type: "expand", attrs: { title: "More" }, content: [paragraph(text("hidden | 100% -->"))] },
    paragraph(
      text("A "),
      { type: "status", attrs: { text: "DONE", color: "green" } },
      text(" "),
      { type: "date", attrs: { timestamp: "1714521600000" } },
      text(" "),
      text("underlined", "underline"),
      { type: "futureInline", attrs: { x: 1 } },
    ),
    { type: "futureBlock", content: [{ type: "whatever" }] },
    { type: "paragraph" },
    {
      type: "paragraph",
      content: [text("aligned")],
      marks: [{ type: "alignment", attrs: { align: "center" } }],
    },
  );
  const md = adfToMarkdown(original);
  assert.equal(md.match(/<!--adf:/g)?.length, 8, md);
  assert.deepEqual(markdownToAdf(md), original);
});

Deno.test("adfToMarkdown accepts a JSON string, a single node, plain text and junk", () => {
  const single = paragraph(text("Hello", "strong"));
  assert.equal(adfToMarkdown(JSON.stringify(doc(single))), "**Hello**\n");
  assert.equal(adfToMarkdown(single), "**Hello**\n");
  assert.equal(adfToMarkdown("plain *text*"), "plain \\*text\\*\n");
  assert.equal(adfToMarkdown({ type: "doc", version: 1 }), "");
  assert.equal(
    adfToMarkdown({ type: "doc", content: [null, 3, "x", { nope: 1 }, paragraph(text("ok"))] }),
    "ok\n",
  );
  assert.equal(adfToMarkdown({ content: [] }), "");
});

Deno.test("adfToMarkdown normalises mark order, empty attrs and split text runs", () => {
  const messy = doc({
    type: "paragraph",
    attrs: {},
    content: [
      { type: "text", text: "a", marks: [{ type: "strong" }, { type: "em" }] },
      { type: "text", text: "b", marks: [{ type: "em" }, { type: "strong" }] },
      { type: "text", text: " c", marks: [] },
      { type: "text", text: "d" },
    ],
  });
  const md = adfToMarkdown(messy);
  assert.equal(md, "***ab*** cd\n");
  assert.deepEqual(markdownToAdf(md), doc(paragraph(text("ab", "em", "strong"), text(" cd"))));
});

Deno.test("adfToMarkdown writes mentions and keeps their extra attributes in a carrier", () => {
  const md = adfToMarkdown(doc(paragraph(
    {
      type: "mention",
      attrs: { id: "557058:alice", text: "@Alice", accessLevel: "", localId: "m1" },
    },
    text(" "),
    { type: "mention", attrs: { id: "557058:bob" } },
    text(" "),
    { type: "mention", attrs: { id: "557058:carol", text: "Carol" } },
  )));
  assert.equal(
    md,
    '@[Alice](accountid:557058:alice)<!--adf-attrs:{"accessLevel":"","localId":"m1"}--> @[](accountid:557058:bob) ' +
      '<!--adf:{"type":"mention","attrs":{"id":"557058:carol","text":"Carol"}}-->\n',
  );
});

Deno.test("markdownToAdf writes mentions from every markdown form", () => {
  assert.deepEqual(write("@[Alice Admin](accountid:557058:alice) [~accountid:557058:bob]"), [
    paragraph(
      { type: "mention", attrs: { id: "557058:alice", text: "@Alice Admin" } },
      text(" "),
      { type: "mention", attrs: { id: "557058:bob" } },
    ),
  ]);
});

Deno.test("markdownToAdf writes panels with ADF panel types and the title as a bold line", () => {
  const types = [
    "INFO",
    "NOTE",
    "TIP",
    "WARNING",
    "SUCCESS",
    "ERROR",
    "IMPORTANT",
    "CAUTION",
    "PANEL",
    "ODD",
  ];
  const md = types.map((type) => `> [!${type}]\n> x\n`).join("\n");
  const written = write(md).map((node) => node.attrs?.panelType);
  assert.deepEqual(written, [
    "info",
    "note",
    "tip",
    "warning",
    "success",
    "error",
    "note",
    "error",
    "info",
    "info",
  ]);
  assert.deepEqual(write("> [!INFO] Read me\n> body\n")[0].content, [
    paragraph(text("Read me", "strong")),
    paragraph(text("body")),
  ]);
  assert.deepEqual(write("> [!INFO]\n")[0].content, [{ type: "paragraph", content: [] }]);
});

Deno.test("markdownToAdf writes images as mediaSingle only when they stand alone with an absolute URL", () => {
  const content = write(
    "![a](https://x.com/a.png)\n\nsee ![b](https://x.com/b.png)\n\n![](c.png)\n",
  );
  assert.deepEqual(content[0], {
    type: "mediaSingle",
    attrs: { layout: "center" },
    content: [{ type: "media", attrs: { type: "external", url: "https://x.com/a.png", alt: "a" } }],
  });
  assert.deepEqual(
    content[1],
    paragraph(text("see "), {
      type: "text",
      text: "b",
      marks: [{ type: "link", attrs: { href: "https://x.com/b.png" } }],
    }),
  );
  assert.deepEqual(
    content[2],
    paragraph({ type: "text", text: "c.png", marks: [{ type: "link", attrs: { href: "c.png" } }] }),
  );
});

Deno.test("markdownToAdf gives every task a fresh unique localId unless a carrier names one", () => {
  const content = write("- [ ] a\n- [x] b\n  - [ ] c\n");
  const ids = JSON.stringify(content).match(/"localId":"[^"]+"/g) ?? [];
  assert.equal(ids.length, 5);
  assert.equal(new Set(ids).size, 5);
  assert.equal(content[0].content?.[1].attrs?.state, "DONE");
  assert.equal(content[0].content?.[2].type, "taskList");
});

Deno.test("markdownToAdf adapts blocks to the parents ADF allows them in", () => {
  assert.deepEqual(write("- # Title\n")[0].content?.[0].content, [paragraph(text("Title"))]);
  assert.deepEqual(write("> # Head\n")[0].content, [paragraph(text("Head"))]);
  assert.deepEqual(write("> | a |\n> | - |\n> | 1 |\n")[0].content, [
    paragraph(text("a")),
    paragraph(text("1")),
  ]);
  assert.deepEqual(write("> > deep\n")[0].content, [paragraph(text("deep"))]);
  assert.deepEqual(write("> - [x] done\n")[0].content?.[0].type, "bulletList");
  for (
    const md of [
      "> [!NOTE]\n> > quote\n>\n> | a |\n> | - |\n> | 1 |\n",
      "- [ ] task\n\n  ```js\n  x\n  ```\n\n  more\n",
      "-\n- b\n",
      "| a | |\n| - | - |\n| | x |\n",
      "a\\\n",
      "[`code`](https://x.com) **`bold code`** ~~*a* **b**~~",
    ]
  ) write(md);
});

Deno.test("markdownToAdf restores ADF placeholders wherever they were moved and drops other comments", () => {
  assert.deepEqual(write('text <!--adf:{"type":"rule"}--> more\n'), [
    paragraph(text("text ")),
    { type: "rule" },
    paragraph(text(" more")),
  ]);
  assert.deepEqual(write('<!--adf:{"type":"emoji","attrs":{"shortName":":x:"}}-->\n'), [
    paragraph({ type: "emoji", attrs: { shortName: ":x:" } }),
  ]);
  assert.deepEqual(write("a <!--storage:<hr />--> <!-- note --> <u>b</u>\n"), [
    paragraph(text("a   <u>b</u>")),
  ]);
  assert.deepEqual(write("<!--adf:not json-->\n"), []);
});

Deno.test("markdownToAdf turns soft line breaks into spaces and keeps hard breaks", () => {
  assert.deepEqual(write("one\ntwo\\\nthree\n"), [
    paragraph(text("one two"), { type: "hardBreak" }, text("three")),
  ]);
});

Deno.test("adfToMdast and mdastToAdf are the two halves of the hub", () => {
  const original = doc(paragraph(text("hub")));
  assert.deepEqual(mdastToAdf(adfToMdast(original)), original);
  assert.deepEqual(mdastToAdf(parseMarkdown("hub")), original);
});
