import assert from "node:assert/strict";
import {
  closeCredentials,
  credentialsFor,
  StaticTokenSource,
  TokenManager,
} from "../../../src/auth/mod.ts";
import { loadConfig } from "../../../src/config/mod.ts";
import type { Config } from "../../../src/config/types.ts";

function config(env: Record<string, string>, argv: string[] = []): Config {
  const result = loadConfig(argv, env, () => {
    throw new Deno.errors.NotFound("no file");
  });
  assert.equal(result.kind, "ok", JSON.stringify(result));
  return (result as { config: Config }).config;
}

const OAUTH = {
  ATLASSIAN_OAUTH_CLIENT_ID: "client-abc",
  ATLASSIAN_OAUTH_CLIENT_SECRET: "oauth-client-secret-1",
  ATLASSIAN_OAUTH_REDIRECT_URI: "http://localhost:8080/callback",
  ATLASSIAN_OAUTH_SCOPE: "read:jira-work offline_access",
  ATLASSIAN_OAUTH_CLOUD_ID: "11111111-1111-4111-8111-111111111111",
  HOME: "/home/alice",
};

Deno.test("credentialsFor shares one TokenManager between Jira and Confluence on one client", () => {
  const cfg = config(OAUTH);
  const jira = credentialsFor(cfg, "jira");
  const confluence = credentialsFor(cfg, cfg.confluence!);
  assert.ok(jira instanceof TokenManager);
  assert.equal(jira, confluence);
  assert.equal(jira.tokenFile, "/home/alice/.mcp-atlassian/oauth-client-abc.json");
  closeCredentials(cfg);
  assert.notEqual(credentialsFor(cfg, "jira"), jira, "closed: a new manager next time");
});

Deno.test("credentialsFor gives each client id its own TokenManager", () => {
  const cfg = config({
    ...OAUTH,
    CONFLUENCE_OAUTH_CLIENT_ID: "wiki-client",
    CONFLUENCE_OAUTH_CLIENT_SECRET: "wiki-secret-1",
  });
  const jira = credentialsFor(cfg, "jira") as TokenManager;
  const confluence = credentialsFor(cfg, "confluence") as TokenManager;
  assert.notEqual(jira, confluence);
  assert.equal(confluence.tokenFile, "/home/alice/.mcp-atlassian/oauth-wiki-client.json");
});

Deno.test("credentialsFor: static token for BYOT, none for Basic, a clear refusal for per-request", async () => {
  const byot = config({
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-1",
    ATLASSIAN_OAUTH_CLOUD_ID: "c-1",
  });
  assert.ok(credentialsFor(byot, "jira") instanceof StaticTokenSource);
  const basic = config({
    JIRA_URL: "https://acme.atlassian.net",
    JIRA_USERNAME: "a@example.com",
    JIRA_API_TOKEN: "api-token-1",
  });
  assert.equal(credentialsFor(basic, "jira"), undefined);
  assert.equal(credentialsFor(basic, "confluence"), undefined);
  const multi = config({ ATLASSIAN_OAUTH_ENABLE: "true" }, ["--transport", "streamable-http"]);
  await assert.rejects(
    credentialsFor(multi, "jira")!.authorization(),
    /This request carried no Atlassian credentials/,
  );
});
