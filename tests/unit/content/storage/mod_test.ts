import assert from "node:assert/strict";
import { mdastToStorage, storageToMdast } from "../../../../src/content/storage/mod.ts";
import { parseXml, sameXml } from "../../../../src/content/storage/xml.ts";
import { markdownToStorage, storageToMarkdown } from "../../../../src/content/mod.ts";

/** Reads storage to markdown and writes it back. */
function roundTrip(xhtml: string): string {
  return markdownToStorage(storageToMarkdown(xhtml));
}

/** Asserts that two storage fragments are the same XML tree (in normal form). */
function assertSameTree(actual: string, expected: string): void {
  const a = parseXml(actual);
  const b = parseXml(expected);
  assert.ok(a && b && sameXml(a, b), `${actual}\n!=\n${expected}`);
}

/** The markdown a person sees: every comment (placeholder, carrier, container) removed. */
function stripComments(md: string): string {
  return md.replace(/<!--[\s\S]*?-->/g, "");
}

/**
 * One visible-text case: `xml` read as markdown shows every `shows` outside comments, the
 * markdown written back is the same tree, and the markdown without its comments is written as
 * the plain content `plain`.
 */
interface VisibleCase {
  name: string;
  xml: string;
  shows: string[];
  plain: string;
}

const STATUS = '<ac:structured-macro ac:name="status" ac:schema-version="1" ac:macro-id="7c2d">' +
  '<ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">Accepted</ac:parameter></ac:structured-macro>';

const VISIBLE_CASES: VisibleCase[] = [
  {
    name: "a table with a header column",
    xml:
      "<table><tbody><tr><th>Team</th><td>Platform</td></tr><tr><th>Lead</th><td>Alice</td></tr>" +
      "<tr><th>EM</th><td>Bob</td></tr></tbody></table>",
    shows: ["| Team | Platform |", "| Lead | Alice |", "| EM | Bob |"],
    plain:
      "<table><tbody><tr><th>Team</th><th>Platform</th></tr><tr><td>Lead</td><td>Alice</td></tr>" +
      "<tr><td>EM</td><td>Bob</td></tr></tbody></table>",
  },
  {
    name: "a table without header cells",
    xml: "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>",
    shows: ["| a | b |", "| c | d |"],
    plain:
      "<table><tbody><tr><th>a</th><th>b</th></tr><tr><td>c</td><td>d</td></tr></tbody></table>",
  },
  {
    name: "table cells holding lists and paragraphs",
    xml: "<table><tbody><tr><th>Step</th><th>Notes</th></tr><tr><td>1</td>" +
      "<td><ul><li>one</li><li>two</li></ul><p>after</p></td></tr></tbody></table>",
    shows: ["| 1 | one<br>two<br>after |"],
    plain: "<table><tbody><tr><th>Step</th><th>Notes</th></tr><tr><td>1</td>" +
      "<td>one<br />two<br />after</td></tr></tbody></table>",
  },
  {
    name: "a date",
    xml: '<p>Due <time datetime="2024-01-01" /> at noon</p>',
    shows: ["Due 2024-01-01 at noon"],
    plain: "<p>Due 2024-01-01 at noon</p>",
  },
  {
    name: "a status lozenge",
    xml: `<p>Decision: ${STATUS} today</p>`,
    shows: ["Decision: Accepted today"],
    plain: "<p>Decision: Accepted today</p>",
  },
  {
    name: "emoticons with a fallback and by name",
    xml: '<p>Docs <ac:emoticon ac:name="blue-star" ac:emoji-fallback="📘" /> done ' +
      '<ac:emoticon ac:name="tick" /> <ac:emoticon ac:name="light-on" /></p>',
    shows: ["Docs 📘 done ✅ 💡"],
    plain: "<p>Docs 📘 done ✅ 💡</p>",
  },
  {
    name: "coloured, underlined, subscript and superscript text",
    xml: '<p>Status: <span style="color: rgb(255,86,48);">Release blocker</span>, <u>read</u> ' +
      "H<sub>2</sub>O m<sup>2</sup></p>",
    shows: ["Status: Release blocker, read H2O m2"],
    plain: "<p>Status: Release blocker, read H2O m2</p>",
  },
  {
    name: "an expand macro",
    xml: '<ac:structured-macro ac:name="expand" ac:schema-version="1" ac:macro-id="e1">' +
      '<ac:parameter ac:name="title">Decision history</ac:parameter><ac:rich-text-body>' +
      "<p>We moved to <em>async</em>.</p></ac:rich-text-body></ac:structured-macro>",
    shows: ["**Decision history**\n\nWe moved to *async*."],
    plain: "<p><strong>Decision history</strong></p><p>We moved to <em>async</em>.</p>",
  },
  {
    name: "details, section and column macros",
    xml:
      '<ac:structured-macro ac:name="details"><ac:rich-text-body><table><tbody><tr><th>Owner</th>' +
      '<td>Alice</td></tr></tbody></table></ac:rich-text-body></ac:structured-macro><ac:structured-macro ac:name="section">' +
      '<ac:rich-text-body><ac:structured-macro ac:name="column"><ac:parameter ac:name="width">50%</ac:parameter>' +
      "<ac:rich-text-body><p>Goals</p></ac:rich-text-body></ac:structured-macro></ac:rich-text-body></ac:structured-macro>",
    shows: ["| Owner | Alice |", "Goals"],
    plain: "<table><tbody><tr><th>Owner</th><th>Alice</th></tr></tbody></table><p>Goals</p>",
  },
  {
    name: "a panel macro with a title",
    xml:
      '<ac:structured-macro ac:name="panel"><ac:parameter ac:name="bgColor">#eae6ff</ac:parameter>' +
      '<ac:parameter ac:name="title">Summary</ac:parameter><ac:rich-text-body><p>Ship it.</p>' +
      "</ac:rich-text-body></ac:structured-macro>",
    shows: ["**Summary**\n\nShip it."],
    plain: "<p><strong>Summary</strong></p><p>Ship it.</p>",
  },
  {
    name: "a code macro with a title",
    xml: '<ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="c1">' +
      '<ac:parameter ac:name="title">deploy.sh</ac:parameter><ac:parameter ac:name="language">bash</ac:parameter>' +
      "<ac:plain-text-body><![CDATA[./deploy.sh --env prod]]></ac:plain-text-body></ac:structured-macro>",
    shows: ['```bash title="deploy.sh"\n./deploy.sh --env prod\n```'],
    plain:
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter>' +
      '<ac:parameter ac:name="title">deploy.sh</ac:parameter><ac:plain-text-body><![CDATA[./deploy.sh --env prod]]>' +
      "</ac:plain-text-body></ac:structured-macro>",
  },
  {
    name: "a noformat macro",
    xml:
      '<ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[12:00 ERROR timeout]]>' +
      "</ac:plain-text-body></ac:structured-macro>",
    shows: ["```\n12:00 ERROR timeout\n```"],
    plain:
      '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[12:00 ERROR timeout]]>' +
      "</ac:plain-text-body></ac:structured-macro>",
  },
  {
    name: "a Jira issue macro",
    xml:
      '<p>Fixes <ac:structured-macro ac:name="jira"><ac:parameter ac:name="server">System JIRA</ac:parameter>' +
      '<ac:parameter ac:name="key">ENG-42</ac:parameter></ac:structured-macro></p>',
    shows: ["Fixes ENG-42"],
    plain: "<p>Fixes ENG-42</p>",
  },
  {
    name: "links to a page, an attachment, a URL and a user with a body",
    xml:
      '<p>See <ac:link><ri:page ri:content-title="Runbook" /></ac:link>, <ac:link><ri:attachment ' +
      'ri:filename="plan.pdf" /><ac:link-body>the <strong>plan</strong></ac:link-body></ac:link>, ' +
      '<ac:link><ri:url ri:value="https://example.com/docs" /></ac:link> and <ac:link>' +
      '<ri:user ri:account-id="557058:bob" /><ac:plain-text-link-body><![CDATA[Bob]]></ac:plain-text-link-body></ac:link></p>',
    shows: [
      "See Runbook, the **plan**, <https://example.com/docs> and @[Bob](accountid:557058:bob)",
    ],
    plain: '<p>See Runbook, the <strong>plan</strong>, <a href="https://example.com/docs">' +
      'https://example.com/docs</a> and <ac:link><ri:user ri:account-id="557058:bob" /></ac:link></p>',
  },
  {
    name: "a task list",
    xml:
      "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>" +
      "<ac:task-body>Book the room</ac:task-body></ac:task></ac:task-list>",
    shows: ["- [ ]  Book the room"],
    plain: "<ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status>" +
      "<ac:task-body>Book the room</ac:task-body></ac:task></ac:task-list>",
  },
  {
    name: "a layout with two columns",
    xml:
      '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>Left</p></ac:layout-cell>' +
      "<ac:layout-cell><p>Right</p></ac:layout-cell></ac:layout-section></ac:layout>",
    shows: ["Left", "Right"],
    plain: "<p>Left</p><p>Right</p>",
  },
  {
    name: "instructional text",
    xml: "<p><ac:placeholder>Describe the goal of this page</ac:placeholder></p>",
    shows: ["*Describe the goal of this page*"],
    plain: "<p><em>Describe the goal of this page</em></p>",
  },
  {
    name: "an inline comment marker",
    xml:
      '<p>We ship <ac:inline-comment-marker ac:ref="a1">on Friday</ac:inline-comment-marker>.</p>',
    shows: ["We ship on Friday."],
    plain: "<p>We ship on Friday.</p>",
  },
  {
    name: "images in a paragraph and attached to another page",
    xml:
      '<p><ac:image ac:alt="Flow" ac:width="600"><ri:attachment ri:filename="flow.png" /></ac:image></p>' +
      '<ac:image><ri:attachment ri:filename="logo.png"><ri:page ri:content-title="Brand" /></ri:attachment></ac:image>',
    shows: ["![Flow](flow.png)", "![](logo.png)"],
    plain: '<ac:image ac:alt="Flow"><ri:attachment ri:filename="flow.png" /></ac:image>' +
      '<ac:image><ri:attachment ri:filename="logo.png" /></ac:image>',
  },
];

for (const { name, xml, shows, plain } of VISIBLE_CASES) {
  Deno.test(`storageToMarkdown shows the text of ${name} and markdownToStorage restores it`, () => {
    const md = storageToMarkdown(xml);
    for (const text of shows) assert.ok(stripComments(md).includes(text), `${text}\nnot in\n${md}`);
    assertSameTree(markdownToStorage(md), xml);
  });
  Deno.test(`markdownToStorage writes the visible text of ${name} as plain content`, () => {
    assertSameTree(markdownToStorage(stripComments(storageToMarkdown(xml))), plain);
  });
}

Deno.test("storageToMarkdown shows inline elements as shown placeholders in the sentence", () => {
  assert.equal(
    storageToMarkdown(`<p>Decision: ${STATUS}</p>`),
    `Decision: <!--storage:${STATUS}-->Accepted<!--/storage-->\n`,
  );
  assert.equal(
    storageToMarkdown('<p><time datetime="2024-01-01" /></p>'),
    '<!--storage:<time datetime="2024-01-01" />-->2024-01-01<!--/storage-->\n',
  );
});

Deno.test("storageToMarkdown keeps what shows nothing (toc, anchor) as opaque placeholders", () => {
  const toc =
    '<ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter>' +
    "</ac:structured-macro>";
  const anchor =
    '<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">top</ac:parameter>' +
    "</ac:structured-macro>";
  assert.equal(
    storageToMarkdown(`${toc}<h2>${anchor}Top</h2>`),
    `<!--storage:${toc}-->\n\n## <!--storage:${anchor}-->Top\n`,
  );
  assert.equal(roundTrip(`${toc}<h2>${anchor}Top</h2>`), `${toc}<h2>${anchor}Top</h2>`);
});

Deno.test("storageToMarkdown shows macros with a body as containers around their content", () => {
  const xml =
    '<ac:structured-macro ac:name="expand" ac:macro-id="e1"><ac:parameter ac:name="title">More' +
    "</ac:parameter><ac:rich-text-body><p>Body</p></ac:rich-text-body></ac:structured-macro>";
  assert.equal(
    storageToMarkdown(xml),
    '<!--storage-begin:<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">More' +
      "</ac:parameter><ac:rich-text-body /></ac:structured-macro>-->\n\n**More**\n\nBody\n\n<!--storage-end-->\n",
  );
});

Deno.test("editing inside a container changes only the content; the bold first line is the title", () => {
  const xml =
    '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">More</ac:parameter>' +
    "<ac:rich-text-body><p>Body</p></ac:rich-text-body></ac:structured-macro>";
  const md = storageToMarkdown(xml);
  assert.equal(
    markdownToStorage(md.replace("Body", "New *body*").replace("**More**", "**Less**")),
    '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">Less</ac:parameter>' +
      "<ac:rich-text-body><p>New <em>body</em></p></ac:rich-text-body></ac:structured-macro>",
  );
  assert.equal(
    markdownToStorage(md.replace("**More**\n\n", "")),
    '<ac:structured-macro ac:name="expand"><ac:rich-text-body><p>Body</p></ac:rich-text-body>' +
      "</ac:structured-macro>",
  );
});

Deno.test("editing the visible part of a shown placeholder writes it as plain content", () => {
  const md = storageToMarkdown(`<p>Decision: ${STATUS}</p>`);
  assert.equal(markdownToStorage(md), `<p>Decision: ${STATUS}</p>`);
  assert.equal(
    markdownToStorage(md.replace("-->Accepted<!--", "-->Rejected<!--")),
    "<p>Decision: Rejected</p>",
  );
});

Deno.test("storageToMarkdown writes no carrier for ids Confluence regenerates", () => {
  const xml = '<table ac:local-id="t1"><tbody><tr><th local-id="c1">a</th></tr></tbody></table>' +
    '<ul local-id="l1"><li local-id="i1">x</li></ul>' +
    '<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="m1"><ac:rich-text-body>' +
    "<p>i</p></ac:rich-text-body></ac:structured-macro>";
  const md = storageToMarkdown(xml);
  assert.equal(md, "| a |\n| - |\n\n- x\n\n> [!INFO]\n> i\n");
  assertSameTree(markdownToStorage(md), xml);
});

Deno.test("storageToMarkdown writes no character references for whitespace at the ends of lines", () => {
  const md = storageToMarkdown("<p> Lead and trail  </p><p>a <br /> b</p><h2>Title </h2>");
  assert.equal(md, "Lead and trail\n\na\\\nb\n\n## Title\n");
});

Deno.test("storageToMarkdown starts a panel with its text when its paragraph starts with a line break", () => {
  const xml = '<ac:structured-macro ac:name="note"><ac:rich-text-body><p><br />Careful</p>' +
    "</ac:rich-text-body></ac:structured-macro>";
  assert.equal(storageToMarkdown(xml), "> [!NOTE]\n> Careful\n");
});

Deno.test("storage code macros keep language, parameters and CDATA content, without defaults", () => {
  const xhtml =
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">py</ac:parameter>' +
    '<ac:parameter ac:name="linenumbers">true</ac:parameter><ac:parameter ac:name="collapse">false</ac:parameter>' +
    '<ac:plain-text-body><![CDATA[if a < b and "]]]]><![CDATA[>":\n    pass]]></ac:plain-text-body></ac:structured-macro>';
  assert.equal(
    storageToMarkdown(xhtml),
    '<!--storage-attrs:{"params":{"linenumbers":"true"}}-->\n\n```py\nif a < b and "]]>":\n    pass\n```\n',
  );
  assertSameTree(roundTrip(xhtml), xhtml);
  assert.equal(
    markdownToStorage("```\nplain\n```\n"),
    '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[plain]]></ac:plain-text-body></ac:structured-macro>',
  );
});

Deno.test("storageToMarkdown keeps malformed storage as one placeholder restored byte for byte", () => {
  for (const broken of ["<p>unclosed", "<p>a</b>", "<ac:x>&nbsp</ac:y>", "<<>>"]) {
    const md = storageToMarkdown(broken);
    assert.match(md, /^<!--storage:/);
    assert.equal(markdownToStorage(md), broken);
  }
});

Deno.test("storageToMarkdown restores unknown elements byte for byte, however they are written", () => {
  const odd =
    `<ac:structured-macro ac:name='anchor'  ac:schema-version="1"><ac:parameter ac:name="">top &amp; tail&nbsp;&rarr;</ac:parameter></ac:structured-macro>`;
  for (const xhtml of [odd, "<p>a</p><!-- comment --><p>b</p>", "<pre>pre  text</pre>"]) {
    assert.equal(roundTrip(xhtml), xhtml);
  }
  assert.equal(
    storageToMarkdown("<pre>pre  text</pre>"),
    "<!--storage:<pre>pre  text</pre>-->\n\n```\npre  text\n```\n\n<!--/storage-->\n",
  );
});

Deno.test("storageToMarkdown reads HTML named entities and writes content back as the same tree", () => {
  const xhtml = "<p class='lead'>a &rarr; b&nbsp;c &#160;&mdash; d&amp;e</p>";
  assert.equal(
    storageToMarkdown(xhtml),
    '<!--storage-attrs:{"class":"lead"}-->\n\na → b\u00a0c \u00a0— d\\&e\n',
  );
  const back = roundTrip(xhtml);
  assert.equal(back, '<p class="lead">a → b&nbsp;c &nbsp;— d&amp;e</p>');
  assertSameTree(back, xhtml);
});

Deno.test("storageToMarkdown ignores line breaks between blocks but keeps whitespace inside them", () => {
  const xhtml = "<p>a</p>\n  <p>b <strong>c</strong>\n<em>d</em></p>\n";
  assert.equal(storageToMarkdown(xhtml), "a\n\nb **c**\n*d*\n");
  assert.equal(roundTrip(xhtml), "<p>a</p><p>b <strong>c</strong>\n<em>d</em></p>");
});

Deno.test("storage mentions use account ids on Cloud and user keys or names on Data Center", () => {
  const xhtml =
    '<p><ac:link><ri:user ri:account-id="557058:alice" /></ac:link> <ac:link><ri:user ri:userkey="ff8081" /></ac:link> ' +
    '<ac:link><ri:user ri:username="bob" /></ac:link></p>';
  assert.equal(
    storageToMarkdown(xhtml),
    "@[](accountid:557058:alice) @[](userkey:ff8081) @[](username:bob)\n",
  );
  assert.equal(roundTrip(xhtml), xhtml);
  assert.equal(
    markdownToStorage("@[Alice Admin](accountid:557058:alice)"),
    '<p><ac:link><ri:user ri:account-id="557058:alice" /></ac:link></p>',
  );
  const withBody =
    '<p><ac:link><ri:user ri:account-id="1" /><ac:plain-text-link-body><![CDATA[Al]]></ac:plain-text-link-body></ac:link></p>';
  assert.equal(
    storageToMarkdown(withBody),
    '<!--storage:<ac:link><ri:user ri:account-id="1" /><ac:plain-text-link-body><![CDATA[Al]]>' +
      "</ac:plain-text-link-body></ac:link>-->@[Al](accountid:1)<!--/storage-->\n",
  );
  assert.equal(roundTrip(withBody), withBody);
});

Deno.test("storage panels map markdown panel types onto the four Confluence macros", () => {
  const md = ["INFO", "NOTE", "WARNING", "TIP", "SUCCESS", "ERROR", "CAUTION", "PANEL"]
    .map((type) => `> [!${type}]\n> x\n`).join("\n");
  const names = [...markdownToStorage(md).matchAll(/ac:name="(\w+)"/g)].map((match) => match[1]);
  assert.deepEqual(names, ["info", "note", "warning", "tip", "tip", "warning", "warning", "info"]);
});

Deno.test("storage images point at attachments by file name and at other images by URL", () => {
  const attachment =
    '<ac:image ac:alt="Flow"><ri:attachment ri:filename="my diagram.png" /></ac:image>';
  assert.equal(storageToMarkdown(attachment), "![Flow](<my diagram.png>)\n");
  assert.equal(roundTrip(attachment), attachment);
  assert.equal(
    storageToMarkdown(`<p>${attachment}</p>`),
    '<!--storage-attrs:{"p":true}-->\n\n![Flow](<my diagram.png>)\n',
  );
  assert.equal(roundTrip(`<p>${attachment}</p>`), `<p>${attachment}</p>`);
  assert.equal(
    markdownToStorage('![](https://x.com/a.png "Title")'),
    '<ac:image ac:title="Title"><ri:url ri:value="https://x.com/a.png" /></ac:image>',
  );
  assert.equal(
    markdownToStorage("see ![](b.png)"),
    '<p>see <ac:image><ri:attachment ri:filename="b.png" /></ac:image></p>',
  );
});

Deno.test("storage lists keep their tight or loose form, start number and nesting", () => {
  for (
    const xhtml of [
      "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
      "<ul><li><p>a</p></li><li><p>b</p></li></ul>",
      '<ol start="3"><li><p>a</p></li><li><p>b</p></li></ol>',
      "<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>",
    ]
  ) {
    assert.doesNotMatch(storageToMarkdown(xhtml), /<!--storage:/, xhtml);
    assert.equal(roundTrip(xhtml), xhtml);
  }
  assert.equal(storageToMarkdown('<ol start="3"><li><p>only</p></li></ol>'), "3. only\n");
  const mixed = "<ul><li><p>a</p></li><li>b</li></ul>";
  assert.equal(
    storageToMarkdown(mixed),
    `<!--storage:${mixed}-->\n\n- a\n- b\n\n<!--/storage-->\n`,
  );
  assert.equal(roundTrip(mixed), mixed);
});

Deno.test("storage tables show every cell; carriers say which cells are header cells", () => {
  const wrapped =
    "<table><tbody><tr><th><p>H</p></th></tr><tr><td><p>c | d</p></td></tr></tbody></table>";
  assert.equal(
    storageToMarkdown(wrapped),
    '<!--storage-attrs:{"p":true}-->\n\n| H |\n| - |\n| c \\| d |\n',
  );
  assert.equal(roundTrip(wrapped), wrapped);
  const both = "<table><tbody><tr><th>x</th><th>a</th></tr><tr><th>1</th><td>b</td></tr>" +
    "<tr><th>2</th><th>c</th></tr></tbody></table>";
  assert.equal(
    storageToMarkdown(both),
    '<!--storage-attrs:{"headerColumn":true}-->\n\n| x | a |\n| - | - |\n| 1 | b |\n| 2 | <!--storage-attrs:{"th":true}--> c |\n',
  );
  assert.equal(roundTrip(both), both);
});

Deno.test("storage tables keep spanning cells, with empty cells in the slots they cover", () => {
  const xhtml = '<table><tbody><tr><th colspan="2">Wide</th></tr><tr><td rowspan="2">Tall</td>' +
    "<td>a</td></tr><tr><td>b</td></tr></tbody></table>";
  assert.equal(
    storageToMarkdown(xhtml),
    '| <!--storage-attrs:{"colspan":"2"}--> Wide | |\n| - | - |\n' +
      '| <!--storage-attrs:{"rowspan":"2"}--> Tall | a |\n| | b |\n',
  );
  assert.equal(roundTrip(xhtml), xhtml);
});

Deno.test("storage tables markdown cannot hold are shown with their cells flattened", () => {
  const xhtml =
    "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td><p>b</p><p>c</p></td></tr>" +
    "</tbody></table>";
  assert.equal(
    storageToMarkdown(xhtml),
    `<!--storage:${xhtml}-->\n\n| a |\n| - |\n| b<br>c |\n\n<!--/storage-->\n`,
  );
  assert.equal(roundTrip(xhtml), xhtml);
});

Deno.test("storage table cells holding blocks show their text, restored byte for byte", () => {
  const xhtml =
    "<table><tbody><tr><th>a</th></tr><tr><td><ul><li>x</li><li>y</li></ul></td></tr></tbody></table>";
  assert.equal(
    storageToMarkdown(xhtml),
    "| a |\n| - |\n| <!--storage:<ul><li>x</li><li>y</li></ul>-->x<br>y<!--/storage--> |\n",
  );
  assert.equal(roundTrip(xhtml), xhtml);
});

Deno.test("storage column widths travel as a list, other column groups as written", () => {
  const xhtml = '<table><colgroup><col style="width: 240.0px;" /><col style="width: 520.0px;" />' +
    "</colgroup><tbody><tr><th>a</th><th>b</th></tr></tbody></table>";
  assert.match(
    storageToMarkdown(xhtml),
    /^<!--storage-attrs:\{"widths":\["240.0px","520.0px"\]\}-->/,
  );
  assert.equal(roundTrip(xhtml), xhtml);
  const spanned =
    '<table><colgroup><col span="2" /></colgroup><tbody><tr><th>a</th><th>b</th></tr>' +
    "</tbody></table>";
  assert.equal(roundTrip(spanned), spanned);
});

Deno.test("markdownToStorage escapes raw HTML as text, reads <br> as a line break and drops comments", () => {
  assert.equal(
    markdownToStorage(
      'a <u>b</u> <!-- note --> <!--adf:{"type":"emoji"}--> c<br>d\n\n<div>x & y</div>\n',
    ),
    "<p>a &lt;u&gt;b&lt;/u&gt;   c<br />d</p><p>&lt;div&gt;x &amp; y&lt;/div&gt;</p>",
  );
});

Deno.test("storageToMdast and mdastToStorage are the two halves of the hub", () => {
  assert.equal(mdastToStorage(storageToMdast("<p>hub</p>")), "<p>hub</p>");
  assert.equal(storageToMarkdown("bare <strong>text</strong>"), "bare **text**\n");
  assert.equal(roundTrip("bare <strong>text</strong>"), "<p>bare <strong>text</strong></p>");
});
