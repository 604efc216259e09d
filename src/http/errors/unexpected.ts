/**
 * The `unexpected_answer` error: a 2xx answer that is not what the request asked for — an HTML
 * page (a single sign-on login page, a captive proxy, a wrong context path), text, JSON that does
 * not parse, or JSON of another shape. Such an answer is never passed on as a result: a read
 * would otherwise come back empty and a write would claim a success it cannot show.
 *
 * @module
 */
import { AtlassianError } from "./atlassian_error.ts";
import { changesState, type ErrorContext, requestFields } from "./context.ts";
import { CHECK_FIRST, hintFor } from "./hints.ts";
import { productLabel } from "./wording.ts";

/** What the body of a 2xx answer turned out to be. */
export type UnexpectedBody =
  | { kind: "html" }
  | { kind: "text"; contentType: string }
  | { kind: "unparsable_json" }
  | { kind: "shape"; expected: string; problem: string }
  | { kind: "too_large"; limit: number };

function described(body: UnexpectedBody): string {
  switch (body.kind) {
    case "html":
      return "an HTML page instead of JSON, perhaps a login page or a proxy";
    case "text":
      return `${body.contentType || "a body without a content type"} instead of JSON`;
    case "unparsable_json":
      return "JSON that does not parse";
    case "shape":
      return `JSON that is not ${body.expected} (${body.problem})`;
    case "too_large":
      return `a body of more than ${body.limit} bytes, the most this server reads`;
  }
}

/** Builds the error for a 2xx answer whose body is not the JSON the request expects. */
export function unexpectedAnswer(ctx: ErrorContext, body: UnexpectedBody): AtlassianError {
  const fields = requestFields(ctx);
  const label = productLabel(fields.product);
  const write = changesState(ctx);
  const message = `${label} answered ${fields.method} ${fields.path} with ${described(body)}.` +
    (write ? " The outcome of the change is unknown." : "");
  return new AtlassianError({
    ...fields,
    kind: "unexpected_answer",
    message,
    hint: write
      ? `${CHECK_FIRST} ${hintFor("unexpected_answer", fields.product)}`
      : hintFor("unexpected_answer", fields.product),
    mayHaveReachedServer: write,
  });
}
