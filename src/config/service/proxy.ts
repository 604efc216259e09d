/**
 * Proxy URLs: normalising `*_PROXY` values, `NO_PROXY` matching, and picking the proxy that
 * applies to a service (the HTTP client and the permission plan use the same rule).
 *
 * @module
 */
import type { ProxySettings } from "../types.ts";

const HTTP_SCHEMES = ["http:", "https:", "socks5:", "socks5h:"];
const SOCKS_SCHEMES = ["socks5:", "socks5h:"];
const DEFAULT_PORTS: Record<string, string> = {
  "http:": "80",
  "https:": "443",
  "socks5:": "1080",
  "socks5h:": "1080",
};

/**
 * Normalises a proxy value to `scheme://[user:password@]host[:port]`. A value without a scheme
 * gets `http://` (`kind: "http"`) or `socks5://` (`kind: "socks"`), as Python's requests does.
 * Returns undefined when the value is not a usable proxy URL (a path, a query or an unsupported
 * scheme included).
 */
export function normaliseProxyUrl(value: string, kind: "http" | "socks"): string | undefined {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `${kind === "socks" ? "socks5" : "http"}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  const allowed = kind === "socks" ? SOCKS_SCHEMES : HTTP_SCHEMES;
  if (!allowed.includes(url.protocol) || url.hostname === "") return undefined;
  if ((url.pathname !== "" && url.pathname !== "/") || url.search || url.hash) return undefined;
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ""}@` : "";
  return `${url.protocol}//${auth}${url.host}`;
}

/**
 * The credential in a proxy URL (its password, or its user when there is no password), as
 * written and percent-decoded, to register as secrets.
 */
export function proxyCredentials(proxyUrl: string): string[] {
  try {
    const url = new URL(proxyUrl);
    const raw = url.password || url.username;
    return raw ? [...new Set([raw, decodeURIComponent(raw)])] : [];
  } catch {
    return [];
  }
}

/** `host:port` of a proxy URL (default port by scheme), without any credentials. */
export function proxyAddress(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  return `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol] || "80"}`;
}

/** A proxy URL with its credentials replaced by `***`, for logs. */
export function redactProxyUrl(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl);
    return `${url.protocol}//${url.username ? "***@" : ""}${url.host}`;
  } catch {
    return "***";
  }
}

/** Splits a NO_PROXY value (commas or spaces) into lower-cased entries. */
export function parseNoProxy(value: string): string[] {
  return value.split(/[\s,]+/).map((e) => e.trim().toLowerCase()).filter((e) => e !== "");
}

/**
 * Tells whether a target URL bypasses the proxy: an entry `*` matches everything; a name,
 * `.name` or `*.name` matches that host and its subdomains; `host:port` also needs the port to
 * match. (CIDR ranges are not supported, like most clients.)
 */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = target.port || DEFAULT_PORTS[target.protocol] || "";
  for (const entry of noProxy) {
    if (entry === "*") return true;
    let name = entry;
    let entryPort: string | undefined;
    const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (m) {
      name = m[1];
      entryPort = m[2];
    }
    name = name.replace(/^\[|\]$/g, "").replace(/^\*/, "").replace(/^\./, "");
    if (name === "") continue;
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * The proxy URL a service's requests go through, or undefined for a direct connection: the
 * HTTPS proxy for https:// sites (the HTTP proxy for http:// ones), else the SOCKS proxy,
 * unless the site's host is in NO_PROXY.
 */
export function proxyFor(service: { url: string; proxy: ProxySettings }): string | undefined {
  const target = new URL(service.url);
  if (bypassesProxy(target, service.proxy.noProxy)) return undefined;
  const byScheme = target.protocol === "https:" ? service.proxy.https : service.proxy.http;
  return byScheme ?? service.proxy.socks;
}
