/**
 * How a request's credentials reach the tool handlers: attached by identity to the SDK's
 * `AuthInfo` object, never as an enumerable or serialisable field.
 *
 * @module
 */
import type { RequestCredentials } from "./types.ts";

/**
 * The SDK's `AuthInfo` shape (structural, so this module needs no SDK import): what
 * `transport.handleRequest(request, { authInfo })` passes on to request handlers.
 */
export interface CarriedAuthInfo {
  token: string;
  clientId: string;
  scopes: string[];
  extra?: Record<string, unknown>;
}

// Credentials ride on the AuthInfo object by identity: nothing enumerable or serialisable holds
// them, and only `carryCredentials` (called by the HTTP layer) can attach them.
const carried = new WeakMap<object, RequestCredentials>();

/** Wraps a request's credentials for `handleRequest(request, { authInfo })`. */
export function carryCredentials(credentials: RequestCredentials): CarriedAuthInfo {
  const info: CarriedAuthInfo = { token: "", clientId: "atlassian-request-headers", scopes: [] };
  carried.set(info, credentials);
  return info;
}

/** The credentials a handler's `extra.authInfo` carries; undefined for none. */
export function carriedCredentials(authInfo: unknown): RequestCredentials | undefined {
  return authInfo && typeof authInfo === "object" ? carried.get(authInfo) : undefined;
}
