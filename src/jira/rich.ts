/**
 * Jira rich text: ADF on Cloud (REST v3), wiki markup on Server/Data Center (REST v2). Tools
 * speak Markdown; this module converts at the edge, the one place that does.
 *
 * With `DISABLE_JIRA_MARKUP_TRANSLATION=true` (`service.rawText`) nothing is converted: Data
 * Center text is wiki markup both ways; Cloud text is an ADF document as JSON text both ways
 * (other text is sent as plain paragraphs, never read as Markdown). The loss guard then does
 * not apply: the caller writes Jira's own format, so there are no placeholders to keep.
 *
 * @module
 */
import type { ServiceConfig } from "../config/types.ts";
import {
  type AdfDoc,
  type AdfNode,
  adfToMarkdown,
  markdownToAdf,
  markdownToWiki,
  wikiToMarkdown,
} from "../content/mod.ts";
import { findLoss, type Loss } from "../content/loss.ts";
import type { JiraField } from "./types.ts";

/** The REST API root for the deployment: `/rest/api/3` on Cloud, `/rest/api/2` on Data Center. */
export function apiRoot(service: ServiceConfig): string {
  return service.deployment === "cloud" ? "/rest/api/3" : "/rest/api/2";
}

/** An ADF document from JSON text, or undefined when the text is not one. */
function adfFromJson(text: string): AdfDoc | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text);
    return isAdf(value) ? value as AdfDoc : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text as an ADF paragraph, each line break a hard break; nothing is read as markup. */
function plainAdf(text: string): AdfDoc {
  const content: AdfNode[] = text.split("\n").flatMap((line, i) => [
    ...(i ? [{ type: "hardBreak" }] : []),
    ...(line ? [{ type: "text", text: line }] : []),
  ]);
  return {
    type: "doc",
    version: 1,
    content: content.length ? [{ type: "paragraph", content }] : [],
  } as AdfDoc;
}

/**
 * Markdown -> the deployment's rich-text representation (ADF document or wiki string); with
 * `rawText`, the text as given (Cloud: an ADF document written as JSON, else plain paragraphs).
 */
export function toJiraText(service: ServiceConfig, markdown: string): unknown {
  if (service.rawText) {
    return service.deployment === "cloud" ? adfFromJson(markdown) ?? plainAdf(markdown) : markdown;
  }
  return service.deployment === "cloud" ? markdownToAdf(markdown) : markdownToWiki(markdown);
}

/** A rich-text field value (ADF document or wiki string) -> Markdown (`rawText`: as stored). */
export function fromJiraText(service: ServiceConfig, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return service.rawText ? value : wikiToMarkdown(value);
  if (isAdf(value)) return service.rawText ? JSON.stringify(value) : adfToMarkdown(value);
  return undefined;
}

/**
 * Markdown -> wiki markup for the APIs that take wiki markup on both deployments (Service
 * Management comments); with `rawText`, the text as given.
 */
export function toWikiText(service: ServiceConfig, markdown: string): string {
  return service.rawText ? markdown : markdownToWiki(markdown);
}

/** Wiki markup from those APIs -> Markdown; with `rawText`, as it is. */
export function fromWikiText(service: ServiceConfig, wiki: string): string {
  return service.rawText ? wiki : wikiToMarkdown(wiki);
}

/**
 * What replacing the rich text `before` with `after` (both as Jira stores them) would drop;
 * nothing with `rawText`, where the caller writes Jira's own format and has no placeholders.
 */
export function jiraTextLoss(service: ServiceConfig, before: unknown, after: unknown): Loss {
  if (service.rawText) return { removed: [], stripped: [] };
  return findLoss(service.deployment === "cloud" ? "adf" : "wiki", before, after);
}

/** True for a value that looks like an ADF document. */
export function isAdf(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    (value as { type?: unknown }).type === "doc";
}

/** True for a field that holds rich text: the description, the environment, custom text areas. */
export function isRichTextField(field: JiraField | undefined, id: string): boolean {
  return id === "description" || id === "environment" ||
    (field?.schema?.custom ?? "").endsWith(":textarea");
}
