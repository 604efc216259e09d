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

/** How requests to one service authenticate. */
export type ServiceAuth =
  | { kind: "basic"; username: string; token: string }
  | { kind: "pat"; token: string }
  | { kind: "none" };

/**
 * Proxy settings resolved for one service (service-specific variables win over global ones).
 * Each URL is normalised with a scheme (`http://`, `https://`, `socks5://`, `socks5h://`) and may
 * carry `user:password@` for proxy authentication (the password is registered as a secret).
 * `proxyFor()` in `src/config/proxy.ts` picks the one that applies to the service's URL.
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
  /** Base URL without a trailing slash; Confluence Cloud ends in `/wiki`. */
  url: string;
  deployment: Deployment;
  auth: ServiceAuth;
  tls: TlsSettings;
  proxy: ProxySettings;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Extra headers sent on every request. */
  customHeaders: Record<string, string>;
  /** Jira: project keys allowed; Confluence: space keys allowed. Empty = no restriction. */
  allowlist: string[];
}

/** The MCP transport the server speaks. */
export type TransportKind = "stdio" | "sse" | "streamable-http";

/**
 * OAuth settings, accepted from `--oauth-*` flags and `ATLASSIAN_OAUTH_*` variables and stored
 * for a later release; nothing acts on them yet.
 */
export interface OAuthSettings {
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  scope?: string;
  cloudId?: string;
  accessToken?: string;
}

/** Regular expressions (source text) that override the default Jira key formats. */
export interface KeyPatterns {
  /** `JIRA_ISSUE_KEY_PATTERN`, default `^[A-Z][A-Z0-9_]+-\d+(?:-\d+)*$`. */
  issue?: string;
  /** `JIRA_PROJECT_KEY_PATTERN`, default `^[A-Z][A-Z0-9_]+$`. */
  project?: string;
}

/** The whole validated configuration. */
export interface Config {
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
  /** Toolset names as given (may contain `all`/`default`); undefined = all. */
  toolsets?: string[];
  /** Exact tool names; undefined = no restriction. */
  enabledTools?: string[];
  logLevel: "error" | "warn" | "info" | "debug";
  /** OAuth settings (reserved: stored, not used yet); absent when none is given. */
  oauth?: OAuthSettings;
  /**
   * Files the configuration names: the .env file that was loaded, CA bundles, client
   * certificates and keys (of enabled services only), as given (relative paths stay relative).
   * Read permission is granted for exactly these.
   */
  files: string[];
}
