/**
 * How long the setup wizard waits for the browser: the default, `MCP_OAUTH_SETUP_TIMEOUT`, and
 * the wording of a duration in its messages.
 *
 * @module
 */
import { SetupError } from "./error.ts";
import { TIMEOUT_ENV } from "./target.ts";

/** How long the wizard waits for the browser by default (seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** Reads `MCP_OAUTH_SETUP_TIMEOUT` (seconds) when this process may; the default otherwise. */
export function timeoutFromEnv(): number {
  const status = Deno.permissions.querySync({ name: "env", variable: TIMEOUT_ENV });
  if (status.state !== "granted") return DEFAULT_TIMEOUT_SECONDS;
  const raw = Deno.env.get(TIMEOUT_ENV)?.trim();
  if (!raw) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new SetupError(
      `${TIMEOUT_ENV} must be a number of seconds above 0 and at most 3600 (got "${raw}"); example: ${TIMEOUT_ENV}=300.`,
    );
  }
  return seconds;
}

/** A number of seconds as words: "5 minutes", "90 seconds". */
export function duration(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) {
    const m = seconds / 60;
    return `${m} minute${m === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
