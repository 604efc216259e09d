/**
 * Golden files: realistic Jira and Confluence bodies (`name.adf.json`, `name.storage.xml`,
 * `name.wiki`) and the Markdown they read as (`name.md`). Each body must read as its `.md`, the
 * `.md` written back must reproduce the body (ADF deep-equal in canonical form, storage the same
 * XML tree, wiki the same text up to blank lines), and the `.md` must show every text a person
 * sees in the body outside comments (so a regenerated `.md` cannot hide text again).
 *
 * `UPDATE_GOLDEN=1 deno task test tests/unit/content/golden_test.ts` (re)writes the `.md` files in
 * `tests/content/real/`
 * from what the readers produce; review the diff before committing it.
 */

import assert from "node:assert/strict";
import {
  adfToMarkdown,
  markdownToAdf,
  markdownToStorage,
  markdownToWiki,
  storageToMarkdown,
  wikiToMarkdown,
} from "../../../src/content/mod.ts";
import { type AdfNode, canonicalAdf } from "../../../src/content/adf/write.ts";
import { parseXml, sameXml } from "../../../src/content/storage/xml.ts";
import { adfErrors } from "./_adf_schema.ts";
import {
  adfVisibleText,
  markdownAsSeen,
  storageVisibleText,
  wikiVisibleText,
} from "./_visible_text.ts";
import { normalizeWikiBlankLines } from "./_wiki_samples.ts";

const GOLDEN = new URL("../../content/real/", import.meta.url);
const UPDATE = Deno.env.get("UPDATE_GOLDEN") === "1";

interface Format {
  extension: string;
  reader: string;
  writer: string;
  read(source: string): string;
  visibleText(source: string): string[];
  /** Asserts that `md` written back reproduces `source`. */
  assertWritesBack(md: string, source: string): void;
}

const FORMATS: Format[] = [
  {
    extension: ".adf.json",
    reader: "adfToMarkdown",
    writer: "markdownToAdf",
    read: (source) => {
      const doc = JSON.parse(source);
      assert.deepEqual(adfErrors(doc), [], "the golden itself is schema-valid");
      return adfToMarkdown(doc);
    },
    visibleText: (source) => adfVisibleText(JSON.parse(source)),
    assertWritesBack: (md, source) => {
      const written = markdownToAdf(md).content;
      const expected = (JSON.parse(source) as { content: AdfNode[] }).content;
      assert.deepEqual(canonicalAdf(written), canonicalAdf(expected));
    },
  },
  {
    extension: ".storage.xml",
    reader: "storageToMarkdown",
    writer: "markdownToStorage",
    read: storageToMarkdown,
    visibleText: storageVisibleText,
    assertWritesBack: (md, source) => {
      const written = markdownToStorage(md);
      const [actual, expected] = [parseXml(written), parseXml(source)];
      assert.ok(
        actual !== undefined && expected !== undefined && sameXml(actual, expected),
        `written back:\n${written}\nsource:\n${source}`,
      );
    },
  },
  {
    extension: ".wiki",
    reader: "wikiToMarkdown",
    writer: "markdownToWiki",
    read: wikiToMarkdown,
    visibleText: wikiVisibleText,
    assertWritesBack: (md, source) => {
      assert.equal(normalizeWikiBlankLines(markdownToWiki(md)), normalizeWikiBlankLines(source));
    },
  },
];

function readGolden(file: string): string {
  return Deno.readTextFileSync(new URL(file, GOLDEN));
}

const goldens = [...Deno.readDirSync(GOLDEN)].flatMap((entry) => {
  const format = FORMATS.find((candidate) => entry.name.endsWith(candidate.extension));
  return format ? [{ name: entry.name.slice(0, -format.extension.length), format }] : [];
}).sort((a, b) => a.name.localeCompare(b.name));

Deno.test("the goldens hold 8 to 12 bodies in every format", () => {
  assert.ok(goldens.length >= 8 && goldens.length <= 12, `${goldens.length} goldens`);
  for (const format of FORMATS) {
    assert.ok(goldens.some((golden) => golden.format === format), format.extension);
  }
});

for (const { name, format } of goldens) {
  const source = readGolden(`${name}${format.extension}`);
  const mdFile = `${name}.md`;

  Deno.test(`${format.reader} reads the ${name} golden as ${mdFile}`, () => {
    const md = format.read(source);
    if (UPDATE) Deno.writeTextFileSync(new URL(mdFile, GOLDEN), md);
    assert.equal(md, readGolden(mdFile));
  });

  Deno.test(`${format.writer} writes ${mdFile} back to the ${name} golden`, () => {
    format.assertWritesBack(readGolden(mdFile), source);
  });

  Deno.test(`${mdFile} shows every visible text of the ${name} golden outside comments`, () => {
    const seen = markdownAsSeen(readGolden(mdFile));
    assert.deepEqual(format.visibleText(source).filter((piece) => !seen.includes(piece)), []);
  });
}
