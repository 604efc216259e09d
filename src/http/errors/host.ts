/**
 * The `host_not_allowed` errors: a request or redirect that would leave the service's origin,
 * and a connection the process's permissions blocked.
 *
 * @module
 */
import { AtlassianError } from "./atlassian_error.ts";
import { type ErrorContext, requestFields } from "./context.ts";
import { hintFor } from "./hints.ts";
import { envPrefix, productLabel } from "./wording.ts";

/** Builds a `host_not_allowed` error raised before any connection was made. */
export function hostNotAllowed(
  ctx: ErrorContext,
  message: string,
  hint?: string,
  mayHaveReachedServer = false,
): AtlassianError {
  return new AtlassianError({
    ...requestFields(ctx),
    kind: "host_not_allowed",
    message,
    hint: hint ?? hintFor("host_not_allowed", ctx.service.product),
    mayHaveReachedServer,
  });
}

/** Builds the error for a fetch that `Deno.errors.NotCapable` (the sandbox) refused. */
export function notCapableError(ctx: ErrorContext, err: Deno.errors.NotCapable): AtlassianError {
  const fields = requestFields(ctx);
  const label = productLabel(fields.product);
  const env = envPrefix(fields.product);
  const target = /"([^"]+)"/.exec(err.message)?.[1] ?? new URL(ctx.service.url).host;
  return new AtlassianError({
    ...fields,
    kind: "host_not_allowed",
    message:
      `${label} request ${ctx.method} ${fields.path} was blocked: this process is not allowed to connect to ${target}.`,
    hint: `Run with --allow-net=${target} if that host is right, otherwise correct ${env}_URL.`,
    mayHaveReachedServer: false,
    cause: err,
  });
}
