import { deepEqual, equal, throws } from "node:assert/strict";
import { anchorIn, countOccurrences } from "../../../src/confluence/inline_anchor.ts";
import { ToolError } from "../../../src/errors.ts";

const PAGE = [
  "<p>Check the <strong>status</strong> page &amp; the log.</p>",
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="title">the title</ac:parameter>',
  "<ac:plain-text-body><![CDATA[grep the log]]></ac:plain-text-body></ac:structured-macro>",
  "<ul><li><p>Status</p></li><li><p>page</p></li></ul>",
].join("");

Deno.test("countOccurrences counts visible text: across inline tags, in code, not in parameters", () => {
  equal(countOccurrences(PAGE, "the"), 3);
  equal(countOccurrences(PAGE, "status page & the log"), 1);
  equal(countOccurrences(PAGE, "the title"), 0);
  equal(countOccurrences(PAGE, "Status page"), 0, "list items are separate lines");
  equal(countOccurrences(PAGE, "aa"), 0);
  equal(countOccurrences("<p>aaaa</p>", "aa"), 2, "occurrences do not overlap");
});

Deno.test("anchorIn picks an occurrence or refuses with the count found", () => {
  deepEqual(anchorIn(PAGE, "the", 2, "7"), { text: "the", count: 3, index: 2 });
  const refused = (text: string, index: number, why: RegExp) =>
    throws(
      () => anchorIn(PAGE, text, index, "7"),
      (e: unknown) => e instanceof ToolError && why.test(e.message),
    );
  refused("missing", 0, /does not occur on page 7 \(found 0 times\)/);
  refused(
    "the",
    3,
    /occurs 3 times on page 7, so there is no occurrence with text_selection_match_index 3/,
  );
  refused("log.", 1, /occurs 1 time on page 7/);
});
