/**
 * Sorts a fetch that threw into its failure class: blocked by the sandbox (`host_not_allowed`),
 * a certificate problem or an HTTP/HTTPS mismatch (`tls`), or anything else (`network`).
 *
 * @module
 */
import type { AtlassianError } from "./atlassian_error.ts";
import type { ErrorContext } from "./context.ts";
import { notCapableError } from "./host.ts";
import { networkError } from "./network.ts";
import { isTlsFailure, tlsError } from "./tls.ts";

function causeText(err: unknown, depth = 0): string {
  if (depth > 4 || err === undefined || err === null) return "";
  if (typeof err === "string") return err;
  if (err instanceof Error) return `${err.message} ${causeText(err.cause, depth + 1)}`;
  return String(err);
}

/**
 * Builds the error for a fetch that threw: `Deno.errors.NotCapable` (sandbox) becomes
 * `host_not_allowed`, certificate problems `tls`, everything else `network`.
 */
export function errorFromFetchFailure(ctx: ErrorContext, err: unknown): AtlassianError {
  if (err instanceof Deno.errors.NotCapable) return notCapableError(ctx, err);
  const text = causeText(err);
  return isTlsFailure(text, ctx.service.url)
    ? tlsError(ctx, err, text)
    : networkError(ctx, err, text);
}
