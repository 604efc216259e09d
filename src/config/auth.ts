/**
 * One service's credentials: registered as secrets, and the auth scheme chosen.
 *
 * The scheme is Basic, a personal access token, or the client certificate alone.
 *
 * @module
 */
import { addSecret } from "../log.ts";
import { NAMES, PREFIXES } from "./_products.ts";
import type { Report, Settings } from "./_settings.ts";
import type { Deployment, Product, ServiceAuth } from "./types.ts";

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Registers a product's API token, personal token and Basic credential as secrets. */
export function addCredentialSecrets(s: Settings, product: Product): void {
  const P = PREFIXES[product];
  const username = s.get(`${P}_USERNAME`);
  const token = s.get(`${P}_API_TOKEN`);
  addSecret(token?.value);
  addSecret(s.get(`${P}_PERSONAL_TOKEN`)?.value);
  if (username && token) addSecret(base64(`${username.value}:${token.value}`));
}

/**
 * Chooses how a product's requests authenticate; undefined (with a warning) when it cannot.
 *
 * Cloud needs `P_USERNAME` with `P_API_TOKEN`; Server/Data Center takes `P_PERSONAL_TOKEN`,
 * then Basic, then the client certificate alone (`hasClientCert`).
 */
export function loadAuth(
  s: Settings,
  r: Report,
  product: Product,
  deployment: Deployment,
  hasClientCert: boolean,
): ServiceAuth | undefined {
  const P = PREFIXES[product];
  const Name = NAMES[product];
  const username = s.get(`${P}_USERNAME`)?.value;
  const token = s.get(`${P}_API_TOKEN`)?.value;
  const pat = s.get(`${P}_PERSONAL_TOKEN`)?.value;
  const basicMissing = [!username && `${P}_USERNAME`, !token && `${P}_API_TOKEN`].filter(
    (x): x is string => typeof x === "string",
  );
  if (deployment === "cloud") {
    if (username && token) return { kind: "basic", username, token };
    const patNote = pat
      ? ` (${P}_PERSONAL_TOKEN works only with Server/Data Center; if this is a self-hosted site, set ${P}_DEPLOYMENT=datacenter)`
      : "";
    r.warn(
      `${Name} is disabled: ${P}_URL is an Atlassian Cloud site, which needs ${P}_USERNAME and ${P}_API_TOKEN, but ${
        basicMissing.join(" and ")
      } ${
        basicMissing.length > 1 ? "are" : "is"
      } not set${patNote}; example: ${P}_USERNAME=you@example.com ${P}_API_TOKEN=<API token>.`,
    );
    return undefined;
  }
  if (pat) return { kind: "pat", token: pat };
  if (username && token) return { kind: "basic", username, token };
  if (hasClientCert) return { kind: "none" };
  const missing = username || token
    ? `${basicMissing.join(" and ")} ${basicMissing.length > 1 ? "are" : "is"} not set`
    : `none of ${P}_PERSONAL_TOKEN, ${P}_USERNAME with ${P}_API_TOKEN, or ${P}_CLIENT_CERT is set`;
  r.warn(
    `${Name} is disabled: a Server/Data Center site needs ${P}_PERSONAL_TOKEN, or ${P}_USERNAME with ${P}_API_TOKEN (password), or ${P}_CLIENT_CERT, but ${missing}; example: ${P}_PERSONAL_TOKEN=<personal access token>.`,
  );
  return undefined;
}
