/**
 * `describeConfig()`: a one-paragraph summary of a configuration for `-v` logs, with every
 * credential left out (tokens, passwords, key material, proxy credentials, header values).
 *
 * @module
 */
import { redact } from "../log.ts";
import { proxyFor, redactProxyUrl } from "./proxy.ts";
import type { Config, ServiceConfig } from "./types.ts";

function describeService(name: string, s: ServiceConfig): string {
  const auth = s.auth.kind === "basic"
    ? `basic auth as ${s.auth.username}`
    : s.auth.kind === "pat"
    ? "personal access token"
    : "client certificate only";
  const tls = [
    s.tls.verify ? "TLS verified" : "TLS NOT verified",
    s.tls.caCerts?.length ? "custom CA bundle" : "",
    s.tls.clientCert ? "client certificate" : "",
  ].filter(Boolean).join(", ");
  const proxy = proxyFor(s);
  const parts = [
    `${name}: ${s.deployment === "cloud" ? "Cloud" : "Server/Data Center"} at ${s.url}`,
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
  const oauth = config.oauth ? " OAuth settings present (not used yet)." : "";
  return redact(`Config: ${parts.join(", ")}. ${services.join(". ")}. ${files}${oauth}`);
}
