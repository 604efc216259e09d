/**
 * Whether the HTTP transports read credential headers, and whether they must be there.
 *
 * @module
 */
import type { Config } from "../../config/types.ts";

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
