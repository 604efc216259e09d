import assert from "node:assert/strict";
import { markdownToWiki, wikiToMarkdown } from "../../../../src/content/mod.ts";
import {
  readWikiCell,
  readWikiInline,
  writeWikiInline,
} from "../../../../src/content/wiki/inline.ts";
import { shownOf } from "../../../../src/content/_hub.ts";
import { assertReadWrite, stripComments } from "./_read_write.ts";

Deno.test("readWikiInline shows coloured text in the sentence and restores the colour", () => {
  assertReadWrite(
    "Status: {color:#6554c0}Release *blocker*{color} today",
    "Status: <!--wiki:{color:#6554c0}Release *blocker*{color}-->Release **blocker**<!--/wiki--> today\n",
    "Status: Release *blocker* today",
  );
});

Deno.test("readWikiInline shows inserted, superscript, subscript and citation text", () => {
  assertReadWrite(
    "a +ins+ b ^sup^ c ~sub~ d ??cite?? e {+}in{+}word",
    "a <!--wiki:+ins+-->ins<!--/wiki--> b <!--wiki:^sup^-->sup<!--/wiki--> " +
      "c <!--wiki:~sub~-->sub<!--/wiki--> d <!--wiki:??cite??-->cite<!--/wiki--> " +
      "e <!--wiki:{+}in{+}-->in<!--/wiki-->word\n",
    "a ins b sup c sub d cite e inword",
  );
});

Deno.test("readWikiInline keeps the markup of a shown placeholder out of its visible part", () => {
  const [node] = readWikiInline("{color:red}x (y) +u+ {anchor:a}!a.png|thumbnail!{color}");
  const shown = shownOf(node);
  assert.equal(shown?.original, "{color:red}x (y) +u+ {anchor:a}!a.png|thumbnail!{color}");
  assert.deepEqual(shown?.children, [
    { type: "text", value: "x " },
    { type: "text", value: "👍" },
    { type: "text", value: " " },
    { type: "text", value: "u" },
    { type: "text", value: " " },
    { type: "image", url: "a.png", alt: null, title: null },
  ]);
});

Deno.test("writeWikiInline writes an edited visible part as plain content", () => {
  const md = wikiToMarkdown("Status: {color:red}Release blocker{color} and +QA+");
  const edited = md.replace("-->Release blocker<", "-->Ship blocker<").replace(
    "-->QA<",
    "-->*QA*<",
  );
  assert.equal(markdownToWiki(edited), "Status: Ship blocker and _QA_");
});

Deno.test("writeWikiInline writes another format's shown placeholder as its visible part", () => {
  assert.equal(
    markdownToWiki(
      'Hi <!--adf:{"type":"emoji","attrs":{"shortName":":smile:"}}-->😄<!--/adf--> there',
    ),
    "Hi 😄 there",
  );
});

Deno.test("readWikiInline shows every emoticon as its emoji and restores the emoticon", () => {
  const wiki = ":) :( :P :D ;) (y) (n) (i) (/) (x) (!) (+) (-) (?) (on) (off) (*) (*r) (*g) " +
    "(*b) (flag) (flagoff)";
  const md = wikiToMarkdown(wiki);
  assert.equal(
    stripComments(md),
    "🙂 🙁 😛 😃 😉 👍 👎 ℹ️ ✅ ❌ ⚠️ ➕ ➖ ❓ 💡 💡 ⭐ ⭐ ⭐ ⭐ 🚩 🏳️\n",
  );
  assert.match(md, /^<!--wiki::\)-->🙂<!--\/wiki--> <!--wiki::\(-->🙁<!--\/wiki-->/);
  assert.equal(markdownToWiki(md), wiki);
  assert.equal(markdownToWiki(stripComments(md)), stripComments(md).trim());
});

Deno.test("readWikiInline reads :D and :P before a letter as text", () => {
  assert.equal(wikiToMarkdown("see:Data and :Pa"), "see:Data and :Pa\n");
});

Deno.test("readWikiInline shows attachment and issue links by what Jira shows and keeps anchors as links", () => {
  assertReadWrite(
    "Logs in [^logs.zip], the [spec|^spec.pdf], [PROJ-7], [epic|PROJ-1] and [#rollback] or [back|#top]",
    "Logs in <!--wiki:[^logs.zip]-->logs.zip<!--/wiki-->, the <!--wiki:[spec%7C^spec.pdf]-->spec" +
      "<!--/wiki-->, <!--wiki:[PROJ-7]-->PROJ-7<!--/wiki-->, <!--wiki:[epic%7CPROJ-1]-->epic" +
      "<!--/wiki--> and [rollback](#rollback) or [back](#top)\n",
    "Logs in logs.zip, the spec, PROJ-7, epic and [#rollback] or [back|#top]",
  );
});

Deno.test("readWikiInline keeps user mentions as mentions", () => {
  assertReadWrite(
    "Thanks [~alice.admin] and [~accountid:557058:bob]",
    "Thanks @[](username:alice.admin) and @[](accountid:557058:bob)\n",
    "Thanks [~alice.admin] and [~accountid:557058:bob]",
  );
});

Deno.test("readWikiInline reads image options other than alt into a carrier after the image", () => {
  assertReadWrite(
    "!a.png|thumbnail! !b.png|alt=Flow, width=300! !c.gif|align=right, vspace=4!",
    '![](a.png)<!--wiki-attrs:{"options":"thumbnail"}--> ' +
      '![Flow](b.png)<!--wiki-attrs:{"options":"width=300"}--> ' +
      '![](c.gif)<!--wiki-attrs:{"options":"align=right, vspace=4"}-->\n',
    "!a.png! !b.png|alt=Flow! !c.gif!",
  );
});

Deno.test("readWikiInline keeps a macro without body or text as an opaque placeholder", () => {
  assertReadWrite(
    "{anchor:rollback}Rollback steps",
    "<!--wiki:{anchor:rollback}-->Rollback steps\n",
    "Rollback steps",
  );
});

Deno.test("readWikiInline shows the body of an unknown inline macro", () => {
  assertReadWrite(
    "Say {highlight:yellow}*this*{highlight} and {noformat}*raw*{noformat}",
    "Say <!--wiki:{highlight:yellow}*this*{highlight}-->**this**<!--/wiki--> and " +
      "<!--wiki:{noformat}*raw*{noformat}-->\\*raw\\*<!--/wiki-->\n",
    "Say *this* and \\*raw\\*",
  );
});

Deno.test("readWikiInline reads dashes -- and --- as text, not strikethrough", () => {
  assertReadWrite("a -- b --- c -d- e", "a -- b --- c ~~d~~ e\n", "a -- b --- c -d- e");
});

Deno.test("writeWikiInline escapes the closer of an escaped opener", () => {
  assert.equal(
    writeWikiInline([{ type: "text", value: "per {unit} and [x]" }]),
    "per \\{unit\\} and \\[x\\]",
  );
  assert.equal(markdownToWiki("Price is 5\\* per {unit}"), "Price is 5\\* per \\{unit\\}");
});

Deno.test("readWikiCell shows a cell's line breaks as spaces and restores them", () => {
  const [node] = readWikiCell("a\\\\*b*");
  assert.deepEqual(shownOf(node)?.children, [
    { type: "text", value: "a" },
    { type: "text", value: " " },
    { type: "strong", children: [{ type: "text", value: "b" }] },
  ]);
  assert.deepEqual(readWikiCell("a *b*"), readWikiInline("a *b*"));
});
