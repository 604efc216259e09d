/**
 * How the loader's messages name each product: display name, variable prefix and sample URL.
 *
 * @module
 */
import type { Product } from "./types.ts";

/** Every product, in the order the server lists them. */
export const PRODUCTS: readonly Product[] = ["jira", "confluence"];

/** The product's name in messages ("Jira", "Confluence"). */
export const PRODUCT_NAMES: Record<Product, string> = { jira: "Jira", confluence: "Confluence" };

/** The prefix of the product's variables (`JIRA_URL`, `CONFLUENCE_URL`, ...). */
export const PREFIXES: Record<Product, string> = { jira: "JIRA", confluence: "CONFLUENCE" };

/** What to send with every HTTP request when the server uses no credentials of its own. */
export const SEND_CREDENTIALS_HINT =
  "Send valid credentials with the request: Authorization: Bearer <OAuth access token> (with X-Atlassian-Cloud-Id on Cloud), Token <personal access token>, or Basic <base64(email:api_token)>.";

/** A sample site URL for the product, for examples in messages. */
export const SAMPLE_URLS: Record<Product, string> = {
  jira: "https://your-company.atlassian.net",
  confluence: "https://your-company.atlassian.net/wiki",
};
