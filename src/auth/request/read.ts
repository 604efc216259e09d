/**
 * Reads one request's credential headers: the per-request instance pairs first (403 for a URL
 * outside the allowlist), then the `Authorization` header for the other products.
 *
 * @module
 */
import { isValidCloudId, PRODUCT_NAMES, PRODUCTS } from "../../config/mod.ts";
import { parseAuthorization } from "./authorization.ts";
import type { RequestAuth, RequestAuthOptions, RequestCredentials } from "./types.ts";
import { checkInstanceUrl } from "./url.ts";

/** Header names read by the parser (lower case, as `Headers` reports them). */
export const AUTH_HEADERS = {
  authorization: "authorization",
  cloudId: "x-atlassian-cloud-id",
  jiraUrl: "x-atlassian-jira-url",
  jiraToken: "x-atlassian-jira-personal-token",
  confluenceUrl: "x-atlassian-confluence-url",
  confluenceToken: "x-atlassian-confluence-personal-token",
} as const;

function refused(status: 401 | 403, error: string): RequestAuth {
  return { kind: "refused", status, error };
}

/** Longest `X-Atlassian-Cloud-Id` accepted (a cloud id is a 36-character UUID). */
const MAX_CLOUD_ID = 128;

function header(headers: Headers, name: string): string | undefined {
  const v = headers.get(name);
  return v === null ? undefined : v;
}

/**
 * Reads the credentials of one request. Order: per-request instance URLs first (403 for one
 * outside the allowlist), then the `Authorization` header; a product named by an instance pair
 * uses that pair, the other products use the `Authorization` header.
 */
export function readRequestAuth(headers: Headers, options: RequestAuthOptions): RequestAuth {
  const credentials: RequestCredentials = {};

  for (const product of PRODUCTS) {
    const urlName = product === "jira" ? AUTH_HEADERS.jiraUrl : AUTH_HEADERS.confluenceUrl;
    const tokenName = product === "jira" ? AUTH_HEADERS.jiraToken : AUTH_HEADERS.confluenceToken;
    const url = header(headers, urlName)?.trim();
    const token = header(headers, tokenName)?.trim();
    if (url) {
      const checked = checkInstanceUrl(url, options.allowedUrlDomains);
      if ("error" in checked) {
        return refused(403, `Forbidden: Invalid ${PRODUCT_NAMES[product]} URL - ${checked.error}.`);
      }
      if (!token) {
        return refused(
          401,
          `Unauthorized: X-Atlassian-${PRODUCT_NAMES[product]}-Url needs X-Atlassian-${
            PRODUCT_NAMES[product]
          }-Personal-Token with a personal access token.`,
        );
      }
      credentials[product] = { kind: "pat", token, url: checked.url };
    } else if (token) {
      return refused(
        401,
        `Unauthorized: X-Atlassian-${PRODUCT_NAMES[product]}-Personal-Token needs X-Atlassian-${
          PRODUCT_NAMES[product]
        }-Url with the instance URL.`,
      );
    }
  }

  const authorization = header(headers, AUTH_HEADERS.authorization);
  if (authorization === undefined) {
    return Object.keys(credentials).length
      ? { kind: "credentials", credentials }
      : { kind: "none" };
  }
  const parsed = parseAuthorization(authorization);
  if ("error" in parsed) return refused(401, parsed.error);

  const open = PRODUCTS.filter((p) => !credentials[p]);
  const sites = open.filter((p) => options.sites[p] !== undefined);
  const siteNote = (scheme: string) =>
    `Unauthorized: '${scheme}' credentials are for the server's configured JIRA_URL / CONFLUENCE_URL, and none is configured; send X-Atlassian-Jira-Url with X-Atlassian-Jira-Personal-Token (or the Confluence pair), or a Bearer OAuth token with X-Atlassian-Cloud-Id.`;

  if (parsed.scheme === "bearer") {
    const sent = header(headers, AUTH_HEADERS.cloudId)?.trim();
    if (sent && (sent.length > MAX_CLOUD_ID || !isValidCloudId(sent))) {
      return refused(
        401,
        "Unauthorized: Invalid X-Atlassian-Cloud-Id header; expected the site's cloud id (a UUID).",
      );
    }
    const cloudId = sent || options.cloudId?.trim();
    const cloud = open.filter((p) => options.products[p] === "cloud");
    const dc = open.filter((p) => options.products[p] === "datacenter");
    for (const p of dc) credentials[p] = { kind: "pat", token: parsed.token };
    if (cloudId) {
      for (const p of cloud) credentials[p] = { kind: "oauth", token: parsed.token, cloudId };
    } else if (!Object.keys(credentials).length) {
      return refused(
        401,
        "Unauthorized: a Bearer token is an Atlassian Cloud OAuth access token and needs the site's cloud id; send X-Atlassian-Cloud-Id: <cloud id> (or set ATLASSIAN_OAUTH_CLOUD_ID on the server).",
      );
    }
  } else if (parsed.scheme === "token") {
    if (!sites.length && !Object.keys(credentials).length) return refused(401, siteNote("Token"));
    for (const p of sites) credentials[p] = { kind: "pat", token: parsed.token };
  } else {
    if (!sites.length && !Object.keys(credentials).length) return refused(401, siteNote("Basic"));
    for (const p of sites) {
      credentials[p] = { kind: "basic", username: parsed.username, token: parsed.token };
    }
  }
  if (!Object.keys(credentials).length) {
    return refused(
      401,
      "Unauthorized: these credentials reach none of the products this server offers.",
    );
  }
  return { kind: "credentials", credentials };
}
