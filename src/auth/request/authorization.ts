/**
 * The `Authorization` header: its schemes (`Bearer`, `Token`, `Basic`) and the Python server's
 * refusal texts.
 *
 * @module
 */

/** Python server texts (byte-identical), so clients and docs written for it keep working. */
export const AUTH_ERRORS = {
  emptyHeader: "Unauthorized: Empty Authorization header",
  emptyBearer: "Unauthorized: Empty Bearer token",
  emptyToken: "Unauthorized: Empty Token (PAT)",
  emptyBasic: "Unauthorized: Empty Basic auth credentials",
  basicEncoding: "Unauthorized: Invalid Basic auth encoding",
  basicFormat: "Unauthorized: Invalid Basic auth format. Expected 'email:api_token'",
  basicEmpty: "Unauthorized: Email or API token is empty",
  scheme:
    "Unauthorized: Only 'Bearer <OAuthToken>', 'Token <PAT>', or 'Basic <base64(email:api_token)>' types are supported.",
  required: "Authentication required: no Atlassian credentials were provided.",
} as const;

type AuthorizationValue =
  | { scheme: "bearer"; token: string }
  | { scheme: "token"; token: string }
  | { scheme: "basic"; username: string; token: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeBasic(encoded: string): string | undefined {
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return undefined;
  try {
    const binary = atob(encoded);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Parses an `Authorization` header value. The scheme is matched case-insensitively (RFC 9110);
 * every refusal uses the Python server's text.
 */
export function parseAuthorization(
  value: string,
): AuthorizationValue | { error: string } {
  const trimmed = value.trim();
  if (!trimmed) return { error: AUTH_ERRORS.emptyHeader };
  const space = trimmed.search(/\s/);
  const scheme = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space < 0 ? "" : trimmed.slice(space).trim();
  switch (scheme) {
    case "bearer":
      return rest ? { scheme: "bearer", token: rest } : { error: AUTH_ERRORS.emptyBearer };
    case "token":
      return rest ? { scheme: "token", token: rest } : { error: AUTH_ERRORS.emptyToken };
    case "basic": {
      if (!rest) return { error: AUTH_ERRORS.emptyBasic };
      const decoded = decodeBasic(rest);
      if (decoded === undefined) return { error: AUTH_ERRORS.basicEncoding };
      const colon = decoded.indexOf(":");
      if (colon < 0) return { error: AUTH_ERRORS.basicFormat };
      const username = decoded.slice(0, colon);
      const token = decoded.slice(colon + 1);
      if (!username || !token) return { error: AUTH_ERRORS.basicEmpty };
      return { scheme: "basic", username, token };
    }
    default:
      return { error: AUTH_ERRORS.scheme };
  }
}
