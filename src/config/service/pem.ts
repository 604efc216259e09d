/**
 * PEM helpers for TLS material read from files.
 *
 * @module
 */

/** One PEM block: its label (`CERTIFICATE`, `PRIVATE KEY`, ...) and full text. */
export interface PemBlock {
  label: string;
  text: string;
}

/** Splits a PEM text into its blocks (anything between them is dropped). */
function pemBlocks(pem: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)) {
    out.push({ label: m[1], text: m[0] });
  }
  return out;
}

/** The certificate blocks of a PEM text, joined by newlines; "" when there is none. */
export function certificates(pem: string): string {
  return pemBlocks(pem).filter((b) => b.label === "CERTIFICATE").map((b) => b.text).join("\n");
}

/** The first private-key block of a PEM text, if any. */
export function privateKey(pem: string): PemBlock | undefined {
  return pemBlocks(pem).find((b) => b.label.endsWith("PRIVATE KEY"));
}

/** Tells whether a private-key block is encrypted (PKCS#8 or legacy OpenSSL encryption). */
export function isEncryptedKey(block: PemBlock): boolean {
  return block.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
}
