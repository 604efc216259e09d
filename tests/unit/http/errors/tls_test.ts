import assert from "node:assert/strict";
import { makeCerts } from "../../../_certs.ts";
import { isTlsFailure, tlsError } from "../../../../src/http/errors/tls.ts";
import { HttpClient } from "../../../../src/http/mod.ts";
import { caught, service, startServer } from "../_helpers.ts";

Deno.test("tls error says so in words when an https:// URL reaches a plain-HTTP server", async () => {
  await using plain = startServer(() => new Response("{}"));
  using client = new HttpClient(service(`https://127.0.0.1:${plain.port}`), { maxRetries: 0 });
  const err = await caught(client.get("/rest/api/2/myself"));
  assert.equal(err.kind, "tls");
  assert.match(err.message, /answered in plain HTTP, not HTTPS/);
  assert.match(err.hint, /use http:\/\/ in JIRA_URL/);
  assert.equal(err.mayHaveReachedServer, false);
});

Deno.test("tls error with JIRA_SSL_VERIFY=false points to the --print-permissions line", async () => {
  const certs = await makeCerts();
  await using tls = startServer(() => new Response("{}"), certs);
  const url = `https://127.0.0.1:${tls.port}`;
  // This process lacks --unsafely-ignore-certificate-errors, as under `deno task start`.
  using off = new HttpClient(service(url, { tls: { verify: false } }), { maxRetries: 0 });
  const err = await caught(off.get("/rest/api/2/myself"));
  assert.equal(err.kind, "tls");
  assert.match(err.message, /UnknownIssuer/);
  assert.match(err.hint, /--unsafely-ignore-certificate-errors=127\.0\.0\.1/);
  assert.match(err.hint, /--print-permissions/);
  assert.doesNotMatch(err.hint, /SSL_VERIFY=false/);

  using on = new HttpClient(service(url), { maxRetries: 0 });
  const checked = await caught(on.get("/rest/api/2/myself"));
  assert.match(checked.hint, /JIRA_CA_BUNDLE.*JIRA_SSL_VERIFY=false/);
});

Deno.test("tls error says so in words when an http:// URL reaches an HTTPS server", async () => {
  await using tls = startServer(() => new Response("{}"), await makeCerts());
  using client = new HttpClient(service(`http://127.0.0.1:${tls.port}`));
  const err = await caught(client.post("/rest/api/2/issue", {}));
  assert.equal(err.kind, "tls");
  assert.match(
    err.message,
    /^The connection to Jira at http:\/\/127\.0\.0\.1:\d+ failed for POST \/rest\/api\/2\/issue: the server answered in TLS, not in plain HTTP: it speaks HTTPS\.$/,
  );
  assert.equal(err.hint, "Use https:// in JIRA_URL.");
  assert.equal(err.mayHaveReachedServer, false);
  assert.equal(tls.requests.length, 0);
});

Deno.test("tls error gives the certificate-check hint only for a failed check of the server's certificate", () => {
  const ctx = (verify: boolean) => ({
    service: { ...service("https://jira.corp.test"), tls: { verify } },
    method: "GET",
    path: "/rest/api/2/myself",
  });
  const hint = (text: string, verify = true) => tlsError(ctx(verify), new Error(text), text).hint;
  for (
    const text of [
      "invalid peer certificate: BadSignature",
      "invalid peer certificate: Revoked",
      "error: self-signed certificate in certificate chain",
    ]
  ) {
    assert.match(hint(text), /JIRA_CA_BUNDLE.*JIRA_SSL_VERIFY=false/, text);
    assert.match(hint(text, false), /--unsafely-ignore-certificate-errors=jira\.corp\.test/, text);
  }
  for (
    const text of [
      "received fatal alert: ProtocolVersion",
      "received fatal alert: HandshakeFailure",
      "peer is incompatible: handshake",
      "tls handshake eof",
    ]
  ) {
    for (const verify of [true, false]) {
      assert.match(hint(text, verify), /HTTPS port.*TLS 1\.2 or 1\.3/, text);
      assert.doesNotMatch(hint(text, verify), /SSL_VERIFY|CA_BUNDLE|unsafely/, text);
    }
  }
  // The server refusing this client's certificate is no check of the server's certificate.
  for (
    const text of ["received fatal alert: CertificateExpired", "received fatal alert: UnknownCA"]
  ) {
    assert.match(hint(text, false), /JIRA_CLIENT_CERT and JIRA_CLIENT_KEY/, text);
  }
  assert.match(hint("invalid peer certificate: Expired", false), /unsafely-ignore/);
});

Deno.test("isTlsFailure counts a fatal TLS alert", () => {
  assert.equal(
    isTlsFailure("received fatal alert: ProtocolVersion", "https://jira.corp.test"),
    true,
  );
  assert.equal(isTlsFailure("connection refused", "https://jira.corp.test"), false);
});
