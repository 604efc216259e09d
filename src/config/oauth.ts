/**
 * OAuth 2.0 settings: `--oauth-*` flags, `ATLASSIAN_OAUTH_*` and the per-service overrides
 * `JIRA_OAUTH_*` / `CONFLUENCE_OAUTH_*`, the endpoint base URLs, the multi-user switches, and the
 * token file path (`~/.mcp-atlassian/oauth-<client_id>.json`, as the Python server).
 *
 * @module
 */
import { join } from "node:path";
import { addSecret } from "../log.ts";
import type { Report, Settings, Value } from "./_settings.ts";
import { booleanSetting, shown } from "./_settings.ts";
import { OAUTH_FIELDS } from "./env_vars.ts";
import type { OAuthSettings, Product, ServiceConfig } from "./types.ts";
import { splitList } from "./values.ts";

/** Default of `ATLASSIAN_OAUTH_AUTH_URL`: Atlassian's authorization server. */
export const DEFAULT_AUTH_URL = "https://auth.atlassian.com";

/** Default of `ATLASSIAN_API_URL`: Atlassian's API gateway (accessible-resources, `/ex/...`). */
export const DEFAULT_API_URL = "https://api.atlassian.com";

/**
 * Default of `ATLASSIAN_MEDIA_URL`: Atlassian's media service, where Confluence Cloud's attachment
 * downloads redirect to (a signed link that needs no credentials).
 */
export const DEFAULT_MEDIA_URL = "https://api.media.atlassian.com";

/** The redirect URI the wizard offers, and the Data Center default (as in the Python server). */
export const DEFAULT_REDIRECT_URI = "http://localhost:8080/callback";

/** The Data Center default of `ATLASSIAN_OAUTH_SCOPE` (as in the Python server). */
export const DEFAULT_DC_SCOPE = "WRITE";

/** The command that (re)creates OAuth tokens, as messages name it. */
export const SETUP_COMMAND = "mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup)";

/**
 * The placeholder in a `per-request` Cloud service URL (`https://api.atlassian.com/ex/jira/{cloudId}`)
 * that the request layer replaces with the request's cloud id.
 */
export const CLOUD_ID_PLACEHOLDER = "{cloudId}";

/** The folder (under the home folder) that holds the token files. */
export const TOKEN_FOLDER = ".mcp-atlassian";

/** Client ids name the token file: only characters a real client id has are accepted. */
const CLIENT_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
/** Cloud ids go into gateway paths: a UUID in practice; letters, digits and `-` accepted. */
const CLOUD_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

type Field = (typeof OAUTH_FIELDS)[number];

const KEYS: Record<
  Field,
  "clientId" | "clientSecret" | "redirectUri" | "scope" | "cloudId" | "accessToken"
> = {
  CLIENT_ID: "clientId",
  CLIENT_SECRET: "clientSecret",
  REDIRECT_URI: "redirectUri",
  SCOPE: "scope",
  CLOUD_ID: "cloudId",
  ACCESS_TOKEN: "accessToken",
};

/** Whether a client id can name a token file (letters, digits, `.`, `_`, `-`; no leading dot). */
export function isValidClientId(clientId: string): boolean {
  return CLIENT_ID.test(clientId);
}

/** Whether a value can be a cloud id (it goes into gateway paths): letters, digits and `-`. */
export function isValidCloudId(cloudId: string): boolean {
  return CLOUD_ID.test(cloudId);
}

/** The home folder from `HOME`, else `USERPROFILE` (Windows); undefined when neither is set. */
export function homeFolder(env: Record<string, string | undefined>): string | undefined {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || undefined;
}

/**
 * The token file of a client id: `<home>/.mcp-atlassian/oauth-<client_id>.json` (the Python
 * server's path); undefined without a home folder (`HOME`/`USERPROFILE` in `env`).
 */
export function tokenFileFor(
  clientId: string,
  env: Record<string, string | undefined>,
): string | undefined {
  const home = homeFolder(env);
  return home ? join(home, TOKEN_FOLDER, `oauth-${clientId}.json`) : undefined;
}

/**
 * The API gateway base URL of a product for a cloud id: Jira `${apiUrl}/ex/jira/${cloudId}`,
 * Confluence `${apiUrl}/ex/confluence/${cloudId}/wiki` (so v1 and v2 paths stay as on the site).
 * Pass `CLOUD_ID_PLACEHOLDER` for the per-request template.
 */
export function gatewayUrl(apiUrl: string, product: Product, cloudId: string): string {
  const base = apiUrl.replace(/\/+$/, "");
  return product === "jira"
    ? `${base}/ex/jira/${cloudId}`
    : `${base}/ex/confluence/${cloudId}/wiki`;
}

/**
 * The site people browse, or undefined when only the OAuth gateway (`/ex/{product}/{cloudId}`)
 * is known: gateway URLs work for API calls, not in a browser.
 */
export function webBase(service: Pick<ServiceConfig, "url" | "siteUrl">): string | undefined {
  if (service.siteUrl) return service.siteUrl;
  return /^\/ex\//.test(new URL(service.url).pathname) ? undefined : service.url;
}

/** A setting's label for messages, or the `ATLASSIAN_OAUTH_*` name when it is unset. */
function nameOf(s: Settings, v: Value | undefined, field: Field): string {
  return v ? s.label(v) : `ATLASSIAN_OAUTH_${field}`;
}

/** An http(s) base URL setting, or `fallback` when unset (a bad value is a problem). */
export function baseUrlSetting(
  s: Settings,
  r: Report,
  name: string,
  fallback: string,
): string {
  const v = s.get(name);
  if (!v) return fallback;
  let url: URL | undefined;
  try {
    url = new URL(v.value);
  } catch {
    url = undefined;
  }
  if (
    !url || (url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname ||
    url.username || url.password || url.search || url.hash
  ) {
    r.problem(
      `${s.label(v)} must be an http(s) base URL without user name, query or fragment (got "${
        shown(v.value)
      }"); example: ${s.example(v, fallback)}`,
    );
    return fallback;
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

function allowedDomains(s: Settings, r: Report): string[] {
  const v = s.get("MCP_ALLOWED_URL_DOMAINS");
  if (!v) return [];
  const out: string[] = [];
  const bad: string[] = [];
  for (const raw of splitList(v.value.replaceAll(/\s+/g, ","))) {
    const entry = raw.toLowerCase().replace(/^\*?\./, "").replace(/\.$/, "");
    if (HOST_NAME.test(entry)) {
      if (!out.includes(entry)) out.push(entry);
    } else bad.push(raw);
  }
  if (bad.length) {
    r.problem(
      `${
        s.label(v)
      } must list host names (a name also allows its subdomains) without scheme or port (got ${
        bad.map((b) => `"${b}"`).join(", ")
      }); example: ${s.example(v, "jira.corp.example,atlassian.net")}`,
    );
  }
  return out;
}

/** Checks a client id and cloud id, whose values end up in a file name and a URL path. */
function checkIds(
  s: Settings,
  r: Report,
  values: { clientId?: Value; cloudId?: Value },
): void {
  const { clientId, cloudId } = values;
  if (clientId && !CLIENT_ID.test(clientId.value)) {
    r.problem(
      `${
        s.label(clientId)
      } is not an OAuth client id: it may hold only letters, digits, ".", "_" and "-" (got "${clientId.value}"); copy it from the app's Settings page at https://developer.atlassian.com/console/myapps/`,
    );
  }
  if (cloudId && !isValidCloudId(cloudId.value)) {
    r.problem(
      `${
        s.label(cloudId)
      } is not a cloud id: it is a UUID such as 11111111-1111-4111-8111-111111111111 (got "${cloudId.value}"); run ${SETUP_COMMAND} to find it`,
    );
  }
}

/**
 * Loads the shared OAuth settings (`config.oauth`): the `ATLASSIAN_OAUTH_*` values, the base
 * URLs, the multi-user switches and the token file of `ATLASSIAN_OAUTH_CLIENT_ID`. The client
 * secret and the access token become secrets.
 */
export function loadOAuth(
  s: Settings,
  r: Report,
  env: Record<string, string | undefined>,
): OAuthSettings {
  const oauth: OAuthSettings = {
    authUrl: baseUrlSetting(s, r, "ATLASSIAN_OAUTH_AUTH_URL", DEFAULT_AUTH_URL),
    apiUrl: baseUrlSetting(s, r, "ATLASSIAN_API_URL", DEFAULT_API_URL),
    multiUser: booleanSetting(s, r, "ATLASSIAN_OAUTH_ENABLE", false),
    allowGlobalFallback: booleanSetting(s, r, "ALLOW_GLOBAL_CRED_FALLBACK", false),
    ignoreHeaderAuth: booleanSetting(s, r, "IGNORE_HEADER_AUTH", false),
    allowedUrlDomains: allowedDomains(s, r),
  };
  for (const field of OAUTH_FIELDS) {
    const v = s.get(`ATLASSIAN_OAUTH_${field}`);
    if (v) oauth[KEYS[field]] = v.value;
  }
  addSecret(oauth.clientSecret);
  addSecret(oauth.accessToken);
  checkIds(s, r, {
    clientId: s.get("ATLASSIAN_OAUTH_CLIENT_ID"),
    cloudId: s.get("ATLASSIAN_OAUTH_CLOUD_ID"),
  });
  if (oauth.clientId && CLIENT_ID.test(oauth.clientId)) {
    const file = tokenFileFor(oauth.clientId, env);
    if (file) oauth.tokenFile = file;
  }
  return oauth;
}

/** The OAuth values in effect for one service, and where each came from (for messages). */
export interface ServiceOAuthValues {
  /** The effective settings (shared ones with this service's overrides applied). */
  settings: OAuthSettings;
  /** The setting each field came from; absent for a field that is unset. */
  sources: Partial<Record<Field, Value>>;
  /** A client id, a client secret or an access token is set: this service is meant to use OAuth. */
  wanted: boolean;
}

/**
 * The OAuth values in effect for `product`: each field from `JIRA_OAUTH_*` / `CONFLUENCE_OAUTH_*`
 * when set, else from the shared `ATLASSIAN_OAUTH_*` (flag or variable). Secrets are registered.
 */
export function serviceOAuthValues(
  s: Settings,
  r: Report,
  product: Product,
  shared: OAuthSettings,
  env: Record<string, string | undefined>,
): ServiceOAuthValues {
  const P = product.toUpperCase();
  const settings: OAuthSettings = {
    authUrl: shared.authUrl,
    apiUrl: shared.apiUrl,
    multiUser: shared.multiUser,
    allowGlobalFallback: shared.allowGlobalFallback,
    ignoreHeaderAuth: shared.ignoreHeaderAuth,
    allowedUrlDomains: shared.allowedUrlDomains,
  };
  const sources: Partial<Record<Field, Value>> = {};
  for (const field of OAUTH_FIELDS) {
    const v = s.first(`${P}_OAUTH_${field}`, `ATLASSIAN_OAUTH_${field}`);
    if (!v) continue;
    settings[KEYS[field]] = v.value;
    sources[field] = v;
  }
  addSecret(settings.clientSecret);
  addSecret(settings.accessToken);
  checkIds(s, r, { clientId: sources.CLIENT_ID, cloudId: sources.CLOUD_ID });
  if (settings.clientId && CLIENT_ID.test(settings.clientId)) {
    const file = tokenFileFor(settings.clientId, env);
    if (file) settings.tokenFile = file;
  }
  return {
    settings,
    sources,
    wanted: Boolean(settings.clientId || settings.clientSecret || settings.accessToken),
  };
}

const SAMPLES: Record<Field, string> = {
  CLIENT_ID: "<client id of your app at developer.atlassian.com>",
  CLIENT_SECRET: "<client secret of that app>",
  REDIRECT_URI: DEFAULT_REDIRECT_URI,
  SCOPE: '"read:jira-work write:jira-work offline_access"',
  CLOUD_ID: "<your site's cloud id>",
  ACCESS_TOKEN: "<access token>",
};

/**
 * One problem per OAuth value that `fields` needs but that is unset, each naming the variable
 * and the setup wizard; `purpose` says what needs them. Returns whether all are set.
 */
export function requireOAuthValues(
  s: Settings,
  r: Report,
  values: ServiceOAuthValues,
  fields: readonly Field[],
  purpose: string,
): boolean {
  let complete = true;
  for (const field of fields) {
    if (values.sources[field]) continue;
    complete = false;
    const name = nameOf(s, undefined, field);
    r.problem(
      `${name} is not set, and ${purpose} needs it; example: ${name}=${
        SAMPLES[field]
      }, or run ${SETUP_COMMAND} to create every OAuth setting`,
    );
  }
  return complete;
}

/** Whether the scope lets Atlassian issue refresh tokens (`offline_access`). */
export function hasOfflineAccess(scope: string | undefined): boolean {
  return (scope ?? "").split(/\s+/).includes("offline_access");
}
