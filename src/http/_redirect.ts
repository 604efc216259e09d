/**
 * Redirect handling within one attempt: which answers are followed, where to (same origin
 * only, at most `MAX_REDIRECTS` hops), and when the method turns into a GET.
 *
 * @module
 */
import {
  AtlassianError,
  envPrefix,
  type ErrorContext,
  hostNotAllowed,
  productLabel,
  requestFields,
} from "./errors/mod.ts";

/** Redirects followed within one attempt. */
export const MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Whether `res` is a redirect the client follows (a redirect status with a `Location`). */
export function isRedirect(res: Response): boolean {
  return REDIRECTS.has(res.status) && res.headers.has("location");
}

/** Whether following a redirect with `status` turns `method` into a GET without a body. */
export function redirectsToGet(status: number, method: string): boolean {
  return status === 303 || (status <= 302 && method === "POST");
}

/**
 * The URL a redirect from `from` to `location` leads to, the `hop`-th of the attempt. Throws
 * `AtlassianError` for an invalid URL, another origin (never followed) or too many hops.
 */
export function redirectTarget(
  ctx: ErrorContext,
  origin: string,
  from: URL,
  location: string,
  hop: number,
): URL {
  const fields = requestFields(ctx);
  const label = productLabel(fields.product);
  const env = envPrefix(fields.product);
  const { method, path } = fields;
  let next: URL;
  try {
    next = new URL(location, from);
  } catch (cause) {
    throw new AtlassianError({
      ...fields,
      kind: "server",
      message: `${label} answered ${method} ${path} with a redirect to an invalid URL.`,
      hint: `Check ${env}_URL; it should be the site's final address.`,
      mayHaveReachedServer: true,
      cause,
    });
  }
  if (next.origin !== origin) {
    throw hostNotAllowed(
      ctx,
      `${
        ctx.signedLink ? `The signed link of ${from.host}` : label
      } redirected ${method} ${path} ` +
        `to another host (${next.host || next.protocol}); the redirect was not followed` +
        (ctx.signedLink ? "." : ", so no credentials were sent there."),
      ctx.signedLink
        ? `A signed link is followed only on its own host (${from.host}); try again later, and tell the site's administrator if it keeps moving.`
        : `If ${label} moved, set ${env}_URL to ${next.origin}; redirects to another origin are never followed.`,
      true,
    );
  }
  if (hop >= MAX_REDIRECTS) {
    throw new AtlassianError({
      ...fields,
      kind: "server",
      message: `${label} redirected ${method} ${path} more than ${MAX_REDIRECTS} times.`,
      hint: `Check ${env}_URL; it should be the site's final address.`,
      mayHaveReachedServer: true,
    });
  }
  return next;
}
