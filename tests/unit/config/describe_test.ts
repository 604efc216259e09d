import assert from "node:assert/strict";
import { describeConfig } from "../../../src/config/describe.ts";
import { CERT_PEM, CLOUD, config, DC, KEY_PEM } from "./_helpers.ts";

Deno.test("describeConfig summarises a Cloud stdio configuration in one paragraph", () => {
  const text = describeConfig(config([], { ...CLOUD, JIRA_PROJECTS_FILTER: "DEMO" }));
  assert.equal(
    text,
    "Config: transport stdio, read-write, toolsets all, tools all, log level warn. Jira: Cloud at https://acme.atlassian.net, basic auth as alice@example.com, TLS verified, timeout 75 s, direct connection, projects DEMO. Confluence: not configured. Files: none.",
  );
  assert.ok(!text.includes("\n"));
});

Deno.test("describeConfig shows the listen address, proxy host and header names only", () => {
  const text = describeConfig(config(["--transport", "streamable-http", "--host", "::1"], {
    ...DC,
    JIRA_SSL_VERIFY: "false",
    JIRA_CUSTOM_HEADERS: "X-Gateway-Key=gw-key-0123456789",
    HTTPS_PROXY: "http://proxyuser:proxy-pass-999@proxy.corp:3128",
  }));
  assert.match(text, /transport streamable-http on \[::1\]:8000\/mcp/);
  assert.match(text, /Server\/Data Center at https:\/\/jira\.corp\.example:8443/);
  assert.match(text, /personal access token, TLS NOT verified/);
  assert.match(text, /via proxy http:\/\/\*\*\*@proxy\.corp:3128/);
  assert.match(text, /custom headers X-Gateway-Key/);
  for (
    const secret of ["gw-key-0123456789", "proxy-pass-999", "proxyuser", DC.JIRA_PERSONAL_TOKEN!]
  ) {
    assert.ok(!text.includes(secret), secret);
  }
});

Deno.test("describeConfig never includes tokens, key material or OAuth secrets", () => {
  const cfg = config(["--oauth-client-secret", "oauth-client-secret-1"], {
    ...CLOUD,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_USERNAME: "svc",
    CONFLUENCE_API_TOKEN: "dc-password-2222",
    CONFLUENCE_CLIENT_CERT: "c.pem",
    CONFLUENCE_CLIENT_KEY: "k.pem",
  }, { "c.pem": CERT_PEM, "k.pem": KEY_PEM });
  const text = describeConfig(cfg);
  for (
    const secret of [
      CLOUD.JIRA_API_TOKEN!,
      "dc-password-2222",
      "oauth-client-secret-1",
      "MIIEkeymaterial",
      btoa(`alice@example.com:${CLOUD.JIRA_API_TOKEN}`),
    ]
  ) {
    assert.ok(!text.includes(secret), secret);
  }
  assert.match(text, /client certificate/);
  assert.match(text, /Files: c\.pem, k\.pem\./);
  assert.match(text, /OAuth settings present/);
});
