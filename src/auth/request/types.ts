/**
 * The shapes of a request's credentials: per product how it authenticates, the parser's outcome,
 * and what the parser needs to know about the server.
 *
 * @module
 */
import type { Deployment, Product } from "../../config/types.ts";

/** How one product authenticates for one request. */
export type ProductCredential =
  /** Atlassian Cloud OAuth 2.0 access token, sent through the API gateway for `cloudId`. */
  | { kind: "oauth"; token: string; cloudId: string }
  /** Personal access token; `url` is a per-request instance URL (else the configured one). */
  | { kind: "pat"; token: string; url?: string }
  /** Email (or user name) and API token (or password) for the configured URL. */
  | { kind: "basic"; username: string; token: string };

/** The credentials of one request, per product it can reach. */
export type RequestCredentials = Partial<Record<Product, ProductCredential>>;

/** The outcome of reading a request's credential headers. */
export type RequestAuth =
  /** The request carries no credential header at all. */
  | { kind: "none" }
  /** Usable credentials for at least one product. */
  | { kind: "credentials"; credentials: RequestCredentials }
  /** Malformed (401) or forbidden (403): answer `{"error": error}` and do nothing else. */
  | { kind: "refused"; status: 401 | 403; error: string };

/** What the parser needs to know about the server. */
export interface RequestAuthOptions {
  /** Cloud id for a Bearer token that comes without `X-Atlassian-Cloud-Id` (ATLASSIAN_OAUTH_CLOUD_ID). */
  cloudId?: string;
  /** Hosts (and their subdomains) accepted in `X-Atlassian-*-Url` (MCP_ALLOWED_URL_DOMAINS). */
  allowedUrlDomains: readonly string[];
  /**
   * Products the server offers, with their deployment: a Bearer token is a Cloud OAuth access
   * token (through the API gateway) for the Cloud ones, and is sent as it is (personal access
   * token, Data Center OAuth token) to the Server/Data Center ones.
   */
  products: Partial<Record<Product, Deployment>>;
  /**
   * Products configured with a site URL (JIRA_URL / CONFLUENCE_URL, not the OAuth gateway), with
   * their deployment: `Token` and `Basic` credentials apply to these URLs, and a Bearer token
   * without any cloud id is a personal access token for the Server/Data Center ones.
   */
  sites: Partial<Record<Product, Deployment>>;
}
