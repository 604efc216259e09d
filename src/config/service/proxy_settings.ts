/**
 * One service's proxy settings from its `*_PROXY` / `*_NO_PROXY` variables.
 *
 * Service variables win over the global ones (lower case, then upper case). The URL rules
 * themselves live in `proxy.ts`, shared with the HTTP client and the permission plan.
 *
 * @module
 */
import { addSecret } from "../../log.ts";
import { type Report, type Settings, shown } from "../_settings.ts";
import { normaliseProxyUrl, parseNoProxy, proxyCredentials } from "./proxy.ts";
import type { ProxySettings } from "../types.ts";

/**
 * Loads the proxy settings of the service whose variables start with `P` (`JIRA`, `CONFLUENCE`).
 *
 * An invalid proxy URL is a problem (and left out); proxy credentials become secrets.
 */
export function loadProxy(s: Settings, r: Report, P: string): ProxySettings {
  const proxy: ProxySettings = { noProxy: [] };
  const fields = [
    ["http", `${P}_HTTP_PROXY`, "http_proxy", "HTTP_PROXY", "http"],
    ["https", `${P}_HTTPS_PROXY`, "https_proxy", "HTTPS_PROXY", "http"],
    ["socks", `${P}_SOCKS_PROXY`, "socks_proxy", "SOCKS_PROXY", "socks"],
  ] as const;
  for (const [field, own, lower, upper, kind] of fields) {
    const v = s.first(own, lower, upper);
    if (!v) continue;
    const url = normaliseProxyUrl(v.value, kind);
    if (url === undefined) {
      const sample = kind === "socks"
        ? "socks5://proxy.example.com:1080"
        : "http://proxy.example.com:3128";
      r.problem(
        `${s.label(v)} is not a valid proxy URL (got "${shown(v.value)}"); example: ${
          s.example(v, sample)
        }`,
      );
      continue;
    }
    proxyCredentials(url).forEach(addSecret);
    proxy[field] = url;
  }
  const noProxy = s.first(`${P}_NO_PROXY`, "no_proxy", "NO_PROXY");
  if (noProxy) proxy.noProxy = parseNoProxy(noProxy.value);
  return proxy;
}
