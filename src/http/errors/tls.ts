/**
 * The `tls` error: recognises a certificate or handshake failure in a fetch error's text and
 * explains it (unknown issuer, wrong host name, expired, client certificate, a plain-HTTP server
 * at an https:// URL or an HTTPS server at an http:// one, ...) with its fix. Only a failed
 * check of the server's certificate gets the `*_CA_BUNDLE` / `*_SSL_VERIFY=false` advice (with
 * `*_SSL_VERIFY=false` set, the process flag that `--print-permissions` prints); another failed
 * handshake (protocol version, an alert about the client's certificate) gets a hint of its own.
 *
 * @module
 */
import { AtlassianError } from "./atlassian_error.ts";
import { type ErrorContext, requestFields } from "./context.ts";
import { envPrefix, productLabel } from "./wording.ts";

interface TlsCase {
  test: RegExp;
  explain: string;
  hint: (env: string) => string;
  /** A check of the server certificate, which `*_SSL_VERIFY=false` turns off. */
  verification?: true;
}

const TLS_CASES: TlsCase[] = [
  {
    test: /UnknownIssuer/i,
    verification: true,
    explain:
      "its certificate is signed by an authority this process does not trust (UnknownIssuer)",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE to your company's CA certificate (PEM), or ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /CaUsedAsEndEntity/i,
    verification: true,
    explain:
      "its certificate is a CA certificate (CA:TRUE) used as a server certificate, which is rejected even when trusted (CaUsedAsEndEntity)",
    hint: (env) =>
      `Re-issue the server certificate with CA:FALSE, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /NotValidForName/i,
    verification: true,
    explain: "its certificate is not issued for this host name (NotValidForName)",
    hint: (env) =>
      `Use the host name the certificate was issued for in ${env}_URL, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    // Not the CertificateExpired alert: that is the server refusing this client's certificate.
    test: /\bExpired|NotValidYet/i,
    verification: true,
    explain: "its certificate has expired or is not valid yet",
    hint: (env) =>
      `Renew the server certificate (or fix this machine's clock), or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /CertificateRequired/i,
    explain: "the server requires a client certificate (CertificateRequired)",
    hint: (env) =>
      `Set ${env}_CLIENT_CERT and ${env}_CLIENT_KEY to the client certificate and key the server expects.`,
  },
  {
    test: /UnsupportedCertVersion/i,
    verification: true,
    explain: "its certificate is an old X.509 v1 certificate (UnsupportedCertVersion)",
    hint: (env) =>
      `Re-issue the server certificate as X.509 v3, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /invalid HTTP version parsed/i,
    explain: "the server answered in TLS, not in plain HTTP: it speaks HTTPS",
    hint: (env) => `Use https:// in ${env}_URL.`,
  },
  {
    test: /InvalidContentType/i,
    explain: "the server answered in plain HTTP, not HTTPS (InvalidContentType)",
    hint: (env) =>
      `The server at this address speaks plain HTTP: use http:// in ${env}_URL, or the port where it serves HTTPS.`,
  },
  {
    // An alert from the server about this client's certificate (a TLS 1.2 server that wants one
    // may send BadCertificate); never about the server's own certificate.
    test:
      /alert: ?(BadCertificate|UnsupportedCertificate|CertificateRevoked|CertificateExpired|CertificateUnknown|UnknownCA|AccessDenied)\b/i,
    explain: "the server refused this client's certificate, or wants one",
    hint: (env) =>
      `Set ${env}_CLIENT_CERT and ${env}_CLIENT_KEY to a client certificate and key the server accepts (issued by a CA it trusts, not expired).`,
  },
  {
    // Any other failed check of the server's certificate (rustls says "invalid peer certificate").
    test: /invalid peer certificate|certificate verify failed|self[- ]signed/i,
    verification: true,
    explain: "its certificate could not be verified",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE to the CA certificate (PEM) that issued the server's certificate, or ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    // Protocol version, cipher suites, a handshake cut short: nothing about the certificate.
    test: /certificate|tls|handshake|alert/i,
    explain: "the TLS handshake failed",
    hint: (env) =>
      `Check that ${env}_URL names the server's HTTPS port and that the server (or a proxy on the way) accepts TLS 1.2 or 1.3.`,
  },
];

/**
 * The hint for a certificate that was checked although `*_SSL_VERIFY=false`: the process lacks
 * the flag that turns the check off (`deno task start` does not add it; `--print-permissions`
 * prints the line that does).
 */
function verifyOffHint(env: string, host: string): string {
  return `${env}_SSL_VERIFY turns certificate checks off, but this process was started without --unsafely-ignore-certificate-errors=${host} (deno task start does not add it): start the server with the deno run line that --print-permissions prints.`;
}

/**
 * Whether the text of a fetch error (with its causes) tells of a TLS failure, or of an HTTPS
 * server that a request to an http:// `url` reached (its answer is no HTTP).
 */
export function isTlsFailure(text: string, url: string): boolean {
  return /InvalidContentType|UnknownIssuer|CaUsedAsEndEntity|NotValidForName|Expired|NotValidYet|CertificateRequired|UnsupportedCertVersion|BadCertificate|invalid peer certificate|certificate|\btls\b|handshake|fatal alert/i
    .test(text) ||
    (new URL(url).protocol === "http:" && /invalid HTTP version parsed/i.test(text));
}

/** Builds the `tls` error for a fetch that threw `err`, whose text (with its causes) is `text`. */
export function tlsError(ctx: ErrorContext, err: unknown, text: string): AtlassianError {
  const fields = requestFields(ctx);
  const url = new URL(ctx.service.url);
  const c = TLS_CASES.find((t) => t.test.test(text)) ?? TLS_CASES[TLS_CASES.length - 1];
  return new AtlassianError({
    ...fields,
    kind: "tls",
    message: `The ${url.protocol === "https:" ? "TLS " : ""}connection to ${
      productLabel(fields.product)
    } at ${url.origin} failed for ${ctx.method} ${fields.path}: ${c.explain}.`,
    hint: c.verification && ctx.service.tls?.verify === false
      ? verifyOffHint(envPrefix(fields.product), url.hostname)
      : c.hint(envPrefix(fields.product)),
    mayHaveReachedServer: false,
    cause: err,
  });
}
