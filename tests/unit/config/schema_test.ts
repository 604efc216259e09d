import assert from "node:assert/strict";
import { ConfigSchema } from "../../../src/config/schema.ts";
import { CA_PEM, CLOUD, config, DC } from "./_helpers.ts";

Deno.test("ConfigSchema accepts what loadConfig produces", () => {
  const configs = [
    config([], CLOUD),
    config(["--transport", "sse", "--read-only", "--toolsets", "all"], {
      ...DC,
      CONFLUENCE_URL: "https://acme.atlassian.net",
      CONFLUENCE_USERNAME: "a@b.c",
      CONFLUENCE_API_TOKEN: "tok-123456",
      HTTPS_PROXY: "proxy.corp:3128",
      JIRA_CA_BUNDLE: "ca.pem",
    }, { "ca.pem": CA_PEM }),
  ];
  for (const cfg of configs) {
    assert.deepEqual(ConfigSchema.parse(structuredClone(cfg)), cfg);
  }
});

Deno.test("ConfigSchema rejects a malformed configuration", () => {
  const cfg = config([], CLOUD);
  assert.equal(ConfigSchema.safeParse({ ...cfg, port: 70000 }).success, false);
  assert.equal(
    ConfigSchema.safeParse({ ...cfg, jira: { ...cfg.jira, url: "https://acme.atlassian.net/" } })
      .success,
    false,
  );
});
