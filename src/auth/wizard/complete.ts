/**
 * The end of the setup wizard's authorization: checks the redirect, exchanges the code, finds the
 * Cloud site, and stores the tokens in the Python-compatible token file.
 *
 * @module
 */
import { isCloudHost } from "../../config/mod.ts";
import { createWriteTransport } from "../../http/transport.ts";
import { AuthError } from "../errors.ts";
import {
  accessibleResources,
  callbackError,
  exchangeCode,
  type OAuthCallOptions,
  type TokenSet,
} from "../oauth/mod.ts";
import { saveTokens, type StoredTokens } from "../oauth/mod.ts";
import type { CallbackParams } from "./callback.ts";
import { SetupError } from "./error.ts";
import type { WizardIO } from "./io.ts";
import type { SetupResult } from "./output.ts";
import type { Answers } from "./prompts.ts";
import { chooseSite, urlOrigin } from "./site.ts";
import type { WizardTarget } from "./target.ts";

/** What the wizard knows when the redirect arrives. */
export interface PendingSetup {
  target: WizardTarget;
  answers: Answers;
  /** The `state` of the authorize URL, which the redirect must carry back. */
  state: string;
  /** The PKCE verifier (Data Center). */
  codeVerifier: string | undefined;
  /** The token file to write. */
  tokenFile: string;
  /** The configured cloud id (ATLASSIAN_OAUTH_CLOUD_ID), to pick among several sites. */
  cloudId: string | undefined;
  /** Receives the TLS/proxy clients of the token calls; the caller closes them. */
  transports: Deno.HttpClient[];
}

/** The transport options of one token call: the service's TLS and proxy settings, if any. */
function callOptions(pending: PendingSetup, url: string): OAuthCallOptions {
  const service = pending.target.service;
  if (!service) return {};
  // The code exchange must happen once: a fresh connection, never resent by the runtime.
  const transport = createWriteTransport({ url, proxy: service.proxy, tls: service.tls });
  pending.transports.push(transport);
  return { client: transport };
}

/** Turns the redirect into stored tokens; answers what was set up and the site's name. */
export async function completeSetup(
  io: WizardIO,
  pending: PendingSetup,
  params: CallbackParams,
): Promise<{ setup: SetupResult; siteName?: string }> {
  const { target, answers, state, codeVerifier, tokenFile } = pending;
  if (params.state !== state) {
    throw new SetupError(
      "The redirect carried a state that does not belong to this setup (a stale tab or a forged request), so its code was not used: run the setup again.",
    );
  }
  if (params.error) throw callbackError(params.error, params.errorDescription);
  if (!params.code) {
    throw new SetupError("The redirect carried no authorization code: run the setup again.");
  }
  io.say("Authorization received; exchanging the code for tokens...");
  const tokens = await exchangeCode(target.endpoints, {
    clientId: answers.clientId,
    clientSecret: answers.clientSecret,
    code: params.code,
    redirectUri: answers.redirectUri,
    ...(codeVerifier ? { codeVerifier } : {}),
  }, callOptions(pending, target.endpoints.tokenUrl));

  const setup: SetupResult = {
    kind: target.kind,
    clientId: answers.clientId,
    redirectUri: answers.redirectUri,
    scope: answers.scope,
    tokenFile,
  };
  let siteName: string | undefined;
  const stored: StoredTokens = storedTokens(tokens);
  if (target.kind === "cloud") {
    const sites = await accessibleResources(
      target.endpoints,
      tokens.accessToken,
      callOptions(pending, target.endpoints.resourcesUrl!),
    );
    const site = await chooseSite(io, sites, pending.cloudId, target.siteUrls);
    setup.cloudId = site.id;
    siteName = site.name || site.url;
    stored.cloud_id = site.id;
    // The Python server drops a Cloud base URL but refuses a non-Cloud one next to a cloud id.
    if (urlOrigin(site.url) && isCloudHost(new URL(site.url).hostname)) stored.base_url = site.url;
  } else {
    setup.instanceUrl = target.instanceUrl;
    setup.product = target.product;
    stored.base_url = target.instanceUrl;
    siteName = target.instanceUrl;
    if (!tokens.refreshToken) {
      io.say(
        "Warning: the instance issued no refresh token, so the access token cannot be renewed when it expires; run the setup again then.",
      );
    }
  }
  try {
    await saveTokens(tokenFile, stored);
  } catch (error) {
    throw error instanceof AuthError ? new SetupError(error.message, { cause: error }) : error;
  }
  io.say(`Tokens saved to ${tokenFile} (readable by you only).`);
  return { setup, siteName };
}

/** The token file's record of a token set (before the site is added). */
function storedTokens(tokens: TokenSet): StoredTokens {
  const out: StoredTokens = { access_token: tokens.accessToken, expires_at: tokens.expiresAt };
  if (tokens.refreshToken) out.refresh_token = tokens.refreshToken;
  return out;
}
