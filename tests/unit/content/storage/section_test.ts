import { deepEqual, equal } from "node:assert/strict";
import { replaceSection, storageSections } from "../../../../src/content/storage/section.ts";

const PAGE = [
  `<ac:structured-macro ac:name='toc'><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>\n`,
  `<h1>Intro&nbsp;<em>page</em></h1>\n<p>Hello &amp; welcome</p>\n`,
  `<h2>Setup</h2><p>one</p><h3>Details</h3><p>two</p>`,
  `<!-- kept -->`,
  `<h2>Usage</h2><ac:layout><ac:layout-section ac:type="single"><ac:layout-cell>`,
  `<h2>In a cell</h2><p>cell text</p><h3>Deeper</h3><p>more</p>`,
  `</ac:layout-cell></ac:layout-section></ac:layout>\n<p>after layout</p>`,
].join("");

const headings = (xhtml: string) =>
  storageSections(xhtml)!.map((s) => [s.heading, s.level, xhtml.slice(s.start, s.end)]);

Deno.test("storageSections ends a section at the next heading of the same or a higher level", () => {
  deepEqual(headings(PAGE), [
    [
      "Intro page",
      1,
      "\n<p>Hello &amp; welcome</p>\n<h2>Setup</h2><p>one</p><h3>Details</h3><p>two</p><!-- kept -->" +
      PAGE.slice(PAGE.indexOf("<h2>Usage</h2>")),
    ],
    ["Setup", 2, "<p>one</p><h3>Details</h3><p>two</p><!-- kept -->"],
    ["Details", 3, "<p>two</p><!-- kept -->"],
    [
      "Usage",
      2,
      PAGE.slice(PAGE.indexOf("<ac:layout>")),
    ],
    ["In a cell", 2, "<p>cell text</p><h3>Deeper</h3><p>more</p>"],
    ["Deeper", 3, "<p>more</p>"],
  ]);
});

Deno.test("replaceSection changes only the section's bytes", () => {
  const setup = storageSections(PAGE)!.find((s) => s.heading === "Setup")!;
  const out = replaceSection(PAGE, setup, "<p>new</p>");
  equal(
    out,
    PAGE.replace("<p>one</p><h3>Details</h3><p>two</p><!-- kept -->", "<p>new</p>"),
  );
  const cell = storageSections(PAGE)!.find((s) => s.heading === "Deeper")!;
  equal(
    replaceSection(PAGE, cell, ""),
    PAGE.replace("<h3>Deeper</h3><p>more</p>", "<h3>Deeper</h3>"),
  );
});

Deno.test("storageSections gives an empty section to a heading that ends its container", () => {
  const xhtml = "<p>x</p><h2>Last</h2>";
  const [last] = storageSections(xhtml)!;
  equal(last.start, xhtml.length);
  equal(last.end, xhtml.length);
  equal(replaceSection(xhtml, last, "<p>y</p>"), "<p>x</p><h2>Last</h2><p>y</p>");
});

Deno.test("storageSections refuses storage that is not well-formed", () => {
  equal(storageSections("<p>open"), undefined);
  deepEqual(storageSections("<p>no headings</p>"), []);
});
