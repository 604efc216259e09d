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
import { ADF_MARK_TYPES, ADF_NODE_TYPES, ADF_SAMPLES, type SampleNode } from "./_adf_samples.ts";
import { adfErrors } from "./_adf_schema.ts";
import { STORAGE_ELEMENTS, STORAGE_SAMPLES } from "./_storage_samples.ts";
import {
  adfVisibleText,
  markdownAsSeen,
  parseStorage,
  storageVisibleText,
  wikiVisibleText,
} from "./_visible_text.ts";
import { normalizeWikiBlankLines, WIKI_SAMPLES } from "./_wiki_samples.ts";

/** The visible pieces a reader of `md` does not see (they hide in comments or are lost). */
function hiddenPieces(pieces: string[], md: string): string[] {
  const seen = markdownAsSeen(md);
  return pieces.filter((piece) => !seen.includes(piece)).map((piece) => `hidden: ${piece}`);
}

/** Fails listing every problem of one sample, with the Markdown it was read as. */
function assertNoProblems(problems: string[], md: string): void {
  if (problems.length > 0) assert.fail(`${problems.join("\n")}\n--- markdown ---\n${md}`);
}

function adfRoundTrip(doc: { content: SampleNode[] }, md: string): string[] {
  const written = JSON.stringify(canonicalAdf(markdownToAdf(md).content));
  const source = JSON.stringify(canonicalAdf(doc.content as AdfNode[]));
  return written === source ? [] : [`written back: ${written}\nsource:       ${source}`];
}

function storageRoundTrip(xml: string, md: string): string[] {
  const written = markdownToStorage(md);
  const [actual, expected] = [parseXml(written), parseXml(xml)];
  const same = actual !== undefined && expected !== undefined && sameXml(actual, expected);
  return same ? [] : [`written back: ${written}\nsource:       ${xml}`];
}

function wikiRoundTrip(wiki: string, md: string): string[] {
  const written = markdownToWiki(md);
  const same = normalizeWikiBlankLines(written) === normalizeWikiBlankLines(wiki);
  return same
    ? []
    : [`written back: ${JSON.stringify(written)}\nsource:       ${JSON.stringify(wiki)}`];
}

Deno.test("adfToMarkdown shows the visible text of every ADF node and mark type and markdownToAdf restores it", async (t) => {
  for (const sample of ADF_SAMPLES) {
    await t.step(sample.name, () => {
      assert.deepEqual(adfErrors(sample.doc), [], "the sample itself is schema-valid");
      const md = adfToMarkdown(sample.doc);
      assertNoProblems(
        [...hiddenPieces(adfVisibleText(sample.doc), md), ...adfRoundTrip(sample.doc, md)],
        md,
      );
    });
  }
});

Deno.test("storageToMarkdown shows the visible text of every storage element and markdownToStorage restores it", async (t) => {
  for (const sample of STORAGE_SAMPLES) {
    await t.step(sample.name, () => {
      const md = storageToMarkdown(sample.xml);
      assertNoProblems(
        [...hiddenPieces(storageVisibleText(sample.xml), md), ...storageRoundTrip(sample.xml, md)],
        md,
      );
    });
  }
});

Deno.test("wikiToMarkdown shows the visible text of every wiki notation and markdownToWiki restores it", async (t) => {
  for (const sample of WIKI_SAMPLES) {
    await t.step(sample.name, () => {
      const md = wikiToMarkdown(sample.wiki);
      assertNoProblems(
        [...hiddenPieces(wikiVisibleText(sample.wiki), md), ...wikiRoundTrip(sample.wiki, md)],
        md,
      );
    });
  }
});

/** How many of the types a format defines the samples exercise, and which they miss. */
interface Coverage {
  covered: number;
  total: number;
  uncovered: string[];
}

function coverage(total: string[], found: Set<string>): Coverage {
  const uncovered = total.filter((name) => !found.has(name));
  return { covered: total.length - uncovered.length, total: total.length, uncovered };
}

function adfTypesIn(node: SampleNode, nodes: Set<string>, marks: Set<string>): void {
  nodes.add(node.type);
  for (const mark of node.marks ?? []) marks.add(mark.type);
  for (const child of node.content ?? []) adfTypesIn(child, nodes, marks);
}

function storageNamesIn(nodes: ReturnType<typeof parseStorage>, found: Set<string>): void {
  for (const node of nodes) {
    if (node.type !== "element" || !node.name) continue;
    found.add(node.name);
    const macro = node.name === "ac:structured-macro" ? node.attributes?.["ac:name"] : undefined;
    if (macro) found.add(`macro:${macro}`);
    storageNamesIn(node.children ?? [], found);
  }
}

/** Coverage of the samples: ADF node types, ADF mark types, storage elements. */
function sampleCoverage(): { nodes: Coverage; marks: Coverage; storage: Coverage } {
  const nodes = new Set<string>();
  const marks = new Set<string>();
  for (const sample of ADF_SAMPLES) adfTypesIn(sample.doc, nodes, marks);
  const storage = new Set<string>();
  for (const sample of STORAGE_SAMPLES) storageNamesIn(parseStorage(sample.xml), storage);
  return {
    nodes: coverage(ADF_NODE_TYPES, nodes),
    marks: coverage(ADF_MARK_TYPES, marks),
    storage: coverage(STORAGE_ELEMENTS, storage),
  };
}

Deno.test("the samples cover every ADF node type, ADF mark type and documented storage element", () => {
  const { nodes, marks, storage } = sampleCoverage();
  assert.deepEqual(
    { nodes: nodes.uncovered, marks: marks.uncovered, storage: storage.uncovered },
    { nodes: [], marks: [], storage: [] },
  );
});
