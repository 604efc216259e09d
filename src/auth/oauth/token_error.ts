/**
 * The error of a token endpoint's refusal (code exchange or refresh), as one sentence that says
 * what to do.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import { REFRESH_REVOKED } from "../errors.ts";
import type { OAuthEndpoints } from "./endpoints.ts";
import { OAuthError } from "./error.ts";
import { field, hostOf } from "./http.ts";

/** The error of a token endpoint's non-2xx answer, for `step` ("refresh" or "code"). */
export function tokenError(
  endpoints: OAuthEndpoints,
  status: number,
  body: unknown,
  step: "refresh" | "code",
): OAuthError {
  const error = field(body, "error");
  const description = field(body, "error_description");
  const host = hostOf(endpoints.tokenUrl);
  const detail = description ? ` (${description})` : "";
  const clientVars = endpoints.kind === "cloud"
    ? "ATLASSIAN_OAUTH_CLIENT_ID and ATLASSIAN_OAUTH_CLIENT_SECRET against the app's Settings page at https://developer.atlassian.com/console/myapps/"
    : "ATLASSIAN_OAUTH_CLIENT_ID and ATLASSIAN_OAUTH_CLIENT_SECRET against the incoming application link";
  if (error === "invalid_grant") {
    return step === "refresh"
      ? new OAuthError("invalid_grant", REFRESH_REVOKED, {
        status,
        hint:
          `Run ${SETUP_COMMAND} to authorize again; the new tokens are picked up without a restart.`,
      })
      : new OAuthError(
        "invalid_grant",
        `The authorization code was refused${detail}: it expired, was already used, or belongs to another redirect URI; run ${SETUP_COMMAND} again.`,
        { status },
      );
  }
  if (
    error === "invalid_client" || error === "unauthorized_client" ||
    (error === "access_denied" && status === 401) || (status === 401 && !error)
  ) {
    return new OAuthError(
      "invalid_client",
      `${host} refused the OAuth client id or secret${detail}: check ${clientVars}.`,
      { status, hint: `Correct the client secret, then run ${SETUP_COMMAND}.` },
    );
  }
  if (status >= 500) {
    return new OAuthError(
      "server",
      `${host} answered ${status} to the OAuth ${
        step === "refresh" ? "token refresh" : "code exchange"
      }; try again later.`,
      { status, hint: "The problem is on Atlassian's side; try again in a minute." },
    );
  }
  return new OAuthError(
    error === "access_denied" ? "access_denied" : "invalid_request",
    `${host} refused the OAuth ${step === "refresh" ? "token refresh" : "code exchange"} (${
      error ?? `HTTP ${status}`
    }${description ? `: ${description}` : ""}); run ${SETUP_COMMAND}.`,
    { status },
  );
}
