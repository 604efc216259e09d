/**
 * The failures of OAuth steps: `OAuthError` (one sentence and a code) and the error of a callback
 * that came back with `error`.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import { AuthError, type AuthErrorKind } from "../errors.ts";

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
