import assert from "node:assert/strict";
import { mdastToStorage, storageToMdast } from "../../../../src/content/storage/mod.ts";
import { parseXml, sameXml } from "../../../../src/content/storage/xml.ts";
import { markdownToStorage, storageToMarkdown } from "../../../../src/content/mod.ts";

/** Reads storage to markdown and writes it back. */
function roundTrip(xhtml: string): string {
  return markdownToStorage(storageToMarkdown(xhtml));
}

/** Asserts that two storage fragments are the same XML tree. */
function assertSameTree(actual: string, expected: string): void {
  const a = parseXml(actual);
  const b = parseXml(expected);
  assert.ok(a && b && sameXml(a, b), `${actual}\n!=\n${expected}`);
}

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
  const inline =
    `<p>Text <span style="color: rgb(255,0,0);">red</span> <u>u</u> <ac:emoticon ac:name="tick" /> <time datetime="2024-05-01" /> and <sup>2</sup>.</p>`;
  for (const xhtml of [odd, inline, "<p>a</p><!-- comment --><p>b</p>", "<pre>pre  text</pre>"]) {
    assert.equal(roundTrip(xhtml), xhtml);
  }
  assert.equal(
    storageToMarkdown(inline),
    'Text <!--storage:<span style="color: rgb(255,0,0);">red</span>--> <!--storage:<u>u</u>--> ' +
      '<!--storage:<ac:emoticon ac:name="tick" />--> <!--storage:<time datetime="2024-05-01" />--> and ' +
      "<!--storage:<sup>2</sup>-->.\n",
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
  assert.match(storageToMarkdown(withBody), /^<!--storage:<p><ac:link>/);
  assert.equal(roundTrip(withBody), withBody);
});

Deno.test("storage code macros keep language, parameters and CDATA content", () => {
  const xhtml =
    '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">py</ac:parameter>' +
    '<ac:parameter ac:name="linenumbers">true</ac:parameter><ac:plain-text-body><![CDATA[if a < b and "]]]]><![CDATA[>":\n    pass]]></ac:plain-text-body></ac:structured-macro>';
  assert.equal(
    storageToMarkdown(xhtml),
    '<!--storage-attrs:{"ac:schema-version":"1","params":{"linenumbers":"true"}}-->\n\n```py\nif a < b and "]]>":\n    pass\n```\n',
  );
  assert.equal(roundTrip(xhtml), xhtml);
  assert.equal(
    markdownToStorage("```\nplain\n```\n"),
    '<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[plain]]></ac:plain-text-body></ac:structured-macro>',
  );
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
      '<ol start="3"><li><p>only</p></li></ol>',
      "<ac:task-list><ac:task><ac:task-id>7</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>done</ac:task-body></ac:task></ac:task-list>",
    ]
  ) {
    assert.doesNotMatch(storageToMarkdown(xhtml), /<!--storage:/, xhtml);
    assert.equal(roundTrip(xhtml), xhtml);
  }
  const mixed = "<ul><li><p>a</p></li><li>b</li></ul>";
  assert.match(storageToMarkdown(mixed), /^<!--storage:<ul>/);
  assert.equal(roundTrip(mixed), mixed);
});

Deno.test("storage tables need one header row; others are kept as placeholders", () => {
  const wrapped =
    "<table><tbody><tr><th><p>H</p></th></tr><tr><td><p>c | d</p></td></tr></tbody></table>";
  assert.equal(
    storageToMarkdown(wrapped),
    '<!--storage-attrs:{"p":true}-->\n\n| H |\n| - |\n| c \\| d |\n',
  );
  assert.equal(roundTrip(wrapped), wrapped);
  for (
    const kept of [
      "<table><tbody><tr><td>a</td></tr></tbody></table>",
      "<table><tbody><tr><th>a</th></tr><tr><th>b</th></tr></tbody></table>",
      "<table><thead><tr><th>a</th></tr></thead></table>",
    ]
  ) {
    assert.match(storageToMarkdown(kept), /^<!--storage:<table>/, kept);
    assert.equal(roundTrip(kept), kept);
  }
});

Deno.test("storage table cells keep block content they cannot show as placeholders", () => {
  const xhtml =
    "<table><tbody><tr><th>a</th></tr><tr><td><ul><li>x</li></ul></td></tr></tbody></table>";
  assert.equal(storageToMarkdown(xhtml), "| a |\n| - |\n| <!--storage:<ul><li>x</li></ul>--> |\n");
  assert.equal(roundTrip(xhtml), xhtml);
});

Deno.test("markdownToStorage escapes raw HTML as text and drops comments and other formats' placeholders", () => {
  assert.equal(
    markdownToStorage('a <u>b</u> <!-- note --> <!--adf:{"type":"emoji"}-->\n\n<div>x & y</div>\n'),
    "<p>a &lt;u&gt;b&lt;/u&gt;  </p><p>&lt;div&gt;x &amp; y&lt;/div&gt;</p>",
  );
});

Deno.test("storageToMdast and mdastToStorage are the two halves of the hub", () => {
  assert.equal(mdastToStorage(storageToMdast("<p>hub</p>")), "<p>hub</p>");
  assert.equal(storageToMarkdown("bare <strong>text</strong>"), "bare **text**\n");
});
