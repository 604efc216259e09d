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

Deno.test("describeConfig never includes tokens or key material", () => {
  const cfg = config([], {
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
      "MIIEkeymaterial",
      btoa(`alice@example.com:${CLOUD.JIRA_API_TOKEN}`),
    ]
  ) {
    assert.ok(!text.includes(secret), secret);
  }
  assert.match(text, /client certificate/);
  assert.match(text, /Files: c\.pem, k\.pem\./);
  assert.doesNotMatch(text, /OAuth/);
});

Deno.test("describeConfig names the OAuth mode without its secrets", () => {
  const cfg = config(["--transport", "streamable-http"], {
    ATLASSIAN_OAUTH_CLIENT_ID: "client-1",
    ATLASSIAN_OAUTH_CLIENT_SECRET: "oauth-client-secret-1",
    ATLASSIAN_OAUTH_REDIRECT_URI: "http://localhost:8080/callback",
    ATLASSIAN_OAUTH_SCOPE: "read:jira-work offline_access",
    ATLASSIAN_OAUTH_CLOUD_ID: "site-1",
    CONFLUENCE_OAUTH_ACCESS_TOKEN: "oauth-access-token-2",
    ATLASSIAN_OAUTH_ENABLE: "true",
    MCP_ALLOWED_URL_DOMAINS: "corp.example",
    HOME: "/home/alice",
  });
  const text = describeConfig(cfg);
  for (const secret of ["oauth-client-secret-1", "oauth-access-token-2"]) {
    assert.ok(!text.includes(secret), secret);
  }
  assert.match(
    text,
    /Jira: Cloud at https:\/\/api\.atlassian\.com\/ex\/jira\/site-1, OAuth 2\.0 with refresh \(client client-1, tokens in \/home\/alice\/\.mcp-atlassian\/oauth-client-1\.json\)/,
  );
  assert.match(text, /Confluence: Cloud at .*bring your own token/);
  assert.match(
    text,
    /OAuth: multi-user \(ATLASSIAN_OAUTH_ENABLE\), URL domains corp\.example, auth server https:\/\/auth\.atlassian\.com\./,
  );
});
