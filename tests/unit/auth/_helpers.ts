/**
 * Shared helpers for the auth unit tests: a small OAuth token server on loopback (rotating
 * refresh tokens, counters, switchable failures), and temporary token folders.
 *
 * @module
 */
import { json, type Seen, startServer, type TestServer } from "../http/_helpers.ts";

/** A loopback token endpoint with rotating refresh tokens. */
export interface TokenServer extends TestServer {
  /** Refresh requests received. */
  refreshes: number;
  /** Code exchanges received. */
  exchanges: number;
  /** The refresh token the server accepts now. */
  validRefresh: string;
  /** The access token it issued last. */
  lastAccess: string;
  /** Lifetime of issued access tokens, seconds. */
  lifetime: number;
  /** Delay before each token answer, ms (to make concurrent callers overlap). */
  delayMs: number;
  /** Answer every token request with this instead (status and body). */
  failWith?: { status: number; body: unknown };
  /** Leave the refresh token out of answers (no offline_access). */
  noRefreshToken: boolean;
}

/**
 * Starts the token server at `/oauth/token` (form or JSON); client `cid` / `secret`. The first
 * refresh token it accepts is `refresh-0`; every refresh rotates it (`refresh-1`, ...) and issues
 * `access-<n>`.
 */
export function startTokenServer(): TokenServer {
  let n = 0;
  const state = {
    refreshes: 0,
    exchanges: 0,
    validRefresh: "refresh-0",
    lastAccess: "",
    lifetime: 3600,
    delayMs: 0,
    failWith: undefined as { status: number; body: unknown } | undefined,
    noRefreshToken: false,
  };
  const server = startServer(async (_req: Request, seen: Seen) => {
    const params = seen.headers.get("content-type")?.includes("json")
      ? new URLSearchParams(JSON.parse(seen.body))
      : new URLSearchParams(seen.body);
    const grant = params.get("grant_type");
    if (grant === "refresh_token") state.refreshes++;
    if (grant === "authorization_code") state.exchanges++;
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.failWith) return json(state.failWith.body, state.failWith.status);
    if (params.get("client_id") !== "cid" || params.get("client_secret") !== "secret") {
      return json({ error: "access_denied", error_description: "Unauthorized" }, 401);
    }
    if (grant === "refresh_token" && params.get("refresh_token") !== state.validRefresh) {
      return json({
        error: "invalid_grant",
        error_description: "Unknown or invalid refresh token.",
      }, 403);
    }
    if (grant === "authorization_code" && params.get("code") !== "good-code") {
      return json({ error: "invalid_grant", error_description: "Invalid authorization code" }, 403);
    }
    n++;
    state.validRefresh = `refresh-${n}`;
    state.lastAccess = `access-${n}`;
    const body: Record<string, unknown> = {
      access_token: state.lastAccess,
      expires_in: state.lifetime,
      token_type: "Bearer",
      scope: "read:jira-work offline_access",
    };
    if (!state.noRefreshToken) body.refresh_token = state.validRefresh;
    return json(body);
  });
  return Object.assign(state, server) as unknown as TokenServer & typeof state;
}

/** A temporary folder (removed by the returned disposer). */
export async function tempHome(): Promise<{ dir: string } & AsyncDisposable> {
  const dir = await Deno.makeTempDir({ prefix: "mcp-auth-test-" });
  return {
    dir,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}
