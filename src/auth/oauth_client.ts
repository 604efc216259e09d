/**
 * The OAuth 2.0 client of Atlassian's authorization servers: the authorize URL, the code
 * exchange, the refresh, and the accessible resources (cloud ids) of a token.
 *
 * Cloud (3LO): `${authUrl}/authorize?audience=api.atlassian.com&...&prompt=consent`, tokens at
 * `${authUrl}/oauth/token`, sites at `${apiUrl}/oauth/token/accessible-resources`. Data Center
 * OAuth 2.0 (incoming links): `${instance}/rest/oauth2/latest/authorize` and `/token`. Token
 * requests are form posts with the client credentials in the body, as the Python server sends.
 * Every failure is an `OAuthError` whose message is one clear sentence.
 *
 * This module is the public face; the parts live in `_oauth_*.ts` (endpoints, authorize URL,
 * errors, HTTP call, token calls, accessible resources).
 *
 * @module
 */
export {
  type AuthorizationRequest,
  authorizationUrl,
  pkcePair,
  randomState,
} from "./_oauth_authorize.ts";
export {
  cloudEndpoints,
  datacenterEndpoints,
  endpointsFor,
  type OAuthEndpoints,
} from "./_oauth_endpoints.ts";
export { callbackError, OAuthError, type OAuthErrorCode } from "./_oauth_error.ts";
export type { OAuthCallOptions } from "./_oauth_http.ts";
export { type AccessibleResource, accessibleResources } from "./_oauth_resources.ts";
export {
  type CodeExchange,
  exchangeCode,
  refreshAccessToken,
  type RefreshRequest,
  type TokenSet,
} from "./_oauth_tokens.ts";
