/**
 * The small pieces of wording every error message shares: product names, environment variable
 * prefixes, seconds, sentences, and the "may have been applied" warning.
 *
 * @module
 */
import { PREFIXES, PRODUCT_NAMES } from "../../config/_products.ts";
import type { Product } from "../../config/types.ts";

/** "Jira" or "Confluence". */
export function productLabel(product: Product): string {
  return PRODUCT_NAMES[product];
}

/** "JIRA" or "CONFLUENCE", the prefix of the product's environment variables. */
export function envPrefix(product: Product): string {
  return PREFIXES[product];
}

/** Seconds as text: `75`, `0.2`. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10 || ms / 1000);
}

/** `text` trimmed and ending with a full stop (unless it already ends with `.`, `!` or `?`). */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : t + ".";
}

/** Appended to the message of a write whose outcome is unknown. */
export const UNCERTAIN = " The change may or may not have been applied.";
