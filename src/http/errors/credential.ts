/**
 * The error for a credential source that failed: its own message and hint become the
 * request's failure, and nothing was sent.
 *
 * @module
 */
import { AtlassianError, isErrorKind } from "./atlassian_error.ts";
import { type ErrorContext, requestFields } from "./context.ts";
import { hintFor } from "./hints.ts";
import { productLabel, sentence } from "./wording.ts";

/**
 * Builds the error for a credential source that failed (`authorization()` or `refresh()`
 * rejected): its message (one sentence) and hint, its `kind` when it names one (default
 * `unauthorized`), and the 401 that led to the refresh, if any. Nothing was applied.
 */
export function credentialFailure(
  ctx: ErrorContext,
  cause: unknown,
  rejected?: AtlassianError,
): AtlassianError {
  if (cause instanceof AtlassianError) return cause;
  const info = (cause ?? {}) as { message?: unknown; hint?: unknown; kind?: unknown };
  const kind = isErrorKind(info.kind) ? info.kind : "unauthorized";
  const { product } = ctx.service;
  const text = typeof info.message === "string" && info.message.trim()
    ? info.message
    : `${productLabel(product)} credentials are not available`;
  return new AtlassianError({
    ...requestFields(ctx),
    kind,
    status: rejected?.status,
    messages: rejected?.messages,
    message: sentence(text.charAt(0).toUpperCase() + text.slice(1)),
    hint: typeof info.hint === "string" && info.hint
      ? info.hint
      : hintFor(kind, product, undefined, ctx.service.auth?.kind),
    mayHaveReachedServer: false,
    cause,
  });
}
