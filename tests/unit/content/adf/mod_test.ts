import assert from "node:assert/strict";
import { type AdfNode, adfToMdast, mdastToAdf } from "../../../../src/content/adf/mod.ts";
import { adfToMarkdown, markdownToAdf } from "../../../../src/content/mod.ts";
import { parseMarkdown } from "../../../../src/content/markdown.ts";
import { canonicalAdf, sameJson } from "../../../../src/content/adf/write.ts";
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

Deno.test("adfToMarkdown shows the text of nodes markdown cannot hold and restores them", () => {
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
  assert.equal(
    md,
    `<!--adf-begin:{"type":"expand","attrs":{"title":"More"}}-->

**More**

hidden | 100% -->

<!--adf-end-->

A <!--adf:{"type":"status","attrs":{"text":"DONE","color":"green"}}-->DONE<!--/adf--> ` +
      `<!--adf:{"type":"date","attrs":{"timestamp":"1714521600000"}}-->2024-05-01<!--/adf--> ` +
      `<!--adf:{"type":"text","text":"underlined","marks":[{"type":"underline"}]}-->underlined<!--/adf-->` +
      `<!--adf:{"type":"futureInline","attrs":{"x":1}}-->

<!--adf:{"type":"futureBlock","content":[{"type":"whatever"}]}-->

<!--adf-attrs:{"marks":[{"type":"alignment","attrs":{"align":"center"}}]}-->

aligned
`,
  );
  const { content: _empty, ...rest } = original;
  assert.deepEqual(markdownToAdf(md), { ...rest, content: original.content.toSpliced(3, 1) });
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

Deno.test("adfToMarkdown writes mentions, with extra attributes in a carrier and no ids or defaults", () => {
  const md = adfToMarkdown(doc(paragraph(
    {
      type: "mention",
      attrs: { id: "557058:alice", text: "@Alice", accessLevel: "", localId: "m1" },
    },
    text(" "),
    { type: "mention", attrs: { id: "557058:bob", accessLevel: "CONTAINER" } },
    text(" "),
    { type: "mention", attrs: { id: "557058:carol", text: "Carol" } },
  )));
  assert.equal(
    md,
    '@[Alice](accountid:557058:alice) @[](accountid:557058:bob)<!--adf-attrs:{"accessLevel":"CONTAINER"}--> ' +
      '<!--adf:{"type":"mention","attrs":{"id":"557058:carol","text":"Carol"}}-->@Carol<!--/adf-->\n',
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

/** Markdown with every `<!--...-->` comment removed: what a model that drops comments keeps. */
function stripComments(md: string): string {
  return md.replace(/<!--[\s\S]*?-->/g, "");
}

function cell(type: "tableHeader" | "tableCell", value: string, attrs?: Record<string, unknown>) {
  const node: AdfNode = { type, content: [paragraph(text(value))] };
  if (attrs) node.attrs = attrs;
  return node;
}

function row(...cells: AdfNode[]): AdfNode {
  return { type: "tableRow", content: cells };
}

Deno.test("adfToMarkdown shows tables without a header row or with a header column, and restores them", () => {
  const cases: Array<[string, AdfNode[], string]> = [
    [
      "none",
      [
        row(cell("tableCell", "a"), cell("tableCell", "b")),
        row(cell("tableCell", "c"), cell("tableCell", "d")),
      ],
      '<!--adf-attrs:{"headerRow":false}-->\n\n| a | b |\n| - | - |\n| c | d |\n',
    ],
    [
      "column",
      [
        row(cell("tableHeader", "Team"), cell("tableCell", "Core")),
        row(cell("tableHeader", "Lead"), cell("tableCell", "Alice")),
      ],
      '<!--adf-attrs:{"headerRow":false,"headerColumn":true}-->\n\n| Team | Core  |\n| ---- | ----- |\n| Lead | Alice |\n',
    ],
  ];
  for (const [name, rows, expected] of cases) {
    const original = doc({
      type: "table",
      attrs: { isNumberColumnEnabled: false, layout: "default", localId: "t1" },
      content: rows,
    });
    const md = adfToMarkdown(original);
    assert.equal(
      md.replaceAll(/ +\|/g, " |").replaceAll(/-+/g, "-"),
      expected.replaceAll(/ +\|/g, " |").replaceAll(/-+/g, "-"),
      name,
    );
    assert.deepEqual(canonicalAdf(write(md)), canonicalAdf(original.content), name);
  }
});

Deno.test("adfToMarkdown puts column widths on the table once, not in every cell", () => {
  const original = doc({
    type: "table",
    content: [
      row(
        cell("tableHeader", "Key", { colwidth: [120] }),
        cell("tableHeader", "Value", { colwidth: [300] }),
      ),
      row(cell("tableCell", "a", { colwidth: [120] }), cell("tableCell", "b", { colwidth: [300] })),
    ],
  });
  const md = adfToMarkdown(original);
  assert.equal(md.match(/<!--/g)?.length, 1, md);
  assert.match(md, /^<!--adf-attrs:\{"colwidths":\[120,300\]\}-->/);
  assert.deepEqual(canonicalAdf(write(md)), canonicalAdf(original.content));
});

Deno.test("a Jira Cloud panel keeps its title through a round trip", () => {
  const md = "> [!WARNING] Customers\n> Card payments fail after 18:00.\n";
  const adf = write(md);
  assert.equal(adfToMarkdown(doc(...adf)), md);
});

Deno.test("coloured text stays in the sentence; an edit or a stripped comment writes plain text", () => {
  const original = doc(paragraph(
    text("The "),
    {
      type: "text",
      text: "blocker",
      marks: [{ type: "strong" }, { type: "textColor", attrs: { color: "#ff5630" } }],
    },
    text(" is fixed "),
    { type: "emoji", attrs: { shortName: ":grin:", id: "1f601", text: "😁" } },
  ));
  const md = adfToMarkdown(original);
  assert.equal(stripComments(md), "The **blocker** is fixed 😁\n");
  assert.deepEqual(write(md), original.content);
  assert.deepEqual(write(md.replace(">blocker<", ">bug<")), [paragraph(
    text("The "),
    text("bug", "strong"),
    text(" is fixed "),
    { type: "emoji", attrs: { shortName: ":grin:", id: "1f601", text: "😁" } },
  )]);
  assert.deepEqual(write(stripComments(md)), [
    paragraph(text("The "), text("blocker", "strong"), text(" is fixed 😁")),
  ]);
});

Deno.test("an expand is a container: its body stays editable and its title is the bold first line", () => {
  const original = doc({
    type: "expand",
    attrs: { title: "Steps" },
    content: [paragraph(text("Open the app")), { type: "rule" }],
  });
  const md = adfToMarkdown(original);
  assert.equal(stripComments(md).trim(), "**Steps**\n\nOpen the app\n\n---");
  assert.deepEqual(write(md), original.content);
  const edited = write(
    md.replace("Open the app", "Open the **new** app").replace("**Steps**", "**How to**"),
  );
  assert.deepEqual(edited, [{
    type: "expand",
    attrs: { title: "How to" },
    content: [paragraph(text("Open the "), text("new", "strong"), text(" app")), { type: "rule" }],
  }]);
});

Deno.test("layouts show their columns' content in order and keep the layout", () => {
  const column = (width: number, value: string): AdfNode => ({
    type: "layoutColumn",
    attrs: { width },
    content: [paragraph(text(value))],
  });
  const original = doc({
    type: "layoutSection",
    content: [column(50, "Left"), column(50, "Right")],
  });
  const md = adfToMarkdown(original);
  assert.equal(stripComments(md).replace(/\n+/g, " ").trim(), "Left Right");
  assert.deepEqual(write(md), original.content);
});

Deno.test("nodes without a markdown form show their text: dates, statuses, cards, decisions", () => {
  const md = adfToMarkdown(doc(
    paragraph(
      { type: "date", attrs: { timestamp: "1704067200000" } },
      text(" "),
      { type: "status", attrs: { text: "Accepted", color: "green" } },
      text(" "),
      { type: "inlineCard", attrs: { url: "https://example.com/x" } },
    ),
    {
      type: "decisionList",
      attrs: { localId: "d" },
      content: [{
        type: "decisionItem",
        attrs: { localId: "i", state: "DECIDED" },
        content: [text("Ship it")],
      }],
    },
    { type: "blockCard", attrs: { url: "https://example.com/card" } },
  ));
  const visible = stripComments(md);
  for (
    const piece of [
      "2024-01-01",
      "Accepted",
      "https://example.com/x",
      "Ship it",
      "https://example.com/card",
    ]
  ) {
    assert.ok(visible.includes(piece), `${piece} in ${visible}`);
  }
});

Deno.test("real table noise is gone: default attributes, ids and the empty paragraph after a table", () => {
  const md = adfToMarkdown(doc(
    {
      type: "table",
      attrs: { isNumberColumnEnabled: false, layout: "default", localId: "abc" },
      content: [row(cell("tableHeader", "A")), row(cell("tableCell", "1"))],
    },
    { type: "paragraph", content: [] },
    paragraph(text("Trailing space ")),
  ));
  assert.equal(md, "| A |\n| - |\n| 1 |\n\nTrailing space\n");
});

Deno.test("sameJson compares JSON values whatever the order of keys, and only that", () => {
  const node = {
    type: "text",
    text: "a",
    marks: [{ type: "link", attrs: { href: "x", title: "t" } }],
  };
  const reordered = {
    marks: [{ attrs: { title: "t", href: "x" }, type: "link" }],
    text: "a",
    type: "text",
  };
  assert.ok(sameJson(node, reordered));
  assert.ok(sameJson({ a: 1, b: undefined }, { a: 1 }));
  assert.ok(!sameJson(node, { ...node, text: "b" }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(!sameJson({ a: 1 }, { a: 1, b: null }));
  assert.ok(!sameJson({ a: {} }, { a: [] }));
  assert.ok(!sameJson([{ a: 1 }], [{ a: "1" }]));
});
