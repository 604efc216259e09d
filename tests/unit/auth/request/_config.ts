/**
 * Configurations for the multi-user request tests (`mod_test.ts`,
 * `scope_test.ts`, `tests/unit/server/http_test.ts`): a per-request service and a
 * `Config` with OAuth defaults.
 *
 * @module
 */
import type { Config, OAuthSettings, ServiceConfig } from "../../../../src/config/types.ts";

/** A per-request service for `product` at `url`. */
export function service(
  product: "jira" | "confluence",
  url: string,
  deployment: "cloud" | "datacenter",
): ServiceConfig {
  return {
    product,
    url,
    deployment,
    auth: { kind: "per-request" },
    tls: { verify: true },
    proxy: { noProxy: [] },
    timeoutMs: 1000,
    customHeaders: {},
    allowlist: [],
  } as ServiceConfig;
}

/** A streamable-HTTP configuration on 127.0.0.1 with `over` applied (OAuth fields merged). */
export function config(
  over: Omit<Partial<Config>, "oauth"> & { oauth?: Partial<OAuthSettings> },
): Config {
  return {
    transport: "streamable-http",
    host: "127.0.0.1",
    port: 0,
    path: "/mcp",
    stateless: false,
    readOnly: false,
    logLevel: "warn",
    files: [],
    ...over,
    oauth: {
      authUrl: "https://auth.atlassian.com",
      apiUrl: "https://api.atlassian.com",
      multiUser: false,
      allowGlobalFallback: false,
      ignoreHeaderAuth: false,
      allowedUrlDomains: [],
      ...over.oauth,
    },
  } as Config;
}
