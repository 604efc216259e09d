/**
 * `path`, the tagged template that builds request paths with every interpolated value encoded
 * as one path segment.
 *
 * @module
 */

/** A value that may be interpolated into `path`. */
export type PathSegment = string | number;

/**
 * Builds a request path, `encodeURIComponent`-ing every interpolated value, so a key or id can
 * never add segments, a query string or a fragment:
 * `path\`/rest/api/2/issue/${key}/comment\``.
 *
 * Throws `RangeError` for an empty value or for `.`/`..`, which URL parsing would treat as
 * dot-segments (even when percent-encoded) and so change which resource is addressed.
 */
export function path(strings: TemplateStringsArray, ...values: PathSegment[]): string {
  let out = strings[0];
  values.forEach((value, i) => {
    const text = String(value);
    if (text === "" || text === "." || text === "..") {
      throw new RangeError(`path: ${JSON.stringify(text)} is not a valid path segment`);
    }
    out += encodeURIComponent(text) + strings[i + 1];
  });
  return out;
}
