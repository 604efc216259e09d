/**
 * The errors of the auth modules: one clear sentence as `message`, one actionable `hint`, and
 * the `kind` the HTTP client gives the failed request (`unauthorized`, `network`, ...).
 *
 * @module
 */
import { SETUP_COMMAND } from "../config/oauth.ts";

/** How a failed credential lookup is classed when it becomes a request's failure. */
export type AuthErrorKind = "unauthorized" | "network" | "timeout" | "server";

/** A credential that cannot be had: `message` is one sentence, `hint` one fix. */
export class AuthError extends Error {
  /** What kind of failure this is for the request that needed the credential. */
  readonly kind: AuthErrorKind;
  /** One actionable sentence. */
  readonly hint: string;

  /** Creates the error; `kind` defaults to `unauthorized`. */
  constructor(
    message: string,
    init: { hint?: string; kind?: AuthErrorKind; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AuthError";
    this.kind = init.kind ?? "unauthorized";
    this.hint = init.hint ?? `Run ${SETUP_COMMAND}.`;
  }
}

/** The sentence for a refresh token Atlassian no longer accepts. */
export const REFRESH_REVOKED =
  `The refresh token was revoked or already used: run ${SETUP_COMMAND}.`;

/** The sentence for an access token refused (401) right after this process refreshed it. */
export const REFUSED_AFTER_REFRESH =
  `The OAuth access token was refused right after a refresh: the site access may have been revoked or the cloud id is wrong; run ${SETUP_COMMAND}.`;

/** The sentence for a bring-your-own token that was refused. */
export const BYOT_REJECTED =
  "The access token you supplied (ATLASSIAN_OAUTH_ACCESS_TOKEN) was rejected or has expired; supply a new one.";
