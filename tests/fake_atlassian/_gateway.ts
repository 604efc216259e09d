/**
 * The fake `api.atlassian.com`: `GET /oauth/token/accessible-resources`, the gateway
 * `/ex/jira/{cloudId}/...`, `/ex/confluence/{cloudId}/...` in front of the Cloud sites, and the
 * Jira Forms API `/jira/forms/cloud/{cloudId}/...`, forwarded to the same path on the site with
 * that cloud id (with a Bearer token as below, or with the site's own Basic credentials, which
 * the site checks). The gateway
 * checks the Bearer access token (unknown or expired: 401), the site (unknown cloud id: 404; not
 * granted to the token: 403), the scopes (`GATEWAY_SCOPES`: 401 "Unauthorized; scope does not
 * match", as Atlassian answers), then forwards the request to that site's own routes as the
 * token's user (Basic credentials of that user on that site), and relays the answer unchanged.
 *
 * @module
 */
import { CLOUD_SITES, type CloudSiteInfo } from "./_cloud_sites.ts";
import { matchOAuthEndpoint, type OAuthProvider } from "./_oauth.ts";
import type { Site } from "./_server.ts";

// --- the scope table -------------------------------------------------------------------------

/** How strictly the gateway checks scopes. */
export type ScopeMode = "lenient" | "atlassian";

/** One row of the gateway's scope table. */
export interface ScopeRule {
  product: "jira" | "confluence";
  /** Methods the row covers. */
  methods: readonly string[];
  /** The site path the row covers (`/rest/...` for Jira, `/wiki/...` for Confluence). */
  path: RegExp;
  /**
   * What Atlassian requires (the operation's OAuth2 `security` in its OpenAPI document): any one
   * of these sets, every scope of the set. `[[]]` = no scope needed.
   */
  atlassian: readonly (readonly string[])[];
  /** Also enough in `lenient` mode (the default): any one of these scopes alone. */
  lenient: readonly string[];
}

const JIRA_API = String.raw`^/rest/api/[23]`;
const AGILE = String.raw`^/rest/agile/1\.0`;
const SD = String.raw`^/rest/servicedeskapi`;
const V2 = String.raw`^/wiki/api/v2`;
const READ = ["GET", "HEAD"];
const WRITE = ["POST", "PUT", "DELETE", "PATCH"];
const CONTENT_READ = ["read:confluence-content.all"];

/**
 * The scope table, first matching row wins. `atlassian` is taken from the OpenAPI documents
 * (`oauth_test.ts` checks every Cloud route against them when `../shared/specs/` exists);
 * `lenient` adds the classic scopes a Python-server user already has (e.g.
 * `read:confluence-content.all` for Confluence v2 page reads, which Atlassian only grants to the
 * granular `read:page:confluence`). Granular Jira scopes are not modelled.
 */
export const GATEWAY_SCOPES: readonly ScopeRule[] = [
  // Jira platform
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${JIRA_API}/serverInfo$`),
    atlassian: [[]],
    lenient: [],
  },
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${JIRA_API}/(myself|user(/.*)?)$`),
    atlassian: [["read:jira-user"]],
    lenient: ["read:jira-work"],
  },
  {
    product: "jira",
    methods: ["POST"],
    path: new RegExp(`${JIRA_API}/search(/jql|/approximate-count)?$`),
    atlassian: [["read:jira-work"]],
    lenient: [],
  },
  // Jira Forms (api.atlassian.com/jira/forms/cloud/{cloudId}/...; its docs name these scopes)
  {
    product: "jira",
    methods: READ,
    path: /^\/jira\/forms\//,
    atlassian: [["read:jira-work"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: WRITE,
    path: /^\/jira\/forms\//,
    atlassian: [["write:jira-work"]],
    lenient: [],
  },
  // Jira Software (agile): granular scopes only at Atlassian
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${AGILE}/board$`),
    atlassian: [["read:board-scope:jira-software", "read:project:jira"]],
    lenient: ["read:jira-work"],
  },
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${AGILE}/board/[^/]+(/issue)?$`),
    atlassian: [["read:board-scope:jira-software", "read:issue-details:jira"]],
    lenient: ["read:jira-work"],
  },
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${AGILE}/sprint/[^/]+/issue$`),
    atlassian: [["read:sprint:jira-software", "read:issue-details:jira", "read:jql:jira"]],
    lenient: ["read:jira-work"],
  },
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${AGILE}/`),
    atlassian: [["read:sprint:jira-software"]],
    lenient: ["read:jira-work"],
  },
  {
    product: "jira",
    methods: WRITE,
    path: new RegExp(`${AGILE}/backlog/issue$`),
    atlassian: [["write:board-scope:jira-software"]],
    lenient: ["write:jira-work"],
  },
  {
    product: "jira",
    methods: WRITE,
    path: new RegExp(`${AGILE}/`),
    atlassian: [["write:sprint:jira-software"]],
    lenient: ["write:jira-work"],
  },
  {
    product: "jira",
    methods: READ,
    path: new RegExp(`${JIRA_API}/field/[^/]+/context(/[^/]+/option)?$`),
    atlassian: [["manage:jira-configuration"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: WRITE,
    path: new RegExp(`${JIRA_API}/changelog/bulkfetch$`),
    atlassian: [["read:jira-work"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: WRITE,
    path: new RegExp(`${JIRA_API}/version(/[^/]+)?$`),
    atlassian: [["manage:jira-project"]],
    lenient: [],
  },
  // Jira Service Management (queues fall through to read:jira-work, as in its document)
  {
    product: "jira",
    methods: READ,
    path: new RegExp(
      `${SD}/(servicedesk(/[^/]+(/requesttype(/[^/]+/field)?)?)?|request(/[^/]+(/comment)?)?)$`,
    ),
    atlassian: [["read:servicedesk-request"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: WRITE,
    path: new RegExp(`${SD}/`),
    atlassian: [["write:servicedesk-request"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: READ,
    path: /^\/rest\//,
    atlassian: [["read:jira-work"]],
    lenient: [],
  },
  {
    product: "jira",
    methods: WRITE,
    path: /^\/rest\//,
    atlassian: [["write:jira-work"]],
    lenient: [],
  },
  // Confluence v1 (search, users)
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/(content\/)?search$/,
    atlassian: [["search:confluence"]],
    lenient: [...CONTENT_READ, "read:confluence-content.summary"],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/user(\/.*)?$/,
    atlassian: [["read:confluence-user"]],
    lenient: [...CONTENT_READ, "read:confluence-content.summary"],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/space(\/.*)?$/,
    atlassian: [["read:confluence-space.summary"]],
    lenient: ["read:space:confluence"],
  },
  // Confluence comments, label writes and user search (_confluence_comments.ts)
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/search\/user$/,
    atlassian: [["read:content-details:confluence"]],
    lenient: [...CONTENT_READ, "read:confluence-user"],
  },
  {
    product: "confluence",
    methods: WRITE,
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/label(\/[^/]+)?$/,
    atlassian: [["write:confluence-content"]],
    lenient: [],
  },
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/(pages/[^/]+/(footer|inline)-comments|(footer|inline)-comments/.+)$`),
    atlassian: [["read:comment:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: WRITE,
    path: new RegExp(`${V2}/(footer|inline)-comments(/[^/]+)?$`),
    atlassian: [["write:comment:confluence"]],
    lenient: ["write:confluence-content"],
  },
  // Confluence restrictions, groups, permission check, analytics, templates (_confluence_admin.ts)
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/restriction\/byOperation$/,
    atlassian: [["read:confluence-content.all"]],
    lenient: ["read:content-details:confluence"],
  },
  {
    product: "confluence",
    methods: ["PUT"],
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/restriction$/,
    atlassian: [["write:confluence-content"]],
    lenient: [],
  },
  {
    product: "confluence",
    methods: ["POST"],
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/permission\/check$/,
    atlassian: [["read:confluence-content.permission"]],
    lenient: [],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/group\/(picker|by-id)$/,
    atlassian: [["read:confluence-groups"]],
    lenient: ["read:group:confluence"],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/(analytics\/content\/[^/]+\/views|template\/[^/]+)$/,
    atlassian: [["read:confluence-content.summary"]],
    lenient: CONTENT_READ,
  },
  // Confluence page moves and copies (v1, classic scope)
  {
    product: "confluence",
    methods: WRITE,
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/(move\/.*|copy)$/,
    atlassian: [["write:confluence-content"]],
    lenient: [],
  },
  // Confluence v2
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/spaces/[^/]+/pages$`),
    atlassian: [["read:page:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/spaces(/.*)?$`),
    atlassian: [["read:space:confluence"]],
    lenient: ["read:confluence-space.summary"],
  },
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/pages/[^/]+/attachments$`),
    atlassian: [["read:attachment:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/pages/[^/]+/direct-children$`),
    atlassian: [["read:hierarchical-content:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/pages/[^/]+/ancestors$`),
    atlassian: [["read:content.metadata:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: WRITE,
    path: new RegExp(`${V2}/pages/[^/]+/properties(/[^/]+)?$`),
    atlassian: [["read:page:confluence", "write:page:confluence"]],
    lenient: ["write:confluence-content", "write:confluence-props"],
  },
  // Attachments (_confluence_attachments.ts)
  {
    product: "confluence",
    methods: READ,
    path: new RegExp(`${V2}/attachments/[^/]+$`),
    atlassian: [["read:attachment:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: ["DELETE"],
    path: new RegExp(`${V2}/attachments/[^/]+$`),
    atlassian: [["delete:attachment:confluence"]],
    lenient: ["write:confluence-content"],
  },
  {
    product: "confluence",
    methods: ["POST"],
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/child\/attachment(\/[^/]+\/data)?$/,
    atlassian: [["write:confluence-file"]],
    lenient: ["write:confluence-content"],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\/rest\/api\/content\/[^/]+\/child\/attachment\/[^/]+\/download$/,
    atlassian: [["readonly:content.attachment:confluence"]],
    lenient: CONTENT_READ,
  },
  {
    product: "confluence",
    methods: ["DELETE"],
    path: /^\/wiki\//,
    atlassian: [["delete:page:confluence"]],
    lenient: ["write:confluence-content"],
  },
  {
    product: "confluence",
    methods: WRITE,
    path: /^\/wiki\//,
    atlassian: [["write:page:confluence"]],
    lenient: ["write:confluence-content"],
  },
  {
    product: "confluence",
    methods: READ,
    path: /^\/wiki\//,
    atlassian: [["read:page:confluence"]],
    lenient: CONTENT_READ,
  },
];

/** The scope row for a request through the gateway (`path` = the site path). */
export function scopeRule(product: string, method: string, path: string): ScopeRule | undefined {
  return GATEWAY_SCOPES.find((r) =>
    r.product === product && r.methods.includes(method) && r.path.test(path)
  );
}

/** Whether `scopes` satisfy a row in a mode. */
export function scopesAllow(rule: ScopeRule, scopes: readonly string[], mode: ScopeMode): boolean {
  if (rule.atlassian.some((set) => set.every((s) => scopes.includes(s)))) return true;
  return mode === "lenient" && rule.lenient.some((s) => scopes.includes(s));
}

// --- the gateway -----------------------------------------------------------------------------

/** One request the fake `api.atlassian.com` received. */
export interface ApiRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** The gateway path (e.g. `/ex/jira/<cloudId>/rest/api/3/myself`). */
  path: string;
  query: URLSearchParams;
  /** The Bearer token sent (null: none). */
  token: string | null;
  /** The token's user (null: no valid token). */
  user: string | null;
  /** `/ex/{product}/{cloudId}` of the request (null for `accessible-resources`). */
  product: "jira" | "confluence" | null;
  cloudId: string | null;
  /** The status answered. */
  status: number;
  /** The site the request was forwarded to (`cloud` or `cloud2`), when it was. */
  forwardedTo: "cloud" | "cloud2" | null;
}

/** A Cloud site behind the gateway. */
export interface GatewaySite {
  info: CloudSiteInfo;
  site: Site;
}

const AVATAR = "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png";

const HOP_HEADERS = new Set([
  "authorization",
  "connection",
  "content-length",
  "host",
  "keep-alive",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function gatewayError(status: number, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ code: status, message }), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  });
}

const UNAUTHORIZED_HEADERS = { "www-authenticate": 'Bearer realm="api.atlassian.com"' };

/** The fake `api.atlassian.com`. */
export class ApiGateway {
  /** Every request received, in order. */
  readonly requests: ApiRequest[] = [];
  /** Scope checking: `lenient` (default) or `atlassian`. */
  scopeMode: ScopeMode = "lenient";

  /** Creates the gateway in front of `sites`, trusting tokens of `provider`. */
  constructor(readonly provider: OAuthProvider, readonly sites: readonly GatewaySite[]) {}

  /** Answers one request. */
  async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const token = /^bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "")?.[1] ??
      null;
    const record: ApiRequest = {
      method,
      path: url.pathname,
      query: new URLSearchParams(url.search),
      token,
      user: null,
      product: null,
      cloudId: null,
      status: 0,
      forwardedTo: null,
    };
    this.requests.push(record);
    const res = await this.#route(req, url, method, token, record);
    record.status = res.status;
    return res;
  }

  async #route(
    req: Request,
    url: URL,
    method: string,
    token: string | null,
    record: ApiRequest,
  ): Promise<Response> {
    const m = matchOAuthEndpoint("api", method, url.pathname);
    if (m.kind === "none") {
      await req.body?.cancel();
      return gatewayError(404, "Not Found");
    }
    if (m.kind === "method") {
      await req.body?.cancel();
      return gatewayError(405, "Method Not Allowed", { allow: m.allow.join(", ") });
    }
    const forms = m.endpoint.op === "forms";
    const basic = req.headers.get("authorization") ?? "";
    if (forms && /^basic\s/i.test(basic)) {
      // The Forms API also takes the site's own Basic credentials (e-mail + API token).
      const site = this.sites.find((s) => s.info.cloudId === m.params.cloudId);
      if (!site) {
        await req.body?.cancel();
        return gatewayError(404, "Not Found");
      }
      record.cloudId = m.params.cloudId;
      record.product = "jira";
      return await this.#forward(req, url, method, site, url.pathname, basic, record);
    }
    const verdict = token ? this.provider.verify(token) : null;
    if (!verdict?.ok) {
      await req.body?.cancel();
      return gatewayError(401, "Unauthorized", UNAUTHORIZED_HEADERS);
    }
    const grant = verdict.record;
    record.user = grant.user;
    if (m.endpoint.op === "resources") {
      return new Response(
        JSON.stringify(
          CLOUD_SITES.filter((s) => grant.resources.includes(s.cloudId)).map((s) => ({
            id: s.cloudId,
            url: this.sites.find((g) => g.info.cloudId === s.cloudId)?.site.origin ?? "",
            name: s.name,
            scopes: grant.scopes.filter((x) => x !== "offline_access"),
            avatarUrl: AVATAR,
          })),
        ),
        { headers: { "content-type": "application/json;charset=UTF-8" } },
      );
    }

    const product = forms || url.pathname.startsWith("/ex/jira/") ? "jira" : "confluence";
    const cloudId = m.params.cloudId;
    record.product = product;
    record.cloudId = cloudId;
    const target = this.sites.find((s) => s.info.cloudId === cloudId);
    if (!target) {
      await req.body?.cancel();
      return new Response(
        JSON.stringify({ errorMessage: "Site temporarily unavailable", errorCode: "OTHER" }),
        { status: 404, headers: { "content-type": "application/json;charset=UTF-8" } },
      );
    }
    if (!grant.resources.includes(cloudId)) {
      await req.body?.cancel();
      return gatewayError(403, "Forbidden");
    }
    let path = forms ? url.pathname : m.params.path;
    // Confluence v1 is also reachable without the /wiki context path.
    if (product === "confluence" && path.startsWith("/rest/api/")) path = `/wiki${path}`;
    const inProduct = forms ||
      (product === "jira" ? path.startsWith("/rest/") : path.startsWith("/wiki/"));
    if (!inProduct) {
      await req.body?.cancel();
      return gatewayError(404, "Not Found");
    }
    const rule = scopeRule(product, method, path);
    if (rule && !scopesAllow(rule, grant.scopes, this.scopeMode)) {
      await req.body?.cancel();
      return gatewayError(401, "Unauthorized; scope does not match", UNAUTHORIZED_HEADERS);
    }
    const user = target.site.state.users.find((u) => u.id === grant.user);
    if (!user) {
      await req.body?.cancel();
      return gatewayError(403, "Forbidden");
    }

    const basicOfUser = `Basic ${btoa(`${user.email}:${user.cloudToken}`)}`;
    return await this.#forward(req, url, method, target, path, basicOfUser, record);
  }

  /** Relays a request to a site's `path` with `authorization`, and its answer back unchanged. */
  async #forward(
    req: Request,
    url: URL,
    method: string,
    target: GatewaySite,
    path: string,
    authorization: string,
    record: ApiRequest,
  ): Promise<Response> {
    const headers = new Headers();
    for (const [k, v] of req.headers) if (!HOP_HEADERS.has(k)) headers.set(k, v);
    headers.set("authorization", authorization);
    const body = method === "GET" || method === "HEAD" ? undefined : await req.arrayBuffer();
    record.forwardedTo = target.info.key;
    let upstream: Response;
    try {
      upstream = await fetch(new URL(path + url.search, target.site.origin), {
        method,
        headers,
        body: body && body.byteLength ? body : undefined,
        redirect: "manual",
      });
    } catch {
      return gatewayError(502, "Bad Gateway");
    }
    const out = new Headers(upstream.headers);
    for (const h of ["connection", "keep-alive", "transfer-encoding", "content-length"]) {
      out.delete(h);
    }
    return new Response(upstream.body, { status: upstream.status, headers: out });
  }
}
