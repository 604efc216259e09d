import assert from "node:assert/strict";
import type { BlockContent } from "../../../src/content/_mdast.ts";
import {
  containerNode,
  html,
  paragraph,
  shownNode,
  text,
  withExtra,
} from "../../../src/content/_hub.ts";
import { flatten, plainBlocks } from "../../../src/content/visible.ts";

Deno.test("plainBlocks drops carriers and placeholders and keeps what they show", () => {
  const blocks: BlockContent[] = [
    withExtra(paragraph([text("a"), html("<!--storage:<x />-->")]), "storage", { class: "c" }),
    shownNode("storage", "<pre>p</pre>", [paragraph([text("p")])]),
    containerNode("storage", "<ac:layout-cell />", [
      paragraph([shownNode("storage", "<u>u</u>", [text("u")])]),
    ]),
    html("<!--storage:<hr />-->"),
  ];
  assert.deepEqual(plainBlocks(blocks), [
    { type: "paragraph", children: [text("a")], data: undefined },
    paragraph([text("p")]),
    paragraph([text("u")]),
  ]);
});

Deno.test("flatten writes blocks, list items and line breaks as one line with <br>", () => {
  const blocks: BlockContent[] = [
    paragraph([text("a"), { type: "break" }, text("b")]),
    {
      type: "list",
      ordered: false,
      spread: false,
      children: [
        { type: "listItem", spread: false, children: [paragraph([text("c")])] },
        { type: "listItem", spread: false, children: [paragraph([text("d\ne")])] },
      ],
    },
    { type: "code", lang: null, meta: null, value: "f\ng" },
  ];
  const br = html("<br>");
  assert.deepEqual(flatten(blocks), [
    text("a"),
    br,
    text("b"),
    br,
    text("c"),
    br,
    text("d e"),
    br,
    text("f"),
    br,
    text("g"),
  ]);
});
