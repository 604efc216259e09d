/**
 * Per-request instance URLs (`X-Atlassian-*-Url`): the `MCP_ALLOWED_URL_DOMAINS` host check and
 * the URL check that never repeats the URL in its reason.
 *
 * @module
 */

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
