/**
 * The `tls` error: recognises a certificate or handshake failure in a fetch error's text and
 * explains it (unknown issuer, wrong host name, expired, client certificate, ...) with its fix.
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
}

const TLS_CASES: TlsCase[] = [
  {
    test: /UnknownIssuer/i,
    explain:
      "its certificate is signed by an authority this process does not trust (UnknownIssuer)",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE to your company's CA certificate (PEM), or ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /CaUsedAsEndEntity/i,
    explain:
      "its certificate is a CA certificate (CA:TRUE) used as a server certificate, which is rejected even when trusted (CaUsedAsEndEntity)",
    hint: (env) =>
      `Re-issue the server certificate with CA:FALSE, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /NotValidForName/i,
    explain: "its certificate is not issued for this host name (NotValidForName)",
    hint: (env) =>
      `Use the host name the certificate was issued for in ${env}_URL, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /Expired|NotValidYet/i,
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
    explain: "its certificate is an old X.509 v1 certificate (UnsupportedCertVersion)",
    hint: (env) =>
      `Re-issue the server certificate as X.509 v3, or set ${env}_SSL_VERIFY=false as a last resort.`,
  },
  {
    test: /certificate|tls|handshake|alert/i,
    explain: "the TLS handshake failed",
    hint: (env) =>
      `Set ${env}_CA_BUNDLE / ${env}_SSL_VERIFY=false if the server uses a private certificate.`,
  },
];

/** Whether the text of a fetch error (with its causes) tells of a TLS failure. */
export function isTlsFailure(text: string): boolean {
  return /UnknownIssuer|CaUsedAsEndEntity|NotValidForName|Expired|NotValidYet|CertificateRequired|UnsupportedCertVersion|BadCertificate|invalid peer certificate|certificate|\btls\b|handshake/i
    .test(text);
}

/** Builds the `tls` error for a fetch that threw `err`, whose text (with its causes) is `text`. */
export function tlsError(ctx: ErrorContext, err: unknown, text: string): AtlassianError {
  const fields = requestFields(ctx);
  const origin = new URL(ctx.service.url).origin;
  const c = TLS_CASES.find((t) => t.test.test(text)) ?? TLS_CASES[TLS_CASES.length - 1];
  return new AtlassianError({
    ...fields,
    kind: "tls",
    message: `The TLS connection to ${
      productLabel(fields.product)
    } at ${origin} failed for ${ctx.method} ${fields.path}: ${c.explain}.`,
    hint: c.hint(envPrefix(fields.product)),
    mayHaveReachedServer: false,
    cause: err,
  });
}
