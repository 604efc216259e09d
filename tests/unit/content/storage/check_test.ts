import assert from "node:assert/strict";
import { containerOf, shownOf } from "../../../../src/content/_hub.ts";
import { storageToMdast } from "../../../../src/content/storage/check.ts";
import { parseXml, sameXml } from "../../../../src/content/storage/xml.ts";
import { markdownToStorage, storageToMarkdown } from "../../../../src/content/mod.ts";

Deno.test("storageToMdast keeps only the blocks markdown cannot hold as shown placeholders", () => {
  const odd = "<p>See https://example.com now</p>";
  const { children } = storageToMdast(`<p>a</p>${odd}<p>b</p>`);
  assert.deepEqual(children.map((block) => block.type), ["paragraph", "html", "paragraph"]);
  assert.equal(shownOf(children[1])?.original, odd);
});

Deno.test("storageToMdast looks for blocks markdown cannot hold inside containers", () => {
  const odd = "<p>https://example.com</p>";
  const { children } = storageToMdast(
    `<ac:layout><ac:layout-section ac:type="single"><ac:layout-cell><p>ok</p>${odd}</ac:layout-cell>` +
      "</ac:layout-section></ac:layout>",
  );
  const cell = containerOf(containerOf(containerOf(children[0])!.children[0])!.children[0])!;
  assert.equal(cell.shell, "<ac:layout-cell />");
  assert.equal(cell.children[0].type, "paragraph");
  assert.equal(shownOf(cell.children[1])?.original, odd);
});

Deno.test("storageToMdast keeps malformed storage as one placeholder and empty storage as nothing", () => {
  assert.deepEqual(storageToMdast("<p>x"), {
    type: "root",
    children: [{ type: "html", value: "<!--storage:<p>x-->" }],
  });
  assert.deepEqual(storageToMdast("  "), { type: "root", children: [] });
});

/** A seeded generator of random but well-formed storage, markup and awkward text mixed. */
function randomStorage(seed: number): () => string {
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pick = (choices: string[]) => choices[next(choices.length)];
  const words = [
    "a",
    "b c",
    " ",
    "*",
    "_",
    "`",
    "#",
    "- ",
    "+",
    "|",
    "&lt;",
    "&amp;",
    "[",
    "]",
    "!",
  ]
    .concat(["\\", "~", "\u00a0", "\n", "1.", "1) ", "  ", "\t", "--&gt;", "&lt;!--", "%", "é"]);
  const text = () => Array.from({ length: 1 + next(4) }, () => pick(words)).join("");
  const wrap = (name: string, inner: string) => `<${name}>${inner}</${name}>`;
  const inline = (depth: number): string => {
    switch (next(depth > 2 ? 2 : 13)) {
      case 0:
      case 1:
        return text();
      case 2:
        return wrap("strong", inlines(depth + 1));
      case 3:
        return wrap("em", inlines(depth + 1));
      case 4:
        return wrap("del", inlines(depth + 1));
      case 5:
        return wrap("code", text());
      case 6:
        return "<br />";
      case 7:
        return `<a href="https://e.com/${next(9)}">${inlines(depth + 1)}</a>`;
      case 8:
        return `<span style="color: red;">${inlines(depth + 1)}</span>`;
      case 9:
        return '<ac:structured-macro ac:name="status"><ac:parameter ac:name="title">' +
          `${text()}</ac:parameter></ac:structured-macro>`;
      case 10:
        return '<time datetime="2024-01-01" />';
      case 11:
        return '<ac:link><ri:user ri:account-id="1" /></ac:link>';
      default:
        return wrap("u", inlines(depth + 1));
    }
  };
  const inlines = (depth: number) =>
    Array.from({ length: 1 + next(3) }, () => inline(depth)).join("");
  const cellContent = () => next(2) ? inlines(1) : wrap("p", inlines(1));
  const block = (depth: number): string => {
    switch (next(depth > 1 ? 3 : 10)) {
      case 0:
      case 1:
        return wrap("p", inlines(0));
      case 2:
        return wrap(`h${1 + next(6)}`, inlines(0));
      case 3:
        return wrap(pick(["ul", "ol"]), items(depth));
      case 4:
        return wrap("blockquote", blocks(depth + 1));
      case 5:
        return '<ac:structured-macro ac:name="info"><ac:rich-text-body>' +
          `${blocks(depth + 1)}</ac:rich-text-body></ac:structured-macro>`;
      case 6: {
        const row = () =>
          wrap("tr", wrap(pick(["td", "th"]), cellContent()) + wrap("td", cellContent()));
        return wrap("table", wrap("tbody", row() + row()));
      }
      case 7:
        return '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">' +
          `${text()}</ac:parameter><ac:rich-text-body>${blocks(depth + 1)}</ac:rich-text-body>` +
          "</ac:structured-macro>";
      case 8:
        return "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete" +
          `</ac:task-status><ac:task-body>${inlines(1)}</ac:task-body></ac:task></ac:task-list>`;
      default:
        return '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">' +
          `${pick(["js", "c++", "a b"])}</ac:parameter><ac:plain-text-body><![CDATA[${text()}]]>` +
          "</ac:plain-text-body></ac:structured-macro>";
    }
  };
  const items = (depth: number) =>
    Array.from(
      { length: 1 + next(3) },
      () => wrap("li", cellContent() + (next(4) ? "" : block(depth + 1))),
    )
      .join("");
  const blocks = (depth: number) =>
    Array.from({ length: 1 + next(3) }, () => block(depth)).join("");
  return () => blocks(0);
}

Deno.test("storage read as markdown and written back is the same tree, whatever the markup", () => {
  const generate = randomStorage(7);
  for (let round = 0; round < 150; round++) {
    const xml = generate();
    const back = markdownToStorage(storageToMarkdown(xml));
    assert.ok(sameXml(parseXml(back)!, parseXml(xml)!), `${xml}\n->\n${back}`);
  }
});
