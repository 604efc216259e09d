/**
 * The setup wizard's dialogue before the browser: the introduction for the target, and the
 * questions (client id, secret, redirect URI, scopes) with their checks.
 *
 * @module
 */
import {
  DEFAULT_DC_SCOPE,
  DEFAULT_REDIRECT_URI,
  hasOfflineAccess,
  isValidClientId,
} from "../../config/oauth.ts";
import type { Config } from "../../config/types.ts";
import { addSecret } from "../../log.ts";
import { SetupError } from "./error.ts";
import type { WizardIO } from "./io.ts";
import type { WizardTarget } from "./target.ts";

/**
 * The scopes the wizard offers on Cloud: what the default tools' Cloud endpoints require according
 * to Atlassian's OpenAPI documents (Jira classic scopes; Confluence v2 page, space and comment
 * scopes, v1 CQL search and user lookup, page moves and copies), and refresh tokens.
 */
export const DEFAULT_CLOUD_SCOPE =
  "read:jira-work write:jira-work read:jira-user read:page:confluence write:page:confluence " +
  "read:space:confluence search:confluence read:confluence-user read:comment:confluence " +
  "write:comment:confluence read:hierarchical-content:confluence delete:page:confluence " +
  "write:confluence-content offline_access";

/** The answers to the wizard's questions. */
export interface Answers {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
}

/** Says what is set up and what it needs (the app, and notes on the other product and a PAT). */
export function sayIntro(io: WizardIO, target: WizardTarget): void {
  io.say(
    `mcp-atlassian OAuth 2.0 setup: ${
      target.kind === "cloud" ? "Atlassian Cloud" : `Data Center (${target.instanceUrl})`
    }.`,
  );
  if (target.kind === "cloud") {
    io.say(
      "You need an OAuth 2.0 (3LO) app from https://developer.atlassian.com/console/myapps/ whose callback URL is the redirect URI below.",
    );
  } else {
    io.say(
      `You need an incoming application link with OAuth 2.0 (${target.instanceUrl} > Administration > Application links) whose redirect URL is the redirect URI below.`,
    );
    const other = target.services.find((s) =>
      s.deployment === "datacenter" && s.product !== target.product
    );
    if (other) {
      const [name, otherName] = target.product === "jira"
        ? ["Jira", "Confluence"]
        : ["Confluence", "Jira"];
      io.say(
        `Note: this sets up ${name} only; ${otherName} (${other.url}) has its own OAuth provider: run the setup again with only ${otherName.toUpperCase()}_URL set, and give its values as ${otherName.toUpperCase()}_OAUTH_* variables.`,
      );
    }
    if (target.service?.auth.kind === "pat") {
      const P = target.product === "jira" ? "JIRA" : "CONFLUENCE";
      io.say(
        `Note: ${P}_PERSONAL_TOKEN is set and wins over OAuth; remove it to use the tokens made here.`,
      );
    }
  }
  io.say("Press Enter to keep the value in brackets.");
  io.say();
}

/** Asks the questions, offering the configured values as defaults; refuses unusable answers. */
export async function askAnswers(
  io: WizardIO,
  config: Config,
  target: WizardTarget,
): Promise<Answers> {
  const clientId = await io.input.ask("Client ID", config.oauth.clientId);
  if (!clientId) {
    throw new SetupError(
      "A client id is needed: copy it from your OAuth app's settings (or set ATLASSIAN_OAUTH_CLIENT_ID).",
    );
  }
  if (!isValidClientId(clientId)) {
    throw new SetupError(
      `"${clientId}" is not an OAuth client id (only letters, digits, ".", "_" and "-"): copy it from your OAuth app's settings.`,
    );
  }
  const clientSecret = await io.input.ask("Client secret", config.oauth.clientSecret, {
    secret: true,
    shown: "****",
  });
  addSecret(clientSecret);
  if (!clientSecret) {
    throw new SetupError(
      "A client secret is needed: copy it from your OAuth app's settings (or set ATLASSIAN_OAUTH_CLIENT_SECRET).",
    );
  }
  const redirectUri = await io.input.ask(
    "Redirect URI",
    config.oauth.redirectUri ?? DEFAULT_REDIRECT_URI,
  ) ?? DEFAULT_REDIRECT_URI;
  let parsed: URL | undefined;
  try {
    parsed = new URL(redirectUri);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.hash) {
    throw new SetupError(
      `The redirect URI "${redirectUri}" is not an http(s) address without a fragment; example: ${DEFAULT_REDIRECT_URI}.`,
    );
  }
  const fallbackScope = target.kind === "cloud" ? DEFAULT_CLOUD_SCOPE : DEFAULT_DC_SCOPE;
  const scope = (await io.input.ask(
    "Scopes (space-separated)",
    config.oauth.scope ?? fallbackScope,
  ) ?? fallbackScope).split(/\s+/).filter(Boolean).join(" ");
  if (target.kind === "cloud" && !hasOfflineAccess(scope)) {
    throw new SetupError(
      "The scopes lack offline_access, so Atlassian would issue no refresh token and access would stop within an hour: add offline_access to the scopes (and to your app's permissions).",
    );
  }
  return { clientId, clientSecret, redirectUri, scope };
}
