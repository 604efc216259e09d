/**
 * Auth at run time: the `CredentialSource` of each configured service (OAuth 2.0 with refresh,
 * bring-your-own-token, per-request), and the building blocks of the setup wizard (OAuth client,
 * token store).
 *
 * One `TokenManager` serves every service that uses the same client id, token endpoint and token
 * file (Jira and Confluence on one Cloud site), so they share one refresh and one file.
 *
 * @module
 */
import type { Config, Product, ServiceConfig } from "../config/types.ts";
import type { CredentialSource } from "../http/client.ts";
import { createWriteTransport } from "../http/transport.ts";
import { AuthError } from "./errors.ts";
import { endpointsFor, StaticTokenSource, TokenManager } from "./oauth/mod.ts";
import { SEND_CREDENTIALS_HINT } from "../config/mod.ts";

export {
  AuthError,
  type AuthErrorKind,
  BYOT_REJECTED,
  REFRESH_REVOKED,
  REFUSED_AFTER_REFRESH,
} from "./errors.ts";
export {
  type AccessibleResource,
  accessibleResources,
  type AuthorizationRequest,
  authorizationUrl,
  callbackError,
  cloudEndpoints,
  type CodeExchange,
  datacenterEndpoints,
  DENO_FILE_SYSTEM,
  endpointsFor,
  exchangeCode,
  loadTokens,
  type OAuthCallOptions,
  type OAuthEndpoints,
  OAuthError,
  type OAuthErrorCode,
  parseTokens,
  pkcePair,
  randomState,
  REFRESH_MARGIN_SECONDS,
  refreshAccessToken,
  type RefreshRequest,
  saveTokens,
  serializeTokens,
  StaticTokenSource,
  type StoredTokens,
  type TokenFileSystem,
  TokenManager,
  type TokenManagerOptions,
  type TokenSet,
} from "./oauth/mod.ts";

/** The source of a `per-request` service outside a request that brought credentials. */
class NoRequestCredentials implements CredentialSource {
  authorization(): Promise<string> {
    return Promise.reject(
      new AuthError(
        "This request carried no Atlassian credentials, and the server has none of its own for it.",
        {
          hint: SEND_CREDENTIALS_HINT,
        },
      ),
    );
  }
}

interface Shared {
  sources: Map<string, CredentialSource>;
  transports: Deno.HttpClient[];
}

const perConfig = new WeakMap<Config, Shared>();

function shared(config: Config): Shared {
  let entry = perConfig.get(config);
  if (!entry) {
    entry = { sources: new Map(), transports: [] };
    perConfig.set(config, entry);
  }
  return entry;
}

/**
 * The credential source of a configured service, for `new HttpClient(service, { credentials })`:
 * a `TokenManager` for `oauth` (shared by the services with the same client id, token endpoint
 * and token file), a `StaticTokenSource` for `byot`, a source that refuses with a clear message
 * for `per-request` (the request layer brings the real credentials); undefined for Basic, PAT
 * and client-certificate auth, which the client takes from `service.auth`.
 */
export function credentialsFor(
  config: Config,
  service: Product | ServiceConfig,
): CredentialSource | undefined {
  const svc = typeof service === "string" ? config[service] : service;
  if (!svc) return undefined;
  const { sources, transports } = shared(config);
  switch (svc.auth.kind) {
    case "byot": {
      const token = svc.oauth?.accessToken;
      if (!token) throw new Error(`${svc.product}: byot auth without an access token`);
      return new StaticTokenSource(token);
    }
    case "per-request":
      return new NoRequestCredentials();
    case "oauth": {
      const o = svc.oauth;
      if (!o?.clientId || !o.clientSecret || !o.tokenFile) {
        throw new Error(`${svc.product}: oauth auth without client id, secret or token file`);
      }
      const endpoints = endpointsFor(svc);
      const key = JSON.stringify([o.clientId, endpoints.tokenUrl, o.tokenFile]);
      let source = sources.get(key);
      if (!source) {
        // Token calls are writes (a refresh rotates the refresh token): a fresh connection each.
        const transport = createWriteTransport({
          url: endpoints.tokenUrl,
          proxy: svc.proxy,
          tls: svc.tls,
        });
        transports.push(transport);
        source = new TokenManager({
          clientId: o.clientId,
          clientSecret: o.clientSecret,
          endpoints,
          tokenFile: o.tokenFile,
          redirectUri: o.redirectUri,
          cloudId: svc.deployment === "cloud" ? o.cloudId : undefined,
          baseUrl: svc.siteUrl ?? (svc.deployment === "datacenter" ? svc.url : undefined),
          call: { client: transport },
        });
        sources.set(key, source);
      }
      return source;
    }
    default:
      return undefined;
  }
}

/** Releases what `credentialsFor` created for a configuration (TLS/proxy clients of token calls). */
export function closeCredentials(config: Config): void {
  const entry = perConfig.get(config);
  if (!entry) return;
  entry.transports.splice(0).forEach((t) => t.close());
  entry.sources.clear();
  perConfig.delete(config);
}
