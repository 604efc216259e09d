import assert from "node:assert/strict";
import {
  adfToMarkdown,
  markdownToAdf,
  markdownToStorage,
  markdownToWiki,
  storageToMarkdown,
  wikiToMarkdown,
} from "../../../src/content/mod.ts";
import { canonicalAdf } from "../../../src/content/adf/write.ts";
import { adfErrors } from "./_adf_schema.ts";

const GOLDEN = new URL("../../content/golden/", import.meta.url);

function golden(file: string): string | undefined {
  try {
    return Deno.readTextFileSync(new URL(file, GOLDEN));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * Storage goldens hold one top-level block per line for review; the converter writes no text
 * between blocks (whitespace between block elements is layout, not content). This removes the
 * line breaks (and indentation) between a closing `>` and the next `<`, and the final newline.
 */
function storageGolden(text: string): string {
  return text.replace(/>\n\s*</g, "><").replace(/\n$/, "");
}

const cases = [...Deno.readDirSync(GOLDEN)]
  .filter((entry) => entry.name.endsWith(".md"))
  .map((entry) => entry.name.slice(0, -3))
  .sort();

Deno.test("content goldens cover every required case", () => {
  for (
    const name of ["basic", "lists", "tasks", "table", "code", "links_images", "mentions", "panels"]
  ) {
    assert.ok(cases.includes(name), name);
  }
  assert.ok(golden("confluence_page.storage.xml"));
  assert.ok(golden("jira_description.adf.json"));
  assert.ok(golden("jira_description_dc.wiki"));
});

for (const name of cases) {
  const md = golden(`${name}.md`)!;
  const adfText = golden(`${name}.adf.json`);
  const storageText = golden(`${name}.storage.xml`);
  const wikiText = golden(`${name}.wiki`);

  if (adfText) {
    const adf = JSON.parse(adfText);
    Deno.test(`markdownToAdf writes the ${name} golden as schema-valid ADF`, () => {
      const written = markdownToAdf(md);
      assert.deepEqual(canonicalAdf(written.content), canonicalAdf(adf.content));
      assert.deepEqual(adfErrors(written), []);
    });
    Deno.test(`adfToMarkdown reads the ${name} golden`, () => {
      assert.deepEqual(adfErrors(adf), []);
      assert.equal(adfToMarkdown(adf), md);
    });
    Deno.test(`ADF round trip of the ${name} golden is equal up to ids and defaults`, () => {
      const written = markdownToAdf(adfToMarkdown(adf));
      assert.deepEqual(canonicalAdf(written.content), canonicalAdf(adf.content));
    });
  }

  if (storageText) {
    const storage = storageGolden(storageText);
    Deno.test(`markdownToStorage writes the ${name} golden`, () => {
      assert.equal(markdownToStorage(md), storage);
    });
    Deno.test(`storageToMarkdown reads the ${name} golden`, () => {
      assert.equal(storageToMarkdown(storage), md);
    });
    Deno.test(`storage round trip of the ${name} golden is byte-identical`, () => {
      assert.equal(markdownToStorage(storageToMarkdown(storage)), storage);
    });
  }

  if (wikiText) {
    const wiki = wikiText.replace(/\n$/, "");
    Deno.test(`markdownToWiki writes the ${name} golden`, () => {
      assert.equal(markdownToWiki(md), wiki);
    });
    Deno.test(`wikiToMarkdown reads the ${name} golden`, () => {
      assert.equal(wikiToMarkdown(wiki), md);
    });
  }

  Deno.test(`markdownToAdf writes schema-valid ADF for the ${name} markdown`, () => {
    assert.deepEqual(adfErrors(markdownToAdf(md)), []);
  });
}

Deno.test("editing one paragraph of a Confluence page changes only that paragraph", () => {
  const storage = storageGolden(golden("confluence_page.storage.xml")!);
  const md = storageToMarkdown(storage);
  const edited = md.replace(
    "This page describes the checkout services.",
    "It covers checkout *and* cart.",
  );
  assert.notEqual(edited, md);
  const expected = storage.replace(
    "This page describes the checkout services.",
    "It covers checkout <em>and</em> cart.",
  );
  assert.equal(markdownToStorage(edited), expected);
});

Deno.test("deleting a placeholder from Confluence markdown removes only that macro", () => {
  const storage = storageGolden(golden("confluence_page.storage.xml")!);
  const md = storageToMarkdown(storage);
  const toc = md.split("\n\n")[0];
  assert.match(toc, /^<!--storage:<ac:structured-macro ac:name="toc"/);
  const expected = storage.slice(storage.indexOf("<h1>"));
  assert.equal(markdownToStorage(md.slice(toc.length + 2)), expected);
});

Deno.test("editing one paragraph of a Jira description changes only that ADF paragraph", () => {
  const adf = JSON.parse(golden("jira_description.adf.json")!);
  const md = adfToMarkdown(adf);
  const edited = md.replace("Details in ", "Full details in ");
  const expected = structuredClone(adf);
  expected.content.at(-1).content[0].text = "Full details in ";
  assert.deepEqual(canonicalAdf(markdownToAdf(edited).content), canonicalAdf(expected.content));
});

Deno.test("editing one line of a Jira DC description changes only that wiki line", () => {
  const wiki = golden("jira_description_dc.wiki")!.replace(/\n$/, "");
  const md = wikiToMarkdown(wiki);
  const edited = md.replace("Expired cards are *hidden*", "Expired cards are *greyed out*");
  assert.equal(markdownToWiki(edited), wiki.replace("_hidden_", "_greyed out_"));
});

Deno.test("content conversions give empty output for empty or non-string input", () => {
  assert.deepEqual(markdownToAdf(""), { type: "doc", version: 1, content: [] });
  assert.equal(adfToMarkdown({ type: "doc", version: 1, content: [] }), "");
  assert.equal(markdownToStorage(""), "");
  assert.equal(storageToMarkdown(""), "");
  assert.equal(markdownToWiki(""), "");
  assert.equal(wikiToMarkdown(""), "");
  for (const odd of [undefined, null, 42, {}, []]) {
    assert.equal(adfToMarkdown(odd), "");
    assert.equal(storageToMarkdown(odd as unknown as string), "");
    assert.equal(wikiToMarkdown(odd as unknown as string), "");
    assert.deepEqual(markdownToAdf(odd as unknown as string).content, []);
    assert.equal(markdownToStorage(odd as unknown as string), "");
    assert.equal(markdownToWiki(odd as unknown as string), "");
  }
});

Deno.test("adfToMarkdown falls back instead of throwing on documents it cannot walk", () => {
  const looped: Record<string, unknown> = { type: "blockquote" };
  looped.content = [looped];
  assert.equal(adfToMarkdown({ type: "doc", version: 1, content: [looped] }), "");
});

Deno.test("content conversions never throw on random markup and always write valid ADF", () => {
  const pieces = [
    "*",
    "_",
    "-",
    "+",
    "^",
    "~",
    "?",
    "{",
    "}",
    "[",
    "]",
    "|",
    "!",
    "\\",
    "\n",
    " ",
    "a",
    "#",
    ">",
    "<",
    "`",
    "@",
    "(",
    ")",
    ":",
    "h1. ",
    "{code}",
    "{{",
    "}}",
    "<!--",
    "-->",
    "&",
    ";",
    '"',
    "<p>",
    "</p>",
    "<![CDATA[",
    "]]>",
    "[~",
    "accountid:",
    "1.",
    "<ac:x>",
    "</ac:x>",
    "%",
    "||",
    "----",
    "[!INFO]",
    "\u00a0",
    "<!--adf:{}-->",
    '<!--storage-attrs:{"p":true}-->',
  ];
  let seed = 1;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let round = 0; round < 400; round++) {
    const input = Array.from({ length: next(40) }, () => pieces[next(pieces.length)]).join("");
    const doc = markdownToAdf(input);
    assert.deepEqual(adfErrors(doc), [], input);
    assert.deepEqual(
      canonicalAdf(markdownToAdf(adfToMarkdown(doc)).content),
      canonicalAdf(doc.content),
      input,
    );
    const storage = markdownToStorage(input);
    assert.equal(markdownToStorage(storageToMarkdown(storage)), storage, input);
    markdownToWiki(input);
    storageToMarkdown(input);
    wikiToMarkdown(input);
    adfToMarkdown(input);
  }
});
