import assert from "node:assert/strict";
import {
  isDefaultParameter,
  isInline,
  normalForm,
} from "../../../../src/content/storage/normal.ts";
import { parseXml, serializeXml } from "../../../../src/content/storage/xml.ts";

/** The normal form of a fragment, serialized. */
function normal(xhtml: string): string {
  return serializeXml(normalForm(parseXml(xhtml)!));
}

Deno.test("normalForm drops the ids Confluence regenerates", () => {
  assert.equal(
    normal(
      '<table ac:local-id="t"><tbody><tr><td local-id="c">a</td></tr></tbody></table>' +
        '<ac:structured-macro ac:name="toc" ac:schema-version="1" ac:macro-id="m" />',
    ),
    '<table><tbody><tr><td>a</td></tr></tbody></table><ac:structured-macro ac:name="toc" />',
  );
});

Deno.test("normalForm sorts macro parameters by name and drops documented defaults", () => {
  assert.equal(
    normal(
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">t</ac:parameter>' +
        '<ac:parameter ac:name="linenumbers">false</ac:parameter><ac:parameter ac:name="language">' +
        "js</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body></ac:structured-macro>",
    ),
    '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">js</ac:parameter>' +
      '<ac:parameter ac:name="title">t</ac:parameter><ac:plain-text-body><![CDATA[x]]></ac:plain-text-body>' +
      "</ac:structured-macro>",
  );
  assert.equal(isDefaultParameter("code", "collapse", "false"), true);
  assert.equal(isDefaultParameter("code", "collapse", "true"), false);
  assert.equal(isDefaultParameter("expand", "collapse", "false"), false);
});

Deno.test("normalForm reads b, i and s as strong, em and del", () => {
  assert.equal(
    normal("<p><b>a</b> <i>b</i> <s>c</s></p>"),
    "<p><strong>a</strong> <em>b</em> <del>c</del></p>",
  );
});

Deno.test("normalForm trims lines, spaces around line breaks and edge line breaks", () => {
  assert.equal(normal("<p> \n a  <br/>  b <br /></p>"), "<p>a<br />b</p>");
  assert.equal(normal("<p><br />x</p><h1> t </h1>"), "<p>x</p><h1>t</h1>");
  assert.equal(
    normal("<table><tbody><tr><td> c </td></tr></tbody></table>"),
    "<table><tbody><tr><td>c</td></tr></tbody></table>",
  );
});

Deno.test("normalForm makes a run of whitespace holding a newline one newline", () => {
  assert.equal(normal("<p>a  \n\n   b</p>"), "<p>a\nb</p>");
  assert.equal(normal("<pre>a  \n\n   b</pre>"), "<pre>a  \n\n   b</pre>");
});

Deno.test("normalForm moves whitespace out of emphasis and drops empty emphasis", () => {
  assert.equal(
    normal("<p>a<strong> b </strong>c<em></em><del> </del>d</p>"),
    "<p>a <strong>b</strong> c d</p>",
  );
  assert.equal(
    normal('<p>a<span style="x"> b </span>c</p>'),
    '<p>a<span style="x"> b </span>c</p>',
  );
});

Deno.test("normalForm reads an only list item's plain paragraph as the item's content", () => {
  assert.equal(normal("<ul><li><p>x</p></li></ul>"), "<ul><li>x</li></ul>");
  assert.equal(
    normal("<ul><li><p>x</p></li><li><p>y</p></li></ul>"),
    "<ul><li><p>x</p></li><li><p>y</p></li></ul>",
  );
});

Deno.test("normalForm makes text at the top level and in macro bodies a paragraph", () => {
  assert.equal(normal("a <em>b</em><hr />"), "<p>a <em>b</em></p><hr />");
  assert.equal(
    normal(
      '<ac:structured-macro ac:name="x"><ac:rich-text-body>t</ac:rich-text-body></ac:structured-macro>',
    ),
    '<ac:structured-macro ac:name="x"><ac:rich-text-body><p>t</p></ac:rich-text-body></ac:structured-macro>',
  );
  assert.equal(normal("<ul><li>a <em>b</em></li></ul>"), "<ul><li>a <em>b</em></li></ul>");
  const image = '<ac:image><ri:attachment ri:filename="a.png" /></ac:image>';
  assert.equal(normal(`${image}\n${image}`), image + image);
});

Deno.test("normalForm drops whitespace between blocks", () => {
  assert.equal(
    normal("<p>a</p> <p>b</p>\n<ul> <li>c</li> </ul>"),
    "<p>a</p><p>b</p><ul><li>c</li></ul>",
  );
});

Deno.test("normalForm of a node does not depend on where it stands", () => {
  const span = '<span style="color: red;"> a <strong> b </strong> </span>';
  const inPage = normalForm(parseXml(`<p>x ${span} y</p>`)!)[0];
  const alone = normalForm(parseXml(span)!)[0];
  assert.equal(
    inPage.type === "element" && serializeXml([inPage.children[1]]),
    serializeXml([alone]),
  );
});

Deno.test("isInline counts bodiless macros as inline and macros with a body as blocks", () => {
  const [status, expand] = parseXml(
    '<ac:structured-macro ac:name="status" /><ac:structured-macro ac:name="expand">' +
      "<ac:rich-text-body /></ac:structured-macro>",
  )!;
  assert.equal(isInline(status), true);
  assert.equal(isInline(expand), false);
});
