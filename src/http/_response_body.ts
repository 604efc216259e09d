/**
 * What a successful request resolves to: the raw answer, nothing (204/205/empty), parsed JSON
 * (for a JSON content type that parses) or text.
 *
 * @module
 */

/** The value a 2xx answer with `bytes` as its body resolves to (`raw`: a `RawBody`). */
export function decodeBody<T>(res: Response, bytes: Uint8Array, raw: boolean | undefined): T {
  if (raw) return { status: res.status, headers: res.headers, bytes } as T;
  if (bytes.length === 0 || res.status === 204 || res.status === 205) return undefined as T;
  const text = new TextDecoder().decode(bytes);
  if (/[/+]json\b/i.test(res.headers.get("content-type") ?? "")) {
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }
  return text as T;
}
