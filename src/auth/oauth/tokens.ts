/**
 * The token endpoint calls: the authorization code exchange and the refresh, with the client
 * credentials in a form post as the Python server sends them.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import { addRotatingSecret, addSecret } from "../../log.ts";
import type { OAuthEndpoints } from "./endpoints.ts";
import { OAuthError } from "./error.ts";
import { field, hostOf, oauthCall, type OAuthCallOptions } from "./http.ts";
import { tokenError } from "./token_error.ts";

/** The tokens a token endpoint answered. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the server issued none (Cloud without `offline_access`). */
  refreshToken?: string;
  /** Lifetime of the access token in seconds (3600 when the server did not say). */
  expiresIn: number;
  /** When the access token expires, epoch seconds. */
  expiresAt: number;
  /** The granted scopes, when the server said. */
  scope?: string;
}

/** The client credentials and the code of an authorization code exchange. */
export interface CodeExchange {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  /** The PKCE verifier, when the authorize URL carried a challenge. */
  codeVerifier?: string;
}

/** The client credentials and the refresh token of a refresh. */
export interface RefreshRequest {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Data Center asks for the redirect URI of the original authorization as well. */
  redirectUri?: string;
}

async function tokenCall(
  endpoints: OAuthEndpoints,
  params: Record<string, string>,
  step: "refresh" | "code",
  opts: OAuthCallOptions,
): Promise<TokenSet> {
  const what = step === "refresh" ? "OAuth token refresh" : "OAuth code exchange";
  const started = (opts.now ?? Date.now)();
  const { status, body } = await oauthCall(
    endpoints.tokenUrl,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams(params).toString(),
    },
    opts,
    what,
  );
  if (status < 200 || status > 299) throw tokenError(endpoints, status, body, step);
  const accessToken = field(body, "access_token");
  if (!accessToken) {
    throw new OAuthError(
      "invalid_response",
      `${hostOf(endpoints.tokenUrl)} answered the ${what} without an access token.`,
      { status, hint: "Check ATLASSIAN_OAUTH_AUTH_URL; it must be the authorization server." },
    );
  }
  const refreshToken = field(body, "refresh_token");
  addRotatingSecret(accessToken);
  addRotatingSecret(refreshToken);
  const raw = (body as Record<string, unknown>).expires_in;
  const expiresIn = typeof raw === "number" && raw > 0
    ? raw
    : typeof raw === "string" && Number(raw) > 0
    ? Number(raw)
    : 3600;
  const out: TokenSet = { accessToken, expiresIn, expiresAt: started / 1000 + expiresIn };
  if (refreshToken) out.refreshToken = refreshToken;
  const scope = field(body, "scope");
  if (scope) out.scope = scope;
  return out;
}

/**
 * Exchanges an authorization code for tokens. On Cloud a missing refresh token is an error
 * that names `offline_access` (without it the tokens could not be refreshed).
 */
export async function exchangeCode(
  endpoints: OAuthEndpoints,
  request: CodeExchange,
  opts: OAuthCallOptions = {},
): Promise<TokenSet> {
  addSecret(request.clientSecret);
  const params: Record<string, string> = {
    grant_type: "authorization_code",
    client_id: request.clientId,
    client_secret: request.clientSecret,
    code: request.code,
    redirect_uri: request.redirectUri,
  };
  if (request.codeVerifier) params.code_verifier = request.codeVerifier;
  const tokens = await tokenCall(endpoints, params, "code", opts);
  if (endpoints.kind === "cloud" && !tokens.refreshToken) {
    throw new OAuthError(
      "no_refresh_token",
      `Atlassian issued no refresh token because the scopes lack offline_access: add offline_access to ATLASSIAN_OAUTH_SCOPE (and to the app's permissions), then run ${SETUP_COMMAND} again.`,
      { hint: "Add offline_access to the scopes." },
    );
  }
  return tokens;
}

/** Refreshes an access token; the answer may carry a new (rotated) refresh token. */
export async function refreshAccessToken(
  endpoints: OAuthEndpoints,
  request: RefreshRequest,
  opts: OAuthCallOptions = {},
): Promise<TokenSet> {
  addSecret(request.clientSecret);
  addRotatingSecret(request.refreshToken);
  const params: Record<string, string> = {
    grant_type: "refresh_token",
    client_id: request.clientId,
    client_secret: request.clientSecret,
    refresh_token: request.refreshToken,
  };
  if (request.redirectUri) params.redirect_uri = request.redirectUri;
  return await tokenCall(endpoints, params, "refresh", opts);
}
