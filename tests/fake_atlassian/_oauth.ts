/**
 * The fake's OAuth 2.0 authorization servers: a stand-in for `auth.atlassian.com` (Cloud 3LO) on
 * its own port, and the Data Center provider (`/rest/oauth2/latest/...`, Jira at the root and
 * Confluence under `/confluence`) on the Data Center site. Both run the authorization code grant
 * for real: a consent page (which a test completes through `completeConsent`, no browser), codes
 * that are single-use, bound to the client and redirect URI and valid for 10 minutes, refresh
 * tokens that rotate on every use, access tokens that expire.
 *
 * Their endpoints are not part of Atlassian's REST OpenAPI documents, so they are not rows of
 * `ROUTES` (which `spec_routes_test.ts` checks against those documents): they live in
 * `OAUTH_ENDPOINTS` below, a separate table that only the fake's OAuth servers route by.
 *
 * @module
 */

// --- the endpoint table ----------------------------------------------------------------------

/** Which fake host serves an OAuth endpoint. */
export type OAuthHost = "auth" | "api" | "datacenter";

/** What an OAuth endpoint does. */
export type OAuthOp = "authorize" | "consent" | "token" | "resources" | "gateway" | "forms";

/** One OAuth endpoint of the fake. */
export interface OAuthEndpoint {
  /** `auth` = `auth.atlassian.com`, `api` = `api.atlassian.com`, `datacenter` = the DC site. */
  host: OAuthHost;
  /** HTTP method (`*` = any). */
  method: "GET" | "POST" | "*";
  /** Path; `{x}` is one segment, a final `{path+}` the rest of the path. */
  pattern: string;
  /** What it does. */
  op: OAuthOp;
  /** DC: the product whose provider it is. */
  product?: "jira" | "confluence";
}

/**
 * Every OAuth endpoint the fake serves. NOT covered by the spec test, on purpose: the OAuth 2.0
 * authorization servers (`auth.atlassian.com`, the Data Center `/rest/oauth2/latest` provider)
 * and the `api.atlassian.com` gateway are not described by Atlassian's REST OpenAPI documents
 * (`../shared/specs/`), so there is nothing to check these rows against. The gateway forwards to
 * the Cloud sites' `ROUTES`, which are checked.
 */
export const OAUTH_ENDPOINTS: readonly OAuthEndpoint[] = [
  { host: "auth", method: "GET", pattern: "/authorize", op: "authorize" },
  { host: "auth", method: "POST", pattern: "/authorize/consent", op: "consent" },
  { host: "auth", method: "POST", pattern: "/oauth/token", op: "token" },
  { host: "api", method: "GET", pattern: "/oauth/token/accessible-resources", op: "resources" },
  { host: "api", method: "*", pattern: "/ex/jira/{cloudId}/{path+}", op: "gateway" },
  { host: "api", method: "*", pattern: "/ex/confluence/{cloudId}/{path+}", op: "gateway" },
  { host: "api", method: "*", pattern: "/jira/forms/cloud/{cloudId}/{path+}", op: "forms" },
  ...(["jira", "confluence"] as const).flatMap((product): OAuthEndpoint[] => {
    const base = product === "jira" ? "/rest/oauth2/latest" : "/confluence/rest/oauth2/latest";
    return [
      { host: "datacenter", method: "GET", pattern: `${base}/authorize`, op: "authorize", product },
      {
        host: "datacenter",
        method: "POST",
        pattern: `${base}/authorize/consent`,
        op: "consent",
        product,
      },
      { host: "datacenter", method: "POST", pattern: `${base}/token`, op: "token", product },
    ];
  }),
];

/** The result of routing a request through `OAUTH_ENDPOINTS`. */
export type OAuthMatch =
  | { kind: "endpoint"; endpoint: OAuthEndpoint; params: Record<string, string> }
  | { kind: "method"; allow: string[] }
  | { kind: "none" };

/** Finds the OAuth endpoint of a host for a request. */
export function matchOAuthEndpoint(host: OAuthHost, method: string, path: string): OAuthMatch {
  const parts = path.split("/").slice(1);
  const allow: string[] = [];
  for (const endpoint of OAUTH_ENDPOINTS) {
    if (endpoint.host !== host) continue;
    const params = matchPattern(endpoint.pattern, parts);
    if (!params) continue;
    if (endpoint.method === "*" || endpoint.method === method) {
      return { kind: "endpoint", endpoint, params };
    }
    allow.push(endpoint.method);
  }
  return allow.length ? { kind: "method", allow } : { kind: "none" };
}

function matchPattern(pattern: string, parts: string[]): Record<string, string> | null {
  const segs = pattern.split("/").slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s.endsWith("+}")) {
      if (i >= parts.length) return null;
      params[s.slice(1, -2)] = "/" + parts.slice(i).join("/");
      return params;
    }
    if (i >= parts.length) return null;
    if (s.startsWith("{")) {
      if (parts[i] === "") return null;
      params[s.slice(1, -1)] = parts[i];
    } else if (s !== parts[i]) return null;
  }
  return parts.length === segs.length ? params : null;
}

// --- small helpers ---------------------------------------------------------------------------

/** A random opaque token with a readable prefix (never reused). */
export function randomToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const b64 = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
  return `${prefix}${b64}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${
    escapeHtml(title)
  }</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html;charset=UTF-8", "cache-control": "no-store" },
  });
}

function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  });
}

function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}

/** A loopback HTTP server of the fake (the OAuth hosts). */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Stops it and closes every connection. */
  close(): Promise<void>;
}

/** Serves `handler` on `hostname:port` (0 = a free port). */
export function serveLoopback(
  hostname: string,
  port: number,
  handler: (req: Request) => Response | Promise<Response>,
): LoopbackServer {
  const closing = new AbortController();
  const server = Deno.serve(
    { hostname, port, signal: closing.signal, onListen: () => {} },
    handler,
  );
  const h = server.addr.hostname.includes(":") ? `[${server.addr.hostname}]` : server.addr.hostname;
  return {
    origin: `http://${h}:${server.addr.port}`,
    close: async () => {
      closing.abort();
      await server.finished;
    },
  };
}

/** Wraps a handler with a log line per request (path only: queries may carry codes). */
export function logged(
  label: string,
  log: ((line: string) => void) | undefined,
  handler: (req: Request) => Promise<Response>,
): (req: Request) => Promise<Response> {
  if (!log) return handler;
  return async (req) => {
    const started = performance.now();
    const res = await handler(req);
    const ms = Math.round(performance.now() - started);
    log(`${label} ${req.method} ${new URL(req.url).pathname} -> ${res.status} (${ms} ms)`);
    return res;
  };
}

// --- the registered client -------------------------------------------------------------------

/** The OAuth client (app) registered in the fake, on Cloud and on Data Center. */
export const FAKE_CLIENT = {
  id: "fake-client-id",
  secret: "fake-client-secret",
  name: "Fake MCP Atlassian",
} as const;

/** Registered redirect URIs: `http://127.0.0.1:<port>/callback` and `http://localhost:<port>/callback`. */
export function isRegisteredRedirect(uri: string): boolean {
  const m = /^http:\/\/(?:127\.0\.0\.1|localhost):(\d{1,5})\/callback$/.exec(uri);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65535;
}

// --- the provider ----------------------------------------------------------------------------

/** What a token (and the code or refresh token behind it) grants. */
export interface Grant {
  /** User id. */
  user: string;
  clientId: string;
  scopes: string[];
  /** Cloud: the cloud ids it reaches; Data Center: the product (`jira` or `confluence`). */
  resources: string[];
  /** The redirect URI of the authorization (empty for a minted token). */
  redirectUri: string;
}

/** A live access token. */
export interface AccessTokenRecord extends Grant {
  token: string;
  /** Epoch ms (real clock). */
  expiresAt: number;
}

interface RefreshRecord extends Grant {
  token: string;
  active: boolean;
}

interface CodeRecord extends Grant {
  code: string;
  expiresAt: number;
  used: boolean;
  challenge: string | null;
  challengeMethod: string | null;
}

interface Pending {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  challenge: string | null;
  challengeMethod: string | null;
  /** Fixed by the endpoint (DC product); null = chosen at consent (Cloud sites). */
  resources: string[] | null;
  expiresAt: number;
}

/** Configuration of one authorization server. */
export interface ProviderConfig {
  /** `cloud` (auth.atlassian.com) or `datacenter` (the DC provider). */
  kind: "cloud" | "datacenter";
  /** Default access token lifetime in seconds. */
  defaultLifetime: number;
  /** Users who can sign in (ids). */
  users(): string[];
  /** What a consent by this user grants at most (Cloud: cloud ids). */
  reachable(user: string): string[];
  /** Parses the `scope` parameter: the scopes, or an error description. */
  parseScope(raw: string | null): string[] | string;
  /** Whether a grant with these scopes gets a refresh token. */
  refreshable(scopes: string[]): boolean;
  /** A refresh grant must repeat the authorization's redirect_uri (Data Center). */
  refreshNeedsRedirectUri: boolean;
  /** Prefix of the tokens it issues. */
  prefix: string;
}

/** The answer of `verify`. */
export type Verdict =
  | { ok: true; record: AccessTokenRecord }
  | { ok: false; reason: "unknown" | "expired" };

/** A token minted by `issue`. */
export interface IssuedGrant {
  accessToken: string;
  /** Set when the scopes allow one (Cloud: `offline_access`; Data Center: always). */
  refreshToken?: string;
  /** Seconds. */
  expiresIn: number;
  /** Epoch ms. */
  expiresAt: number;
  user: string;
  scopes: string[];
  resources: string[];
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const PENDING_LIFETIME_MS = 30 * 60 * 1000;

function b64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

async function pkceMatches(
  verifier: string,
  challenge: string,
  method: string | null,
): Promise<boolean> {
  if ((method ?? "plain") === "plain") return verifier === challenge;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(digest)) === challenge;
}

/** One OAuth 2.0 authorization server (authorization code + refresh token grants). */
export class OAuthProvider {
  /** Token requests received, by `grant_type` (every request, answered or refused). */
  readonly tokenRequests: Record<string, number> = { authorization_code: 0, refresh_token: 0 };
  #lifetime: number;
  #pending = new Map<string, Pending>();
  #codes = new Map<string, CodeRecord>();
  #access = new Map<string, AccessTokenRecord>();
  #refresh = new Map<string, RefreshRecord>();

  /** Creates a provider. */
  constructor(readonly config: ProviderConfig) {
    this.#lifetime = config.defaultLifetime;
  }

  /** The access token lifetime in seconds. */
  get accessTokenLifetime(): number {
    return this.#lifetime;
  }

  /** Sets the lifetime (seconds) of access tokens issued from now on. */
  setAccessTokenLifetime(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new Error(`access token lifetime must be >= 0 seconds, got ${seconds}`);
    }
    this.#lifetime = seconds;
  }

  /** Every access token issued so far now counts as expired. */
  expireAllAccessTokens(): void {
    for (const r of this.#access.values()) r.expiresAt = 0;
  }

  /** Every refresh token issued so far is refused from now on. */
  revokeRefreshTokens(): void {
    for (const r of this.#refresh.values()) r.active = false;
  }

  /** Forgets every token, code and pending consent; counters and lifetime back to defaults. */
  reset(): void {
    this.#pending.clear();
    this.#codes.clear();
    this.#access.clear();
    this.#refresh.clear();
    for (const k of Object.keys(this.tokenRequests)) delete this.tokenRequests[k];
    this.tokenRequests.authorization_code = 0;
    this.tokenRequests.refresh_token = 0;
    this.#lifetime = this.config.defaultLifetime;
  }

  /** Checks an access token. */
  verify(token: string): Verdict {
    const record = this.#access.get(token);
    if (!record) return { ok: false, reason: "unknown" };
    if (Date.now() >= record.expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, record };
  }

  /** Mints tokens directly (no consent): for bring-your-own-token and multi-user tests. */
  issue(grant: Omit<Grant, "redirectUri" | "clientId">, lifetimeSeconds?: number): IssuedGrant {
    if (!this.config.users().includes(grant.user)) {
      throw new Error(`no user '${grant.user}' can sign in here`);
    }
    const out = this.#issue(
      { ...grant, clientId: FAKE_CLIENT.id, redirectUri: "" },
      lifetimeSeconds ?? this.#lifetime,
    );
    return {
      accessToken: out.access.token,
      refreshToken: out.refresh?.token,
      expiresIn: out.expiresIn,
      expiresAt: out.access.expiresAt,
      user: grant.user,
      scopes: [...grant.scopes],
      resources: [...grant.resources],
    };
  }

  #issue(from: Grant, lifetime: number) {
    const grant: Grant = {
      user: from.user,
      clientId: from.clientId,
      scopes: [...from.scopes],
      resources: [...from.resources],
      redirectUri: from.redirectUri,
    };
    const access: AccessTokenRecord = {
      ...grant,
      token: randomToken(`${this.config.prefix}at-`),
      expiresAt: Date.now() + lifetime * 1000,
    };
    this.#access.set(access.token, access);
    let refresh: RefreshRecord | undefined;
    if (this.config.refreshable(grant.scopes)) {
      refresh = {
        ...grant,
        scopes: [...grant.scopes],
        resources: [...grant.resources],
        token: randomToken(`${this.config.prefix}rt-`),
        active: true,
      };
      this.#refresh.set(refresh.token, refresh);
    }
    return { access, refresh, expiresIn: Math.floor(lifetime) };
  }

  /**
   * `GET .../authorize`: validates the request and answers the consent page, or (client and
   * redirect URI valid, something else wrong) redirects back with an error.
   */
  authorize(
    query: URLSearchParams,
    opts: { consentPath: string; resources?: string[]; audience?: string },
  ): Response {
    const clientId = query.get("client_id");
    const redirectUri = query.get("redirect_uri");
    const state = query.get("state");
    if (clientId !== FAKE_CLIENT.id) {
      return page(400, "Invalid client", "<p>The client_id is not a registered app.</p>");
    }
    if (!redirectUri || !isRegisteredRedirect(redirectUri)) {
      return page(
        400,
        "Invalid redirect_uri",
        "<p>The redirect_uri is not registered for this app.</p>",
      );
    }
    const back = (error: string, description: string) =>
      redirect(callbackUrl(redirectUri, { error, error_description: description, state }));
    if (query.get("response_type") !== "code") {
      return back("unsupported_response_type", "response_type must be code");
    }
    if (opts.audience !== undefined && query.get("audience") !== opts.audience) {
      return back("invalid_request", `audience must be ${opts.audience}`);
    }
    const scopes = this.config.parseScope(query.get("scope"));
    if (typeof scopes === "string") return back("invalid_scope", scopes);
    const challenge = query.get("code_challenge");
    const challengeMethod = query.get("code_challenge_method");
    if (challenge !== null && challengeMethod !== null && !/^(S256|plain)$/.test(challengeMethod)) {
      return back("invalid_request", "code_challenge_method must be S256 or plain");
    }
    const pending: Pending = {
      id: randomToken("req-"),
      clientId,
      redirectUri,
      scopes,
      state,
      challenge,
      challengeMethod: challenge === null ? null : challengeMethod ?? "plain",
      resources: opts.resources ?? null,
      expiresAt: Date.now() + PENDING_LIFETIME_MS,
    };
    this.#pending.set(pending.id, pending);
    const users = this.config.users().map((u) => `<option value="${escapeHtml(u)}">${u}</option>`);
    const sites = pending.resources === null
      ? `<fieldset><legend>Sites</legend>${
        [...new Set(this.config.users().flatMap((u) => this.config.reachable(u)))].map((id) =>
          `<label><input type="checkbox" name="site" value="${escapeHtml(id)}"> ${
            escapeHtml(id)
          }</label>`
        ).join("")
      }<p>(none checked = every site the user can reach)</p></fieldset>`
      : "";
    return page(
      200,
      `${FAKE_CLIENT.name} wants to access your Atlassian account`,
      `<p>Requested scopes:</p><ul>${
        scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("")
      }</ul><form method="post" action="${escapeHtml(opts.consentPath)}">` +
        `<input type="hidden" name="request" value="${escapeHtml(pending.id)}">` +
        `<label>Signed in as <select name="user">${users.join("")}</select></label>${sites}` +
        `<button name="decision" value="approve">Accept</button>` +
        `<button name="decision" value="deny">Cancel</button></form>`,
    );
  }

  /** `POST .../authorize/consent` (the consent form): redirects back with a code or an error. */
  consent(form: URLSearchParams): Response {
    const pending = this.#pending.get(form.get("request") ?? "");
    if (!pending || Date.now() >= pending.expiresAt) {
      return page(400, "Request expired", "<p>Start the authorization again.</p>");
    }
    const user = form.get("user") ?? "";
    const decision = form.get("decision");
    if (decision !== "approve" && decision !== "deny") {
      return page(400, "Bad consent", "<p>decision must be approve or deny.</p>");
    }
    if (decision === "approve" && !this.config.users().includes(user)) {
      return page(400, "Unknown user", `<p>No user '${escapeHtml(user)}' can sign in here.</p>`);
    }
    let resources = pending.resources;
    if (decision === "approve" && resources === null) {
      const reachable = this.config.reachable(user);
      const chosen = form.getAll("site");
      const foreign = chosen.filter((id) => !reachable.includes(id));
      if (foreign.length) {
        return page(
          400,
          "Site not available",
          `<p>${escapeHtml(user)} cannot reach ${escapeHtml(foreign.join(", "))}.</p>`,
        );
      }
      resources = chosen.length ? chosen : reachable;
    }
    this.#pending.delete(pending.id);
    if (decision === "deny") {
      return redirect(callbackUrl(pending.redirectUri, {
        error: "access_denied",
        error_description: "The user did not authorize the app.",
        state: pending.state,
      }));
    }
    const code: CodeRecord = {
      code: randomToken(`${this.config.prefix}code-`),
      user,
      clientId: pending.clientId,
      scopes: pending.scopes,
      resources: resources ?? [],
      redirectUri: pending.redirectUri,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
      used: false,
      challenge: pending.challenge,
      challengeMethod: pending.challengeMethod,
    };
    this.#codes.set(code.code, code);
    return redirect(callbackUrl(pending.redirectUri, { code: code.code, state: pending.state }));
  }

  /** `POST .../token`: JSON or form body; client credentials in the body or HTTP Basic. */
  async token(headers: Headers, body: string, opts: { resource?: string } = {}): Promise<Response> {
    const params = tokenParams(headers, body);
    const grantType = params.get("grant_type") ?? "";
    this.tokenRequests[grantType] = (this.tokenRequests[grantType] ?? 0) + 1;
    if (params.has("client_id") || params.has("client_secret")) {
      // client_secret_post
    } else {
      const basic = /^basic\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1];
      if (basic) {
        try {
          const decoded = atob(basic);
          const i = decoded.indexOf(":");
          params.set("client_id", decodeURIComponent(decoded.slice(0, i)));
          params.set("client_secret", decodeURIComponent(decoded.slice(i + 1)));
        } catch {
          // not Basic credentials: left missing
        }
      }
    }
    if (grantType !== "authorization_code" && grantType !== "refresh_token") {
      return this.#fail(
        "unsupported_grant_type",
        grantType ? `grant_type ${grantType} is not supported` : "grant_type is missing",
      );
    }
    if (
      params.get("client_id") !== FAKE_CLIENT.id ||
      params.get("client_secret") !== FAKE_CLIENT.secret
    ) {
      return this.#fail("client");
    }
    const resourceOk = (g: Grant) => !opts.resource || g.resources.includes(opts.resource);
    if (grantType === "authorization_code") {
      const value = params.get("code");
      if (!value) return this.#fail("invalid_request", "code is missing");
      const code = this.#codes.get(value);
      if (!code || code.clientId !== params.get("client_id") || !resourceOk(code)) {
        return this.#fail("invalid_grant", "Invalid authorization code");
      }
      // PKCE first: the only await, so the checks below and `used = true` happen in one step.
      const verifier = params.get("code_verifier");
      const pkceOk = code.challenge === null ||
        (verifier !== null && await pkceMatches(verifier, code.challenge, code.challengeMethod));
      if (code.used) {
        return this.#fail("invalid_grant", "Authorization code has already been used");
      }
      if (Date.now() >= code.expiresAt) {
        return this.#fail("invalid_grant", "Authorization code has expired");
      }
      if (params.get("redirect_uri") !== code.redirectUri) {
        return this.#fail(
          "invalid_grant",
          "redirect_uri does not match the one of the authorization request",
        );
      }
      if (!pkceOk) {
        return this.#fail("invalid_grant", "code_verifier does not match the code_challenge");
      }
      code.used = true;
      return this.#answer(this.#issue(code, this.#lifetime));
    }
    const value = params.get("refresh_token");
    if (!value) return this.#fail("invalid_request", "refresh_token is missing");
    const refresh = this.#refresh.get(value);
    if (
      !refresh || !refresh.active || refresh.clientId !== params.get("client_id") ||
      !resourceOk(refresh)
    ) {
      return this.#fail("invalid_grant", "Unknown or invalid refresh token.");
    }
    if (this.config.refreshNeedsRedirectUri && params.get("redirect_uri") !== refresh.redirectUri) {
      return this.#fail(
        "invalid_grant",
        "redirect_uri does not match the one of the authorization request",
      );
    }
    refresh.active = false; // rotation: the old refresh token is spent
    return this.#answer(this.#issue(refresh, this.#lifetime));
  }

  #answer(out: { access: AccessTokenRecord; refresh?: RefreshRecord; expiresIn: number }) {
    const body: Record<string, unknown> = {
      access_token: out.access.token,
      expires_in: out.expiresIn,
      token_type: "Bearer",
      scope: out.access.scopes.join(" "),
    };
    if (out.refresh) body.refresh_token = out.refresh.token;
    return jsonResponse(body, 200, { "cache-control": "no-store", pragma: "no-cache" });
  }

  /**
   * A token endpoint error. Cloud: bad client 401 `access_denied` "Unauthorized", bad code or
   * refresh token 403 `invalid_grant` (what auth.atlassian.com answers). Data Center: RFC 6749,
   * 401 `invalid_client`, 400 `invalid_grant`.
   */
  #fail(
    error: "client" | "invalid_grant" | "invalid_request" | "unsupported_grant_type",
    description = "",
  ): Response {
    const cloud = this.config.kind === "cloud";
    if (error === "client") {
      return cloud
        ? jsonResponse({ error: "access_denied", error_description: "Unauthorized" }, 401)
        : jsonResponse(
          { error: "invalid_client", error_description: "Client authentication failed" },
          401,
        );
    }
    const status = error === "invalid_grant" && cloud ? 403 : 400;
    return jsonResponse({ error, error_description: description }, status);
  }
}

function callbackUrl(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.href;
}

function tokenParams(headers: Headers, body: string): URLSearchParams {
  const type = headers.get("content-type") ?? "";
  const fromJson = (): URLSearchParams | null => {
    try {
      const v = JSON.parse(body);
      if (!v || typeof v !== "object" || Array.isArray(v)) return null;
      const p = new URLSearchParams();
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === "string" || typeof x === "number") p.set(k, String(x));
      }
      return p;
    } catch {
      return null;
    }
  };
  if (/json/i.test(type)) return fromJson() ?? new URLSearchParams();
  if (/x-www-form-urlencoded/i.test(type)) return new URLSearchParams(body);
  return fromJson() ?? new URLSearchParams(body);
}

// --- Cloud: auth.atlassian.com ---------------------------------------------------------------

/** The scopes a Cloud authorize request may name (anything Atlassian-shaped is accepted). */
function parseCloudScope(raw: string | null): string[] | string {
  const scopes = (raw ?? "").split(/\s+/).filter(Boolean);
  if (!scopes.length) return "scope is required";
  const bad = scopes.find((s) => !/^[a-z][a-z0-9_.:-]*$/i.test(s));
  if (bad) return `unknown scope ${bad}`;
  return [...new Set(scopes)];
}

/** The Cloud authorization server (`auth.atlassian.com`). */
export function cloudProvider(
  users: () => string[],
  reachable: (user: string) => string[],
): OAuthProvider {
  return new OAuthProvider({
    kind: "cloud",
    defaultLifetime: 3600,
    users,
    reachable,
    parseScope: parseCloudScope,
    refreshable: (scopes) => scopes.includes("offline_access"),
    refreshNeedsRedirectUri: false,
    prefix: "atl-",
  });
}

/** Answers a request to the fake `auth.atlassian.com`. */
export async function serveAuth(provider: OAuthProvider, req: Request): Promise<Response> {
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  const m = matchOAuthEndpoint("auth", method, url.pathname);
  const body = await req.text().catch(() => "");
  if (m.kind === "none") return page(404, "Not found", "");
  if (m.kind === "method") {
    return new Response(null, { status: 405, headers: { allow: m.allow.join(", ") } });
  }
  switch (m.endpoint.op) {
    case "authorize":
      return provider.authorize(url.searchParams, {
        consentPath: "/authorize/consent",
        audience: "api.atlassian.com",
      });
    case "consent":
      return provider.consent(new URLSearchParams(body));
    default:
      return await provider.token(req.headers, body);
  }
}

// --- Data Center: /rest/oauth2/latest --------------------------------------------------------

/** Data Center OAuth 2.0 scopes, each implying the ones before it. */
export const DC_SCOPE_LEVELS = ["READ", "WRITE", "ADMIN", "SYSTEM_ADMIN"] as const;

/**
 * The scope a Data Center REST request needs: READ for GET/HEAD and for the search POST
 * (`/rest/api/2/search`), WRITE for every other write.
 */
export function dcScopeNeeded(method: string, path: string): "READ" | "WRITE" {
  if (method === "GET" || method === "HEAD") return "READ";
  if (method === "POST" && /^\/rest\/api\/2\/search\/?$/.test(path)) return "READ";
  return "WRITE";
}

function dcLevel(scopes: string[]): number {
  return Math.max(-1, ...scopes.map((s) => DC_SCOPE_LEVELS.indexOf(s as "READ")));
}

function parseDcScope(raw: string | null): string[] | string {
  const scopes = (raw ?? "").split(/[\s,]+/).filter(Boolean);
  if (!scopes.length) return "scope is required (READ, WRITE, ADMIN or SYSTEM_ADMIN)";
  const bad = scopes.find((s) => !(DC_SCOPE_LEVELS as readonly string[]).includes(s));
  if (bad) return `unknown scope ${bad} (use READ, WRITE, ADMIN or SYSTEM_ADMIN)`;
  return [...new Set(scopes)];
}

/** The Data Center provider (one for Jira and Confluence; tokens are bound to the product). */
export function datacenterProvider(users: () => string[]): OAuthProvider {
  return new OAuthProvider({
    kind: "datacenter",
    defaultLifetime: 7200,
    users,
    reachable: () => [],
    parseScope: parseDcScope,
    refreshable: () => true,
    refreshNeedsRedirectUri: true,
    prefix: "dc-",
  });
}

/** The product a Data Center REST path belongs to. */
export function dcProductOf(path: string): "jira" | "confluence" {
  return path.startsWith("/confluence/") ? "confluence" : "jira";
}

/** Serves the provider's endpoints on the Data Center site and accepts its Bearer tokens. */
export function datacenterExtension(provider: OAuthProvider): {
  serve(req: Request, url: URL, body: string): Promise<Response | null>;
  bearer(
    token: string,
    request: { method: string; path: string },
  ): { user: string } | { forbidden: string } | null;
} {
  return {
    async serve(req, url, body) {
      const method = req.method.toUpperCase();
      const m = matchOAuthEndpoint("datacenter", method, url.pathname);
      if (m.kind === "none") return null;
      if (m.kind === "method") {
        return new Response(null, { status: 405, headers: { allow: m.allow.join(", ") } });
      }
      const product = m.endpoint.product ?? "jira";
      const base = m.endpoint.pattern.replace(/\/(authorize|token)(\/consent)?$/, "");
      switch (m.endpoint.op) {
        case "authorize":
          return provider.authorize(url.searchParams, {
            consentPath: `${base}/authorize/consent`,
            resources: [product],
          });
        case "consent":
          return provider.consent(new URLSearchParams(body));
        default:
          return await provider.token(req.headers, body, { resource: product });
      }
    },
    bearer(token, { method, path }) {
      const v = provider.verify(token);
      if (!v.ok) return null;
      if (!v.record.resources.includes(dcProductOf(path))) return null;
      const need = dcScopeNeeded(method, path);
      if (dcLevel(v.record.scopes) < DC_SCOPE_LEVELS.indexOf(need)) {
        return { forbidden: `The OAuth 2.0 access token does not grant the ${need} scope.` };
      }
      return { user: v.record.user };
    },
  };
}

// --- consent without a browser ---------------------------------------------------------------

/** How `completeConsent` answers the consent page. */
export interface ConsentOptions {
  /** Accept (default) or cancel. */
  approve?: boolean;
  /** Who signs in (default `alice`). */
  user?: string;
  /** Cloud: the sites to grant (default: every site the user can reach). */
  cloudIds?: string[];
}

/**
 * Plays the browser: opens an authorize URL, answers its consent page, and returns the URL the
 * user is sent back to (`<redirect_uri>?code=...&state=...`, or `?error=...&state=...`). Throws
 * when the authorize page is an error page (unknown client, unregistered redirect URI).
 */
export async function completeConsent(
  authorizeUrl: string,
  opts: ConsentOptions = {},
): Promise<string> {
  const first = await fetch(authorizeUrl, { redirect: "manual" });
  const html = await first.text();
  const location = first.headers.get("location");
  if (first.status >= 300 && first.status < 400 && location) return location;
  if (first.status !== 200) {
    throw new Error(`authorize answered ${first.status}: ${textOf(html)}`);
  }
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!request || !action) throw new Error("authorize answered no consent form");
  const form = new URLSearchParams({
    request,
    user: opts.user ?? "alice",
    decision: opts.approve === false ? "deny" : "approve",
  });
  for (const id of opts.cloudIds ?? []) form.append("site", id);
  const res = await fetch(new URL(action, authorizeUrl), {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const text = await res.text();
  const back = res.headers.get("location");
  if (res.status !== 302 || !back) {
    throw new Error(`consent answered ${res.status}: ${textOf(text)}`);
  }
  return back;
}

function textOf(html: string): string {
  return html.replace(/<title>.*?<\/title>/s, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ")
    .trim();
}
