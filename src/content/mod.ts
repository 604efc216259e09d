/**
 * Rich text for Jira and Confluence. Every conversion goes through one hub, the mdast tree:
 *
 * markdown <-> mdast <-> ADF (Jira Cloud v3, Confluence Cloud) | storage XHTML (Confluence) |
 * wiki markup (Jira Server/DC v2).
 *
 * Markdown forms beyond CommonMark + GFM (details in `docs/rich-text.md`):
 * - mentions `@[Display Name](accountid:ID)` (`userkey:` / `username:` on Data Center);
 * - panels `> [!INFO] Optional title` (INFO, NOTE, TIP, WARNING, SUCCESS, ERROR);
 * - placeholders `<!--adf:{...}-->`, `<!--storage:<...>-->`, `<!--wiki:...-->` for content
 *   markdown cannot express, followed by its visible text and a close (`<!--/adf-->`) whenever
 *   a person sees any; containers `<!--storage-begin:...-->` ... `<!--storage-end-->` around
 *   editable content (expands, layouts, bodied macros); carriers `<!--adf-attrs:{...}-->` /
 *   `<!--storage-attrs:{...}-->` for attributes of otherwise plain content. The reverse
 *   conversion turns them back into the original, so read -> edit -> write keeps macros, media
 *   and attributes.
 *
 * None of these functions throws: odd input is kept as placeholders, and an unexpected internal
 * failure falls back to a placeholder (reading) or plain text (writing).
 *
 * @module
 */

import { log } from "../log.ts";
import type { Root } from "./_mdast.ts";
import { type AdfDoc, adfToMdast, mdastToAdf } from "./adf/mod.ts";
import { parseMarkdown, stringifyMarkdown } from "./markdown.ts";
import { placeholder } from "./placeholder.ts";
import { ReadCache } from "./read_cache.ts";
import {
  decorateStorage,
  serializeXml,
  type StorageOptions,
  storageToMdast,
  writeFlow,
} from "./storage/mod.ts";
import { mdastToWiki, wikiToMdast } from "./wiki/mod.ts";

export type { AdfDoc, AdfMark, AdfNode } from "./adf/mod.ts";
export { headingSlug, TABLE_LAYOUTS, TABLE_WIDTHS } from "./storage/mod.ts";
export type { StorageOptions, StorageSection, TableLayout } from "./storage/mod.ts";
export { replaceSection, storageSections } from "./storage/mod.ts";

function guarded<T>(what: string, convert: () => T, fallback: () => T): T {
  return attempt(what, convert, fallback).value;
}

/** `convert()`, or (logging why) `fallback()`; `ok` says which. */
function attempt<T>(what: string, convert: () => T, fallback: () => T): { value: T; ok: boolean } {
  try {
    return { value: convert(), ok: true };
  } catch (error) {
    log.warn(`rich text: ${what} failed, falling back`, error);
    return { value: fallback(), ok: false };
  }
}

/** Reads kept for unchanged texts: at most 4 million characters (about 4-8 MB). */
const reads = new ReadCache(4_000_000);

/** Callers pass what the APIs returned; anything that is not a string is read as empty. */
function asText(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function plainParagraph(md: string): Root {
  return {
    type: "root",
    children: md.trim() ? [{ type: "paragraph", children: [{ type: "text", value: md }] }] : [],
  };
}

/** Converts markdown to an ADF document (Jira Cloud v3 rich-text fields, Confluence ADF bodies). */
export function markdownToAdf(md: string): AdfDoc {
  md = asText(md);
  return guarded(
    "markdown to ADF",
    () => mdastToAdf(parseMarkdown(md)),
    () => mdastToAdf(plainParagraph(md)),
  );
}

/**
 * Converts ADF to markdown. Accepts a document, a JSON string of one, or a single node; anything
 * else gives an empty string.
 */
export function adfToMarkdown(doc: AdfDoc | unknown): string {
  const convert = () =>
    attempt("ADF to markdown", () => stringifyMarkdown(adfToMdast(doc)), () => keepJson(doc));
  let key: string | undefined;
  try {
    key = typeof doc === "string" ? doc : JSON.stringify(doc);
  } catch {
    // No JSON form (e.g. cycles): converted, not kept.
  }
  return key === undefined ? convert().value : reads.read(`adf\u0000${key}`, convert);
}

/** The whole document as one placeholder, or nothing when it has no JSON form (e.g. cycles). */
function keepJson(doc: unknown): string {
  try {
    return `${placeholder("adf", JSON.stringify(doc))}\n`;
  } catch {
    return "";
  }
}

/**
 * Converts markdown to Confluence storage format (XHTML). `options` add heading anchors and a
 * table width preset to what the markdown produces (placeholders are left exactly as they are).
 */
export function markdownToStorage(md: string, options: StorageOptions = {}): string {
  md = asText(md);
  const write = (root: Root) => serializeXml(decorateStorage(writeFlow(root.children), options));
  return guarded(
    "markdown to storage",
    () => write(parseMarkdown(md)),
    () => write(plainParagraph(md)),
  );
}

/** Converts Confluence storage format (XHTML) to markdown. */
export function storageToMarkdown(xhtml: string): string {
  xhtml = asText(xhtml);
  return reads.read(`storage\u0000${xhtml}`, () =>
    attempt(
      "storage to markdown",
      () => stringifyMarkdown(storageToMdast(xhtml)),
      () => `${placeholder("storage", xhtml)}\n`,
    ));
}

/** Converts markdown to Jira wiki markup (Jira Server/DC REST v2). */
export function markdownToWiki(md: string): string {
  md = asText(md);
  return guarded(
    "markdown to wiki",
    () => mdastToWiki(parseMarkdown(md)),
    () => mdastToWiki(plainParagraph(md)),
  );
}

/** Converts Jira wiki markup to markdown. */
export function wikiToMarkdown(wiki: string): string {
  wiki = asText(wiki);
  return reads.read(`wiki\u0000${wiki}`, () =>
    attempt(
      "wiki to markdown",
      () => stringifyMarkdown(wikiToMdast(wiki)),
      () => `${placeholder("wiki", wiki)}\n`,
    ));
}
