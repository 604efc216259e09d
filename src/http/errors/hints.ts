/**
 * The one actionable hint each kind of failure carries, by product and (for a 401) by how the
 * service authenticates; plus the hints for a refused scope and a write of unknown outcome.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import type { Product, ServiceAuth } from "../../config/types.ts";
import type { AtlassianError, ErrorKind } from "./atlassian_error.ts";
import { envPrefix, productLabel } from "./wording.ts";
import { SEND_CREDENTIALS_HINT } from "../../config/_products.ts";

/** The hint of a write whose outcome is unknown. */
export const CHECK_FIRST =
  "Read the item back to see whether the change was applied before trying again.";

/** The hint of a 401 for an OAuth token that lacks a scope the call needs. */
export const SCOPE_HINT =
  `The access token lacks a scope this call needs: add it to ATLASSIAN_OAUTH_SCOPE (and to the app's permissions at developer.atlassian.com), then run ${SETUP_COMMAND}.`;

/** The hint of a 401 for a scoped API token (Basic auth) that lacks a scope the call needs. */
const API_TOKEN_SCOPE_HINT =
  "The API token is a scoped token that lacks a scope this call needs: create a new API token with that scope (id.atlassian.com > Security > API tokens), or an API token without scopes.";

/** The hint of a missing scope when each request brings its own token (OAuth or API token). */
const REQUEST_SCOPE_HINT =
  "The token this request carried lacks a scope this call needs: for an OAuth token, add the scope to its app and authorize again; for a scoped API token, create one with that scope (or one without scopes).";

/** The hint of Jira Cloud's refusal of a JQL query with no restriction. */
const UNBOUNDED_JQL_HINT =
  "Bound the query: add a project (project = KEY), an assignee (assignee = currentUser()) or a time window (updated >= -30d); ORDER BY alone restricts nothing.";

/**
 * Whether a 401 is the API gateway's "Unauthorized; scope does not match": the token is valid
 * but lacks a scope, which no refresh cures.
 */
export function isScopeMismatch(error: Pick<AtlassianError, "status" | "messages">): boolean {
  return error.status === 401 && error.messages.some((m) => /scope does not match/i.test(m));
}

/**
 * The hint that Atlassian's own message calls for, when it names a cause with a fix of its own
 * (a missing scope, an unbounded JQL query), whatever the status.
 */
export function messageHint(
  error: Pick<AtlassianError, "status" | "messages">,
  auth?: ServiceAuth["kind"],
): string | undefined {
  if (isScopeMismatch(error)) {
    if (auth === "basic") return API_TOKEN_SCOPE_HINT;
    if (auth === "per-request") return REQUEST_SCOPE_HINT;
    return SCOPE_HINT;
  }
  if (error.messages.some((m) => /^Unbounded JQL queries are not allowed/i.test(m))) {
    return UNBOUNDED_JQL_HINT;
  }
  return undefined;
}

/** The hint for a 401, by how the service authenticates. */
function unauthorizedHint(product: Product, auth?: ServiceAuth["kind"]): string {
  const p = productLabel(product);
  const env = envPrefix(product);
  switch (auth) {
    case "oauth":
      return `The OAuth access token was refused even after a refresh: check that ATLASSIAN_OAUTH_SCOPE covers ${p}, then run ${SETUP_COMMAND}.`;
    case "byot":
      return "The access token you supplied (ATLASSIAN_OAUTH_ACCESS_TOKEN) was rejected or has expired; supply a new one.";
    case "per-request":
      return SEND_CREDENTIALS_HINT;
    default:
      return `Check ${env}_USERNAME and ${env}_API_TOKEN (Cloud) or ${env}_PERSONAL_TOKEN (Server/Data Center).`;
  }
}

/** The hint for a failure of `kind` on `product` (`auth` picks the one for a 401). */
export function hintFor(
  kind: ErrorKind,
  product: Product,
  retryAfterSeconds?: number,
  auth?: ServiceAuth["kind"],
): string {
  const p = productLabel(product);
  const env = envPrefix(product);
  switch (kind) {
    case "unauthorized":
      return unauthorizedHint(product, auth);
    case "forbidden":
      return `Your ${p} account lacks permission for this; ask a ${p} administrator for access or use an account that has it.`;
    case "not_found":
      return `Check the key or id, and that your account can see it (${p} answers 404 when you lack access).`;
    case "conflict":
      return "Someone changed it meanwhile: fetch the latest version and apply the change again.";
    case "rate_limited":
      return retryAfterSeconds === undefined
        ? `${p} is rate limiting requests: wait a minute before retrying.`
        : `${p} is rate limiting requests: wait ${retryAfterSeconds} s before retrying.`;
    case "bad_request":
      return `Correct the request as ${p}'s message says (field names, values, JQL/CQL syntax).`;
    case "server":
      return `The problem is on ${p}'s side; try again later, and check the site's status if it persists.`;
    case "timeout":
      return `Try again, narrow the request, or raise ${env}_TIMEOUT (seconds); also check ${env}_URL and any proxy.`;
    case "network":
      return `Check ${env}_URL and that the host is reachable from here, including the proxy settings (${env}_HTTPS_PROXY / HTTPS_PROXY, NO_PROXY).`;
    case "tls":
      return `Set ${env}_CA_BUNDLE to your CA certificate (PEM), or ${env}_SSL_VERIFY=false as a last resort.`;
    case "host_not_allowed":
      return `Requests may only go to the origin of ${env}_URL; correct ${env}_URL if it is wrong.`;
    case "unexpected_answer":
      return `Check ${env}_URL (and its context path) and single sign-on: it must be the ${p} site itself, whose API answers with JSON, not a login page or a proxy.`;
  }
}
