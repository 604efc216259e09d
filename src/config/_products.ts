/**
 * How the loader's messages name each product: display name, variable prefix and sample URL.
 *
 * @module
 */
import type { Product } from "./types.ts";

/** The product's name in messages ("Jira", "Confluence"). */
export const NAMES: Record<Product, string> = { jira: "Jira", confluence: "Confluence" };

/** The prefix of the product's variables (`JIRA_URL`, `CONFLUENCE_URL`, ...). */
export const PREFIXES: Record<Product, string> = { jira: "JIRA", confluence: "CONFLUENCE" };

/** A sample site URL for the product, for examples in messages. */
export const SAMPLE_URLS: Record<Product, string> = {
  jira: "https://your-company.atlassian.net",
  confluence: "https://your-company.atlassian.net/wiki",
};
