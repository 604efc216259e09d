/**
 * One service's credentials: registered as secrets, and the auth scheme chosen.
 *
 * The order follows the Python server (its section 3.1): Cloud takes OAuth (bring-your-own-token,
 * then 3LO) before Basic; Server/Data Center takes a personal access token, then OAuth, then
 * Basic, then the client certificate alone. With `ATLASSIAN_OAUTH_ENABLE=true` a service that
 * has none of these gets `per-request` auth (multi-user HTTP); a service with credentials of
 * its own keeps them (they serve stdio and, with `ALLOW_GLOBAL_CRED_FALLBACK`, requests that
 * bring none).
 *
 * @module
 */
import { addSecret } from "../../log.ts";
import { PREFIXES, PRODUCT_NAMES } from "../_products.ts";
import type { Report, Settings } from "../_settings.ts";
import {
  DEFAULT_DC_SCOPE,
  DEFAULT_REDIRECT_URI,
  hasOfflineAccess,
  isValidClientId,
  requireOAuthValues,
  type ServiceOAuthValues,
  SETUP_COMMAND,
} from "../oauth.ts";
import type { Deployment, OAuthSettings, Product, ServiceAuth } from "../types.ts";
import { basicCredential } from "../../http/basic.ts";

/** Registers a product's API token, personal token and Basic credential as secrets. */
export function addCredentialSecrets(s: Settings, product: Product): void {
  const P = PREFIXES[product];
  const username = s.get(`${P}_USERNAME`);
  const token = s.get(`${P}_API_TOKEN`);
  addSecret(token?.value);
  addSecret(s.get(`${P}_PERSONAL_TOKEN`)?.value);
  if (username && token) addSecret(basicCredential(username.value, token.value));
}

/** The auth scheme chosen for a service, with the OAuth settings it uses. */
export interface AuthChoice {
  auth: ServiceAuth;
  /** Set for `oauth` and `byot`. */
  oauth?: OAuthSettings;
}

/** What `loadAuth` needs besides the service's own settings. */
export interface AuthContext {
  /** The service's OAuth values (see `serviceOAuthValues`). */
  oauth: ServiceOAuthValues;
  /** `ATLASSIAN_OAUTH_ENABLE`: a service without credentials takes them per request. */
  multiUser: boolean;
  /** `--oauth-setup` runs: incomplete OAuth settings are the wizard's to fill, not problems. */
  setup: boolean;
}

function tokenFileKnown(r: Report, settings: OAuthSettings, setup: boolean): boolean {
  if (settings.tokenFile || setup) return Boolean(settings.tokenFile);
  // An unusable client id is reported on its own.
  if (!settings.clientId || !isValidClientId(settings.clientId)) return false;
  r.problem(
    `Neither HOME nor USERPROFILE is set, so the OAuth token file (~/.mcp-atlassian/oauth-${settings.clientId}.json) has no folder; set HOME to your home folder and run ${SETUP_COMMAND} if you have no tokens yet`,
  );
  return false;
}

function cloudOAuth(s: Settings, r: Report, ctx: AuthContext): AuthChoice | undefined {
  const { settings, sources } = ctx.oauth;
  if (settings.accessToken) {
    if (!settings.cloudId) {
      if (!ctx.setup) {
        r.problem(
          `${
            sources.ACCESS_TOKEN ? s.label(sources.ACCESS_TOKEN) : "ATLASSIAN_OAUTH_ACCESS_TOKEN"
          } (bring your own token) on Atlassian Cloud needs ATLASSIAN_OAUTH_CLOUD_ID, the site's cloud id; example: ATLASSIAN_OAUTH_CLOUD_ID=<cloud id>, which https://<your-site>.atlassian.net/_edge/tenant_info shows and ${SETUP_COMMAND} finds`,
        );
      }
      return undefined;
    }
    if (settings.clientId || settings.clientSecret) {
      r.warn(
        "ATLASSIAN_OAUTH_ACCESS_TOKEN is set, so it is used as is (bring your own token) and never refreshed; the OAuth client id and secret are ignored.",
      );
    }
    return { auth: { kind: "byot" }, oauth: settings };
  }
  if (ctx.setup) {
    const complete = settings.clientId && settings.clientSecret && settings.redirectUri &&
      settings.scope && settings.cloudId && settings.tokenFile;
    return complete ? { auth: { kind: "oauth" }, oauth: settings } : undefined;
  }
  const complete = requireOAuthValues(
    s,
    r,
    ctx.oauth,
    ["CLIENT_ID", "CLIENT_SECRET", "REDIRECT_URI", "SCOPE", "CLOUD_ID"],
    "OAuth 2.0 (3LO) on Atlassian Cloud",
  );
  if (!complete || !tokenFileKnown(r, settings, false)) return undefined;
  if (!hasOfflineAccess(settings.scope)) {
    r.warn(
      `ATLASSIAN_OAUTH_SCOPE lacks offline_access, so Atlassian issues no refresh token and the access token stops working within an hour; add offline_access (also to the app's permissions) and run ${SETUP_COMMAND}.`,
    );
  }
  return { auth: { kind: "oauth" }, oauth: settings };
}

function dcOAuth(s: Settings, r: Report, ctx: AuthContext): AuthChoice | undefined {
  const settings: OAuthSettings = { ...ctx.oauth.settings };
  delete settings.cloudId;
  if (settings.accessToken) {
    if (settings.clientId || settings.clientSecret) {
      r.warn(
        "ATLASSIAN_OAUTH_ACCESS_TOKEN is set, so it is used as is (bring your own token) and never refreshed; the OAuth client id and secret are ignored.",
      );
    }
    return { auth: { kind: "byot" }, oauth: settings };
  }
  settings.redirectUri ??= DEFAULT_REDIRECT_URI;
  settings.scope ??= DEFAULT_DC_SCOPE;
  if (ctx.setup) {
    return settings.clientId && settings.clientSecret && settings.tokenFile
      ? { auth: { kind: "oauth" }, oauth: settings }
      : undefined;
  }
  const complete = requireOAuthValues(
    s,
    r,
    ctx.oauth,
    ["CLIENT_ID", "CLIENT_SECRET"],
    "OAuth 2.0 on Server/Data Center",
  );
  if (!complete || !tokenFileKnown(r, settings, false)) return undefined;
  return { auth: { kind: "oauth" }, oauth: settings };
}

/**
 * Chooses how a product's requests authenticate; undefined when it cannot (with a warning, or
 * with a problem for incomplete OAuth settings).
 *
 * Cloud: bring-your-own-token, OAuth 3LO, then `P_USERNAME` with `P_API_TOKEN`. Server/Data
 * Center: `P_PERSONAL_TOKEN`, OAuth (token or client id + secret), Basic, then the client
 * certificate alone (`hasClientCert`). Then, with `ATLASSIAN_OAUTH_ENABLE`, `per-request`.
 */
export function loadAuth(
  s: Settings,
  r: Report,
  product: Product,
  deployment: Deployment,
  hasClientCert: boolean,
  ctx: AuthContext,
): AuthChoice | undefined {
  const P = PREFIXES[product];
  const Name = PRODUCT_NAMES[product];
  const username = s.get(`${P}_USERNAME`)?.value;
  const token = s.get(`${P}_API_TOKEN`)?.value;
  const pat = s.get(`${P}_PERSONAL_TOKEN`)?.value;
  const basicMissing = [!username && `${P}_USERNAME`, !token && `${P}_API_TOKEN`].filter(
    (x): x is string => typeof x === "string",
  );
  const oauthWanted = ctx.oauth.wanted;
  if (deployment === "cloud") {
    if (oauthWanted) {
      if (username && token) {
        r.warn(
          `${Name}: both OAuth and ${P}_USERNAME with ${P}_API_TOKEN are set; OAuth is used (Atlassian Cloud prefers it, as the Python server does).`,
        );
      }
      return cloudOAuth(s, r, ctx);
    }
    if (username && token) return { auth: { kind: "basic", username, token } };
    if (ctx.multiUser) return { auth: { kind: "per-request" } };
    const patNote = pat
      ? ` (${P}_PERSONAL_TOKEN works only with Server/Data Center; if this is a self-hosted site, set ${P}_DEPLOYMENT=datacenter)`
      : "";
    r.disabled(
      `${Name} is disabled: ${P}_URL is an Atlassian Cloud site, which needs ${P}_USERNAME and ${P}_API_TOKEN, but ${
        basicMissing.join(" and ")
      } ${
        basicMissing.length > 1 ? "are" : "is"
      } not set${patNote}; example: ${P}_USERNAME=you@example.com ${P}_API_TOKEN=<API token>.`,
    );
    return undefined;
  }
  if (pat) {
    if (oauthWanted) {
      r.warn(
        `${Name}: both ${P}_PERSONAL_TOKEN and OAuth are set; the personal access token is used (as in the Python server).`,
      );
    }
    return { auth: { kind: "pat", token: pat } };
  }
  if (oauthWanted) return dcOAuth(s, r, ctx);
  if (username && token) return { auth: { kind: "basic", username, token } };
  if (hasClientCert) return { auth: { kind: "none" } };
  if (ctx.multiUser) return { auth: { kind: "per-request" } };
  const missing = username || token
    ? `${basicMissing.join(" and ")} ${basicMissing.length > 1 ? "are" : "is"} not set`
    : `none of ${P}_PERSONAL_TOKEN, ${P}_USERNAME with ${P}_API_TOKEN, or ${P}_CLIENT_CERT is set`;
  r.disabled(
    `${Name} is disabled: a Server/Data Center site needs ${P}_PERSONAL_TOKEN, or ${P}_USERNAME with ${P}_API_TOKEN (password), or ${P}_CLIENT_CERT, but ${missing}; example: ${P}_PERSONAL_TOKEN=<personal access token>.`,
  );
  return undefined;
}
