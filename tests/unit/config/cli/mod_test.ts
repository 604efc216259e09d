import assert from "node:assert/strict";
import {
  FLAGS,
  helpText,
  parseFlags,
  rerunArgs,
  versionText,
} from "../../../../src/config/cli/mod.ts";
import { CONFIG_ENV_VARS } from "../../../../src/config/env_vars.ts";
import { VERSION } from "../../../../src/version.ts";

Deno.test("parseFlags maps flags to the variables they override", () => {
  const parsed = parseFlags([
    "--jira-url=https://a.atlassian.net",
    "--jira-token",
    "tok",
    "--no-confluence-ssl-verify",
    "--read-only",
    "--stateless",
    "--oauth-scope",
    "read:jira-work offline_access",
  ]);
  assert.deepEqual(Object.fromEntries([...parsed.settings].map(([k, v]) => [k, v.value])), {
    JIRA_URL: "https://a.atlassian.net",
    JIRA_API_TOKEN: "tok",
    CONFLUENCE_SSL_VERIFY: "false",
    READ_ONLY_MODE: "true",
    STATELESS: "true",
    ATLASSIAN_OAUTH_SCOPE: "read:jira-work offline_access",
  });
  assert.equal(parsed.settings.get("JIRA_URL")?.flag, "--jira-url");
  assert.deepEqual(parsed.problems, []);
});

Deno.test("parseFlags lets the last occurrence win and counts -v", () => {
  const parsed = parseFlags(["--port", "1", "--port=2", "-vv", "--verbose", "-v"]);
  assert.equal(parsed.settings.get("PORT")?.value, "2");
  assert.equal(parsed.verbosity, 4);
});

Deno.test("parseFlags records the actions", () => {
  const parsed = parseFlags(["--env-file", "x.env", "--print-permissions", "--oauth-setup"]);
  assert.equal(parsed.envFile, "x.env");
  assert.equal(parsed.printPermissions, true);
  assert.equal(parsed.oauthSetup, true);
  assert.equal(parsed.help, false);
  assert.equal(parsed.version, false);
});

Deno.test("parseFlags accepts a value starting with - only in --flag=value form", () => {
  assert.equal(parseFlags(["--jira-token=-abc"]).settings.get("JIRA_API_TOKEN")?.value, "-abc");
  assert.deepEqual(parseFlags(["--jira-token", "-abc"]).problems, [
    "Option --jira-token needs a value; example: --jira-token=TOKEN.",
  ]);
});

Deno.test("every flag variable is one the launcher reads", () => {
  for (const f of FLAGS) {
    if (f.env) assert.ok(CONFIG_ENV_VARS.includes(f.env), f.env);
  }
});

Deno.test("helpText lists every flag and the main variables", () => {
  const help = helpText();
  for (const f of FLAGS) {
    assert.ok(help.includes(`--${f.name}`), `--${f.name} missing from --help`);
    if (f.short) assert.ok(help.includes(`-${f.short}, --${f.name}`));
  }
  for (
    const name of [
      "JIRA_URL",
      "JIRA_API_TOKEN",
      "JIRA_PERSONAL_TOKEN",
      "JIRA_SSL_VERIFY",
      "JIRA_CA_BUNDLE",
      "REQUESTS_CA_BUNDLE",
      "SSL_CERT_FILE",
      "JIRA_CLIENT_CERT",
      "JIRA_TIMEOUT",
      "JIRA_CUSTOM_HEADERS",
      "JIRA_DEPLOYMENT",
      "JIRA_NO_PROXY",
      "CONFLUENCE_SPACES_FILTER",
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
    ]
  ) {
    assert.ok(help.includes(name), `${name} missing from --help`);
  }
  assert.ok(help.split("\n").every((line) => line.length <= 100), "help lines fit 100 columns");
});

Deno.test("versionText names the server and version", () => {
  assert.equal(versionText(), `mcp-atlassian ${VERSION} (Deno)`);
});

Deno.test("rerunArgs repeats the user's flags but not --print-permissions or secrets", () => {
  assert.deepEqual(
    rerunArgs([
      "--transport",
      "streamable-http",
      "--read-only",
      "--print-permissions",
      "--jira-token",
      "secret-1",
      "--confluence-personal-token=secret-2",
      "--port=9000",
    ]),
    {
      args: ["--transport", "streamable-http", "--read-only", "--port=9000"],
      withheld: ["JIRA_API_TOKEN", "CONFLUENCE_PERSONAL_TOKEN"],
    },
  );
});
