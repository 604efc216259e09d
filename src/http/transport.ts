/**
 * TLS and proxy settings of one service, turned into one `Deno.HttpClient`.
 *
 * Limits of the platform (measured with Deno 2.9.6):
 * - There is no per-client "do not verify certificates". `tls.verify === false` is honoured
 *   only by the process flag `--unsafely-ignore-certificate-errors=<host>`, which the sandbox
 *   module adds to the run line; this module ignores `verify`.
 * - Deno also honours the `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` environment variables of the
 *   process by itself; a host excluded here by `noProxy` can still be proxied by those unless
 *   `NO_PROXY` excludes it too.
 * - `noProxy` entries match host names (exact, `.suffix`, `*.suffix`, bare `suffix` for
 *   subdomains, or `*`); a `:port` on an entry is ignored; CIDR ranges are not supported.
 *
 * @module
 */
import type { ServiceConfig } from "../config/types.ts";

function bareHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") > 0 ? h.indexOf("]") : undefined);
  const colon = h.lastIndexOf(":");
  if (colon > 0 && h.indexOf(":") === colon) h = h.slice(0, colon);
  return h.replace(/\.$/, "");
}

/** Whether `hostname` is excluded from proxying by a `noProxy` list. */
export function matchesNoProxy(hostname: string, noProxy: readonly string[]): boolean {
  const host = bareHost(hostname);
  for (const raw of noProxy) {
    let entry = bareHost(raw);
    if (!entry) continue;
    if (entry === "*") return true;
    if (entry.startsWith("*.")) entry = entry.slice(1);
    if (entry.startsWith(".")) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith("." + entry)) {
      return true;
    }
  }
  return false;
}

/**
 * The proxy for a service URL: `proxy.https` for https targets, `proxy.http` for http ones,
 * else `proxy.socks`; none when the host matches `noProxy`. Userinfo in the proxy URL becomes
 * `basicAuth` (and is removed from the URL).
 */
export function proxyFor(service: Pick<ServiceConfig, "url" | "proxy">): Deno.Proxy | undefined {
  const target = new URL(service.url);
  const { proxy } = service;
  if (matchesNoProxy(target.hostname, proxy.noProxy)) return undefined;
  const chosen = (target.protocol === "https:" ? proxy.https : proxy.http) ?? proxy.socks;
  if (!chosen) return undefined;
  const u = new URL(chosen.includes("://") ? chosen : `http://${chosen}`);
  if (!u.username && !u.password) return { url: u.href };
  const basicAuth = {
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  u.username = "";
  u.password = "";
  return { url: u.href, basicAuth };
}

/** The options for `Deno.createHttpClient`, or undefined when the default client will do. */
export function httpClientOptions(
  service: Pick<ServiceConfig, "url" | "proxy" | "tls">,
): (Deno.CreateHttpClientOptions & { cert?: string; key?: string }) | undefined {
  const options: Deno.CreateHttpClientOptions & { cert?: string; key?: string } = {};
  const { caCerts, clientCert, clientKey } = service.tls;
  if (caCerts && caCerts.length > 0) options.caCerts = caCerts;
  if (clientCert && clientKey) {
    options.cert = clientCert;
    options.key = clientKey;
  }
  const proxy = proxyFor(service);
  if (proxy) options.proxy = proxy;
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * Builds the `Deno.HttpClient` for a service (private CAs, mTLS, proxy), or undefined when none
 * of those is configured and the runtime's default client (which honours `DENO_CERT` and the
 * proxy environment variables) is enough. The caller closes it.
 */
export function createTransport(
  service: Pick<ServiceConfig, "url" | "proxy" | "tls">,
): Deno.HttpClient | undefined {
  const options = httpClientOptions(service);
  return options ? Deno.createHttpClient(options) : undefined;
}

/**
 * Builds the `Deno.HttpClient` for requests that change state: the service's TLS and proxy
 * settings, and no idle connection pool, so every request opens its own connection.
 *
 * Deno's `fetch` silently sends a request again when a reused keep-alive connection turns out
 * to be closed, even when the server had already applied it (measured with Deno 2.9.6: 30 of 30
 * POSTs whose connection dropped after the write was applied were applied twice). A request on
 * a fresh connection is never resent, so a write happens at most once. The caller closes it.
 */
export function createWriteTransport(
  service: Pick<ServiceConfig, "url" | "proxy" | "tls">,
): Deno.HttpClient {
  return Deno.createHttpClient({ ...httpClientOptions(service), poolMaxIdlePerHost: 0 });
}
