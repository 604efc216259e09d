/**
 * Credentials that arrive with an HTTP request (multi-user mode, as the Python server's
 * `UserTokenMiddleware`): the `Authorization` header (`Bearer`, `Token`, `Basic`),
 * `X-Atlassian-Cloud-Id`, and the per-request instance pairs `X-Atlassian-Jira-Url` +
 * `X-Atlassian-Jira-Personal-Token` (same for Confluence).
 *
 * Parsing is pure: it never connects anywhere, never logs, and a refusal's text never contains
 * a credential. A per-request instance URL is accepted only when its host is in
 * `MCP_ALLOWED_URL_DOMAINS`; any other URL is refused (403) before a connection could be made.
 *
 * Two hashes describe parsed credentials without keeping them: `credentialIdentity` (who they
 * speak for: kind, cloud id or site, and the Basic user name; the token left out, so it survives
 * a refresh) binds HTTP sessions, and `credentialFingerprint` (the exact credentials, token
 * included) counts them. Where the credentials take a request is `scope.ts`.
 *
 * This module is the folder's door; the parts live beside it (types, `Authorization`
 * header, instance URLs, header reading, fingerprint and identity, configuration to options,
 * the `AuthInfo` carrier, header mode).
 *
 * @module
 */
export { AUTH_ERRORS, parseAuthorization } from "./authorization.ts";
export { type CarriedAuthInfo, carriedCredentials, carryCredentials } from "./carrier.ts";
export { credentialFingerprint, credentialIdentity, credentialSecrets } from "./identity.ts";
export { type HeaderAuthMode, headerAuthMode } from "./mode.ts";
export { credentialsRequiredMessage, originOf, requestAuthOptions, siteUrlOf } from "./options.ts";
export { AUTH_HEADERS, readRequestAuth } from "./read.ts";
export type {
  ProductCredential,
  RequestAuth,
  RequestAuthOptions,
  RequestCredentials,
} from "./types.ts";
export { checkInstanceUrl, hostAllowed } from "./url.ts";
export {
  type Products,
  requestProducts,
  type RequestScope,
  requestScope,
  requestService,
  serverProducts,
} from "./scope.ts";
