/**
 * One HTTP call to an authorization server: its transport options, the timeout and network
 * failures as `OAuthError`s, and reading the JSON answer.
 *
 * @module
 */
import { OAuthError } from "./error.ts";

/** Transport options of the OAuth calls. */
export interface OAuthCallOptions {
  /** Replaces `fetch`. */
  fetchImpl?: typeof fetch;
  /** A `Deno.HttpClient` for TLS material or a proxy (Data Center instances). */
  client?: Deno.HttpClient;
  /** The clock, epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Timeout of one call in milliseconds (default 20000, as the Python server). */
  timeoutMs?: number;
}

/** The host of a URL for messages (the text itself when it is no URL). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Sends one request to an authorization server (no redirects, with the timeout): the status, the
 * JSON body (undefined when the answer is not JSON) and the text.
 */
export async function oauthCall(
  url: string,
  init: RequestInit,
  opts: OAuthCallOptions,
  what: string,
): Promise<{ status: number; body: unknown; text: string }> {
  const doFetch = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const signal = AbortSignal.timeout(timeoutMs);
  const request: RequestInit & { client?: Deno.HttpClient } = {
    ...init,
    signal,
    redirect: "manual",
  };
  if (opts.client) request.client = opts.client;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, request);
    text = await res.text();
  } catch (error) {
    if (signal.aborted) {
      throw new OAuthError(
        "timeout",
        `${hostOf(url)} did not answer the ${what} within ${timeoutMs / 1000} s.`,
        { hint: "Try again; check the network and any proxy.", cause: error },
      );
    }
    throw new OAuthError(
      "network",
      `Could not reach ${hostOf(url)} for the ${what} (${
        error instanceof Error ? error.message : String(error)
      }).`,
      { hint: "Check the network, the proxy settings and ATLASSIAN_OAUTH_AUTH_URL.", cause: error },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

/** A non-empty string field of a JSON object answer; undefined otherwise. */
export function field(body: unknown, name: string): string | undefined {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" && v !== "" ? v : undefined;
}
