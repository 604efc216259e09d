/**
 * `TokenManager`: the `CredentialSource` of OAuth 2.0 with refresh (Cloud 3LO, Data Center
 * OAuth 2.0). It loads the token file, refreshes ahead of expiry, persists rotated refresh tokens
 * atomically, and on a 401 refreshes once and asks the client to retry.
 *
 * - Single flight: however many calls need a refresh at the same time, exactly one refresh
 *   request is in flight; the others wait for it and use its result.
 * - Ahead of expiry: a token is refreshed when less than 5 minutes remain (or half of its
 *   lifetime, for tokens that live less than 10 minutes), so calls rarely meet a 401.
 * - Other processes (a second server, the Python server, the wizard) may rewrite the same file:
 *   before refreshing, and after a refused refresh token, the file is read again and newer
 *   tokens found there are taken instead.
 * - When refreshing is impossible (refresh token revoked or already used, client secret refused,
 *   no tokens stored), every call fails at once with the sentence naming `--oauth-setup`, and
 *   no further refresh is tried until the file changes (running the wizard heals the server
 *   without a restart). Network failures and 5xx answers are not remembered: the next call
 *   tries again.
 *
 * @module
 */
import { SETUP_COMMAND } from "../config/oauth.ts";
import type { CredentialSource } from "../http/client.ts";
import { addSecret, log } from "../log.ts";
import { AuthError } from "./errors.ts";
import {
  type OAuthCallOptions,
  type OAuthEndpoints,
  OAuthError,
  refreshAccessToken,
  type TokenSet,
} from "./oauth_client.ts";
import { loadTokens, saveTokens, type StoredTokens, type TokenFileSystem } from "./token_store.ts";

/** Refresh when less than this many seconds of the access token remain. */
export const REFRESH_MARGIN_SECONDS = 300;

/** What a `TokenManager` needs. */
export interface TokenManagerOptions {
  clientId: string;
  clientSecret: string;
  /** The authorization server (`cloudEndpoints(...)` or `datacenterEndpoints(instance)`). */
  endpoints: OAuthEndpoints;
  /** The token file (`config.oauth.tokenFile`). */
  tokenFile: string;
  /** Sent with Data Center refreshes (they ask for the redirect URI of the authorization). */
  redirectUri?: string;
  /** Written into the file as `cloud_id` (Cloud). */
  cloudId?: string;
  /** Written into the file as `base_url` (the site or instance URL). */
  baseUrl?: string;
  /** Transport of the token calls (fetch replacement, `Deno.HttpClient`, clock, timeout). */
  call?: OAuthCallOptions;
  /** The clock in epoch milliseconds (default `Date.now`; also used for the token calls). */
  now?: () => number;
  /** Seconds before expiry at which a token is refreshed ahead (default 300). */
  refreshMarginSeconds?: number;
  /** Replaces the file operations of `saveTokens` (tests). */
  fileSystem?: TokenFileSystem;
}

function bearer(value: string): string {
  return value.replace(/^Bearer\s+/i, "");
}

/** A failure that stays until the token file changes. */
interface Failure {
  error: AuthError;
  /** The refresh token (or access token) the failure is tied to, as found in the file. */
  marker: string | undefined;
}

function marker(tokens: StoredTokens | undefined): string | undefined {
  return tokens ? `${tokens.refresh_token ?? ""}|${tokens.access_token}` : undefined;
}

/** OAuth 2.0 tokens from the token file, refreshed as needed; see the module documentation. */
export class TokenManager implements CredentialSource {
  readonly #options: TokenManagerOptions;
  readonly #now: () => number;
  #tokens: StoredTokens | undefined;
  /** Lifetime (s) of the token in memory, when this process obtained it. */
  #lifetime: number | undefined;
  #loading: Promise<StoredTokens> | undefined;
  #inflight: Promise<StoredTokens> | undefined;
  #failure: Failure | undefined;
  #refreshes = 0;

  /** Creates the manager; nothing is read until the first call. */
  constructor(options: TokenManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? options.call?.now ?? Date.now;
    addSecret(options.clientSecret);
  }

  /** The token file this manager reads and writes. */
  get tokenFile(): string {
    return this.#options.tokenFile;
  }

  /** How many refresh requests this manager has sent. */
  get refreshCount(): number {
    return this.#refreshes;
  }

  /** `Bearer <access token>`, refreshed first when it expires within the margin. */
  async authorization(): Promise<string> {
    let tokens = await this.#current();
    if (this.#expiresSoon(tokens)) tokens = await this.#refreshOnce(tokens.access_token);
    return `Bearer ${tokens.access_token}`;
  }

  /**
   * After a 401 with `rejected`: true when a newer token is already there, or once a refresh
   * has produced one; rejects with the reason when no refresh is possible.
   */
  async refresh(rejected: string): Promise<boolean> {
    const token = bearer(rejected);
    const tokens = await this.#current();
    if (this.#inflight) {
      await this.#inflight;
      return true;
    }
    if (tokens.access_token !== token) return true;
    await this.#refreshOnce(token);
    return true;
  }

  /** The tokens in memory, loading the file first (and again while in a failed state). */
  async #current(): Promise<StoredTokens> {
    const failure = this.#failure;
    if (failure) {
      // Concurrent calls may both get here; the first to see new tokens clears the failure.
      const fresh = await this.#read().catch(() => undefined);
      if (!fresh || marker(fresh) === failure.marker) throw failure.error;
      if (this.#failure === failure) {
        log.info(`New OAuth tokens found in ${this.#options.tokenFile}; using them.`);
        this.#failure = undefined;
        this.#adopt(fresh);
      }
      return this.#tokens ?? fresh;
    }
    if (this.#tokens) return this.#tokens;
    this.#loading ??= this.#loadFirst().finally(() => this.#loading = undefined);
    return await this.#loading;
  }

  async #loadFirst(): Promise<StoredTokens> {
    let tokens: StoredTokens | undefined;
    try {
      tokens = await this.#read();
    } catch (error) {
      throw this.#fail(error as AuthError, undefined);
    }
    if (!tokens) {
      throw this.#fail(
        new AuthError(
          `No OAuth tokens are stored in ${this.#options.tokenFile}: run ${SETUP_COMMAND} to authorize this server.`,
          { hint: `Run ${SETUP_COMMAND}; the server picks the tokens up without a restart.` },
        ),
        undefined,
      );
    }
    this.#adopt(tokens);
    return tokens;
  }

  #read(): Promise<StoredTokens | undefined> {
    return loadTokens(this.#options.tokenFile);
  }

  #adopt(tokens: StoredTokens, lifetime?: number): void {
    this.#tokens = tokens;
    this.#lifetime = lifetime;
  }

  #fail(error: AuthError, tokens: StoredTokens | undefined): AuthError {
    if (!this.#failure) log.warn(`OAuth: ${error.message}`);
    this.#failure = { error, marker: marker(tokens) };
    return error;
  }

  #expiresSoon(tokens: StoredTokens): boolean {
    if (!tokens.access_token) return true;
    if (!tokens.expires_at) return Boolean(tokens.refresh_token);
    const configured = this.#options.refreshMarginSeconds ?? REFRESH_MARGIN_SECONDS;
    const margin = this.#lifetime === undefined
      ? configured
      : Math.min(configured, this.#lifetime / 2);
    return tokens.expires_at - this.#now() / 1000 < margin;
  }

  /** Refreshes unless a refresh is running (then waits for it) or `stale` was already replaced. */
  #refreshOnce(stale: string): Promise<StoredTokens> {
    if (this.#inflight) return this.#inflight;
    if (this.#tokens && this.#tokens.access_token !== stale) {
      return Promise.resolve(this.#tokens);
    }
    this.#inflight = this.#refresh(stale).finally(() => this.#inflight = undefined);
    return this.#inflight;
  }

  async #refresh(stale: string): Promise<StoredTokens> {
    let tokens = this.#tokens!;
    // Another process may have refreshed (and rotated the refresh token) meanwhile.
    const onDisk = await this.#read().catch(() => undefined);
    if (onDisk && marker(onDisk) !== marker(tokens)) {
      if (onDisk.access_token !== stale && !this.#expiresSoonIgnoringLifetime(onDisk)) {
        this.#adopt(onDisk);
        return onDisk;
      }
      tokens = onDisk;
    }
    if (!tokens.refresh_token) {
      throw this.#fail(
        new AuthError(
          `The OAuth access token in ${this.#options.tokenFile} has expired and there is no refresh token (the scopes lack offline_access): add offline_access to ATLASSIAN_OAUTH_SCOPE and run ${SETUP_COMMAND}.`,
          { hint: "Add offline_access to the scopes and authorize again." },
        ),
        tokens,
      );
    }
    let set: TokenSet;
    try {
      set = await this.#request(tokens.refresh_token);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.code === "invalid_grant") {
        // A refresh token rotated by another process shows up in the file.
        const again = await this.#read().catch(() => undefined);
        if (again?.refresh_token && again.refresh_token !== tokens.refresh_token) {
          if (again.access_token !== stale && !this.#expiresSoonIgnoringLifetime(again)) {
            this.#adopt(again);
            return again;
          }
          tokens = again;
          try {
            set = await this.#request(tokens.refresh_token!);
          } catch (retryError) {
            if (retryError instanceof OAuthError && retryError.permanent) {
              throw this.#fail(retryError, tokens);
            }
            throw retryError;
          }
          return await this.#store(tokens, set);
        }
      }
      if (error.permanent) throw this.#fail(error, tokens);
      throw error;
    }
    return await this.#store(tokens, set);
  }

  #expiresSoonIgnoringLifetime(tokens: StoredTokens): boolean {
    const margin = this.#options.refreshMarginSeconds ?? REFRESH_MARGIN_SECONDS;
    return !tokens.access_token || !tokens.expires_at ||
      tokens.expires_at - this.#now() / 1000 < margin;
  }

  async #request(refreshToken: string): Promise<TokenSet> {
    this.#refreshes++;
    const { clientId, clientSecret, endpoints, redirectUri } = this.#options;
    return await refreshAccessToken(endpoints, {
      clientId,
      clientSecret,
      refreshToken,
      ...(endpoints.kind === "datacenter" && redirectUri ? { redirectUri } : {}),
    }, { ...this.#options.call, now: this.#now });
  }

  async #store(previous: StoredTokens, set: TokenSet): Promise<StoredTokens> {
    const next: StoredTokens = {
      ...previous,
      access_token: set.accessToken,
      expires_at: set.expiresAt,
    };
    if (set.refreshToken) next.refresh_token = set.refreshToken;
    const cloudId = this.#options.cloudId ?? previous.cloud_id;
    const baseUrl = this.#options.baseUrl ?? previous.base_url;
    if (cloudId) next.cloud_id = cloudId;
    if (baseUrl) next.base_url = baseUrl;
    this.#adopt(next, set.expiresIn);
    log.info(
      `OAuth access token refreshed (valid ${Math.round(set.expiresIn)} s${
        set.refreshToken ? ", refresh token rotated" : ""
      }).`,
    );
    try {
      await saveTokens(this.#options.tokenFile, next, this.#options.fileSystem);
    } catch (error) {
      log.error(
        "The refreshed OAuth tokens could not be saved; they work until the server stops, after which --oauth-setup may be needed.",
        error,
      );
    }
    return next;
  }
}
