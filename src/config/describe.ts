/**
 * `describeConfig()`: a one-paragraph summary of a configuration for `-v` logs, with every
 * credential left out (tokens, passwords, key material, proxy credentials, header values).
 *
 * @module
 */
import { redact } from "../log.ts";
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "./oauth.ts";
import { proxyFor, redactProxyUrl } from "./service/mod.ts";
import type { Config, ServiceConfig } from "./types.ts";

function describeAuth(s: ServiceConfig): string {
  switch (s.auth.kind) {
    case "basic":
      return `basic auth as ${s.auth.username}`;
    case "pat":
      return "personal access token";
    case "none":
      return "client certificate only";
    case "oauth":
      return `OAuth 2.0 with refresh (client ${s.oauth?.clientId}, tokens in ${s.oauth?.tokenFile})`;
    case "byot":
      return "OAuth access token as given (bring your own token, never refreshed)";
    case "per-request":
      return "credentials per HTTP request (multi-user)";
  }
}

function describeService(name: string, s: ServiceConfig): string {
  const auth = describeAuth(s);
  const tls = [
    s.tls.verify ? "TLS verified" : "TLS NOT verified",
    s.tls.caCerts?.length ? "custom CA bundle" : "",
    s.tls.clientCert ? "client certificate" : "",
  ].filter(Boolean).join(", ");
  const proxy = proxyFor(s);
  const parts = [
    `${name}: ${s.deployment === "cloud" ? "Cloud" : "Server/Data Center"} at ${s.url}${
      s.siteUrl ? ` (site ${s.siteUrl})` : ""
    }`,
    auth,
    tls,
    `timeout ${s.timeoutMs / 1000} s`,
    proxy ? `via proxy ${redactProxyUrl(proxy)}` : "direct connection",
  ];
  const headers = Object.keys(s.customHeaders);
  if (headers.length) parts.push(`custom headers ${headers.join(", ")}`);
  if (s.allowlist.length) {
    parts.push(`${s.product === "jira" ? "projects" : "spaces"} ${s.allowlist.join(",")}`);
  }
  return parts.join(", ");
}

/** A redacted one-paragraph summary of a configuration (safe to log). */
export function describeConfig(config: Config): string {
  const listen = config.transport === "stdio"
    ? "transport stdio"
    : `transport ${config.transport}${config.stateless ? " (stateless)" : ""} on ${
      config.host.includes(":") ? `[${config.host}]` : config.host
    }:${config.port}${config.path}`;
  const parts = [
    listen,
    config.readOnly ? "read-only" : "read-write",
    `toolsets ${config.toolsets?.join(",") ?? "all"}`,
    `tools ${config.enabledTools?.join(",") ?? "all"}`,
    `log level ${config.logLevel}`,
  ];
  const services = [
    config.jira ? describeService("Jira", config.jira) : "Jira: not configured",
    config.confluence
      ? describeService("Confluence", config.confluence)
      : "Confluence: not configured",
  ];
  const files = config.files.length ? `Files: ${config.files.join(", ")}.` : "Files: none.";
  const o = config.oauth;
  const oauthParts = [
    o.multiUser ? "multi-user (ATLASSIAN_OAUTH_ENABLE)" : "",
    o.multiUser && o.allowGlobalFallback ? "global credential fallback" : "",
    o.ignoreHeaderAuth ? "request auth headers ignored" : "",
    o.allowedUrlDomains.length ? `URL domains ${o.allowedUrlDomains.join(",")}` : "",
    [config.jira, config.confluence].some((svc) => svc?.auth.kind === "oauth") ||
      o.authUrl !== DEFAULT_AUTH_URL
      ? `auth server ${o.authUrl}`
      : "",
    o.apiUrl !== DEFAULT_API_URL ? `API gateway ${o.apiUrl}` : "",
  ].filter(Boolean);
  const oauth = oauthParts.length ? ` OAuth: ${oauthParts.join(", ")}.` : "";
  return redact(`Config: ${parts.join(", ")}. ${services.join(". ")}. ${files}${oauth}`);
}
