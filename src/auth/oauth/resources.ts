/**
 * The Cloud sites (cloud ids) an access token reaches, from `accessible-resources`.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import type { OAuthEndpoints } from "./endpoints.ts";
import { OAuthError } from "./error.ts";
import { hostOf, oauthCall, type OAuthCallOptions } from "./http.ts";

/** One site an access token reaches (`accessible-resources`). */
export interface AccessibleResource {
  /** The cloud id. */
  id: string;
  /** The site URL, e.g. `https://acme.atlassian.net`. */
  url: string;
  /** The site name. */
  name: string;
  /** The scopes granted on that site. */
  scopes: string[];
  /** The site's avatar, when given. */
  avatarUrl?: string;
}

/** The sites (cloud ids) an access token reaches, from `${apiUrl}/oauth/token/accessible-resources`. */
export async function accessibleResources(
  endpoints: OAuthEndpoints,
  accessToken: string,
  opts: OAuthCallOptions = {},
): Promise<AccessibleResource[]> {
  if (!endpoints.resourcesUrl) {
    throw new OAuthError(
      "invalid_request",
      "Data Center has no accessible-resources endpoint: the instance URL is the site.",
    );
  }
  const what = "list of sites (accessible-resources)";
  const { status, body } = await oauthCall(
    endpoints.resourcesUrl,
    {
      method: "GET",
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    },
    opts,
    what,
  );
  if (status === 401 || status === 403) {
    throw new OAuthError(
      "invalid_grant",
      `${
        hostOf(endpoints.resourcesUrl)
      } refused the new access token when listing its sites (HTTP ${status}); run ${SETUP_COMMAND} again.`,
      { status },
    );
  }
  if (status < 200 || status > 299 || !Array.isArray(body)) {
    throw new OAuthError(
      status >= 500 ? "server" : "invalid_response",
      `${hostOf(endpoints.resourcesUrl)} answered the ${what} with HTTP ${status}${
        Array.isArray(body) ? "" : " and no list"
      }; check ATLASSIAN_API_URL or try again later.`,
      { status },
    );
  }
  return body.filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === "object")
    .map((x) => {
      const out: AccessibleResource = {
        id: String(x.id ?? ""),
        url: String(x.url ?? ""),
        name: String(x.name ?? ""),
        scopes: Array.isArray(x.scopes) ? x.scopes.map(String) : [],
      };
      if (typeof x.avatarUrl === "string") out.avatarUrl = x.avatarUrl;
      return out;
    })
    .filter((r) => r.id);
}
