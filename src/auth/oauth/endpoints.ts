/**
 * Where Atlassian's authorization servers live: the Cloud (3LO) endpoints and the Data Center
 * OAuth 2.0 endpoints of an instance.
 *
 * @module
 */
import { DEFAULT_API_URL, DEFAULT_AUTH_URL } from "../../config/oauth.ts";
import type { ServiceConfig } from "../../config/types.ts";

/** Where one authorization server lives. */
export interface OAuthEndpoints {
  /** Cloud (3LO through auth.atlassian.com) or Data Center (the instance's own provider). */
  kind: "cloud" | "datacenter";
  /** The authorize page. */
  authorizeUrl: string;
  /** The token endpoint (code exchange and refresh). */
  tokenUrl: string;
  /** Cloud only: the accessible-resources endpoint (the sites a token reaches). */
  resourcesUrl?: string;
}

function trim(url: string): string {
  return url.replace(/\/+$/, "");
}

/** The Cloud endpoints: `${authUrl}/authorize`, `${authUrl}/oauth/token`, `${apiUrl}/oauth/token/accessible-resources`. */
export function cloudEndpoints(
  authUrl: string = DEFAULT_AUTH_URL,
  apiUrl: string = DEFAULT_API_URL,
): OAuthEndpoints {
  return {
    kind: "cloud",
    authorizeUrl: `${trim(authUrl)}/authorize`,
    tokenUrl: `${trim(authUrl)}/oauth/token`,
    resourcesUrl: `${trim(apiUrl)}/oauth/token/accessible-resources`,
  };
}

/** The Data Center endpoints of an instance (with its context path): `/rest/oauth2/latest/...`. */
export function datacenterEndpoints(instanceUrl: string): OAuthEndpoints {
  const base = `${trim(instanceUrl)}/rest/oauth2/latest`;
  return { kind: "datacenter", authorizeUrl: `${base}/authorize`, tokenUrl: `${base}/token` };
}

/** The endpoints a service's OAuth uses: Cloud from its `oauth` settings, DC from its URL. */
export function endpointsFor(service: ServiceConfig): OAuthEndpoints {
  return service.deployment === "cloud"
    ? cloudEndpoints(service.oauth?.authUrl, service.oauth?.apiUrl)
    : datacenterEndpoints(service.url);
}
