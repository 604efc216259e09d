import { equal } from "node:assert/strict";
import { storageText } from "../../../../src/content/storage/text.ts";

Deno.test("storageText keeps what a reader sees, one line per block", () => {
  equal(
    storageText(
      '<h1>T</h1><p>a <em>b</em> &amp; c</p><ac:structured-macro ac:name="info"><ac:parameter ac:name="title">hidden</ac:parameter><ac:rich-text-body><p>shown</p></ac:rich-text-body></ac:structured-macro><p><ac:link><ri:page ri:content-title="X"/></ac:link></p>',
    ),
    "T\na b & c\nshown\n\n",
  );
  equal(storageText("<p>unclosed"), "");
});
