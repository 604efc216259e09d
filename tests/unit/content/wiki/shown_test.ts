import assert from "node:assert/strict";
import type { Nodes } from "../../../../src/content/_mdast.ts";
import {
  containerNode,
  html,
  paragraph,
  shownNode,
  shownOf,
  text,
  withExtra,
} from "../../../../src/content/_hub.ts";
import { readWikiInline } from "../../../../src/content/wiki/inline.ts";
import { shownWiki, unchanged, visibleOf } from "../../../../src/content/wiki/shown.ts";

Deno.test("visibleOf unwraps shown placeholders and containers and drops comments and carriers", () => {
  const image = withExtra(
    { type: "image" as const, url: "a.png", alt: null, title: null },
    "wiki",
    { options: "thumbnail" },
  );
  const nodes: Nodes[] = [
    shownNode("adf", "{}", [text("shown")]),
    html("<!--wiki:{anchor:x}-->"),
    html("<b>"),
    containerNode("wiki", "{x}", [paragraph([text("inner"), image])]),
  ];
  assert.deepEqual(visibleOf(nodes), [
    text("shown"),
    html("<b>"),
    paragraph([text("inner"), { type: "image", url: "a.png", alt: null, title: null }]),
  ]);
});

Deno.test("shownWiki keeps nested placeholders out of the visible part", () => {
  const node = shownWiki("{color:red}+x+{color}", [shownWiki("+x+", [text("x")])]);
  assert.deepEqual(shownOf(node)?.children, [text("x")]);
});

Deno.test("unchanged tells an untouched visible part from an edited one", () => {
  const shown = shownOf(readWikiInline("{color:red}*a* b{color}")[0])!;
  assert.equal(unchanged(shown, readWikiInline), true);
  assert.equal(
    unchanged(
      { ...shown, children: [{ type: "strong", children: [text("a")] }, text(" c")] },
      readWikiInline,
    ),
    false,
  );
  assert.equal(unchanged({ ...shown, format: "adf" }, readWikiInline), false);
});
