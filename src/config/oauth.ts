/**
 * OAuth settings from `--oauth-*` flags and `ATLASSIAN_OAUTH_*` variables (stored, unused).
 *
 * They are kept for a later release, with a warning that they are not used yet.
 *
 * @module
 */
import { addSecret } from "../log.ts";
import type { Report, Settings } from "./_settings.ts";
import { OAUTH_VARS } from "./env_vars.ts";
import type { OAuthSettings } from "./types.ts";

const KEYS: Record<(typeof OAUTH_VARS)[number], keyof OAuthSettings> = {
  ATLASSIAN_OAUTH_CLIENT_ID: "clientId",
  ATLASSIAN_OAUTH_CLIENT_SECRET: "clientSecret",
  ATLASSIAN_OAUTH_REDIRECT_URI: "redirectUri",
  ATLASSIAN_OAUTH_SCOPE: "scope",
  ATLASSIAN_OAUTH_CLOUD_ID: "cloudId",
  ATLASSIAN_OAUTH_ACCESS_TOKEN: "accessToken",
};

/** Loads the OAuth settings; undefined when none is given. The secret and token become secrets. */
export function loadOAuth(s: Settings, r: Report): OAuthSettings | undefined {
  const oauth: OAuthSettings = {};
  const given: string[] = [];
  for (const name of OAUTH_VARS) {
    const v = s.get(name);
    if (!v) continue;
    oauth[KEYS[name]] = v.value;
    given.push(v.origin === "flag" ? v.flag! : name);
  }
  addSecret(oauth.clientSecret);
  addSecret(oauth.accessToken);
  if (!given.length) return undefined;
  r.warn(
    `OAuth is not supported yet, so ${given.join(", ")} ${
      given.length > 1 ? "are" : "is"
    } stored but not used.`,
  );
  return oauth;
}
