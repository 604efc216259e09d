import assert from "node:assert/strict";
import { markdownToWiki, wikiToMarkdown } from "../../../../src/content/mod.ts";
import { mdastToWiki, wikiToMdast } from "../../../../src/content/wiki/blocks.ts";
import { containerNode, containerOf, paragraph, text } from "../../../../src/content/_hub.ts";
import { assertReadWrite } from "./_read_write.ts";

Deno.test("wikiToMdast reads an unknown macro with a body as a container around its blocks", () => {
  const [node] = wikiToMdast("{expand:More}\nhidden\n{expand}").children;
  assert.deepEqual(containerOf(node), {
    format: "wiki",
    shell: "{expand:More}",
    children: [paragraph([text("hidden")])],
  });
  assertReadWrite(
    "{expand:More}\nhidden *text*\n\n* item\n{expand}",
    "<!--wiki-begin:{expand:More}-->\n\nhidden **text**\n\n- item\n\n<!--wiki-end-->\n",
    "hidden *text*\n\n* item",
  );
});

Deno.test("mdastToWiki puts edited container children back into the macro", () => {
  const md = wikiToMarkdown("{color:red}\npara one\n\npara two\n{color}");
  assert.equal(
    markdownToWiki(md.replace("para two", "para *2*")),
    "{color:red}\npara one\n\npara _2_\n{color}",
  );
  assertReadWrite("{x}\n{x}", "<!--wiki-begin:{x}-->\n\n\n\n<!--wiki-end-->\n", "");
});

Deno.test("mdastToWiki writes only the children of another format's container", () => {
  const root = {
    type: "root" as const,
    children: [containerNode("storage", '<ac:structured-macro ac:name="expand"/>', [
      paragraph([text("inside")]),
    ])],
  };
  assert.equal(mdastToWiki(root), "inside");
});

Deno.test("wikiToMdast shows the body of a macro with text after its closing tag", () => {
  assertReadWrite(
    "{x}\nbody{x} tail",
    "<!--wiki:{x}%0Abody{x} tail-->\n\nbody\n\ntail\n\n<!--/wiki-->\n",
    "body\n\ntail",
  );
});

Deno.test("wikiToMdast keeps bodiless macros opaque even when they repeat", () => {
  assertReadWrite(
    "{toc}\n\ntext\n\n{toc}",
    "<!--wiki:{toc}-->\n\ntext\n\n<!--wiki:{toc}-->\n",
    "text",
  );
});

Deno.test("wikiToMdast keeps a macro tag that is never closed opaque", () => {
  assertReadWrite(
    "{code}\n\nnever closed",
    "<!--wiki:{code}-->\n\nnever closed\n",
    "never closed",
  );
});

Deno.test("wikiToMdast keeps the \\\\ line breaks of a one-line paragraph", () => {
  assertReadWrite(
    "First line\\\\Second *line*",
    '<!--wiki-attrs:{"break":"\\\\\\\\"}-->\n\nFirst line\\\nSecond **line**\n',
    "First line\nSecond *line*",
  );
  assertReadWrite("a\nb", "a\\\nb\n", "a\nb");
  assertReadWrite("h2. Title\\\\more", "Title\\\nmore\n----\n", "h2. Title\\\\more");
});

Deno.test("wikiToMdast keeps a list written with dashes", () => {
  assertReadWrite(
    "- Prepare\n- Announce",
    '<!--wiki-attrs:{"bullet":"-"}-->\n\n- Prepare\n- Announce\n',
    "* Prepare\n* Announce",
  );
  assert.equal(
    markdownToWiki('<!--wiki-attrs:{"bullet":"-"}-->\n\n- a\n  - b\n'),
    "* a\n** b",
  );
});
