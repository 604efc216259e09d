/**
 * The authorize step of OAuth 2.0: the authorize URL, the `state` value and the PKCE pair.
 *
 * @module
 */
import type { OAuthEndpoints } from "./endpoints.ts";

/** The parameters of an authorize URL. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** Space-separated scopes. */
  scope: string;
  /** The anti-forgery value the callback must carry back. */
  state: string;
  /** PKCE (optional): the S256 challenge of a verifier sent with the code exchange. */
  codeChallenge?: string;
}

/**
 * The authorize URL. Cloud: `audience=api.atlassian.com&client_id&scope&redirect_uri&state&
 * response_type=code&prompt=consent`; Data Center: `client_id&redirect_uri&response_type=code&
 * scope&state`.
 */
export function authorizationUrl(endpoints: OAuthEndpoints, request: AuthorizationRequest): string {
  const params: Record<string, string> = endpoints.kind === "cloud"
    ? {
      audience: "api.atlassian.com",
      client_id: request.clientId,
      scope: request.scope,
      redirect_uri: request.redirectUri,
      state: request.state,
      response_type: "code",
      prompt: "consent",
    }
    : {
      client_id: request.clientId,
      redirect_uri: request.redirectUri,
      response_type: "code",
      scope: request.scope,
      state: request.state,
    };
  const search = new URLSearchParams(params);
  if (request.codeChallenge) {
    search.set("code_challenge", request.codeChallenge);
    search.set("code_challenge_method", "S256");
  }
  return `${endpoints.authorizeUrl}?${search}`;
}

/** A random `state` value (16 random bytes, base64url), as the Python wizard makes. */
export function randomState(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A PKCE verifier (32 random bytes, base64url) and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64Url(new Uint8Array(digest)) };
}

function base64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
