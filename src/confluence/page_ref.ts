/**
 * Page references as people paste them: an id, a page URL (`/pages/123`, `?pageId=123`) or a
 * tiny link (`/x/AbCd`, base64 of the id in little-endian byte order).
 *
 * @module
 */

/** Decodes a tiny-link code to a page id. */
export function decodeTinyLink(code: string): string | undefined {
  const base64 = code.replaceAll("-", "/").replaceAll("_", "+").padEnd(
    Math.ceil(code.length / 4) * 4,
    "A",
  );
  let bytes: string;
  try {
    bytes = atob(base64);
  } catch {
    return undefined;
  }
  let id = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) id = (id << 8n) | BigInt(bytes.charCodeAt(i));
  return id > 0n ? id.toString() : undefined;
}

/** The page id a reference points at, or undefined when it is not recognisable. */
export function pageIdFrom(ref: string): string | undefined {
  const value = ref.trim();
  if (/^\d+$/.test(value)) return value;
  const byPath = value.match(/\/pages\/(?:edit-v2\/)?(\d+)/);
  if (byPath) return byPath[1];
  const byQuery = value.match(/[?&]pageId=(\d+)/);
  if (byQuery) return byQuery[1];
  const tiny = value.match(/\/x\/([A-Za-z0-9_-]+)/);
  return tiny ? decodeTinyLink(tiny[1]) : undefined;
}

/**
 * The host of a page reference that is an absolute URL on another site than `siteUrl` (the
 * configured Confluence site), or undefined when the reference is an id, a path, or on that site.
 * Without a known site URL (the OAuth gateway without a site) any host is taken.
 */
export function foreignHost(ref: string, siteUrl: string | undefined): string | undefined {
  if (!siteUrl || !/^https?:\/\//i.test(ref.trim())) return undefined;
  let host: string;
  try {
    host = new URL(ref.trim()).host.toLowerCase();
  } catch {
    return undefined;
  }
  return host === new URL(siteUrl).host.toLowerCase() ? undefined : host;
}
