/**
 * Credentials that arrive with an HTTP request (multi-user mode, as the Python server's
 * `UserTokenMiddleware`): the `Authorization` header (`Bearer`, `Token`, `Basic`),
 * `X-Atlassian-Cloud-Id`, and the per-request instance pairs `X-Atlassian-Jira-Url` +
 * `X-Atlassian-Jira-Personal-Token` (same for Confluence).
 *
 * Parsing is pure: it never connects anywhere, never logs, and a refusal's text never contains
 * a credential. A per-request instance URL is accepted only when its host is in
 * `MCP_ALLOWED_URL_DOMAINS`; any other URL is refused (403) before a connection could be made.
 *
 * Two hashes describe parsed credentials without keeping them: `credentialIdentity` (who they
 * speak for: kind, cloud id or site, and the Basic user name; the token left out, so it survives
 * a refresh) binds HTTP sessions, and `credentialFingerprint` (the exact credentials, token
 * included) counts them. Where the credentials take a request is `request_scope.ts`.
 *
 * @module
 */
import { isValidCloudId, PRODUCT_NAMES, PRODUCTS } from "../config/mod.ts";
import type { Config, Deployment, Product } from "../config/types.ts";
import { basicCredential } from "../http/basic.ts";

/** Header names read by the parser (lower case, as `Headers` reports them). */
export const AUTH_HEADERS = {
  authorization: "authorization",
  cloudId: "x-atlassian-cloud-id",
  jiraUrl: "x-atlassian-jira-url",
  jiraToken: "x-atlassian-jira-personal-token",
  confluenceUrl: "x-atlassian-confluence-url",
  confluenceToken: "x-atlassian-confluence-personal-token",
} as const;

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

/** Python server texts (byte-identical), so clients and docs written for it keep working. */
export const AUTH_ERRORS = {
  emptyHeader: "Unauthorized: Empty Authorization header",
  emptyBearer: "Unauthorized: Empty Bearer token",
  emptyToken: "Unauthorized: Empty Token (PAT)",
  emptyBasic: "Unauthorized: Empty Basic auth credentials",
  basicEncoding: "Unauthorized: Invalid Basic auth encoding",
  basicFormat: "Unauthorized: Invalid Basic auth format. Expected 'email:api_token'",
  basicEmpty: "Unauthorized: Email or API token is empty",
  scheme:
    "Unauthorized: Only 'Bearer <OAuthToken>', 'Token <PAT>', or 'Basic <base64(email:api_token)>' types are supported.",
  required: "Authentication required: no Atlassian credentials were provided.",
} as const;

type AuthorizationValue =
  | { scheme: "bearer"; token: string }
  | { scheme: "token"; token: string }
  | { scheme: "basic"; username: string; token: string };

function refused(status: 401 | 403, error: string): RequestAuth {
  return { kind: "refused", status, error };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBasic(encoded: string): string | undefined {
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return undefined;
  try {
    const binary = atob(encoded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Parses an `Authorization` header value. The scheme is matched case-insensitively (RFC 9110);
 * every refusal uses the Python server's text.
 */
export function parseAuthorization(
  value: string,
): AuthorizationValue | { error: string } {
  const trimmed = value.trim();
  if (!trimmed) return { error: AUTH_ERRORS.emptyHeader };
  const space = trimmed.search(/\s/);
  const scheme = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : trimmed.slice(space).trim();
  switch (scheme) {
    case "bearer":
      return rest ? { scheme: "bearer", token: rest } : { error: AUTH_ERRORS.emptyBearer };
    case "token":
      return rest ? { scheme: "token", token: rest } : { error: AUTH_ERRORS.emptyToken };
    case "basic": {
      if (!rest) return { error: AUTH_ERRORS.emptyBasic };
      const decoded = decodeBasic(rest);
      if (decoded === undefined) return { error: AUTH_ERRORS.basicEncoding };
      const colon = decoded.indexOf(":");
      if (colon < 0) return { error: AUTH_ERRORS.basicFormat };
      const username = decoded.slice(0, colon);
      const token = decoded.slice(colon + 1);
      if (!username || !token) return { error: AUTH_ERRORS.basicEmpty };
      return { scheme: "basic", username, token };
    }
    default:
      return { error: AUTH_ERRORS.scheme };
  }
}

function isIpLiteral(host: string): boolean {
  return host.startsWith("[") || host.includes(":") || /^[\d.]+$/.test(host);
}

function normaliseDomain(entry: string): string {
  return entry.trim().toLowerCase().replace(/^\*?\./, "").replace(/^\[|\]$/g, "");
}

/**
 * Whether `host` (as `URL.hostname` gives it) is allowed by the list: equal to an entry, or (for
 * DNS names) a subdomain of one. IP addresses match only exactly.
 */
export function hostAllowed(host: string, allowedDomains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  for (const raw of allowedDomains) {
    const entry = normaliseDomain(raw);
    if (!entry) continue;
    if (h === entry) return true;
    if (!isIpLiteral(host) && !isIpLiteral(entry) && h.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/**
 * Checks a per-request instance URL; returns the base URL to use (scheme, host, port and path,
 * without a trailing slash, query or fragment) or the reason it is refused. The reason never
 * repeats the URL (it could carry a password).
 */
export function checkInstanceUrl(
  value: string,
  allowedDomains: readonly string[],
): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { error: "it is not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { error: "only http and https URLs are accepted" };
  }
  if (url.username || url.password) {
    return { error: "it must not contain a user name or password" };
  }
  if (!url.hostname) return { error: "it has no host" };
  if (!hostAllowed(url.hostname, allowedDomains)) {
    return {
      error: allowedDomains.length
        ? `host ${url.hostname} is not in MCP_ALLOWED_URL_DOMAINS`
        : "per-request URLs are disabled (MCP_ALLOWED_URL_DOMAINS is empty)",
    };
  }
  return { url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}` };
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

/** The secret values of a request's credentials (to mask them in anything shown). */
export function credentialSecrets(credentials: RequestCredentials): string[] {
  const out = new Set<string>();
  for (const c of Object.values(credentials)) {
    if (!c) continue;
    out.add(c.token);
    if (c.kind === "basic") {
      out.add(basicCredential(c.username, c.token));
    }
  }
  return [...out].filter((s) => s.length >= 4);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A fingerprint (SHA-256, hex) of a request's exact credentials, token included, without keeping
 * a copy of them: it changes whenever the token does. The HTTP layer counts open sessions per
 * fingerprint; `"server"` when the request uses the server's own credentials.
 */
export async function credentialFingerprint(
  credentials: RequestCredentials | undefined,
): Promise<string> {
  if (!credentials) return "server";
  return await sha256Hex(JSON.stringify(
    PRODUCTS.map((p) => {
      const c = credentials[p];
      if (!c) return null;
      return c.kind === "oauth"
        ? ["oauth", c.token, c.cloudId]
        : c.kind === "pat"
        ? ["pat", c.token, c.url ?? ""]
        : ["basic", c.username, c.token];
    }),
  ));
}

/**
 * Who a request's credentials speak for, as far as the headers tell without asking Atlassian
 * (SHA-256, hex): per product the credential kind and where it goes (the cloud id, the
 * per-request instance URL, else the configured site), plus the user name for Basic. The token
 * itself is left out, so the identity survives a token refresh (Cloud access tokens last an
 * hour); two Bearer or Token users of one site therefore share an identity. `"server"` when the
 * request uses the server's own credentials.
 */
export async function credentialIdentity(
  credentials: RequestCredentials | undefined,
): Promise<string> {
  if (!credentials) return "server";
  return await sha256Hex(JSON.stringify(
    PRODUCTS.map((p) => {
      const c = credentials[p];
      if (!c) return null;
      return c.kind === "oauth"
        ? ["oauth", c.cloudId]
        : c.kind === "pat"
        ? ["pat", c.url ?? ""]
        : ["basic", c.username];
    }),
  ));
}

/** The text of the 401 for a request without any credentials in multi-user mode. */
export function credentialsRequiredMessage(options: RequestAuthOptions): string {
  const deployments = Object.values(options.products);
  const forms: string[] = [];
  if (deployments.includes("cloud")) {
    forms.push(
      `'Authorization: Bearer <OAuth access token>'${
        options.cloudId ? "" : " with 'X-Atlassian-Cloud-Id: <cloud id>'"
      }`,
    );
  }
  if (deployments.includes("datacenter")) {
    forms.push("'Authorization: Bearer <personal access token>'");
  }
  if (Object.keys(options.sites).length) {
    forms.push("'Authorization: Token <personal access token>'");
    forms.push("'Authorization: Basic <base64(email:api_token)>'");
  }
  if (options.allowedUrlDomains.length) {
    forms.push(
      "'X-Atlassian-Jira-Url' with 'X-Atlassian-Jira-Personal-Token' (or the Confluence pair)",
    );
  }
  const list = forms.length > 1
    ? `${forms.slice(0, -1).join(", ")}, or ${forms[forms.length - 1]}`
    : forms[0];
  return `${AUTH_ERRORS.required} Send ${list} with every request.`;
}

/**
 * The site URL a product's Token and Basic credentials go to: `siteUrl` when the configured URL
 * is the OAuth API gateway, else the configured URL itself; undefined when there is no site
 * (a gateway URL alone, e.g. multi-user Cloud OAuth without JIRA_URL).
 */
export function siteUrlOf(config: Config, product: Product): string | undefined {
  const service = config[product];
  if (!service) return undefined;
  if (service.siteUrl) return service.siteUrl;
  const gateway = originOf(config.oauth?.apiUrl ?? "");
  return originOf(service.url) === gateway || service.url.includes("{") ? undefined : service.url;
}

/**
 * The parser options for a configuration: the configured cloud id, the URL allowlist, and the
 * products configured with a site URL (not only the OAuth gateway).
 */
export function requestAuthOptions(config: Config): RequestAuthOptions {
  const sites: Partial<Record<Product, Deployment>> = {};
  for (const product of PRODUCTS) {
    const service = config[product];
    if (service && siteUrlOf(config, product)) sites[product] = service.deployment;
  }
  return {
    products: Object.fromEntries(
      PRODUCTS.flatMap((p) => config[p] ? [[p, config[p].deployment]] : []),
    ),
    cloudId: config.oauth?.cloudId,
    allowedUrlDomains: config.oauth?.allowedUrlDomains ?? [],
    sites,
  };
}

/** The origin of a URL; undefined when it is not one (e.g. a gateway URL template). */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The SDK's `AuthInfo` shape (structural, so this module needs no SDK import): what
 * `transport.handleRequest(request, { authInfo })` passes on to request handlers.
 */
export interface CarriedAuthInfo {
  token: string;
  clientId: string;
  scopes: string[];
  extra?: Record<string, unknown>;
}

// Credentials ride on the AuthInfo object by identity: nothing enumerable or serialisable holds
// them, and only `carryCredentials` (called by the HTTP layer) can attach them.
const carried = new WeakMap<object, RequestCredentials>();

/** Wraps a request's credentials for `handleRequest(request, { authInfo })`. */
export function carryCredentials(credentials: RequestCredentials): CarriedAuthInfo {
  const info: CarriedAuthInfo = { token: "", clientId: "atlassian-request-headers", scopes: [] };
  carried.set(info, credentials);
  return info;
}

/** The credentials a handler's `extra.authInfo` carries; undefined for none. */
export function carriedCredentials(authInfo: unknown): RequestCredentials | undefined {
  return authInfo && typeof authInfo === "object" ? carried.get(authInfo) : undefined;
}

/**
 * How the HTTP transports treat credential headers:
 * - `off`: never read (stdio, or `IGNORE_HEADER_AUTH`): every request uses the server's own
 *   credentials;
 * - `optional`: read when present, else the server's own credentials serve the request
 *   (single-user servers, and multi-user with `ALLOW_GLOBAL_CRED_FALLBACK`);
 * - `required`: multi-user mode (`ATLASSIAN_OAUTH_ENABLE`): a request without credentials is
 *   answered 401.
 */
export type HeaderAuthMode = "off" | "optional" | "required";

/** The header mode of a configuration. */
export function headerAuthMode(config: Config): HeaderAuthMode {
  if (config.transport === "stdio" || config.oauth?.ignoreHeaderAuth) return "off";
  if (config.oauth?.multiUser && !config.oauth.allowGlobalFallback) return "required";
  return "optional";
}
