import assert from "node:assert/strict";
import { markdownToWiki } from "../../../../src/content/mod.ts";
import { openingTag, readNativeMacro } from "../../../../src/content/wiki/macros.ts";
import { extraOf, panelOf } from "../../../../src/content/_hub.ts";
import { assertReadWrite } from "./_read_write.ts";

const noBody = () => [];

Deno.test("readNativeMacro shows a panel's title and type and carries the options markdown lacks", () => {
  assertReadWrite(
    "{panel:title=Before you deploy|borderStyle=dashed|bgColor=#fffae6}\nFreeze *first*.\n{panel}",
    '<!--wiki-attrs:{"macro":"{panel:title=Before you deploy%7CborderStyle=dashed%7CbgColor=#fffae6}"}-->\n\n' +
      "> [!WARNING] Before you deploy\n> Freeze **first**.\n",
    "{panel:title=Before you deploy|bgColor=#fffae6}\nFreeze *first*.\n{panel}",
  );
});

Deno.test("readNativeMacro reads a colour outside the palette as a plain panel with a carrier", () => {
  assertReadWrite(
    "{panel:title=X|bgColor=#abcdef}\nbody\n{panel}",
    '<!--wiki-attrs:{"macro":"{panel:title=X%7CbgColor=#abcdef}"}-->\n\n> [!PANEL] X\n> body\n',
    "{panel:title=X}\nbody\n{panel}",
  );
});

Deno.test("readNativeMacro needs no carrier when markdown shows the whole tag", () => {
  for (
    const tag of [
      "{panel}",
      "{panel:title=T|bgColor=#DEEBFF}",
      "{code:xml}",
      "{noformat}",
      "{quote}",
    ]
  ) {
    const node = readNativeMacro(tag, "x\ny", noBody);
    assert.equal(extraOf(node!, "wiki"), undefined, tag);
  }
});

Deno.test("openingTag writes the shown options with the carried others once markdown changes them", () => {
  const panel = readNativeMacro("{panel:title=X|bgColor=#abcdef|borderStyle=dashed}", "", noBody)!;
  assert.equal(openingTag(panel), "{panel:title=X|bgColor=#abcdef|borderStyle=dashed}");
  panelOf(panel)!.title = "Y";
  assert.equal(openingTag(panel), "{panel:title=Y|bgColor=#abcdef|borderStyle=dashed}");
  panelOf(panel)!.type = "info";
  assert.equal(openingTag(panel), "{panel:title=Y|bgColor=#deebff|borderStyle=dashed}");
});

Deno.test("readNativeMacro shows a code block's title in the fence and restores the tag", () => {
  assertReadWrite(
    "{code:title=Deploy.java|borderStyle=solid}\nDeploy.run();\n{code}",
    '<!--wiki-attrs:{"macro":"{code:title=Deploy.java%7CborderStyle=solid}"}-->\n\n' +
      '```java title="Deploy.java"\nDeploy.run();\n```\n',
    "{code:java|title=Deploy.java}\nDeploy.run();\n{code}",
  );
  assertReadWrite(
    "{code:sql|title=Q.sql}\nSELECT 1;\n{code}",
    '```sql title="Q.sql"\nSELECT 1;\n```\n',
    "{code:sql|title=Q.sql}\nSELECT 1;\n{code}",
  );
});

Deno.test("openingTag writes a changed language or title with the carried options", () => {
  const code = readNativeMacro("{code:title=A.java|borderStyle=solid}", "x", noBody)!;
  assert.equal(code.type, "code");
  if (code.type !== "code") return;
  code.lang = "python";
  assert.equal(openingTag(code), "{code:python|title=A.java|borderStyle=solid}");
  code.meta = 'title="b.py"';
  assert.equal(openingTag(code), "{code:python|title=b.py|borderStyle=solid}");
});

Deno.test("markdownToWiki writes a fence title and maps languages Jira does not know", () => {
  assert.equal(
    markdownToWiki('```ts title="a|b.ts"\nx\n```\n\n```py {1,3}\ny\n```\n'),
    "{code:javascript|title=ab.ts}\nx\n{code}\n\n{code:python}\ny\n{code}",
  );
});

Deno.test("readNativeMacro carries noformat options", () => {
  assertReadWrite(
    "{noformat:nopanel=true}\n*raw*\n{noformat}",
    '<!--wiki-attrs:{"macro":"{noformat:nopanel=true}"}-->\n\n```noformat\n*raw*\n```\n',
    "{noformat}\n*raw*\n{noformat}",
  );
});

Deno.test("readNativeMacro shows a quote's body and keeps a one-line {quote} as a {quote}", () => {
  assertReadWrite(
    "{quote}\nMeasure twice.\n{quote}",
    '<!--wiki-attrs:{"macro":"{quote}"}-->\n\n> Measure twice.\n',
    "bq. Measure twice.",
  );
  assertReadWrite("{quote}\na\n\nb\n{quote}", "> a\n>\n> b\n", "{quote}\na\n\nb\n{quote}");
  assertReadWrite("bq. Measure twice.", "> Measure twice.\n", "bq. Measure twice.");
});
