import assert from "node:assert/strict";
import { mdastToWiki, wikiToMdast } from "../../../../src/content/wiki/mod.ts";
import { markdownToWiki, wikiToMarkdown } from "../../../../src/content/mod.ts";

Deno.test("wikiToMarkdown reads emphasis only at word boundaries, or in the {*} form", () => {
  assert.equal(
    wikiToMarkdown("a*b*c *bold* x_y_z _em_ well-known -del- 2024-01-02 {*}in{*}word"),
    "a\\*b\\*c **bold** x_y_z *em* well-known ~~del~~ 2024-01-02 **in**word\n",
  );
  assert.equal(markdownToWiki("foo**bar**baz and *em*"), "foo{*}bar{*}baz and _em_");
});

Deno.test("wikiToMarkdown reads escapes and both kinds of line break", () => {
  assert.equal(
    wikiToMarkdown("\\*not bold\\* line\\\\break\nnext C:\\path"),
    "\\*not bold\\* line\\\nbreak\\\nnext C:\\path\n",
  );
});

Deno.test("wikiToMarkdown reads links, anchors and mentions and shows other bracket forms by their text", () => {
  assert.equal(
    wikiToMarkdown(
      "[text|https://x.com] [https://y.com] [~accountid:557058:alice] [~bob] [#anchor] [PROJ-1]",
    ),
    "[text](https://x.com) <https://y.com> @[](accountid:557058:alice) @[](username:bob) " +
      "[anchor](#anchor) <!--wiki:[PROJ-1]-->PROJ-1<!--/wiki-->\n",
  );
  assert.equal(
    markdownToWiki(
      "[a|b](https://x.com) <https://y.com> @[Al](accountid:1) @[](userkey:k) @[](username:u)",
    ),
    "[a\\|b|https://x.com] [https://y.com] [~accountid:1] [~k] [~u]",
  );
});

Deno.test("wikiToMarkdown reads images with an alt text and carries other image options", () => {
  assert.equal(
    wikiToMarkdown("!a.png! !https://x.com/i.png|alt=An image! !a.png|thumbnail! Hello! World!"),
    "![](a.png) ![An image](https://x.com/i.png) " +
      '![](a.png)<!--wiki-attrs:{"options":"thumbnail"}--> Hello! World!\n',
  );
  assert.equal(
    markdownToWiki("![alt text](https://x.com/a.png)"),
    "!https://x.com/a.png|alt=alt text!",
  );
});

Deno.test("wikiToMarkdown shows the text of markup markdown cannot express and restores the markup", () => {
  const wiki = "{color:red}x{color} {anchor:top} ??cite?? ^sup^ ~sub~ +ins+";
  assert.equal(
    wikiToMarkdown(wiki),
    "<!--wiki:{color:red}x{color}-->x<!--/wiki--> <!--wiki:{anchor:top}--> " +
      "<!--wiki:??cite??-->cite<!--/wiki--> <!--wiki:^sup^-->sup<!--/wiki--> " +
      "<!--wiki:~sub~-->sub<!--/wiki--> <!--wiki:+ins+-->ins<!--/wiki-->\n",
  );
  assert.equal(markdownToWiki(wikiToMarkdown(wiki)), wiki);
  const blocks =
    "{toc}\n\n{expand:More}\nhidden\n{expand}\n\n{code:title=A.java|borderStyle=solid}\nx\n{code}";
  assert.equal(markdownToWiki(wikiToMarkdown(blocks)), blocks);
  assert.match(wikiToMarkdown("{code}\nnever closed"), /^<!--wiki:\{code\}-->\n\nnever closed\n$/);
});

Deno.test("markdownToWiki escapes text that wiki would read as markup", () => {
  const md = "Use * and _ alone, a*b, [x], {y}, !z.png!, ?? and -dashes- as text\n";
  const wiki = markdownToWiki(md);
  assert.equal(
    wiki,
    "Use * and _ alone, a*b, \\[x\\], \\{y\\}, \\!z.png!, \\?? and \\-dashes\\- as text",
  );
  assert.equal(
    wikiToMarkdown(wiki),
    "Use \\* and \\_ alone, a\\*b, \\[x], {y}, !z.png!, ?? and -dashes- as text\n",
  );
  const lines = markdownToWiki("\\* not a list\\\n\\# nor this\\\n| nor this\\\nh2. nor this");
  assert.equal(lines, "\\* not a list\n\\# nor this\n\\| nor this\nh2\\. nor this");
  assert.equal(
    wikiToMarkdown(lines),
    "\\* not a list\\\n\\# nor this\\\n\\| nor this\\\nh2. nor this\n",
  );
});

Deno.test("markdownToWiki maps code languages Jira does not know and keeps noformat blocks", () => {
  assert.equal(
    markdownToWiki("```ts\nx\n```\n\n```noformat\ny\n```\n\n```\nz\n```\n"),
    "{code:javascript}\nx\n{code}\n\n{noformat}\ny\n{noformat}\n\n{code}\nz\n{code}",
  );
});

Deno.test("wiki lists nest mixed markers and continue items on the next line", () => {
  const md = wikiToMarkdown("* a\ncontinued\n*# b\n*# c\n- dash");
  assert.equal(md, "- a\\\n  continued\n  1. b\n  2. c\n- dash\n");
  assert.equal(markdownToWiki(md), "* a\ncontinued\n*# b\n*# c\n* dash");
  assert.equal(markdownToWiki("- [ ] open\n- [x] done\n"), "* \\[ \\] open\n* \\[x\\] done");
  assert.equal(wikiToMarkdown("* \\[ \\] open\n* \\[x\\] done"), "- [ ] open\n- [x] done\n");
});

Deno.test("wiki panels take their type from the palette colour and their title from the title option", () => {
  assert.equal(
    wikiToMarkdown("{panel:title=Oops|bgColor=#FFEBE6}\nbad\n{panel}\n\n{panel}\nplain\n{panel}"),
    "> [!ERROR] Oops\n> bad\n\n> [!PANEL]\n> plain\n",
  );
  assert.equal(markdownToWiki("> [!TIP]\n> t\n"), "{panel:bgColor=#e3fcef}\nt\n{panel}");
  const styled = "{panel:borderStyle=dashed}\nx\n{panel}";
  assert.equal(markdownToWiki(wikiToMarkdown(styled)), styled);
});

Deno.test("markdownToWiki writes quotes as bq. or {quote} and drops other formats' placeholders", () => {
  assert.equal(markdownToWiki("> one\n\n> a\n>\n> b\n"), "bq. one\n\n{quote}\na\n\nb\n{quote}");
  assert.equal(wikiToMarkdown("{quote}\na\n\nb\n{quote}"), "> a\n>\n> b\n");
  assert.equal(
    markdownToWiki("a <u>b</u> <!--wiki:+x+--> <!--adf:{}--> <!-- c -->"),
    "a <u>b</u> +x+  ",
  );
});

Deno.test("wikiToMdast and mdastToWiki are the two halves of the hub", () => {
  assert.equal(mdastToWiki(wikiToMdast("h1. Hub")), "h1. Hub");
  assert.equal(wikiToMarkdown("\n\n  \n"), "");
});
