/**
 * One service's TLS settings, read from the files the settings name.
 *
 * Covers certificate verification, the extra CA bundle and the client certificate and key for
 * mutual TLS.
 *
 * @module
 */
import { addSecret } from "../../log.ts";
import { certificates, isEncryptedKey, privateKey } from "./pem.ts";
import { readError, type ReadFile } from "../_files.ts";
import { booleanSetting, type Report, type Settings, type Value } from "../_settings.ts";
import type { TlsSettings } from "../types.ts";

/** Reads a file a setting names; records the path; reports a problem when it cannot be read. */
function readNamedFile(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  v: Value,
  sample: string,
  files: string[],
): string | undefined {
  try {
    const text = readFile(v.value);
    files.push(v.value);
    return text;
  } catch (error) {
    r.problem(
      `${s.label(v)} names a file that cannot be read ("${v.value}": ${
        readError(error)
      }); example: ${s.example(v, sample)}`,
    );
    return undefined;
  }
}

/**
 * Loads the TLS settings of the service whose variables start with `P` (`JIRA`, `CONFLUENCE`).
 *
 * The CA bundle comes from `P_CA_BUNDLE`, else `REQUESTS_CA_BUNDLE`, else `SSL_CERT_FILE`, and is
 * read only while verification is on. A combined cert+key PEM in `P_CLIENT_CERT` is split; an
 * encrypted key is a problem. Every file read is appended to `files`; the key becomes a secret.
 */
export function loadTls(
  s: Settings,
  r: Report,
  readFile: ReadFile,
  P: string,
  files: string[],
): TlsSettings {
  const verify = booleanSetting(s, r, `${P}_SSL_VERIFY`, true, "sslVerify");
  const tls: TlsSettings = { verify };
  if (verify) {
    const ca = s.first(`${P}_CA_BUNDLE`, "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE");
    if (ca) {
      const pem = readNamedFile(s, r, readFile, ca, "/etc/ssl/certs/company-ca.pem", files);
      if (pem !== undefined) {
        const certs = certificates(pem);
        if (certs) tls.caCerts = [certs];
        else {
          r.problem(
            `${s.label(ca)} names a file with no PEM certificate ("${ca.value}"); example: ${
              s.example(ca, "/etc/ssl/certs/company-ca.pem")
            }`,
          );
        }
      }
    }
  }
  const password = s.get(`${P}_CLIENT_KEY_PASSWORD`);
  if (password) {
    addSecret(password.value);
    r.problem(
      `${
        s.label(password)
      } is set, but encrypted keys are not supported; example: decrypt the key with "openssl pkey -in key.pem -out key-plain.pem", set ${P}_CLIENT_KEY=key-plain.pem and unset ${P}_CLIENT_KEY_PASSWORD`,
    );
  }
  const certV = s.get(`${P}_CLIENT_CERT`);
  const keyV = s.get(`${P}_CLIENT_KEY`);
  if (keyV && !certV) {
    r.problem(
      `${
        s.label(keyV)
      } is set but ${P}_CLIENT_CERT is not; example: ${P}_CLIENT_CERT=/path/to/client-cert.pem`,
    );
  }
  if (certV) {
    const certPem = readNamedFile(s, r, readFile, certV, "/path/to/client-cert.pem", files);
    const keyPem = keyV
      ? readNamedFile(s, r, readFile, keyV, "/path/to/client-key.pem", files)
      : certPem;
    if (certPem !== undefined) {
      const chain = certificates(certPem);
      if (chain) tls.clientCert = chain;
      else {
        r.problem(
          `${s.label(certV)} names a file with no PEM certificate ("${certV.value}"); example: ${
            s.example(certV, "/path/to/client-cert.pem")
          }`,
        );
      }
    }
    if (keyPem !== undefined) {
      const key = privateKey(keyPem);
      const keySource = keyV ?? certV;
      if (!key) {
        r.problem(
          keyV
            ? `${s.label(keyV)} names a file with no PEM private key ("${keyV.value}"); example: ${
              s.example(keyV, "/path/to/client-key.pem")
            }`
            : `${
              s.label(certV)
            } has no private key in "${certV.value}" and ${P}_CLIENT_KEY is not set; example: ${P}_CLIENT_KEY=/path/to/client-key.pem`,
        );
      } else if (isEncryptedKey(key)) {
        r.problem(
          `${
            s.label(keySource)
          } holds an encrypted private key ("${keySource.value}"), but encrypted keys are not supported; example: decrypt it with "openssl pkey -in key.pem -out key-plain.pem" and set ${P}_CLIENT_KEY=key-plain.pem`,
        );
      } else {
        addSecret(key.text);
        tls.clientKey = key.text;
      }
    }
  }
  return tls;
}
