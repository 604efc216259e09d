/**
 * Jira rich text: ADF on Cloud (REST v3), wiki markup on Server/Data Center (REST v2). Tools
 * speak Markdown; this module converts at the edge.
 *
 * @module
 */
import type { ServiceConfig } from "../config/types.ts";
import { adfToMarkdown, markdownToAdf, markdownToWiki, wikiToMarkdown } from "../content/mod.ts";
import type { JiraField } from "./types.ts";

/** The REST API root for the deployment: `/rest/api/3` on Cloud, `/rest/api/2` on Data Center. */
export function apiRoot(service: ServiceConfig): string {
  return service.deployment === "cloud" ? "/rest/api/3" : "/rest/api/2";
}

/** Markdown -> the deployment's rich-text representation (ADF document or wiki string). */
export function toJiraText(service: ServiceConfig, markdown: string): unknown {
  return service.deployment === "cloud" ? markdownToAdf(markdown) : markdownToWiki(markdown);
}

/** A rich-text field value (ADF document or wiki string) -> Markdown. */
export function fromJiraText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return wikiToMarkdown(value);
  if (typeof value === "object" && (value as { type?: unknown }).type === "doc") {
    return adfToMarkdown(value);
  }
  return undefined;
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
