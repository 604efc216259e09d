import assert from "node:assert/strict";
import { ConfigSchema } from "../../../src/config/schema.ts";
import {
  gatewayUrl,
  hasOfflineAccess,
  homeFolder,
  tokenFileFor,
  webBase,
} from "../../../src/config/oauth.ts";
import { CONFIG_ENV_VARS } from "../../../src/config/env_vars.ts";
import { secretValues } from "../../../src/log.ts";
import { CLOUD, config, DC, type Env, load, ok, problems } from "./_helpers.ts";

const CLOUD_ID = "11111111-1111-4111-8111-111111111111";

/** A complete Cloud 3LO setup without any site URL. */
const OAUTH: Env = {
  ATLASSIAN_OAUTH_CLIENT_ID: "client-abc",
  ATLASSIAN_OAUTH_CLIENT_SECRET: "oauth-client-secret-1",
  ATLASSIAN_OAUTH_REDIRECT_URI: "http://localhost:8080/callback",
  ATLASSIAN_OAUTH_SCOPE:
    "read:jira-work write:jira-work read:confluence-content.all offline_access",
  ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
  HOME: "/home/alice",
};

const TOKEN_FILE = "/home/alice/.mcp-atlassian/oauth-client-abc.json";
const SETUP = "mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup)";

Deno.test("tokenFileFor places the file in the home folder as the Python server does", () => {
  assert.equal(tokenFileFor("cid", { HOME: "/home/a" }), "/home/a/.mcp-atlassian/oauth-cid.json");
  assert.equal(
    tokenFileFor("cid", { USERPROFILE: "/users/b" }),
    "/users/b/.mcp-atlassian/oauth-cid.json",
  );
  assert.equal(homeFolder({ HOME: " ", USERPROFILE: "/users/b" }), "/users/b");
  assert.equal(tokenFileFor("cid", {}), undefined);
});

Deno.test("gatewayUrl builds the Jira and Confluence gateway bases", () => {
  assert.equal(
    gatewayUrl("https://api.atlassian.com/", "jira", "c1"),
    "https://api.atlassian.com/ex/jira/c1",
  );
  assert.equal(
    gatewayUrl("http://127.0.0.1:9/api", "confluence", "{cloudId}"),
    "http://127.0.0.1:9/api/ex/confluence/{cloudId}/wiki",
  );
});

Deno.test("hasOfflineAccess looks for the offline_access scope", () => {
  assert.equal(hasOfflineAccess("read:jira-work offline_access"), true);
  assert.equal(hasOfflineAccess("read:jira-work offline_accessx"), false);
  assert.equal(hasOfflineAccess(undefined), false);
});

Deno.test("CONFIG_ENV_VARS holds the OAuth, multi-user and home variables", () => {
  for (
    const name of [
      "ATLASSIAN_OAUTH_ENABLE",
      "ATLASSIAN_OAUTH_AUTH_URL",
      "ATLASSIAN_API_URL",
      "JIRA_OAUTH_CLIENT_ID",
      "CONFLUENCE_OAUTH_ACCESS_TOKEN",
      "ALLOW_GLOBAL_CRED_FALLBACK",
      "IGNORE_HEADER_AUTH",
      "MCP_ALLOWED_URL_DOMAINS",
      "HOME",
      "USERPROFILE",
    ]
  ) {
    assert.ok(CONFIG_ENV_VARS.includes(name), name);
  }
});

Deno.test("loadConfig routes Cloud 3LO through the gateway for both products without URLs", () => {
  const result = ok(load([], OAUTH));
  const { jira, confluence } = result.config;
  assert.equal(jira?.url, `https://api.atlassian.com/ex/jira/${CLOUD_ID}`);
  assert.equal(confluence?.url, `https://api.atlassian.com/ex/confluence/${CLOUD_ID}/wiki`);
  for (const service of [jira!, confluence!]) {
    assert.equal(service.deployment, "cloud");
    assert.deepEqual(service.auth, { kind: "oauth" });
    assert.equal(service.siteUrl, undefined);
    assert.equal(service.oauth?.tokenFile, TOKEN_FILE);
    assert.equal(service.oauth?.clientSecret, "oauth-client-secret-1");
  }
  assert.equal(result.config.oauth.tokenFile, TOKEN_FILE);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(ConfigSchema.parse(structuredClone(result.config)), result.config);
});

Deno.test("loadConfig serves only the products with a URL and keeps the site URL", () => {
  const cfg = config([], { ...OAUTH, JIRA_URL: "https://acme.atlassian.net/" });
  assert.equal(cfg.jira?.url, `https://api.atlassian.com/ex/jira/${CLOUD_ID}`);
  assert.equal(cfg.jira?.siteUrl, "https://acme.atlassian.net");
  assert.equal(cfg.confluence, undefined);
  const both = config([], { ...OAUTH, CONFLUENCE_URL: "https://acme.atlassian.net" });
  assert.equal(both.confluence?.siteUrl, "https://acme.atlassian.net/wiki");
  assert.equal(both.jira, undefined);
});

Deno.test("loadConfig treats OAuth with a cloud id as Cloud whatever the URL", () => {
  const cfg = config([], { ...OAUTH, JIRA_URL: "http://127.0.0.1:8080" });
  assert.equal(cfg.jira?.deployment, "cloud");
  assert.equal(cfg.jira?.url, `https://api.atlassian.com/ex/jira/${CLOUD_ID}`);
  assert.equal(cfg.jira?.siteUrl, "http://127.0.0.1:8080");
});

Deno.test("loadConfig names each missing 3LO variable and the setup wizard once", () => {
  const found = problems(load([], {
    ATLASSIAN_OAUTH_CLIENT_ID: "client-abc",
    ATLASSIAN_OAUTH_SCOPE: "offline_access",
    HOME: "/home/alice",
  }));
  assert.deepEqual(found, [
    `ATLASSIAN_OAUTH_CLIENT_SECRET is not set, and OAuth 2.0 (3LO) on Atlassian Cloud needs it; example: ATLASSIAN_OAUTH_CLIENT_SECRET=<client secret of that app>, or run ${SETUP} to create every OAuth setting`,
    `ATLASSIAN_OAUTH_REDIRECT_URI is not set, and OAuth 2.0 (3LO) on Atlassian Cloud needs it; example: ATLASSIAN_OAUTH_REDIRECT_URI=http://localhost:8080/callback, or run ${SETUP} to create every OAuth setting`,
    `ATLASSIAN_OAUTH_CLOUD_ID is not set, and OAuth 2.0 (3LO) on Atlassian Cloud needs it; example: ATLASSIAN_OAUTH_CLOUD_ID=<your site's cloud id>, or run ${SETUP} to create every OAuth setting`,
  ]);
});

Deno.test("loadConfig needs a home folder for the token file", () => {
  const { HOME: _, ...noHome } = OAUTH;
  assert.deepEqual(problems(load([], noHome)), [
    `Neither HOME nor USERPROFILE is set, so the OAuth token file (~/.mcp-atlassian/oauth-client-abc.json) has no folder; set HOME to your home folder and run ${SETUP} if you have no tokens yet`,
  ]);
  const windows = config([], { ...noHome, USERPROFILE: "/users/alice" });
  assert.equal(windows.jira?.oauth?.tokenFile, "/users/alice/.mcp-atlassian/oauth-client-abc.json");
});

Deno.test("loadConfig leaves incomplete OAuth to the wizard with --oauth-setup", () => {
  const result = ok(load(["--oauth-setup"], { ATLASSIAN_OAUTH_CLIENT_ID: "client-abc" }));
  assert.equal(result.config.jira, undefined);
  assert.equal(result.config.oauth.clientId, "client-abc");
  assert.equal(result.actions.oauthSetup, true);
});

Deno.test("loadConfig lets JIRA_OAUTH_* and CONFLUENCE_OAUTH_* win per service", () => {
  const cfg = config([], {
    ...OAUTH,
    JIRA_OAUTH_CLIENT_ID: "jira-client",
    JIRA_OAUTH_CLIENT_SECRET: "jira-secret-123",
    CONFLUENCE_OAUTH_SCOPE: "read:confluence-content.all offline_access",
  });
  assert.equal(cfg.jira?.oauth?.clientId, "jira-client");
  assert.equal(cfg.jira?.oauth?.clientSecret, "jira-secret-123");
  assert.equal(cfg.jira?.oauth?.tokenFile, "/home/alice/.mcp-atlassian/oauth-jira-client.json");
  assert.equal(cfg.confluence?.oauth?.clientId, "client-abc");
  assert.equal(cfg.confluence?.oauth?.scope, "read:confluence-content.all offline_access");
  assert.equal(cfg.oauth.clientId, "client-abc");
  assert.ok(secretValues().includes("jira-secret-123"));
});

Deno.test("loadConfig warns when the scope cannot give refresh tokens", () => {
  const result = ok(load([], { ...OAUTH, ATLASSIAN_OAUTH_SCOPE: "read:jira-work" }));
  assert.deepEqual(result.warnings, [
    `ATLASSIAN_OAUTH_SCOPE lacks offline_access, so Atlassian issues no refresh token and the access token stops working within an hour; add offline_access (also to the app's permissions) and run ${SETUP}.`,
  ]);
});

Deno.test("loadConfig prefers OAuth over Basic on Cloud, with a warning", () => {
  const result = ok(load([], { ...OAUTH, ...CLOUD }));
  assert.deepEqual(result.config.jira?.auth, { kind: "oauth" });
  assert.match(result.warnings.join("\n"), /both OAuth and JIRA_USERNAME with JIRA_API_TOKEN/);
});

Deno.test("loadConfig uses a bring-your-own token as is on Cloud (no home needed)", () => {
  const result = ok(load([], {
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1",
    ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
  }));
  const { jira, confluence } = result.config;
  assert.deepEqual(jira?.auth, { kind: "byot" });
  assert.equal(jira?.url, `https://api.atlassian.com/ex/jira/${CLOUD_ID}`);
  assert.equal(confluence?.oauth?.accessToken, "byot-access-token-1");
  assert.equal(jira?.oauth?.tokenFile, undefined);
  assert.ok(secretValues().includes("byot-access-token-1"));
  assert.deepEqual(ConfigSchema.parse(structuredClone(result.config)), result.config);
});

Deno.test("loadConfig needs a cloud id for a Cloud bring-your-own token", () => {
  assert.deepEqual(problems(load([], { ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1" })), [
    `ATLASSIAN_OAUTH_ACCESS_TOKEN (bring your own token) on Atlassian Cloud needs ATLASSIAN_OAUTH_CLOUD_ID, the site's cloud id; example: ATLASSIAN_OAUTH_CLOUD_ID=<cloud id>, which https://<your-site>.atlassian.net/_edge/tenant_info shows and ${SETUP} finds`,
  ]);
});

Deno.test("loadConfig uses a bring-your-own token on Data Center at the instance", () => {
  const cfg = config([], {
    JIRA_URL: "https://jira.corp.example",
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1",
  });
  assert.deepEqual(cfg.jira?.auth, { kind: "byot" });
  assert.equal(cfg.jira?.url, "https://jira.corp.example");
  assert.equal(cfg.jira?.deployment, "datacenter");
  assert.equal(cfg.confluence, undefined);
});

Deno.test("loadConfig sets up Data Center OAuth with the Python defaults", () => {
  const cfg = config([], {
    JIRA_URL: "https://jira.corp.example:8443",
    ATLASSIAN_OAUTH_CLIENT_ID: "dc-client",
    ATLASSIAN_OAUTH_CLIENT_SECRET: "dc-client-secret",
    HOME: "/home/alice",
  });
  assert.equal(cfg.jira?.url, "https://jira.corp.example:8443");
  assert.deepEqual(cfg.jira?.auth, { kind: "oauth" });
  assert.equal(cfg.jira?.oauth?.redirectUri, "http://localhost:8080/callback");
  assert.equal(cfg.jira?.oauth?.scope, "WRITE");
  assert.equal(cfg.jira?.oauth?.cloudId, undefined);
  assert.equal(cfg.jira?.oauth?.tokenFile, "/home/alice/.mcp-atlassian/oauth-dc-client.json");
  assert.deepEqual(
    problems(load([], { JIRA_URL: "https://jira.corp.example", ATLASSIAN_OAUTH_CLIENT_ID: "x" })),
    [
      `ATLASSIAN_OAUTH_CLIENT_SECRET is not set, and OAuth 2.0 on Server/Data Center needs it; example: ATLASSIAN_OAUTH_CLIENT_SECRET=<client secret of that app>, or run ${SETUP} to create every OAuth setting`,
    ],
  );
});

Deno.test("loadConfig prefers a Data Center personal token over OAuth, with a warning", () => {
  const result = ok(load([], { ...DC, ...OAUTH, ATLASSIAN_OAUTH_CLOUD_ID: "" }));
  assert.equal(result.config.jira?.auth.kind, "pat");
  assert.match(result.warnings.join("\n"), /personal access token is used/);
});

Deno.test("loadConfig gives services without credentials per-request auth in multi-user mode", () => {
  const result = ok(load(["--transport", "streamable-http"], { ATLASSIAN_OAUTH_ENABLE: "true" }));
  const { jira, confluence, oauth } = result.config;
  assert.deepEqual(jira?.auth, { kind: "per-request" });
  assert.equal(jira?.url, "https://api.atlassian.com/ex/jira/{cloudId}");
  assert.equal(confluence?.url, "https://api.atlassian.com/ex/confluence/{cloudId}/wiki");
  assert.equal(oauth.multiUser, true);
  assert.deepEqual(ConfigSchema.parse(structuredClone(result.config)), result.config);
});

Deno.test("loadConfig keeps a service's own credentials in multi-user mode", () => {
  const cfg = config(["--transport", "sse"], {
    ...CLOUD,
    CONFLUENCE_URL: "https://wiki.corp.example",
    ATLASSIAN_OAUTH_ENABLE: "true",
    ALLOW_GLOBAL_CRED_FALLBACK: "true",
  });
  assert.equal(cfg.jira?.auth.kind, "basic");
  assert.deepEqual(cfg.confluence?.auth, { kind: "per-request" });
  assert.equal(cfg.confluence?.url, "https://wiki.corp.example");
  assert.equal(cfg.confluence?.deployment, "datacenter");
  assert.equal(cfg.oauth.allowGlobalFallback, true);
  const cloudSite = config(["--transport", "sse"], {
    JIRA_URL: "https://acme.atlassian.net",
    ATLASSIAN_OAUTH_ENABLE: "true",
  });
  assert.equal(cloudSite.jira?.url, "https://api.atlassian.com/ex/jira/{cloudId}");
  assert.equal(cloudSite.jira?.siteUrl, "https://acme.atlassian.net");
});

Deno.test("loadConfig refuses per-request auth over stdio", () => {
  assert.deepEqual(problems(load([], { ATLASSIAN_OAUTH_ENABLE: "true" })), [
    "ATLASSIAN_OAUTH_ENABLE=true takes the credentials of Jira and Confluence from each HTTP request, and stdio has none; use --transport streamable-http (or sse), or give the server credentials of its own (e.g. JIRA_USERNAME and JIRA_API_TOKEN).",
  ]);
});

Deno.test("loadConfig reads the endpoint base URLs and multi-user switches", () => {
  const cfg = config(["--transport", "streamable-http"], {
    ...OAUTH,
    ATLASSIAN_OAUTH_AUTH_URL: "http://127.0.0.1:4001/",
    ATLASSIAN_API_URL: "http://127.0.0.1:4002",
    IGNORE_HEADER_AUTH: "yes",
    MCP_ALLOWED_URL_DOMAINS: "*.Corp.Example, jira.other.org .x.io,corp.example",
  });
  assert.equal(cfg.oauth.authUrl, "http://127.0.0.1:4001");
  assert.equal(cfg.oauth.apiUrl, "http://127.0.0.1:4002");
  assert.equal(cfg.jira?.url, `http://127.0.0.1:4002/ex/jira/${CLOUD_ID}`);
  assert.equal(cfg.oauth.ignoreHeaderAuth, true);
  assert.deepEqual(cfg.oauth.allowedUrlDomains, ["corp.example", "jira.other.org", "x.io"]);
});

Deno.test("loadConfig reports bad OAuth values clearly", () => {
  const found = problems(load([], {
    ...OAUTH,
    ATLASSIAN_OAUTH_CLIENT_ID: "../evil",
    ATLASSIAN_OAUTH_CLOUD_ID: "site/../x",
    ATLASSIAN_API_URL: "ftp://api.example",
    ALLOW_GLOBAL_CRED_FALLBACK: "maybe",
    MCP_ALLOWED_URL_DOMAINS: "https://jira.corp.example,ok.example,a b",
  }));
  assert.deepEqual(found, [
    'ATLASSIAN_API_URL must be an http(s) base URL without user name, query or fragment (got "ftp://api.example"); example: ATLASSIAN_API_URL=https://api.atlassian.com',
    'ALLOW_GLOBAL_CRED_FALLBACK must be true/1/yes or false/0/no (got "maybe"); example: ALLOW_GLOBAL_CRED_FALLBACK=true',
    'MCP_ALLOWED_URL_DOMAINS must list host names (a name also allows its subdomains) without scheme or port (got "https://jira.corp.example"); example: MCP_ALLOWED_URL_DOMAINS=jira.corp.example,atlassian.net',
    `ATLASSIAN_OAUTH_CLIENT_ID is not an OAuth client id: it may hold only letters, digits, ".", "_" and "-" (got "../evil"); copy it from the app's Settings page at https://developer.atlassian.com/console/myapps/`,
    `ATLASSIAN_OAUTH_CLOUD_ID is not a cloud id: it is a UUID such as 11111111-1111-4111-8111-111111111111 (got "site/../x"); run ${SETUP} to find it`,
  ]);
});

Deno.test("loadConfig refuses one token file for two Data Center OAuth providers", () => {
  const env: Env = {
    JIRA_URL: "https://jira.corp.example",
    CONFLUENCE_URL: "https://wiki.corp.example",
    ATLASSIAN_OAUTH_CLIENT_ID: "dc-client",
    ATLASSIAN_OAUTH_CLIENT_SECRET: "dc-client-secret",
    HOME: "/home/alice",
  };
  assert.deepEqual(problems(load([], env)), [
    "Jira and Confluence would share the OAuth token file /home/alice/.mcp-atlassian/oauth-dc-client.json but have different token endpoints (each Data Center instance has its own OAuth provider); give each its own client id with JIRA_OAUTH_CLIENT_ID / CONFLUENCE_OAUTH_CLIENT_ID (and _CLIENT_SECRET).",
  ]);
  const split = config([], { ...env, CONFLUENCE_OAUTH_CLIENT_ID: "wiki-client" });
  assert.equal(
    split.confluence?.oauth?.tokenFile,
    "/home/alice/.mcp-atlassian/oauth-wiki-client.json",
  );
});

Deno.test("webBase prefers the site URL and hides bare gateway URLs", () => {
  const gateway = "https://api.atlassian.com/ex/jira/11111111-1111-4111-8111-111111111111";
  assert.equal(webBase({ url: gateway }), undefined);
  assert.equal(
    webBase({ url: gateway, siteUrl: "https://acme.atlassian.net" }),
    "https://acme.atlassian.net",
  );
  assert.equal(
    webBase({ url: "https://jira.corp.example/jira" }),
    "https://jira.corp.example/jira",
  );
});
