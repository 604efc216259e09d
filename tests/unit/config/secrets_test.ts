import assert from "node:assert/strict";
import { redact, secretValues } from "../../../src/log.ts";
import { load, ok } from "./_helpers.ts";

Deno.test("loadConfig registers every credential as a secret", () => {
  ok(load(["--oauth-access-token", "oauth-access-tok-1", "--oauth-cloud-id", "site-1"], {
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_USERNAME: "alice@example.com",
    JIRA_API_TOKEN: "secret-api-token-1",
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_PERSONAL_TOKEN: "secret-pat-2",
    HTTPS_PROXY: "http://proxyuser:proxy%2Fpass-3@proxy.corp:3128",
    JIRA_CUSTOM_HEADERS: "X-Api-Key=header-secret-4,X-Env=prod",
  }));
  const secrets = secretValues();
  for (
    const value of [
      "secret-api-token-1",
      "secret-pat-2",
      btoa("alice@example.com:secret-api-token-1"),
      "proxy%2Fpass-3",
      "proxy/pass-3",
      "header-secret-4",
      "oauth-access-tok-1",
    ]
  ) {
    assert.ok(secrets.includes(value), value);
  }
  assert.ok(!secrets.includes("prod"), "short header values are not treated as secrets");
  assert.equal(redact("token secret-pat-2 here"), "token *** here");
});
