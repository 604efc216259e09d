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
 *   before refreshing, and after a refused refresh token, the file is read again, and when it
 *   changed since this manager last read or wrote it, its tokens are taken instead (or its
 *   refresh token is used). A file that did not change is older than the tokens in memory (a
 *   save failed): those are used, and saved again with the next refresh. When a refresh token
 *   from the file is refused, the one in memory is tried before giving up.
 * - A token this process obtained that is refused (401) right after the refresh, or again
 *   within a minute of such a refusal, is not refreshed again: the request fails with
 *   `REFUSED_AFTER_REFRESH` until a minute passes without a 401 for it (no refresh cures a
 *   revoked site access or a wrong cloud id, and a refresh per call would be a storm).
 * - When refreshing is impossible (refresh token revoked or already used, client secret refused,
 *   no tokens stored), every call fails at once with the sentence naming `--oauth-setup`, and
 *   no further refresh is tried until the file changes (running the wizard heals the server
 *   without a restart). Network failures and 5xx answers are not remembered: the next call
 *   tries again.
 *
 * @module
 */
import { SETUP_COMMAND } from "../../config/oauth.ts";
import type { CredentialSource } from "../../http/client.ts";
import { addSecret, log } from "../../log.ts";
import { AuthError, REFUSED_AFTER_REFRESH } from "../errors.ts";
import type { OAuthEndpoints } from "./endpoints.ts";
import { OAuthError } from "./error.ts";
import type { OAuthCallOptions } from "./http.ts";
import { refreshAccessToken, type TokenSet } from "./tokens.ts";
import { loadTokens, saveTokens, type StoredTokens, type TokenFileSystem } from "./token_store.ts";

/** Refresh when less than this many seconds of the access token remain. */
export const REFRESH_MARGIN_SECONDS = 300;

/** After a token is refused right after its refresh, no refresh for it during this many ms. */
const REFUSED_COOLDOWN_MS = 60_000;

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

/** What identifies one content of the token file. */
function marker(tokens: StoredTokens | undefined): string | undefined {
  return tokens ? `${tokens.refresh_token ?? ""}|${tokens.access_token}` : undefined;
}

/** A failure that stays until the token file changes. */
interface Failure {
  error: AuthError;
  /** `marker` of the file when the failure happened. */
  disk: string | undefined;
}

/** OAuth 2.0 tokens from the token file, refreshed as needed; see the module documentation. */
export class TokenManager implements CredentialSource {
  readonly #options: TokenManagerOptions;
  readonly #now: () => number;
  #tokens: StoredTokens | undefined;
  /** Lifetime (s) of the token in memory, when this process obtained it. */
  #lifetime: number | undefined;
  /** When (epoch ms) this process obtained the token in memory; undefined if read from the file. */
  #obtainedAt: number | undefined;
  /** `marker` of what was last read from or written to the file. */
  #disk: string | undefined;
  /** The last 401 for a token refused right after its refresh (the cool-down runs from it). */
  #refused: { token: string; at: number } | undefined;
  #loading: Promise<StoredTokens> | undefined;
  #inflight: Promise<StoredTokens> | undefined;
  #failure: Failure | undefined;

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

  /** `Bearer <access token>`, refreshed first when it expires within the margin. */
  async authorization(): Promise<string> {
    let tokens = await this.#current();
    if (this.#expiresSoon(tokens, this.#lifetime)) {
      tokens = await this.#refreshOnce(tokens.access_token);
    }
    return `Bearer ${tokens.access_token}`;
  }

  /**
   * After a 401 with `rejected`: true when a newer token is already there, or once a refresh
   * has produced one; false while `rejected` is cooling down after being refused right after
   * its refresh; rejects with the reason when no refresh is possible.
   */
  async refresh(rejected: string): Promise<boolean> {
    const token = bearer(rejected);
    const tokens = await this.#current();
    if (this.#inflight) {
      await this.#inflight;
      return true;
    }
    if (tokens.access_token !== token) return true;
    if (this.#coolingDown(token)) return false;
    await this.#refreshOnce(token);
    return true;
  }

  /**
   * A 401 for `rejected` ends a request (see `CredentialSource.refused`): when this process
   * obtained that token less than a minute ago, or it is cooling down, the cool-down (re)starts
   * and the request fails with `REFUSED_AFTER_REFRESH`; otherwise the 401 stands as it is.
   */
  refused(rejected: string): Error | undefined {
    const token = bearer(rejected);
    const now = this.#now();
    if (this.#tokens?.access_token !== token) return undefined;
    const fresh = this.#obtainedAt !== undefined && now - this.#obtainedAt < REFUSED_COOLDOWN_MS;
    if (!fresh && !this.#coolingDown(token)) return undefined;
    if (this.#refused?.token !== token) log.warn(`OAuth: ${REFUSED_AFTER_REFRESH}`);
    this.#refused = { token, at: now };
    return new AuthError(REFUSED_AFTER_REFRESH, {
      hint:
        `Check that the OAuth app still has access to the site and that the cloud id is right, then run ${SETUP_COMMAND}; meanwhile no refresh is tried until a minute passes without a refusal.`,
    });
  }

  #coolingDown(token: string): boolean {
    const refused = this.#refused;
    return refused?.token === token && this.#now() - refused.at < REFUSED_COOLDOWN_MS;
  }

  /** The tokens in memory, loading the file first (and again while in a failed state). */
  async #current(): Promise<StoredTokens> {
    const failure = this.#failure;
    if (failure) {
      // Concurrent calls may both get here; the first to see new tokens clears the failure.
      const fresh = await this.#read().catch(() => undefined);
      if (!fresh || marker(fresh) === failure.disk) throw failure.error;
      if (this.#failure === failure) {
        log.info(`New OAuth tokens found in ${this.#options.tokenFile}; using them.`);
        this.#failure = undefined;
        this.#takeFile(fresh);
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
      throw this.#fail(error as AuthError);
    }
    if (!tokens) {
      throw this.#fail(
        new AuthError(
          `No OAuth tokens are stored in ${this.#options.tokenFile}: run ${SETUP_COMMAND} to authorize this server.`,
          { hint: `Run ${SETUP_COMMAND}; the server picks the tokens up without a restart.` },
        ),
      );
    }
    this.#takeFile(tokens);
    return tokens;
  }

  #read(): Promise<StoredTokens | undefined> {
    return loadTokens(this.#options.tokenFile);
  }

  /** Uses the tokens of the file (read just now). */
  #takeFile(tokens: StoredTokens): void {
    this.#disk = marker(tokens);
    this.#tokens = tokens;
    this.#lifetime = undefined;
    this.#obtainedAt = undefined;
  }

  #fail(error: AuthError): AuthError {
    if (!this.#failure) log.warn(`OAuth: ${error.message}`);
    this.#failure = { error, disk: this.#disk };
    return error;
  }

  /** Whether to refresh now; `lifetime` (s) shortens the margin for short-lived tokens. */
  #expiresSoon(tokens: StoredTokens, lifetime?: number): boolean {
    if (!tokens.access_token) return true;
    if (!tokens.expires_at) return Boolean(tokens.refresh_token);
    const configured = this.#options.refreshMarginSeconds ?? REFRESH_MARGIN_SECONDS;
    const margin = lifetime === undefined ? configured : Math.min(configured, lifetime / 2);
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

  /**
   * Tries each refresh token once, newest first (see `#next`): an `invalid_grant` moves on to
   * the next one; the last refusal (or the lack of any refresh token) is the failure.
   */
  async #refresh(stale: string): Promise<StoredTokens> {
    const tried = new Set<string>();
    let refusal: OAuthError | undefined;
    for (;;) {
      const next = await this.#next(stale, tried);
      if (next.ready) return next.ready;
      if (!next.from) break;
      const refreshToken = next.from.refresh_token!;
      tried.add(refreshToken);
      try {
        return await this.#store(next.from, await this.#request(refreshToken));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        if (error.code !== "invalid_grant") throw error.permanent ? this.#fail(error) : error;
        refusal = error;
      }
    }
    throw this.#fail(
      refusal ?? new AuthError(
        `The OAuth access token in ${this.#options.tokenFile} has expired and there is no refresh token (the scopes lack offline_access): add offline_access to ATLASSIAN_OAUTH_SCOPE and run ${SETUP_COMMAND}.`,
        { hint: "Add offline_access to the scopes and authorize again." },
      ),
    );
  }

  /**
   * What to refresh with next. A file that changed since it was last read or written holds
   * newer tokens (another process refreshed): `ready` when its access token is good, else its
   * refresh token comes first. Then the one in memory; nothing once each was `tried`.
   */
  async #next(
    stale: string,
    tried: ReadonlySet<string>,
  ): Promise<{ ready?: StoredTokens; from?: StoredTokens }> {
    const onDisk = await this.#read().catch(() => undefined);
    if (onDisk && marker(onDisk) !== this.#disk) {
      if (onDisk.access_token !== stale && !this.#expiresSoon(onDisk)) {
        this.#takeFile(onDisk);
        return { ready: onDisk };
      }
      this.#disk = marker(onDisk);
      if (onDisk.refresh_token && !tried.has(onDisk.refresh_token)) return { from: onDisk };
    }
    const memory = this.#tokens!;
    return memory.refresh_token && !tried.has(memory.refresh_token) ? { from: memory } : {};
  }

  async #request(refreshToken: string): Promise<TokenSet> {
    const { clientId, clientSecret, endpoints, redirectUri } = this.#options;
    return await refreshAccessToken(endpoints, {
      clientId,
      clientSecret,
      refreshToken,
      ...(endpoints.kind === "datacenter" && redirectUri ? { redirectUri } : {}),
    }, { ...this.#options.call, now: this.#now });
  }

  /** Takes the new tokens into memory, then saves them (a failed save is logged, not thrown). */
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
    this.#tokens = next;
    this.#lifetime = set.expiresIn;
    this.#obtainedAt = this.#now();
    log.info(
      `OAuth access token refreshed (valid ${Math.round(set.expiresIn)} s${
        set.refreshToken ? ", refresh token rotated" : ""
      }).`,
    );
    try {
      await saveTokens(this.#options.tokenFile, next, this.#options.fileSystem);
      this.#disk = marker(next);
    } catch (error) {
      log.error(
        `The refreshed OAuth tokens could not be saved: they are kept in memory and saving is tried again at the next refresh; if the server stops before a save succeeds, run ${SETUP_COMMAND}.`,
        error,
      );
    }
    return next;
  }
}
