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
 * This module is the folder's door; the parts live beside it (endpoints, authorize URL,
 * errors, HTTP call, token calls, accessible resources), with the `TokenManager` that refreshes,
 * the token file and the bring-your-own-token source.
 *
 * @module
 */
export { type AuthorizationRequest, authorizationUrl, pkcePair, randomState } from "./authorize.ts";
export {
  cloudEndpoints,
  datacenterEndpoints,
  endpointsFor,
  type OAuthEndpoints,
} from "./endpoints.ts";
export { callbackError, OAuthError, type OAuthErrorCode } from "./error.ts";
export type { OAuthCallOptions } from "./http.ts";
export { type AccessibleResource, accessibleResources } from "./resources.ts";
export {
  type CodeExchange,
  exchangeCode,
  refreshAccessToken,
  type RefreshRequest,
  type TokenSet,
} from "./tokens.ts";
export { StaticTokenSource } from "./byot.ts";
export { REFRESH_MARGIN_SECONDS, TokenManager, type TokenManagerOptions } from "./token_manager.ts";
export {
  DENO_FILE_SYSTEM,
  loadTokens,
  parseTokens,
  saveTokens,
  serializeTokens,
  type StoredTokens,
  type TokenFileSystem,
} from "./token_store.ts";
