/**
 * The error for an attempt that hit the service's timeout.
 *
 * @module
 */
import { AtlassianError } from "./atlassian_error.ts";
import { changesState, type ErrorContext, requestFields } from "./context.ts";
import { CHECK_FIRST, hintFor } from "./hints.ts";
import { formatSeconds, productLabel, UNCERTAIN } from "./wording.ts";

/** Builds the error for an attempt that hit `service.timeoutMs`. */
export function timeoutError(ctx: ErrorContext, cause?: unknown): AtlassianError {
  const { product, method, path } = requestFields(ctx);
  const write = changesState(ctx);
  return new AtlassianError({
    kind: "timeout",
    product,
    method,
    path,
    message:
      `${productLabel(product)} did not answer within ${
        formatSeconds(ctx.service.timeoutMs)
      } s for ${method} ${path}.` + (write ? UNCERTAIN : ""),
    hint: write ? CHECK_FIRST : hintFor("timeout", product),
    mayHaveReachedServer: true,
    cause,
  });
}
