/**
 * The OAuth 2.0 client of Atlassian's authorization servers: the authorize URL, the code
 * exchange, the refresh, and the accessible resources (cloud ids) of a token.
 *
 * Cloud (3LO): `${authUrl}/authorize?audience=api.atlassian.com&...&prompt=consent`, tokens at
 * `${authUrl}/oauth/token`, sites at `${apiUrl}/oauth/token/accessible-resources`. Data Center
 * OAuth 2.0 (incoming links): `${instance}/rest/oauth2/latest/authorize` and `/token`. Token
 * requests are form posts with the client credentials in the body, as the Python server sends.
 * Every failure is an `OAuthError` whose message is one clear sentence.
 *
 * @module
 */
import { DEFAULT_API_URL, DEFAULT_AUTH_URL, SETUP_COMMAND } from "../config/oauth.ts";
import type { ServiceConfig } from "../config/types.ts";
import { addSecret } from "../log.ts";
import { AuthError, type AuthErrorKind, REFRESH_REVOKED } from "./errors.ts";

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

/** Why an OAuth step failed. */
export type OAuthErrorCode =
  | "invalid_grant"
  | "invalid_client"
  | "no_refresh_token"
  | "access_denied"
  | "invalid_request"
  | "network"
  | "timeout"
  | "server"
  | "invalid_response";

/** A failed OAuth step: `message` is one sentence, `code` what went wrong. */
export class OAuthError extends AuthError {
  /** What went wrong. */
  readonly code: OAuthErrorCode;
  /** The HTTP status of the authorization server's answer, when there was one. */
  readonly status?: number;

  /** Creates the error. */
  constructor(
    code: OAuthErrorCode,
    message: string,
    init: { hint?: string; status?: number; cause?: unknown } = {},
  ) {
    const kinds: Partial<Record<OAuthErrorCode, AuthErrorKind>> = {
      network: "network",
      timeout: "timeout",
      server: "server",
      invalid_response: "server",
    };
    super(message, { hint: init.hint, kind: kinds[code] ?? "unauthorized", cause: init.cause });
    this.name = "OAuthError";
    this.code = code;
    this.status = init.status;
  }

  /** Whether retrying later cannot help (the grant or the client itself was refused). */
  get permanent(): boolean {
    return !["network", "timeout", "server"].includes(this.code);
  }
}

/**
 * The error for a callback that came back with `error` (the user declined the consent, or the
 * authorization server refused the request).
 */
export function callbackError(error: string, description?: string | null): OAuthError {
  if (error === "access_denied") {
    return new OAuthError(
      "access_denied",
      `The consent was declined (access_denied${
        description ? `: ${description}` : ""
      }), so no tokens were issued: run ${SETUP_COMMAND} again and choose Accept.`,
      { hint: "Accept the consent page in the browser." },
    );
  }
  return new OAuthError(
    "invalid_request",
    `The authorization server refused the request (${error}${
      description ? `: ${description}` : ""
    }): check the client id, redirect URI and scopes, then run ${SETUP_COMMAND} again.`,
  );
}

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

/** Transport options of the OAuth calls. */
export interface OAuthCallOptions {
  /** Replaces `fetch`. */
  fetchImpl?: typeof fetch;
  /** A `Deno.HttpClient` for TLS material or a proxy (Data Center instances). */
  client?: Deno.HttpClient;
  /** The clock, epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Timeout of one call in milliseconds (default 20000, as the Python server). */
  timeoutMs?: number;
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function call(
  url: string,
  init: RequestInit,
  opts: OAuthCallOptions,
  what: string,
): Promise<{ status: number; body: unknown; text: string }> {
  const doFetch = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const signal = AbortSignal.timeout(timeoutMs);
  const request: RequestInit & { client?: Deno.HttpClient } = {
    ...init,
    signal,
    redirect: "manual",
  };
  if (opts.client) request.client = opts.client;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, request);
    text = await res.text();
  } catch (error) {
    if (signal.aborted) {
      throw new OAuthError(
        "timeout",
        `${hostOf(url)} did not answer the ${what} within ${timeoutMs / 1000} s.`,
        { hint: "Try again; check the network and any proxy.", cause: error },
      );
    }
    throw new OAuthError(
      "network",
      `Could not reach ${hostOf(url)} for the ${what} (${
        error instanceof Error ? error.message : String(error)
      }).`,
      { hint: "Check the network, the proxy settings and ATLASSIAN_OAUTH_AUTH_URL.", cause: error },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The error of a token endpoint's non-2xx answer, for `step` ("refresh" or "code"). */
function tokenError(
  endpoints: OAuthEndpoints,
  status: number,
  body: unknown,
  step: "refresh" | "code",
): OAuthError {
  const error = field(body, "error");
  const description = field(body, "error_description");
  const host = hostOf(endpoints.tokenUrl);
  const detail = description ? ` (${description})` : "";
  const clientVars = endpoints.kind === "cloud"
    ? "ATLASSIAN_OAUTH_CLIENT_ID and ATLASSIAN_OAUTH_CLIENT_SECRET against the app's Settings page at https://developer.atlassian.com/console/myapps/"
    : "ATLASSIAN_OAUTH_CLIENT_ID and ATLASSIAN_OAUTH_CLIENT_SECRET against the incoming application link";
  if (error === "invalid_grant") {
    return step === "refresh"
      ? new OAuthError("invalid_grant", REFRESH_REVOKED, {
        status,
        hint:
          `Run ${SETUP_COMMAND} to authorize again; the new tokens are picked up without a restart.`,
      })
      : new OAuthError(
        "invalid_grant",
        `The authorization code was refused${detail}: it expired, was already used, or belongs to another redirect URI; run ${SETUP_COMMAND} again.`,
        { status },
      );
  }
  if (
    error === "invalid_client" || error === "unauthorized_client" ||
    (error === "access_denied" && status === 401) || (status === 401 && !error)
  ) {
    return new OAuthError(
      "invalid_client",
      `${host} refused the OAuth client id or secret${detail}: check ${clientVars}.`,
      { status, hint: `Correct the client secret, then run ${SETUP_COMMAND}.` },
    );
  }
  if (status >= 500) {
    return new OAuthError(
      "server",
      `${host} answered ${status} to the OAuth ${
        step === "refresh" ? "token refresh" : "code exchange"
      }; try again later.`,
      { status, hint: "The problem is on Atlassian's side; try again in a minute." },
    );
  }
  return new OAuthError(
    error === "access_denied" ? "access_denied" : "invalid_request",
    `${host} refused the OAuth ${step === "refresh" ? "token refresh" : "code exchange"} (${
      error ?? `HTTP ${status}`
    }${description ? `: ${description}` : ""}); run ${SETUP_COMMAND}.`,
    { status },
  );
}

async function tokenCall(
  endpoints: OAuthEndpoints,
  params: Record<string, string>,
  step: "refresh" | "code",
  opts: OAuthCallOptions,
): Promise<TokenSet> {
  const what = step === "refresh" ? "OAuth token refresh" : "OAuth code exchange";
  const started = (opts.now ?? Date.now)();
  const { status, body } = await call(
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
  addSecret(accessToken);
  addSecret(refreshToken);
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
  addSecret(request.refreshToken);
  const params: Record<string, string> = {
    grant_type: "refresh_token",
    client_id: request.clientId,
    client_secret: request.clientSecret,
    refresh_token: request.refreshToken,
  };
  if (request.redirectUri) params.redirect_uri = request.redirectUri;
  return await tokenCall(endpoints, params, "refresh", opts);
}

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
  const { status, body } = await call(
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
