import assert from "node:assert/strict";
import { CONFIG_ENV_VARS, readProcessEnv } from "../../../src/config/env_vars.ts";

Deno.test("CONFIG_ENV_VARS holds each documented variable once", () => {
  assert.equal(new Set(CONFIG_ENV_VARS).size, CONFIG_ENV_VARS.length);
  for (
    const name of [
      "JIRA_URL",
      "JIRA_USERNAME",
      "JIRA_API_TOKEN",
      "JIRA_PERSONAL_TOKEN",
      "JIRA_SSL_VERIFY",
      "JIRA_TIMEOUT",
      "JIRA_PROJECTS_FILTER",
      "JIRA_CUSTOM_HEADERS",
      "JIRA_CLIENT_CERT",
      "JIRA_CLIENT_KEY",
      "JIRA_CLIENT_KEY_PASSWORD",
      "JIRA_CA_BUNDLE",
      "JIRA_DEPLOYMENT",
      "JIRA_HTTP_PROXY",
      "JIRA_HTTPS_PROXY",
      "JIRA_SOCKS_PROXY",
      "JIRA_NO_PROXY",
      "CONFLUENCE_URL",
      "CONFLUENCE_SPACES_FILTER",
      "CONFLUENCE_NO_PROXY",
      "HTTP_PROXY",
      "https_proxy",
      "no_proxy",
      "REQUESTS_CA_BUNDLE",
      "SSL_CERT_FILE",
      "TRANSPORT",
      "HOST",
      "PORT",
      "STREAMABLE_HTTP_PATH",
      "STATELESS",
      "READ_ONLY_MODE",
      "TOOLSETS",
      "ENABLED_TOOLS",
      "MCP_VERBOSE",
      "MCP_VERY_VERBOSE",
      "ATLASSIAN_OAUTH_CLIENT_ID",
      "ATLASSIAN_OAUTH_ACCESS_TOKEN",
    ]
  ) {
    assert.ok(CONFIG_ENV_VARS.includes(name), name);
  }
  assert.ok(!CONFIG_ENV_VARS.includes("JIRA_SPACES_FILTER"));
  assert.ok(Object.isFrozen(CONFIG_ENV_VARS));
});

Deno.test("readProcessEnv reads only the listed variables", () => {
  Deno.env.set("JIRA_URL", "https://from-process.atlassian.net");
  Deno.env.set("UNRELATED_VARIABLE_FOR_TEST", "x");
  try {
    const env = readProcessEnv();
    assert.equal(env.JIRA_URL, "https://from-process.atlassian.net");
    assert.ok(!("UNRELATED_VARIABLE_FOR_TEST" in env));
  } finally {
    Deno.env.delete("JIRA_URL");
    Deno.env.delete("UNRELATED_VARIABLE_FOR_TEST");
  }
});
