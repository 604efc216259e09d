/**
 * The typed configuration every other module receives. It is plain data (structured-clonable),
 * so the launcher can hand it to the sandboxed Worker with `postMessage`.
 *
 * @module
 */

/** Which product a service talks to. */
export type Product = "jira" | "confluence";

/** Atlassian Cloud or Server/Data Center. */
export type Deployment = "cloud" | "datacenter";

/**
 * How requests to one service authenticate.
 *
 * - `basic`: `Authorization: Basic base64(username:token)` (Cloud e-mail + API token, or a
 *   Server/Data Center user name + password).
 * - `pat`: `Authorization: Bearer <personal access token>` (Server/Data Center).
 * - `none`: no Authorization header (the client certificate alone, Server/Data Center).
 * - `oauth`: an OAuth 2.0 access token from `src/auth` at run time, refreshed from the token file
 *   (`service.oauth.tokenFile`): Cloud 3LO through the API gateway, or Data Center OAuth 2.0.
 * - `byot`: `ATLASSIAN_OAUTH_ACCESS_TOKEN` (`service.oauth.accessToken`), used as is and never
 *   refreshed.
 * - `per-request`: multi-user HTTP (`ATLASSIAN_OAUTH_ENABLE=true` without credentials of the
 *   server's own): every request brings its own credentials.
 */
export type ServiceAuth =
  | { kind: "basic"; username: string; token: string }
  | { kind: "pat"; token: string }
  | { kind: "none" }
  | { kind: "oauth" }
  | { kind: "byot" }
  | { kind: "per-request" };

/**
 * Proxy settings resolved for one service (service-specific variables win over global ones).
 * Each URL is normalised with a scheme (`http://`, `https://`, `socks5://`, `socks5h://`) and may
 * carry `user:password@` for proxy authentication (the password is registered as a secret).
 * `proxyFor()` in `src/config/service/proxy.ts` picks the one that applies to the service's URL.
 */
export interface ProxySettings {
  /** Proxy for http:// targets. */
  http?: string;
  /** Proxy for https:// targets. */
  https?: string;
  /** SOCKS5 proxy, used when no HTTP(S) proxy applies. */
  socks?: string;
  /**
   * Hosts that bypass the proxy, lower-cased: `*` (everything), or a name, `.name` or `*.name`
   * (that host and its subdomains), optionally with `:port`.
   */
  noProxy: string[];
}

/** TLS material, already read from the files the configuration names (PEM text). */
export interface TlsSettings {
  /** Verify the server certificate (false needs `--unsafely-ignore-certificate-errors=<host>`). */
  verify: boolean;
  /**
   * Extra trusted CA certificates (PEM), from `*_CA_BUNDLE`, else `REQUESTS_CA_BUNDLE`, else
   * `SSL_CERT_FILE`: one entry per bundle file, holding all its certificates. Set only while
   * `verify` is true.
   */
  caCerts?: string[];
  /** Client certificate chain (PEM) for mutual TLS (only the CERTIFICATE blocks). */
  clientCert?: string;
  /** Client private key (PEM, unencrypted) for mutual TLS; from `*_CLIENT_KEY` or the cert file. */
  clientKey?: string;
}

/** Everything needed to reach one Atlassian product. */
export interface ServiceConfig {
  product: Product;
  /**
   * Base URL without a trailing slash; Confluence Cloud ends in `/wiki`. Cloud OAuth (3LO, BYOT)
   * goes through the API gateway: Jira `${apiUrl}/ex/jira/${cloudId}`, Confluence
   * `${apiUrl}/ex/confluence/${cloudId}/wiki`. For `per-request` auth on Cloud the cloud id comes
   * with each request, and the URL holds the literal template `{cloudId}` (see
   * `CLOUD_ID_PLACEHOLDER`), which the request layer fills in.
   */
  url: string;
  /**
   * The site URL as given (`JIRA_URL` / `CONFLUENCE_URL`, normalised like `url`) when `url` is
   * the API gateway instead: for browse links, and for per-request Basic credentials (which go to
   * the site, not to the gateway). Absent when `url` is the site itself or no URL was given.
   */
  siteUrl?: string;
  deployment: Deployment;
  auth: ServiceAuth;
  /**
   * The OAuth settings in effect for this service (`JIRA_OAUTH_*` / `CONFLUENCE_OAUTH_*` over
   * `ATLASSIAN_OAUTH_*`, with the token file of its client id); set when `auth.kind` is `oauth`
   * or `byot`.
   */
  oauth?: OAuthSettings;
  tls: TlsSettings;
  proxy: ProxySettings;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Extra headers sent on every request. */
  customHeaders: Record<string, string>;
  /** Jira: project keys allowed; Confluence: space keys allowed. Empty = no restriction. */
  allowlist: string[];
  /** `ATLASSIAN_RETRY_*`: the read-retry policy, when any is set (else the client's defaults). */
  retry?: RetrySettings;
  /**
   * Jira, `DISABLE_JIRA_MARKUP_TRANSLATION=true`: rich text travels as Jira stores it (wiki
   * markup on Data Center, ADF as JSON text on Cloud), unconverted both ways.
   */
  rawText?: boolean;
  /** Jira, `JIRA_INTERNAL_ONLY_PROJECTS`: project keys (upper case) whose comments stay internal. */
  internalOnlyProjects?: string[];
}

/** The read-retry policy set by `ATLASSIAN_RETRY_*` (see `src/http/retry.ts`). */
export interface RetrySettings {
  /** `ATLASSIAN_RETRY_TOTAL`: retries after the first attempt. */
  maxRetries?: number;
  /** `ATLASSIAN_RETRY_BACKOFF` in milliseconds: the wait before the first retry, then doubled. */
  backoffMs?: number;
  /** `ATLASSIAN_RETRY_IGNORE_RETRY_AFTER`: back off as usual, whatever `Retry-After` says. */
  ignoreRetryAfter?: boolean;
}

/** The MCP transport the server speaks. */
export type TransportKind = "stdio" | "sse" | "streamable-http";

/**
 * OAuth 2.0 settings: `--oauth-*` flags and `ATLASSIAN_OAUTH_*` variables, the endpoints, and the
 * multi-user switches. `config.oauth` holds the shared values; `service.oauth` the values in
 * effect for one service (with its `JIRA_OAUTH_*` / `CONFLUENCE_OAUTH_*` overrides).
 */
export interface OAuthSettings {
  /** `ATLASSIAN_OAUTH_CLIENT_ID`: the OAuth app's client id (DC: the Application Link's). */
  clientId?: string;
  /** `ATLASSIAN_OAUTH_CLIENT_SECRET` (a secret). */
  clientSecret?: string;
  /** `ATLASSIAN_OAUTH_REDIRECT_URI` (DC default `http://localhost:8080/callback`). */
  redirectUri?: string;
  /** `ATLASSIAN_OAUTH_SCOPE`: space-separated scopes (DC default `WRITE`). */
  scope?: string;
  /** `ATLASSIAN_OAUTH_CLOUD_ID`: the Cloud site id (also the fallback for per-request OAuth). */
  cloudId?: string;
  /** `ATLASSIAN_OAUTH_ACCESS_TOKEN`: bring-your-own-token, never refreshed (a secret). */
  accessToken?: string;
  /** `ATLASSIAN_OAUTH_AUTH_URL`, default `https://auth.atlassian.com` (no trailing slash). */
  authUrl: string;
  /** `ATLASSIAN_API_URL`, default `https://api.atlassian.com` (no trailing slash). */
  apiUrl: string;
  /**
   * `~/.mcp-atlassian/oauth-<client_id>.json` (HOME, else USERPROFILE), resolved by the launcher
   * when the client id and the home folder are known.
   */
  tokenFile?: string;
  /** `ATLASSIAN_OAUTH_ENABLE`: multi-user HTTP, credentials arrive with each request. */
  multiUser: boolean;
  /** `ALLOW_GLOBAL_CRED_FALLBACK`: a request without credentials may use the server's own. */
  allowGlobalFallback: boolean;
  /** `IGNORE_HEADER_AUTH`: incoming Authorization / `X-Atlassian-*` headers are not parsed. */
  ignoreHeaderAuth: boolean;
  /**
   * `MCP_ALLOWED_URL_DOMAINS`: host names (lower case, no scheme, port or leading `*.`) whose
   * instance URLs a request may name in `X-Atlassian-*-Url`; a host matches an entry when it
   * equals it or is a subdomain of it.
   */
  allowedUrlDomains: string[];
}

/** Regular expressions (source text) that override the default Jira key formats. */
export interface KeyPatterns {
  /** `JIRA_ISSUE_KEY_PATTERN`, default `^[A-Z][A-Z0-9_]+-\d+(?:-\d+)*$`. */
  issue?: string;
  /** `JIRA_PROJECT_KEY_PATTERN`, default `^[A-Z][A-Z0-9_]+$`. */
  project?: string;
}

/** A metric `jira_get_issue_sla` computes. */
export type SlaMetric =
  | "cycle_time"
  | "lead_time"
  | "time_in_status"
  | "due_date_compliance"
  | "resolution_time"
  | "first_response_time";

/** The SLA calendar (`JIRA_SLA_*`). */
export interface SlaSettings {
  /** `JIRA_SLA_METRICS`: the metrics computed when a call names none. */
  metrics: SlaMetric[];
  /** `JIRA_SLA_WORKING_HOURS_ONLY`: count working hours only when a call does not say. */
  workingHoursOnly: boolean;
  /** `JIRA_SLA_WORKING_HOURS_START`, `HH:MM`. */
  workingHoursStart: string;
  /** `JIRA_SLA_WORKING_HOURS_END`, `HH:MM`, later than the start. */
  workingHoursEnd: string;
  /** `JIRA_SLA_WORKING_DAYS`: ISO weekdays, 1 = Monday .. 7 = Sunday. */
  workingDays: number[];
  /** `JIRA_SLA_TIMEZONE`: the IANA zone of the working hours and due dates. */
  timezone: string;
}

/** `HIERARCHY_LINK_PHRASES`: extra link phrases (lower case) that mean parent-of / child-of. */
export interface HierarchyPhrases {
  parent: string[];
  child: string[];
}

/** The whole validated configuration. */
export interface Config {
  /** `JIRA_SLA_*`, when any is set (otherwise the defaults). */
  sla?: SlaSettings;
  /** `HIERARCHY_LINK_PHRASES`, when set. */
  hierarchyPhrases?: HierarchyPhrases;
  /** Key formats set by `JIRA_ISSUE_KEY_PATTERN` / `JIRA_PROJECT_KEY_PATTERN`. */
  keyPatterns?: KeyPatterns;
  jira?: ServiceConfig;
  confluence?: ServiceConfig;
  transport: TransportKind;
  /** Listen address for HTTP transports (default 127.0.0.1; IPv6 without brackets, e.g. `::1`). */
  host: string;
  /** Listen port for HTTP transports (default 8000; 0 picks a free one). */
  port: number;
  /** Endpoint path for streamable HTTP (default /mcp) or SSE (default /sse). */
  path: string;
  /** Streamable HTTP without server-side sessions. */
  stateless: boolean;
  readOnly: boolean;
  /**
   * `MCP_ATTACHMENTS_DIR`: the one folder whose files tools may read (attachments to upload,
   * page bodies), as given; unset = tools read no files.
   */
  attachmentsDir?: string;
  /** `ATLASSIAN_MEDIA_URL`, when set: where Confluence Cloud's attachment downloads may redirect. */
  mediaUrl?: string;
  /** Toolset names as given (may contain `all`/`default`); undefined = all. */
  toolsets?: string[];
  /** Exact tool names; undefined = no restriction. */
  enabledTools?: string[];
  logLevel: "error" | "warn" | "info" | "debug";
  /** The shared OAuth settings and multi-user switches (always present; defaults when unset). */
  oauth: OAuthSettings;
  /**
   * `MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true`: the process should start with
   * `DENO_TLS_CA_STORE=system` (the printed run line and client configurations set it).
   */
  systemTrustStore?: boolean;
  /**
   * Files the configuration names: the .env file that was loaded, CA bundles, client
   * certificates and keys (of enabled services only), as given (relative paths stay relative).
   * Read permission is granted for exactly these.
   */
  files: string[];
}
