/**
 * The `network` error: a connection that failed before the request was sent, or during it
 * (when a write may have reached the server).
 *
 * @module
 */
import { AtlassianError } from "./atlassian_error.ts";
import { changesState, type ErrorContext, requestFields } from "./context.ts";
import { CHECK_FIRST, hintFor } from "./hints.ts";
import { productLabel, sentence, UNCERTAIN } from "./wording.ts";

/** The short detail of a hyper error: the part after `client error (Kind): `. */
function detailOf(text: string): string {
  const m = /client error \(\w+\):\s*(.*)$/s.exec(text);
  const d = (m ? m[1] : text).replace(/\s+/g, " ").trim();
  // Never echo a URL (it could carry a query string).
  return d.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>");
}

/** Builds the `network` error for a fetch that threw `err`, whose text (with its causes) is `text`. */
export function networkError(ctx: ErrorContext, err: unknown, text: string): AtlassianError {
  const fields = requestFields(ctx);
  const label = productLabel(fields.product);
  const origin = new URL(ctx.service.url).origin;
  const { method, path } = fields;
  const detail = detailOf(text) || "unknown error";
  // "(Connect)", DNS and refused connections fail before a byte of the request is sent.
  const beforeSend =
    /\(Connect\)|dns error|tcp connect error|connection refused|are blocked|failed to lookup|network is unreachable|no route to host/i
      .test(text);
  const write = changesState(ctx);
  const message = beforeSend
    ? `Could not connect to ${label} at ${origin} for ${method} ${path}: ${sentence(detail)}`
    : `The connection to ${label} at ${origin} failed during ${method} ${path}: ${
      sentence(detail)
    }` +
      (write ? UNCERTAIN : "");
  return new AtlassianError({
    ...fields,
    kind: "network",
    message,
    hint: !beforeSend && write ? CHECK_FIRST : hintFor("network", fields.product),
    mayHaveReachedServer: !beforeSend,
    cause: err,
  });
}
