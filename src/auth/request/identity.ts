/**
 * What parsed credentials are without keeping them: their secret values (to mask), their
 * fingerprint (the exact credentials) and their identity (who they speak for).
 *
 * @module
 */
import { PRODUCTS } from "../../config/mod.ts";
import { basicCredential } from "../../http/basic.ts";
import type { ProductCredential, RequestCredentials } from "./types.ts";

/** The secret values of a request's credentials (to mask them in anything shown). */
export function credentialSecrets(credentials: RequestCredentials): string[] {
  const out = new Set<string>();
  for (const c of Object.values(credentials)) {
    if (!c) continue;
    out.add(c.token);
    if (c.kind === "basic") {
      out.add(basicCredential(c.username, c.token));
    }
  }
  return [...out].filter((s) => s.length >= 4);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * What is hashed for one product: its kind, where it goes and (Basic) the user name, with the
 * token in its place when `withToken`.
 */
function describe(c: ProductCredential, withToken: boolean): string[] {
  const token = withToken ? [c.token] : [];
  return c.kind === "oauth"
    ? ["oauth", ...token, c.cloudId]
    : c.kind === "pat"
    ? ["pat", ...token, c.url ?? ""]
    : ["basic", c.username, ...token];
}

/** The SHA-256 (hex) of every product's description (null for none); `"server"` without any. */
async function hashPerProduct(
  credentials: RequestCredentials | undefined,
  withToken: boolean,
): Promise<string> {
  if (!credentials) return "server";
  return await sha256Hex(JSON.stringify(
    PRODUCTS.map((p) => {
      const c = credentials[p];
      if (!c) return null;
      return describe(c, withToken);
    }),
  ));
}

/**
 * A fingerprint (SHA-256, hex) of a request's exact credentials, token included, without keeping
 * a copy of them: it changes whenever the token does. The HTTP layer counts open sessions per
 * fingerprint; `"server"` when the request uses the server's own credentials.
 */
export async function credentialFingerprint(
  credentials: RequestCredentials | undefined,
): Promise<string> {
  return await hashPerProduct(credentials, true);
}

/**
 * Who a request's credentials speak for, as far as the headers tell without asking Atlassian
 * (SHA-256, hex): per product the credential kind and where it goes (the cloud id, the
 * per-request instance URL, else the configured site), plus the user name for Basic. The token
 * itself is left out, so the identity survives a token refresh (Cloud access tokens last an
 * hour); two Bearer or Token users of one site therefore share an identity. `"server"` when the
 * request uses the server's own credentials.
 */
export async function credentialIdentity(
  credentials: RequestCredentials | undefined,
): Promise<string> {
  return await hashPerProduct(credentials, false);
}
