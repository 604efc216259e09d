import assert from "node:assert/strict";
import { parseMarkdown, stringifyMarkdown, viaMarkdown } from "../../../src/content/markdown.ts";
import { extraOf, mentionOf, panelOf, paragraph, plainText } from "../../../src/content/_hub.ts";
import type { Nodes, Root, RootContent } from "../../../src/content/_mdast.ts";

function roundTrip(md: string): string {
  return stringifyMarkdown(parseMarkdown(md));
}

function find(root: Nodes, type: string): Nodes[] {
  const found = root.type === type ? [root] : [];
  return "children" in root
    ? [...found, ...root.children.flatMap((child) => find(child, type))]
    : found;
}

Deno.test("parseMarkdown reads mentions in the three id kinds and the [~accountid:] form", () => {
  const root = parseMarkdown(
    "Hi @[Alice Admin](accountid:557058:alice), @[](userkey:ff8081) @[bob](username:bob) [~accountid:x1]",
  );
  const mentions = find(root, "link").map((link) => mentionOf(link));
  assert.deepEqual(mentions, [
    { kind: "accountid", id: "557058:alice", name: "Alice Admin" },
    { kind: "userkey", id: "ff8081", name: "" },
    { kind: "username", id: "bob", name: "bob" },
    { kind: "accountid", id: "x1", name: "" },
  ]);
  const paragraph = root.children[0];
  const texts = paragraph.type === "paragraph"
    ? paragraph.children.filter((c) => c.type === "text")
    : [];
  assert.deepEqual(texts.map((text) => text.value), ["Hi ", ", ", " ", " "]);
});

Deno.test("stringifyMarkdown writes mentions as @[Name](kind:id)", () => {
  assert.equal(
    roundTrip("@[Alice](accountid:1) and [~accountid:2]"),
    "@[Alice](accountid:1) and @[](accountid:2)\n",
  );
});

Deno.test("parseMarkdown reads every spelling of a panel the same way", () => {
  const spellings = [
    "> [!WARNING] Careful\n> Body text\n",
    "> [!warning] Careful\n>\n> Body text\n",
    "> [!Warning]   Careful   \n> Body text\n",
  ];
  for (const md of spellings) {
    const quote = parseMarkdown(md).children[0];
    assert.deepEqual(panelOf(quote), { type: "warning", title: "Careful" }, md);
    assert.equal(roundTrip(md), "> [!WARNING] Careful\n> Body text\n", md);
  }
});

Deno.test("parseMarkdown keeps formatting after the panel marker line and ordinary quotes as quotes", () => {
  const quote = parseMarkdown("> [!INFO]\n> **Bold** start\n").children[0];
  assert.equal(panelOf(quote)?.title, "");
  assert.equal(find(quote, "strong").length, 1);
  assert.equal(panelOf(parseMarkdown("> just a quote [!INFO]\n").children[0]), undefined);
});

Deno.test("parseMarkdown attaches carriers to the block, item, cell or inline node they describe", () => {
  const root = parseMarkdown([
    '<!--adf-attrs:{"localId":"list"}-->',
    "",
    '- [ ] <!--adf-attrs:{"localId":"item"}--> Task',
    "",
    '| <!--storage-attrs:{"class":"h"}--> H |',
    "| - |",
    "| c |",
    "",
    '[link](https://x.com)<!--storage-attrs:{"data-card-appearance":"inline"}--> after',
    "",
  ].join("\n"));
  const [list, table, paragraph] = root.children as Nodes[];
  assert.deepEqual(extraOf(list, "adf"), { localId: "list" });
  assert.deepEqual(extraOf(find(list, "listItem")[0], "adf"), { localId: "item" });
  assert.deepEqual(extraOf(find(table, "tableCell")[0], "storage"), { class: "h" });
  assert.deepEqual(extraOf(find(paragraph, "link")[0], "storage"), {
    "data-card-appearance": "inline",
  });
  assert.equal(find(root, "html").length, 0);
  assert.equal(
    stringifyMarkdown(root),
    [
      '<!--adf-attrs:{"localId":"list"}-->',
      "",
      '- [ ] <!--adf-attrs:{"localId":"item"}--> Task',
      "",
      '| <!--storage-attrs:{"class":"h"}--> H |',
      "| - |",
      "| c |",
      "",
      '[link](https://x.com)<!--storage-attrs:{"data-card-appearance":"inline"}--> after',
      "",
    ].join("\n"),
  );
});

Deno.test("parseMarkdown drops a carrier with nothing to describe", () => {
  assert.equal(roundTrip('text\n\n<!--adf-attrs:{"localId":"x"}-->\n'), "text\n");
});

Deno.test("parseMarkdown keeps text after a placeholder at the start of a line in the same paragraph", () => {
  const root = parseMarkdown('<!--adf:{"type":"emoji"}--> is *great*\n');
  assert.equal(root.children.length, 1);
  assert.equal(root.children[0].type, "paragraph");
  assert.equal(find(root, "emphasis").length, 1);
});

Deno.test("parseMarkdown resolves references and flattens footnotes", () => {
  const root = parseMarkdown(
    "[docs][d] ![logo][d] note[^1]\n\n[d]: https://x.com/a 'T'\n\n[^1]: The note.\n",
  );
  assert.deepEqual(
    find(root, "link").map((link) => link.type === "link" && [link.url, link.title]),
    [["https://x.com/a", "T"]],
  );
  assert.equal(find(root, "image").length, 1);
  assert.equal(find(root, "definition").length, 0);
  assert.equal(
    stringifyMarkdown(root),
    '[docs](https://x.com/a "T") ![logo](https://x.com/a "T") note\\[^1]\n\n\\[^1]: The note.\n',
  );
});

Deno.test("viaMarkdown returns what a markdown round trip gives", () => {
  const nodes = parseMarkdown("# Title\n\n- a\n- b\n").children;
  assert.deepEqual(viaMarkdown(nodes), nodes);
  const empty: Root = { type: "root", children: [] };
  assert.equal(stringifyMarkdown(empty), "");
});

Deno.test("stringifyMarkdown escapes text so that it reads back as the same text wherever it stands", () => {
  const texts = ["- a", "+ a", "1. a", "1) a", "# a", "> a", "***", "a_b_c", "<div>", "[a](b)"];
  for (const c of "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") {
    texts.push(c, `${c} a`, `a ${c}`, `a${c}b`, `${c}${c}${c}`, `1${c} a`, `a ${c}${c} b`);
  }
  const text = (value: string) => [{ type: "text" as const, value }];
  const places: Record<string, (value: string) => RootContent> = {
    paragraph: (value) => paragraph(text(value)),
    heading: (value) => ({ type: "heading", depth: 2, children: text(value) }),
    emphasis: (value) => paragraph([{ type: "emphasis", children: text(value) }]),
    link: (value) => paragraph([{ type: "link", url: "https://e.com", children: text(value) }]),
    "table cell": (value) => ({
      type: "table",
      children: [text("head"), text(value)].map((cell) => ({
        type: "tableRow",
        children: [{ type: "tableCell", children: cell }],
      })),
    }),
    "list item": (value) => ({
      type: "list",
      children: [{ type: "listItem", children: [paragraph(text(value))] }],
    }),
  };
  for (const [place, make] of Object.entries(places)) {
    for (const value of texts) {
      const md = stringifyMarkdown({ type: "root", children: [make(value)] });
      const back = plainText(parseMarkdown(md)).replace(/^head/, "").trim();
      assert.equal(back, value.trim(), `${place}: ${JSON.stringify(value)} written as ${md}`);
    }
  }
});

Deno.test("stringifyMarkdown writes the same after a serialization that failed halfway", () => {
  // One serializer state serves every call: a failure must not leave its stacks or bullets behind.
  const md =
    "- one\n- two\n\n1. first\n\n> [!NOTE] Title\n> body with [link](https://example.com)\n";
  const tree = parseMarkdown(md);
  const before = stringifyMarkdown(tree);
  const broken = {
    type: "root",
    children: [{
      type: "list",
      ordered: false,
      children: [{ type: "listItem", children: [{ type: "no-such-node" }] }],
    }],
  } as unknown as Root;
  assert.throws(() => stringifyMarkdown(broken));
  assert.equal(stringifyMarkdown(tree), before);
  assert.equal(stringifyMarkdown(parseMarkdown(before)), before);
});
