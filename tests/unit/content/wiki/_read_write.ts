/**
 * The three checks every wiki notation gets: read, it is the expected Markdown; that Markdown
 * written back is the source; with its comments stripped, it writes the visible content plainly.
 *
 * @module
 */

import assert from "node:assert/strict";
import { markdownToWiki, wikiToMarkdown } from "../../../../src/content/mod.ts";

/** The Markdown a person who strips every comment keeps. */
export function stripComments(md: string): string {
  return md.replace(/<!--[\s\S]*?-->/g, "");
}

/**
 * Asserts that `wiki` reads as `md`, that `md` writes back to `wiki`, and that `md` without its
 * comments writes `plain`.
 */
export function assertReadWrite(wiki: string, md: string, plain: string): void {
  assert.equal(wikiToMarkdown(wiki), md);
  assert.equal(markdownToWiki(md), wiki);
  assert.equal(markdownToWiki(stripComments(md)), plain);
}
