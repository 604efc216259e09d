import assert from "node:assert/strict";
import { CONFIG_ENV_VARS } from "../../../src/config/env_vars.ts";
import { caStoreWithSystem } from "../../../src/config/python_compat.ts";
import {
  IGNORED_VARIABLES,
  ignoredWarning,
  PYTHON_VARIABLES,
} from "../../../src/config/python_vars.ts";
import { ConfigSchema } from "../../../src/config/schema.ts";
import { CLOUD, config, DC, load, ok, problems } from "./_helpers.ts";

const README = new URL("../../../README.md", import.meta.url);

Deno.test("each ignored Python variable that is set warns once, from the env or the .env", () => {
  for (const { name } of PYTHON_VARIABLES) assert.ok(CONFIG_ENV_VARS.includes(name), name);
  assert.ok(CONFIG_ENV_VARS.includes("DENO_TLS_CA_STORE"));
  for (const name of IGNORED_VARIABLES) {
    assert.ok(CONFIG_ENV_VARS.includes(name), name);
    const fromEnv = ok(load([], { ...CLOUD, [name]: "1" }));
    assert.deepEqual(fromEnv.warnings, [ignoredWarning(name)], name);
  }
  const fromFile = ok(
    load([], CLOUD, { ".env": "MCP_LOGGING_STDOUT=true\nJIRA_FETCHER_MAX_WORKERS=4\n" }),
  );
  assert.deepEqual(fromFile.warnings, [
    "JIRA_FETCHER_MAX_WORKERS is ignored: not supported by this server; see README (Differences from the Python server).",
    "MCP_LOGGING_STDOUT is ignored: not supported by this server; see README (Differences from the Python server).",
  ]);
  // Unset and empty are silent.
  assert.deepEqual(ok(load([], { ...CLOUD, MCP_LOGGING_STDOUT: "" })).warnings, []);
});

Deno.test("the README's differences table names every Python variable of the table", async () => {
  const readme = await Deno.readTextFile(README);
  const section = readme.slice(readme.indexOf("## Differences from the Python server"));
  assert.ok(section.length < readme.length, "README has the section");
  for (const name of [...IGNORED_VARIABLES, ...PYTHON_VARIABLES.map((v) => v.name)]) {
    const family = name.replace(/^(JIRA|CONFLUENCE|ATLASSIAN)_(PROXY_WPAD_\w+)$/, "*_$2");
    assert.ok(section.includes(name) || section.includes(family), name);
  }
});

Deno.test("DISABLE_JIRA_MARKUP_TRANSLATION takes true or false, for Jira only", () => {
  assert.equal(
    config([], { ...CLOUD, DISABLE_JIRA_MARKUP_TRANSLATION: "TRUE" }).jira?.rawText,
    true,
  );
  assert.equal(
    config([], { ...DC, DISABLE_JIRA_MARKUP_TRANSLATION: "false" }).jira?.rawText,
    undefined,
  );
  assert.deepEqual(problems(load([], { ...CLOUD, DISABLE_JIRA_MARKUP_TRANSLATION: "1" })), [
    'DISABLE_JIRA_MARKUP_TRANSLATION must be true or false (got "1"); example: DISABLE_JIRA_MARKUP_TRANSLATION=true',
  ]);
  const both = config([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "cloud-api-token-1234",
    DISABLE_JIRA_MARKUP_TRANSLATION: "true",
  });
  assert.equal(both.confluence?.rawText, undefined);
  assert.equal(ConfigSchema.parse(both).jira?.rawText, true);
});

Deno.test("JIRA_INTERNAL_ONLY_PROJECTS lists project keys", () => {
  assert.deepEqual(
    config([], { ...DC, JIRA_INTERNAL_ONLY_PROJECTS: "HELP, SUPPORT,HELP" }).jira
      ?.internalOnlyProjects,
    ["HELP", "SUPPORT"],
  );
  assert.deepEqual(problems(load([], { ...DC, JIRA_INTERNAL_ONLY_PROJECTS: "HELP,help desk" })), [
    'JIRA_INTERNAL_ONLY_PROJECTS must list project keys separated by commas (got "HELP,help desk"); example: JIRA_INTERNAL_ONLY_PROJECTS=HELP,SUPPORT',
  ]);
  // A project key pattern of the instance's own applies to the list too.
  assert.deepEqual(
    config([], {
      ...DC,
      JIRA_PROJECT_KEY_PATTERN: "^[a-z]+$",
      JIRA_INTERNAL_ONLY_PROJECTS: "help",
    }).jira?.internalOnlyProjects,
    ["HELP"],
  );
});

Deno.test("ATLASSIAN_RETRY_* map onto the read-retry policy of both services", () => {
  const cfg = config([], {
    ...CLOUD,
    ATLASSIAN_RETRY_TOTAL: "5",
    ATLASSIAN_RETRY_BACKOFF: "1.5",
    ATLASSIAN_RETRY_IGNORE_RETRY_AFTER: "yes",
  });
  assert.deepEqual(cfg.jira?.retry, { maxRetries: 5, backoffMs: 1500, ignoreRetryAfter: true });
  assert.deepEqual(ConfigSchema.parse(cfg).jira?.retry, cfg.jira?.retry);
  assert.deepEqual(config([], { ...CLOUD, ATLASSIAN_RETRY_TOTAL: "0" }).jira?.retry, {
    maxRetries: 0,
  });
  assert.equal(config([], CLOUD).jira?.retry, undefined);
  assert.deepEqual(
    problems(load([], {
      ...CLOUD,
      ATLASSIAN_RETRY_TOTAL: "-1",
      ATLASSIAN_RETRY_BACKOFF: "1s",
      ATLASSIAN_RETRY_IGNORE_RETRY_AFTER: "maybe",
    })),
    [
      'ATLASSIAN_RETRY_TOTAL must be a whole number from 0 to 10 (got "-1"); example: ATLASSIAN_RETRY_TOTAL=3',
      'ATLASSIAN_RETRY_BACKOFF must be a number of seconds from 0 to 30 (got "1s"); example: ATLASSIAN_RETRY_BACKOFF=1.0',
      'ATLASSIAN_RETRY_IGNORE_RETRY_AFTER must be true/1/yes or false/0/no (got "maybe"); example: ATLASSIAN_RETRY_IGNORE_RETRY_AFTER=true',
    ],
  );
  const writes = ok(load([], { ...CLOUD, ATLASSIAN_RETRY_INCLUDE_WRITES: "on" }));
  assert.equal(writes.config.jira?.retry, undefined);
  assert.match(writes.warnings[0], /^ATLASSIAN_RETRY_INCLUDE_WRITES=true is refused: /);
  assert.deepEqual(
    ok(load([], { ...CLOUD, ATLASSIAN_RETRY_INCLUDE_WRITES: "false" })).warnings,
    [],
  );
});

Deno.test("MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true asks for DENO_TLS_CA_STORE=system", () => {
  const off = ok(load([], { ...CLOUD, MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "false" }));
  assert.equal(off.config.systemTrustStore, undefined);
  assert.deepEqual(off.warnings, []);
  const on = ok(load([], { ...CLOUD, MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "true" }));
  assert.equal(on.config.systemTrustStore, true);
  assert.match(on.warnings[0], /DENO_TLS_CA_STORE=system; use the --print-permissions line/);
  const started = ok(load([], {
    ...CLOUD,
    MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "1",
    DENO_TLS_CA_STORE: "mozilla,system",
  }));
  assert.equal(started.config.systemTrustStore, true);
  assert.deepEqual(started.warnings, []);
  // DENO_TLS_CA_STORE in the .env file is too late: the runtime read it at start.
  const late = ok(load([], { ...CLOUD, MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "true" }, {
    ".env": "DENO_TLS_CA_STORE=system\n",
  }));
  assert.equal(late.warnings.length, 1);
  assert.equal(caStoreWithSystem(undefined), "system");
  assert.equal(caStoreWithSystem("mozilla"), "mozilla,system");
  assert.equal(caStoreWithSystem("system"), "system");
  assert.deepEqual(problems(load([], { ...CLOUD, MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE: "sure" })), [
    'MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE must be true/1/yes or false/0/no (got "sure"); example: MCP_ATLASSIAN_USE_SYSTEM_TRUSTSTORE=true',
  ]);
});
