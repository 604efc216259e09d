/**
 * The fake Atlassian: a stateful in-memory Jira + Confluence in two flavours (Cloud and Data
 * Center), each served over real loopback HTTP on its own port. It checks credentials, answers
 * with Atlassian's own error bodies, evaluates a JQL and CQL subset for real, pages like Atlassian
 * (Jira startAt/maxResults and nextPageToken, Confluence v1 start/limit and v2 cursors), keeps
 * the state that writes change, records every request and injects faults on demand.
 *
 * ```ts
 * const fake = await startFakeAtlassian();
 * const res = await fetch(`${fake.cloud.origin}/rest/api/3/myself`, { headers: { authorization } });
 * fake.cloud.fault({ match: "/search/jql", status: 429, retryAfter: 1 });
 * await fake.close();
 * ```
 *
 * OAuth 2.0: a second Cloud site (`fake.cloud2`), a fake `auth.atlassian.com` and
 * `api.atlassian.com` in front of both Cloud sites (`fake.oauth`), and the Data Center OAuth 2.0
 * provider on the Data Center site (`fake.dcOAuth`):
 *
 * ```ts
 * const back = await fake.oauth.consent(authorizeUrl, { approve: true, user: "alice" });
 * const { accessToken } = fake.oauth.issueToken({ user: "carol" }); // site 2 only
 * ```
 *
 * Independent of `src/`: it is a stand-in for Atlassian, not a client of our code.
 *
 * @module
 */
import {
  betaSeed,
  CLOUD_ID_1,
  CLOUD_ID_2,
  CLOUD_OAUTH_USERS,
  CLOUD_SITES,
  cloudIdsOf,
} from "./_cloud_sites.ts";
import {
  ApiGateway,
  type ApiRequest,
  GATEWAY_SCOPES,
  type ScopeMode,
  type ScopeRule,
} from "./_gateway.ts";
import { type FakeState, type FakeUser, type Flavour, seedState } from "./_model.ts";
import { mediaOf, registerMedia, serveMedia } from "./_confluence_attachments.ts";
import {
  cloudProvider,
  completeConsent,
  type ConsentOptions,
  datacenterExtension,
  datacenterProvider,
  FAKE_CLIENT,
  logged,
  type LoopbackServer,
  OAUTH_ENDPOINTS,
  type OAuthEndpoint,
  type OAuthProvider,
  serveAuth,
  serveLoopback,
} from "./_oauth.ts";
import { type FaultSpec, type RecordedRequest, Site } from "./_server.ts";

export type { FakeState, FakeUser, FaultSpec, Flavour, RecordedRequest };
export type { ApiRequest, ConsentOptions, OAuthEndpoint, ScopeMode, ScopeRule };
export { CLOUD_ID_1, CLOUD_ID_2, GATEWAY_SCOPES, OAUTH_ENDPOINTS };

/** The scope `fake.oauth.env` asks for (`ATLASSIAN_OAUTH_SCOPE`). */
export const FAKE_OAUTH_SCOPE =
  "read:jira-work write:jira-work read:jira-user read:page:confluence write:page:confluence " +
  "read:space:confluence search:confluence read:confluence-user read:comment:confluence " +
  "write:comment:confluence read:hierarchical-content:confluence delete:page:confluence " +
  "write:confluence-content offline_access";
export { ROUTES, SPECS, UNSPECIFIED_ROUTES } from "./routes.ts";
export type { Route, SpecName, UnspecifiedRoute } from "./routes.ts";

/** Options of `startFakeAtlassian`. */
export interface FakeAtlassianOptions {
  /** Interface to bind (default 127.0.0.1). */
  hostname?: string;
  /** Port of the Cloud site (default 0 = a free port). */
  portCloud?: number;
  /** Port of the Data Center site (default 0 = a free port). */
  portDatacenter?: number;
  /** Port of the second Cloud site (default 0 = a free port). */
  portCloud2?: number;
  /** Port of the fake `auth.atlassian.com` (default 0 = a free port). */
  portAuth?: number;
  /** Port of the fake `api.atlassian.com` (default 0 = a free port). */
  portApi?: number;
  /** Clock for timestamps written by requests (default: the real clock). */
  now?: () => Date;
  /** Receives one line per handled request (e.g. `console.error`); default: silent. */
  log?: (line: string) => void;
}

/** One flavour of the fake, on its own origin. */
export interface FakeSite {
  /** `"cloud"` or `"datacenter"`. */
  readonly flavour: Flavour;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Cloud sites: the cloud id behind `api.atlassian.com/ex/{product}/{cloudId}`. */
  readonly cloudId?: string;
  /** A complete environment for the server, authenticated as Alice. */
  readonly env: Record<string, string>;
  /** Every request received, in order (cleared by `reset`). */
  readonly requests: RecordedRequest[];
  /** The live state (read it to assert on effects; mutate only to set up unusual cases). */
  readonly state: FakeState;
  /** The same environment as another seeded user (`"alice"`, `"bob"`; `"carol"` on `cloud2`). */
  envFor(user: string): Record<string, string>;
  /** Injects a fault into the next matching request(s). */
  fault(f: FaultSpec): void;
  /** Restores the seed state, clears requests and pending faults. */
  reset(): void;
}

/** A token minted by `issueToken` (no consent, no token request). */
export interface IssuedToken {
  accessToken: string;
  /** Cloud: only with `offline_access` in the scopes; Data Center: always. */
  refreshToken?: string;
  /** Seconds. */
  expiresIn: number;
  /** Epoch milliseconds (real clock). */
  expiresAt: number;
  user: string;
  scopes: string[];
}

/** Controls shared by the Cloud and the Data Center authorization servers. */
export interface FakeOAuthServer {
  /** The registered client: `fake-client-id`. */
  readonly clientId: string;
  /** Its secret: `fake-client-secret`. */
  readonly clientSecret: string;
  /** Token requests received, by grant type (`authorization_code`, `refresh_token`, ...). */
  readonly tokenRequests: Readonly<Record<string, number>>;
  /**
   * Plays the browser on an authorize URL: answers the consent page as `user` (default alice),
   * approving (default) or denying, and returns the redirect back:
   * `<redirect_uri>?code=..&state=..` or `?error=access_denied&error_description=..&state=..`.
   * Throws on an error page (unknown client, unregistered redirect URI).
   */
  consent(authorizeUrl: string, opts?: ConsentOptions): Promise<string>;
  /** Lifetime of access tokens issued from now on (default Cloud 3600 s, Data Center 7200 s). */
  setAccessTokenLifetime(seconds: number): void;
  /** Every access token issued so far is expired from now on. */
  expireAllAccessTokens(): void;
  /** Every refresh token issued so far is refused from now on. */
  revokeRefreshTokens(): void;
  /** Forgets all tokens, codes, counters (and the recorded gateway requests); default lifetime. */
  reset(): void;
}

/** The fake `auth.atlassian.com` and `api.atlassian.com` (Cloud OAuth 2.0 3LO). */
export interface FakeCloudOAuth extends FakeOAuthServer {
  /** Origin of the fake `auth.atlassian.com` (`ATLASSIAN_OAUTH_AUTH_URL`). */
  readonly authOrigin: string;
  /** Origin of the fake `api.atlassian.com` (`ATLASSIAN_API_URL`). */
  readonly apiOrigin: string;
  /**
   * The environment of a Cloud OAuth setup against the fake: `ATLASSIAN_OAUTH_CLIENT_ID`,
   * `_CLIENT_SECRET`, `_REDIRECT_URI` (`http://127.0.0.1:<free port>/callback`), `_SCOPE`,
   * `_CLOUD_ID` (site 1), `ATLASSIAN_OAUTH_AUTH_URL`, `ATLASSIAN_API_URL`.
   */
  readonly env: Record<string, string>;
  /** Every request `api.atlassian.com` received (with the token used), in order. */
  readonly apiRequests: readonly ApiRequest[];
  /** Scope checking at the gateway: `lenient` (default) or `atlassian`; see `GATEWAY_SCOPES`. */
  scopeMode: ScopeMode;
  /** A valid authorize URL for the registered client (defaults: env redirect URI and scope). */
  authorizeUrl(opts?: { state?: string; scope?: string; redirectUri?: string }): string;
  /**
   * Mints an access token without consent. Defaults: the sites the user can reach, the scopes of
   * `env`, the current lifetime. With `offline_access` it also mints a refresh token.
   */
  issueToken(opts: {
    user: string;
    cloudIds?: string[];
    scopes?: string[];
    lifetimeSeconds?: number;
  }): IssuedToken & { cloudIds: string[] };
}

/** The Data Center OAuth 2.0 provider (`/rest/oauth2/latest`, Confluence under `/confluence`). */
export interface FakeDcOAuth extends FakeOAuthServer {
  /** `<dc origin>/rest/oauth2/latest/authorize?...` (Confluence: `/confluence/rest/oauth2/...`). */
  authorizeUrl(
    product: "jira" | "confluence",
    opts: { redirectUri: string; state?: string; scope?: string },
  ): string;
  /** `<dc origin>/rest/oauth2/latest/token` (Confluence: `/confluence/rest/oauth2/latest/token`). */
  tokenUrl(product: "jira" | "confluence"): string;
  /** Mints an access and a refresh token without consent (default product jira, scope WRITE). */
  issueToken(opts: {
    user: string;
    product?: "jira" | "confluence";
    scopes?: string[];
    lifetimeSeconds?: number;
  }): IssuedToken & { product: "jira" | "confluence" };
}

/** All sites. */
export interface FakeAtlassian {
  /** The Cloud site (Jira + Confluence under `/wiki`); cloud id `CLOUD_ID_1`. */
  readonly cloud: FakeSite;
  /** A second Cloud site, cloud id `CLOUD_ID_2`: same seed, names prefixed `[Beta] `, + Carol. */
  readonly cloud2: FakeSite;
  /** The Data Center site (Jira + Confluence under `/confluence`). */
  readonly datacenter: FakeSite;
  /** Cloud OAuth: the fake `auth.atlassian.com` and `api.atlassian.com`. */
  readonly oauth: FakeCloudOAuth;
  /** Data Center OAuth 2.0 on `datacenter`. */
  readonly dcOAuth: FakeDcOAuth;
  /** Stops every site and server and closes every connection. */
  close(): Promise<void>;
  /** Same as `close`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

function envFor(site: Site, userId: string): Record<string, string> {
  const u = site.state.users.find((x) => x.id === userId);
  if (!u) throw new Error(`no seeded user '${userId}'`);
  if (site.flavour === "cloud") {
    return {
      JIRA_URL: site.origin,
      JIRA_USERNAME: u.email,
      JIRA_API_TOKEN: u.cloudToken,
      JIRA_DEPLOYMENT: "cloud",
      CONFLUENCE_URL: `${site.origin}/wiki`,
      CONFLUENCE_USERNAME: u.email,
      CONFLUENCE_API_TOKEN: u.cloudToken,
      CONFLUENCE_DEPLOYMENT: "cloud",
      ...(mediaOf(site.origin) ? { ATLASSIAN_MEDIA_URL: mediaOf(site.origin)! } : {}),
    };
  }
  return {
    JIRA_URL: site.origin,
    JIRA_PERSONAL_TOKEN: u.personalToken,
    JIRA_DEPLOYMENT: "datacenter",
    CONFLUENCE_URL: `${site.origin}/confluence`,
    CONFLUENCE_PERSONAL_TOKEN: u.personalToken,
    CONFLUENCE_DEPLOYMENT: "datacenter",
  };
}

function facade(site: Site, cloudId?: string): FakeSite {
  return {
    flavour: site.flavour,
    origin: site.origin,
    cloudId,
    get env() {
      return envFor(site, "alice");
    },
    requests: site.requests,
    get state() {
      return site.state;
    },
    envFor: (user) => envFor(site, user),
    fault: (f) => site.fault(f),
    reset: () => site.reset(),
  };
}

function freePort(hostname: string): number {
  const l = Deno.listen({ hostname, port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

function serverControls(provider: OAuthProvider) {
  return {
    clientId: FAKE_CLIENT.id,
    clientSecret: FAKE_CLIENT.secret,
    get tokenRequests() {
      return provider.tokenRequests;
    },
    consent: completeConsent,
    setAccessTokenLifetime: (seconds: number) => provider.setAccessTokenLifetime(seconds),
    expireAllAccessTokens: () => provider.expireAllAccessTokens(),
    revokeRefreshTokens: () => provider.revokeRefreshTokens(),
  };
}

/**
 * Starts every site and server, each on its own loopback port (free ports unless given): the
 * Cloud sites, the Data Center site, the fake `auth.atlassian.com` and `api.atlassian.com`.
 */
export async function startFakeAtlassian(
  options: FakeAtlassianOptions = {},
): Promise<FakeAtlassian> {
  const hostname = options.hostname ?? "127.0.0.1";
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    await Promise.all(closers.splice(0).map((c) => c()));
  };
  try {
    const cloudProviderInstance = cloudProvider(() => [...CLOUD_OAUTH_USERS], cloudIdsOf);
    // Called on requests only, once `dcSite` exists.
    const dcProvider = datacenterProvider(() => dcSite.state.users.map((u) => u.id));

    const start = (site: Site) => {
      site.start();
      closers.push(() => site.close());
      return site;
    };
    const cloud = start(
      new Site({
        flavour: "cloud",
        hostname,
        port: options.portCloud ?? 0,
        now,
        log,
        seed: () => ({ ...seedState("cloud"), cloudId: CLOUD_ID_1 }),
      }),
    );
    const cloud2 = start(
      new Site({
        flavour: "cloud",
        hostname,
        port: options.portCloud2 ?? 0,
        now,
        log: log && ((line) => log(line.replace(/^cloud /, "cloud2 "))),
        seed: betaSeed,
      }),
    );
    const dcSite = start(
      new Site({
        flavour: "datacenter",
        hostname,
        port: options.portDatacenter ?? 0,
        now,
        log,
        extension: datacenterExtension(dcProvider),
      }),
    );
    const gateway = new ApiGateway(cloudProviderInstance, [
      { info: CLOUD_SITES[0], site: cloud },
      { info: CLOUD_SITES[1], site: cloud2 },
    ]);
    const servers: LoopbackServer[] = [];
    const serve = (port: number, label: string, handler: (req: Request) => Promise<Response>) => {
      const server = serveLoopback(hostname, port, logged(label, log, handler));
      closers.push(() => server.close());
      servers.push(server);
      return server;
    };
    const auth = serve(
      options.portAuth ?? 0,
      "auth",
      (req) => serveAuth(cloudProviderInstance, req),
    );
    const api = serve(options.portApi ?? 0, "api", (req) => gateway.handle(req));
    // The media service Confluence Cloud's attachment downloads redirect to (_confluence_attachments.ts).
    const media = serve(0, "media", serveMedia);
    registerMedia(cloud.origin, media.origin);
    registerMedia(cloud2.origin, media.origin);

    const env: Record<string, string> = {
      ATLASSIAN_OAUTH_CLIENT_ID: FAKE_CLIENT.id,
      ATLASSIAN_OAUTH_CLIENT_SECRET: FAKE_CLIENT.secret,
      ATLASSIAN_OAUTH_REDIRECT_URI: `http://127.0.0.1:${freePort("127.0.0.1")}/callback`,
      ATLASSIAN_OAUTH_SCOPE: FAKE_OAUTH_SCOPE,
      ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID_1,
      ATLASSIAN_OAUTH_AUTH_URL: auth.origin,
      ATLASSIAN_API_URL: api.origin,
    };

    const oauth: FakeCloudOAuth = {
      ...serverControls(cloudProviderInstance),
      get tokenRequests() {
        return cloudProviderInstance.tokenRequests;
      },
      authOrigin: auth.origin,
      apiOrigin: api.origin,
      get env() {
        return { ...env };
      },
      apiRequests: gateway.requests,
      get scopeMode() {
        return gateway.scopeMode;
      },
      set scopeMode(mode: ScopeMode) {
        if (mode !== "lenient" && mode !== "atlassian") {
          throw new Error(`unknown scope mode ${mode}`);
        }
        gateway.scopeMode = mode;
      },
      authorizeUrl: (opts = {}) => {
        const url = new URL("/authorize", auth.origin);
        url.search = new URLSearchParams({
          audience: "api.atlassian.com",
          client_id: FAKE_CLIENT.id,
          scope: opts.scope ?? FAKE_OAUTH_SCOPE,
          redirect_uri: opts.redirectUri ?? env.ATLASSIAN_OAUTH_REDIRECT_URI,
          state: opts.state ?? "fake-state",
          response_type: "code",
          prompt: "consent",
        }).toString();
        return url.href;
      },
      issueToken: ({ user, cloudIds, scopes, lifetimeSeconds }) => {
        const out = cloudProviderInstance.issue({
          user,
          scopes: scopes ?? FAKE_OAUTH_SCOPE.split(" "),
          resources: cloudIds ?? cloudIdsOf(user),
        }, lifetimeSeconds);
        const { resources, ...rest } = out;
        return { ...rest, cloudIds: resources };
      },
      reset: () => {
        cloudProviderInstance.reset();
        gateway.requests.length = 0;
        gateway.scopeMode = "lenient";
      },
    };

    const dcBase = (product: "jira" | "confluence") =>
      `${dcSite.origin}${product === "jira" ? "" : "/confluence"}/rest/oauth2/latest`;
    const dcOAuth: FakeDcOAuth = {
      ...serverControls(dcProvider),
      get tokenRequests() {
        return dcProvider.tokenRequests;
      },
      authorizeUrl: (product, opts) => {
        const url = new URL(`${dcBase(product)}/authorize`);
        url.search = new URLSearchParams({
          client_id: FAKE_CLIENT.id,
          redirect_uri: opts.redirectUri,
          response_type: "code",
          scope: opts.scope ?? "WRITE",
          state: opts.state ?? "fake-state",
        }).toString();
        return url.href;
      },
      tokenUrl: (product) => `${dcBase(product)}/token`,
      issueToken: ({ user, product, scopes, lifetimeSeconds }) => {
        const p = product ?? "jira";
        const out = dcProvider.issue(
          { user, scopes: scopes ?? ["WRITE"], resources: [p] },
          lifetimeSeconds,
        );
        const { resources: _resources, ...rest } = out;
        return { ...rest, product: p };
      },
      reset: () => dcProvider.reset(),
    };

    const close = closeAll;
    return {
      cloud: facade(cloud, CLOUD_ID_1),
      cloud2: facade(cloud2, CLOUD_ID_2),
      datacenter: facade(dcSite),
      oauth,
      dcOAuth,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}
