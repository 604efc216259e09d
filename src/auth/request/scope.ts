/**
 * Where one request's own credentials (multi-user HTTP, parsed by `mod.ts`) take it:
 * the products they reach, the service each product is served from for that request, and the
 * `RequestScope` a tool call runs in.
 *
 * A scope is built for one call alone: new HTTP clients whose credential source holds only that
 * request's credentials (so per-client caches such as Jira fields and Confluence spaces are per
 * request too), closed when the call ends. While it is open the request's secrets (token, PAT,
 * Basic password and its encoded header) are registered with the log (`addScopedSecrets`), so
 * an upstream error that echoes a token, in any encoding, is masked in every log line, and
 * `mask` masks them in the answer. Nothing of it is kept or shared.
 *
 * @module
 */
import { PRODUCTS } from "../../config/mod.ts";
import { DEFAULT_API_URL, gatewayUrl } from "../../config/oauth.ts";
import type { Config, Deployment, Product, ServiceConfig } from "../../config/types.ts";
import { type CredentialSource, HttpClient } from "../../http/mod.ts";
import { addScopedSecrets } from "../../log.ts";
import type { ToolContext } from "../../tools/define.ts";
import { credentialSecrets } from "./identity.ts";
import { originOf, siteUrlOf } from "./options.ts";
import type { ProductCredential, RequestCredentials } from "./types.ts";
import { basicCredential } from "../../http/basic.ts";

/** Products with the deployment each is served as. */
export type Products = Partial<Record<Product, Deployment>>;

/** Where and as what deployment a request's credential for a product goes. */
function target(
  config: Config,
  product: Product,
  credential: ProductCredential,
): { url: string; deployment: Deployment } | undefined {
  if (credential.kind === "oauth") {
    const api = config.oauth?.apiUrl ?? DEFAULT_API_URL;
    const url = gatewayUrl(api, product, encodeURIComponent(credential.cloudId));
    return { url, deployment: "cloud" };
  }
  if (credential.kind === "pat" && credential.url) {
    return { url: credential.url, deployment: "datacenter" };
  }
  const configured = config[product];
  const site = siteUrlOf(config, product);
  return configured && site ? { url: site, deployment: configured.deployment } : undefined;
}

/** The products a request's credentials reach, with their deployments. */
export function requestProducts(config: Config, credentials: RequestCredentials): Products {
  const out: Products = {};
  for (const product of PRODUCTS) {
    const credential = credentials[product];
    const where = credential && target(config, product, credential);
    if (where) out[product] = where.deployment;
  }
  return out;
}

/** The products the server's own credentials reach (a per-request service has none). */
export function serverProducts(config: Config): Products {
  const out: Products = {};
  for (const product of PRODUCTS) {
    const service = config[product];
    if (service && service.auth.kind !== "per-request") out[product] = service.deployment;
  }
  return out;
}

/**
 * The service one request talks to for a product. Server policy (project/space allowlist,
 * timeout, proxy, CA bundle) always applies; custom headers and the client certificate are
 * sent only to the configured site's own origin, never to a gateway or a per-request URL.
 */
export function requestService(
  config: Config,
  product: Product,
  credential: ProductCredential,
): ServiceConfig | undefined {
  const where = target(config, product, credential);
  if (!where) return undefined;
  const configured = config[product];
  const base = configured ?? config[product === "jira" ? "confluence" : "jira"];
  const sameOrigin = configured !== undefined &&
    [configured.url, configured.siteUrl].some((u) => u && originOf(u) === originOf(where.url));
  return {
    product,
    url: where.url,
    deployment: where.deployment,
    auth: { kind: "per-request" },
    tls: sameOrigin ? configured.tls : {
      verify: true,
      ...(base?.tls.verify && base.tls.caCerts && { caCerts: base.tls.caCerts }),
    },
    proxy: base?.proxy ?? { noProxy: [] },
    timeoutMs: base?.timeoutMs ?? 75_000,
    customHeaders: sameOrigin ? configured.customHeaders : {},
    allowlist: configured?.allowlist ?? [],
    ...(base?.retry && { retry: base.retry }),
    ...(configured?.rawText && { rawText: true }),
    ...(configured?.internalOnlyProjects && {
      internalOnlyProjects: configured.internalOnlyProjects,
    }),
    // The configured site is this request's site only when the cloud ids agree.
    ...(credential.kind === "oauth" && configured?.siteUrl &&
      credential.cloudId === config.oauth?.cloudId && { siteUrl: configured.siteUrl }),
  };
}

/** The Authorization header a credential sends (never refreshed: the client owns the token). */
function credentialSource(credential: ProductCredential): CredentialSource {
  const value = credential.kind === "basic"
    ? `Basic ${basicCredential(credential.username, credential.token)}`
    : `Bearer ${credential.token}`;
  return { authorization: () => Promise.resolve(value) };
}

/** A tool context that lives for one request: fresh clients holding that request's credentials. */
export interface RequestScope {
  /** The context the call runs in. */
  ctx: ToolContext;
  /**
   * The request's secret values: masked, in every form, in the log and in answers while the
   * scope is open (an upstream may quote what it was sent).
   */
  secrets: string[];
  /** Closes the request's clients and stops masking its secrets in the log. */
  close(): void;
}

/**
 * Builds the context for one request from its credentials. Every client is new, so nothing
 * cached per client (fields, spaces) and no token can cross to another request.
 */
export function requestScope(config: Config, credentials: RequestCredentials): RequestScope {
  const scoped: Config = { ...config, jira: undefined, confluence: undefined };
  const ctx: ToolContext = { config: scoped };
  const clients: HttpClient[] = [];
  for (const product of PRODUCTS) {
    const credential = credentials[product];
    const service = credential && requestService(config, product, credential);
    if (!credential || !service) continue;
    const client = new HttpClient(service, { credentials: credentialSource(credential) });
    clients.push(client);
    scoped[product] = service;
    ctx[product] = { service, client };
  }
  const secrets = credentialSecrets(credentials);
  const release = addScopedSecrets(secrets);
  return {
    ctx,
    secrets,
    close: () => {
      clients.forEach((client) => client.close());
      release();
    },
  };
}
