import assert from "node:assert/strict";
import { parseXml, sameTree, sameXml, type XNode } from "../../../../src/content/storage/xml.ts";

function parse(xhtml: string): XNode[] {
  return parseXml(xhtml)!;
}

Deno.test("sameXml compares content in normal form: ids, attribute order, whitespace and CDATA do not count", () => {
  assert.ok(sameXml(
    parse('<p class="a" id="b"> x </p><ac:structured-macro ac:name="toc" ac:macro-id="1" />'),
    parse("<p id='b' class='a'>x</p>\n<ac:structured-macro ac:name=\"toc\" />"),
  ));
  assert.ok(sameXml(parse("<p><![CDATA[a]]>b</p>"), parse("<p>ab</p>")));
  assert.ok(!sameXml(parse("<p>a</p>"), parse("<p>b</p>")));
  assert.ok(!sameXml(parse('<p class="a">x</p>'), parse("<p>x</p>")));
});

Deno.test("sameTree matches a raw node to the original text of the nodes it stands for", () => {
  const expected = parse("<td><p>a</p><ul><li>b</li></ul></td>");
  const raw = (value: string): XNode[] => [{
    type: "element",
    name: "td",
    attributes: {},
    children: [{ type: "raw", value }],
  }];
  assert.ok(sameTree(raw("<p>a</p><ul><li>b</li></ul>"), expected));
  assert.ok(!sameTree(raw("<p>a</p>"), expected));
  assert.ok(!sameTree(raw("<p>a</p><ul><li>c</li></ul>"), expected));
});
