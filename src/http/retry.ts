/**
 * The retry policy of the HTTP client, as pure functions so it can be read and tested alone.
 *
 * Policy:
 * - Reads (GET, HEAD, OPTIONS) are retried on 429, 502, 503, 504 and `network` errors, up to
 *   `maxRetries` times, and on `timeout` at most once (each attempt may already have waited
 *   the full per-request timeout).
 * - Writes (POST, PUT, PATCH, DELETE) are retried only when the failure proves the request was
 *   never sent (`mayHaveReachedServer === false`, e.g. connection refused or DNS failure);
 *   never after the server may have seen them.
 * - Never retried: `tls` and `host_not_allowed` (they fail the same way every time), and every
 *   other 4xx.
 * - Wait: the server's `Retry-After` when given (unless `ignoreRetryAfter`); otherwise
 *   exponential backoff from `backoffBaseMs` (default 500 ms) with jitter, capped at
 *   `maxRetryWaitMs`. A `Retry-After` longer than `maxRetryWaitMs` is not waited for: the error
 *   is returned at once, carrying `retryAfterSeconds`.
 *
 * `ATLASSIAN_RETRY_TOTAL`, `_BACKOFF` and `_IGNORE_RETRY_AFTER` set `maxRetries`,
 * `backoffBaseMs` and `ignoreRetryAfter` (see `service.retry`).
 *
 * @module
 */
import { type AtlassianError, isWrite } from "./errors/mod.ts";

/** Base delay of the exponential backoff, in milliseconds, unless configured. */
const BACKOFF_BASE_MS = 500;

/** Inputs of one retry decision. */
export interface RetryState {
  method: string;
  /** A POST that changes nothing (a search) is retried like a read. */
  readOnly?: boolean;
  error: AtlassianError;
  /** Retries already made for this request (0 after the first failure). */
  retries: number;
  /** Timeout retries already made for this request. */
  timeoutRetries: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  /** The wait before the first retry without `Retry-After` (default `BACKOFF_BASE_MS`). */
  backoffBaseMs?: number;
  /** Back off as usual even when the server sent `Retry-After`. */
  ignoreRetryAfter?: boolean;
  /** Random source in [0, 1) (injectable for tests). */
  random?: () => number;
}

/** Backoff before retry number `retries` (0-based): base * 2^n, half of it jittered, capped. */
export function backoffMs(
  retries: number,
  capMs: number,
  random: () => number = Math.random,
  baseMs: number = BACKOFF_BASE_MS,
): number {
  const full = Math.min(capMs, baseMs * 2 ** retries);
  return Math.round(full / 2 + random() * (full / 2));
}

/** Whether an error is worth another attempt at all, ignoring the retry budget. */
export function isRetryable(method: string, error: AtlassianError, readOnly = false): boolean {
  if (error.kind === "tls" || error.kind === "host_not_allowed") return false;
  if (isWrite(method) && !readOnly) {
    return error.mayHaveReachedServer === false && error.kind === "network";
  }
  if (error.kind === "network" || error.kind === "timeout") return true;
  return error.status === 429 || error.status === 502 || error.status === 503 ||
    error.status === 504;
}

/** Milliseconds to wait before the next attempt, or undefined when the error must be thrown. */
export function retryDelay(state: RetryState): number | undefined {
  const { method, error, retries, maxRetries, maxRetryWaitMs } = state;
  if (retries >= maxRetries || !isRetryable(method, error, state.readOnly)) return undefined;
  if (error.kind === "timeout" && state.timeoutRetries >= 1) return undefined;
  if (error.retryAfterSeconds !== undefined && !state.ignoreRetryAfter) {
    const ms = error.retryAfterSeconds * 1000;
    return ms > maxRetryWaitMs ? undefined : ms;
  }
  return backoffMs(retries, maxRetryWaitMs, state.random, state.backoffBaseMs);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    sleep(ms).then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** The default sleep: a plain timer. */
export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
