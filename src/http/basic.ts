/**
 * The value of an HTTP Basic credential: base64 of `user:secret` in UTF-8.
 *
 * @module
 */

/** `base64(utf8(user:secret))`, as sent after `Authorization: Basic `. */
export function basicCredential(user: string, secret: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${user}:${secret}`)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
