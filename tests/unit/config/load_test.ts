import assert from "node:assert/strict";
import { DEFAULT_ENV_FILE, loadConfig } from "../../../src/config/mod.ts";
import { VERSION } from "../../../src/version.ts";
import {
  CA_PEM,
  CERT_PEM,
  CLOUD,
  config,
  DC,
  type Env,
  KEY_PEM,
  load,
  ok,
  problems,
} from "./_helpers.ts";

// ---------------------------------------------------------------------------------------------
// Precedence: flags > process env > .env

const precedence: {
  name: string;
  flag?: string[];
  env?: Env;
  dotenv?: string;
  key: "url" | "readOnly" | "port" | "transport";
  expected: unknown;
}[] = [
  {
    name: "flag beats env and .env",
    flag: ["--jira-url", "https://flag.atlassian.net"],
    env: { JIRA_URL: "https://env.atlassian.net" },
    dotenv: "JIRA_URL=https://dotenv.atlassian.net",
    key: "url",
    expected: "https://flag.atlassian.net",
  },
  {
    name: "env beats .env",
    env: { JIRA_URL: "https://env.atlassian.net" },
    dotenv: "JIRA_URL=https://dotenv.atlassian.net",
    key: "url",
    expected: "https://env.atlassian.net",
  },
  {
    name: ".env applies when env is unset",
    dotenv: "JIRA_URL=https://dotenv.atlassian.net",
    key: "url",
    expected: "https://dotenv.atlassian.net",
  },
  {
    name: "an empty env value counts as unset",
    env: { JIRA_URL: "" },
    dotenv: "JIRA_URL=https://dotenv.atlassian.net",
    key: "url",
    expected: "https://dotenv.atlassian.net",
  },
  {
    name: "--read-only beats READ_ONLY_MODE=false",
    flag: ["--read-only"],
    env: { READ_ONLY_MODE: "false" },
    key: "readOnly",
    expected: true,
  },
  {
    name: "READ_ONLY_MODE env beats .env",
    env: { READ_ONLY_MODE: "no" },
    dotenv: "READ_ONLY_MODE=true",
    key: "readOnly",
    expected: false,
  },
  {
    name: "--port beats PORT",
    flag: ["--port=9001"],
    env: { PORT: "9002" },
    dotenv: "PORT=9003",
    key: "port",
    expected: 9001,
  },
  {
    name: "PORT from .env",
    dotenv: "PORT=9003",
    key: "port",
    expected: 9003,
  },
  {
    name: "--transport beats TRANSPORT",
    flag: ["--transport", "sse"],
    env: { TRANSPORT: "streamable-http" },
    key: "transport",
    expected: "sse",
  },
];

for (const c of precedence) {
  Deno.test(`loadConfig precedence: ${c.name}`, () => {
    const env = { ...CLOUD, JIRA_URL: undefined, ...c.env };
    const files: Record<string, string> = c.dotenv === undefined ? {} : { ".env": c.dotenv };
    const base = c.key === "url" ? [] : ["--jira-url", "https://acme.atlassian.net"];
    const cfg = config([...base, ...(c.flag ?? [])], env, files);
    const actual = c.key === "url" ? cfg.jira?.url : cfg[c.key];
    assert.deepEqual(actual, c.expected);
  });
}

Deno.test("loadConfig reads --env-file instead of ./.env and records it", () => {
  const result = ok(load(["--env-file", "conf/atl.env"], {}, {
    ".env": "JIRA_URL=https://wrong.atlassian.net",
    "conf/atl.env":
      "# comment\nexport JIRA_URL=https://acme.atlassian.net/\nJIRA_USERNAME='alice@example.com'\nJIRA_API_TOKEN=\"tok-123456\"\n",
  }));
  assert.equal(result.config.jira?.url, "https://acme.atlassian.net");
  assert.equal(result.actions.envFile, "conf/atl.env");
  assert.deepEqual(result.config.files, ["conf/atl.env"]);
});

Deno.test("loadConfig reads a relative path in a .env file from that file's folder", () => {
  const cwd = Deno.cwd();
  const result = ok(load(["--env-file", `${cwd}/conf/atl.env`], {}, {
    [`${cwd}/conf/atl.env`]: [
      "JIRA_URL=https://jira.corp.example",
      "JIRA_PERSONAL_TOKEN=pat-123456",
      "JIRA_CA_BUNDLE=certs/ca.pem",
    ].join("\n"),
    [`${cwd}/conf/certs/ca.pem`]: CA_PEM,
  }));
  assert.ok(result.config.files.includes(`${cwd}/conf/certs/ca.pem`), result.config.files.join());
  // The same variable from the environment stays as given.
  const fromEnv = ok(load([], {
    JIRA_URL: "https://jira.corp.example",
    JIRA_PERSONAL_TOKEN: "pat-123456",
    JIRA_CA_BUNDLE: "certs/ca.pem",
  }, { "certs/ca.pem": CA_PEM }));
  assert.ok(fromEnv.config.files.includes("certs/ca.pem"));
});

Deno.test("loadConfig records ./.env when present and skips it when absent", () => {
  const withFile = ok(
    load([], {}, { ".env": Object.entries(CLOUD).map(([k, v]) => `${k}=${v}`).join("\n") }),
  );
  assert.equal(withFile.actions.envFile, DEFAULT_ENV_FILE);
  assert.deepEqual(withFile.config.files, [".env"]);
  const without = ok(load([], CLOUD));
  assert.equal(without.actions.envFile, undefined);
  assert.deepEqual(without.config.files, []);
});

Deno.test("loadConfig treats an unreadable-for-permission ./.env as absent", () => {
  const result = loadConfig([], CLOUD, () => {
    throw new Deno.errors.NotCapable('Requires read access to ".env"');
  });
  assert.equal(ok(result).actions.envFile, undefined);
});

Deno.test("loadConfig warns when ./.env exists but cannot be read", () => {
  const result = ok(loadConfig([], CLOUD, (path) => {
    if (path === ".env") throw new Deno.errors.IsADirectory("is a directory");
    throw new Deno.errors.NotFound(path);
  }));
  assert.deepEqual(result.warnings, ["./.env is ignored: it cannot be read (it is a directory)."]);
});

Deno.test("loadConfig only reads the variables of CONFIG_ENV_VARS", () => {
  // An unknown variable in the env map is simply never looked at.
  const cfg = config([], { ...CLOUD, SOMETHING_ELSE: "x" });
  assert.equal(cfg.jira?.deployment, "cloud");
});

// ---------------------------------------------------------------------------------------------
// Defaults and global settings

Deno.test("loadConfig fills the documented defaults", () => {
  const result = ok(load([], CLOUD));
  const { jira, ...rest } = result.config;
  assert.deepEqual(rest, {
    transport: "stdio",
    host: "127.0.0.1",
    port: 8000,
    path: "/mcp",
    stateless: false,
    readOnly: false,
    logLevel: "warn",
    oauth: {
      authUrl: "https://auth.atlassian.com",
      apiUrl: "https://api.atlassian.com",
      multiUser: false,
      allowGlobalFallback: false,
      ignoreHeaderAuth: false,
      allowedUrlDomains: [],
    },
    files: [],
  });
  assert.deepEqual(jira, {
    product: "jira",
    url: "https://acme.atlassian.net",
    deployment: "cloud",
    auth: { kind: "basic", username: "alice@example.com", token: "cloud-api-token-1234" },
    tls: { verify: true },
    proxy: { noProxy: [] },
    timeoutMs: 75_000,
    customHeaders: {},
    allowlist: [],
  });
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.actions, { printPermissions: false, oauthSetup: false });
});

Deno.test("loadConfig uses /sse as the default path for SSE and honours --path", () => {
  assert.equal(config(["--transport", "sse"], CLOUD).path, "/sse");
  assert.equal(config(["--transport", "sse", "--path", "/events/"], CLOUD).path, "/events");
  assert.equal(config([], { ...CLOUD, STREAMABLE_HTTP_PATH: "/custom" }).path, "/custom");
});

Deno.test("loadConfig accepts stateless streamable HTTP", () => {
  const cfg = config(["--transport=streamable-http", "--stateless", "--port", "0"], CLOUD);
  assert.equal(cfg.stateless, true);
  assert.equal(cfg.port, 0);
});

Deno.test("loadConfig takes TRANSPORT=http as streamable-http, as client configs name it", () => {
  assert.equal(config([], { ...CLOUD, TRANSPORT: "http" }).transport, "streamable-http");
  assert.equal(config(["--transport", "HTTP"], CLOUD).transport, "streamable-http");
});

Deno.test("loadConfig stops on an unknown TRANSPORT variable, naming the choices", () => {
  assert.deepEqual(problems(load([], { ...CLOUD, TRANSPORT: "websocket" })), [
    'TRANSPORT must be one of stdio, sse, streamable-http or http (got "websocket"); example: TRANSPORT=streamable-http',
  ]);
});

Deno.test("loadConfig accepts IPv6 and bracketed hosts", () => {
  assert.equal(config([], { ...CLOUD, HOST: "::1" }).host, "::1");
  assert.equal(config([], { ...CLOUD, HOST: "[::1]" }).host, "::1");
  assert.equal(config([], { ...CLOUD, HOST: "0.0.0.0" }).host, "0.0.0.0");
  assert.equal(config(["--host", "localhost"], CLOUD).host, "localhost");
});

Deno.test("loadConfig splits and trims TOOLSETS and ENABLED_TOOLS", () => {
  const cfg = config(["--enabled-tools", " jira_get_issue , jira_search,,"], {
    ...CLOUD,
    TOOLSETS: "jira_issues, default ",
  });
  assert.deepEqual(cfg.toolsets, ["jira_issues", "default"]);
  assert.deepEqual(cfg.enabledTools, ["jira_get_issue", "jira_search"]);
  assert.equal(config([], { ...CLOUD, TOOLSETS: " , " }).toolsets, undefined);
});

Deno.test("loadConfig maps -v, -vv and MCP_VERBOSE/MCP_VERY_VERBOSE to log levels", () => {
  const cases: [string[], Env, string][] = [
    [[], {}, "warn"],
    [["-v"], {}, "info"],
    [["-vv"], {}, "debug"],
    [["-v", "-v"], {}, "debug"],
    [["--verbose"], {}, "info"],
    [[], { MCP_VERBOSE: "true" }, "info"],
    [[], { MCP_VERY_VERBOSE: "1" }, "debug"],
    [["-v"], { MCP_VERY_VERBOSE: "yes" }, "info"], // the flag wins, as in Python
  ];
  for (const [argv, env, level] of cases) {
    assert.equal(config(argv, { ...CLOUD, ...env }).logLevel, level, argv.join(" "));
  }
});

Deno.test("loadConfig parses booleans with the Python word sets", () => {
  const cases: [Env, "readOnly" | "stateless", boolean][] = [
    [{ READ_ONLY_MODE: "true" }, "readOnly", true],
    [{ READ_ONLY_MODE: "1" }, "readOnly", true],
    [{ READ_ONLY_MODE: "YES" }, "readOnly", true],
    [{ READ_ONLY_MODE: "y" }, "readOnly", true],
    [{ READ_ONLY_MODE: "on" }, "readOnly", true],
    [{ READ_ONLY_MODE: "off" }, "readOnly", false],
    [{ READ_ONLY_MODE: "0" }, "readOnly", false],
    [{ STATELESS: "yes", TRANSPORT: "streamable-http" }, "stateless", true],
    [{ STATELESS: "False", TRANSPORT: "streamable-http" }, "stateless", false],
  ];
  for (const [env, key, expected] of cases) {
    assert.equal(config([], { ...CLOUD, ...env })[key], expected, JSON.stringify(env));
  }
});

Deno.test("loadConfig turns SSL verification off only for false/0/no or --no-*-ssl-verify", () => {
  for (const value of ["false", "0", "no", "NO"]) {
    assert.equal(config([], { ...DC, JIRA_SSL_VERIFY: value }).jira?.tls.verify, false, value);
  }
  for (const value of ["true", "1", "yes"]) {
    assert.equal(config([], { ...DC, JIRA_SSL_VERIFY: value }).jira?.tls.verify, true, value);
  }
  assert.equal(config(["--no-jira-ssl-verify"], DC).jira?.tls.verify, false);
  assert.equal(
    config(["--no-jira-ssl-verify", "--jira-ssl-verify"], DC).jira?.tls.verify,
    true,
    "the last flag wins",
  );
  assert.equal(
    config(["--jira-ssl-verify"], { ...DC, JIRA_SSL_VERIFY: "false" }).jira?.tls.verify,
    true,
  );
});

Deno.test("loadConfig warns that verification is off and names the flag the process needs", () => {
  const result = ok(load([], { ...DC, JIRA_SSL_VERIFY: "false" }));
  assert.deepEqual(result.warnings, [
    "Jira: TLS certificate verification is off for jira.corp.example (JIRA_SSL_VERIFY=false); the process needs --unsafely-ignore-certificate-errors=jira.corp.example (the line --print-permissions prints has it; deno task start does not).",
  ]);
});

Deno.test("loadConfig records the --print-permissions and --oauth-setup actions", () => {
  const result = ok(load(["--print-permissions", "--oauth-setup"], CLOUD));
  assert.deepEqual(result.actions, { printPermissions: true, oauthSetup: true });
});

Deno.test("loadConfig keeps the shared OAuth values in config.oauth", () => {
  const result = ok(load(["--oauth-client-id", "cid", "--oauth-cloud-id=site-1"], {
    ...CLOUD,
    ATLASSIAN_OAUTH_CLIENT_SECRET: "oauth-secret-value",
    ATLASSIAN_OAUTH_REDIRECT_URI: "http://localhost:8080/callback",
    ATLASSIAN_OAUTH_SCOPE: "read:jira-work offline_access",
    HOME: "/home/alice",
  }));
  assert.deepEqual(result.config.oauth, {
    clientId: "cid",
    clientSecret: "oauth-secret-value",
    redirectUri: "http://localhost:8080/callback",
    scope: "read:jira-work offline_access",
    cloudId: "site-1",
    authUrl: "https://auth.atlassian.com",
    apiUrl: "https://api.atlassian.com",
    tokenFile: "/home/alice/.mcp-atlassian/oauth-cid.json",
    multiUser: false,
    allowGlobalFallback: false,
    ignoreHeaderAuth: false,
    allowedUrlDomains: [],
  });
  assert.equal(result.config.jira?.auth.kind, "oauth");
});

Deno.test("loadConfig does not require a service with --oauth-setup", () => {
  assert.equal(ok(load(["--oauth-setup"], {})).config.jira, undefined);
});

// ---------------------------------------------------------------------------------------------
// Services: URLs, deployment, auth

Deno.test("loadConfig strips trailing slashes, queries and default ports from URLs", () => {
  assert.equal(
    config([], { ...CLOUD, JIRA_URL: "https://ACME.atlassian.net:443//" }).jira?.url,
    "https://acme.atlassian.net",
  );
  const result = ok(load([], { ...DC, JIRA_URL: "https://jira.corp.example/jira/?x=1#frag" }));
  assert.equal(result.config.jira?.url, "https://jira.corp.example/jira");
  assert.deepEqual(result.warnings, [
    'JIRA_URL: the query and fragment of "https://jira.corp.example/jira/?x=1#frag" are ignored.',
  ]);
});

Deno.test("loadConfig appends /wiki to Confluence Cloud URLs only", () => {
  const creds = { CONFLUENCE_USERNAME: "alice@example.com", CONFLUENCE_API_TOKEN: "tok-abcdef" };
  const cases: [string, string][] = [
    ["https://acme.atlassian.net", "https://acme.atlassian.net/wiki"],
    ["https://acme.atlassian.net/", "https://acme.atlassian.net/wiki"],
    ["https://acme.atlassian.net/wiki", "https://acme.atlassian.net/wiki"],
    ["https://acme.atlassian.net/wiki/", "https://acme.atlassian.net/wiki"],
    ["https://wiki.corp.example/confluence", "https://wiki.corp.example/confluence"],
    ["http://127.0.0.1:8090", "http://127.0.0.1:8090"],
  ];
  for (const [input, expected] of cases) {
    assert.equal(config([], { ...creds, CONFLUENCE_URL: input }).confluence?.url, expected, input);
  }
  // Jira Cloud URLs never get /wiki.
  assert.equal(config([], CLOUD).jira?.url, "https://acme.atlassian.net");
});

Deno.test("loadConfig keeps only the site of a Cloud URL copied from the browser, and says so", () => {
  const result = ok(load([], {
    ...CLOUD,
    JIRA_URL: "https://acme.atlassian.net/jira/software/projects/ABC/boards/1",
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki/spaces/DOCS/pages/1002/Architecture",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "tok-abcdef",
  }));
  assert.equal(result.config.jira?.url, "https://acme.atlassian.net");
  assert.equal(result.config.confluence?.url, "https://acme.atlassian.net/wiki");
  assert.deepEqual(result.warnings, [
    'JIRA_URL: an Atlassian Cloud site has no path, so "/jira/software/projects/ABC/boards/1" is ignored; using https://acme.atlassian.net.',
    'CONFLUENCE_URL: an Atlassian Cloud site has no path, so "/wiki/spaces/DOCS/pages/1002/Architecture" is ignored; using https://acme.atlassian.net/wiki.',
  ]);
});

Deno.test("loadConfig honours *_DEPLOYMENT over URL detection", () => {
  const cfg = config([], {
    JIRA_URL: "https://jira.acme.com",
    JIRA_USERNAME: "alice@example.com",
    JIRA_API_TOKEN: "tok-123456",
    JIRA_DEPLOYMENT: "cloud",
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_PERSONAL_TOKEN: "pat-123456",
    CONFLUENCE_DEPLOYMENT: "DataCenter",
  });
  assert.equal(cfg.jira?.deployment, "cloud");
  assert.equal(cfg.confluence?.deployment, "datacenter");
  assert.deepEqual(cfg.confluence?.auth, { kind: "pat", token: "pat-123456" });
});

Deno.test("loadConfig picks DC auth in the order PAT, basic, client certificate", () => {
  const base = { JIRA_URL: "https://jira.corp.example" };
  assert.deepEqual(
    config([], {
      ...base,
      JIRA_PERSONAL_TOKEN: "pat-1234",
      JIRA_USERNAME: "u",
      JIRA_API_TOKEN: "pw12",
    })
      .jira?.auth,
    { kind: "pat", token: "pat-1234" },
  );
  assert.deepEqual(
    config([], { ...base, JIRA_USERNAME: "admin", JIRA_API_TOKEN: "password1" }).jira?.auth,
    { kind: "basic", username: "admin", token: "password1" },
  );
  const mtls = config([], { ...base, JIRA_CLIENT_CERT: "c.pem", JIRA_CLIENT_KEY: "k.pem" }, {
    "c.pem": CERT_PEM,
    "k.pem": KEY_PEM,
  });
  assert.deepEqual(mtls.jira?.auth, { kind: "none" });
  assert.equal(mtls.jira?.tls.clientCert, CERT_PEM.trim());
  assert.equal(mtls.jira?.tls.clientKey, KEY_PEM.trim());
  assert.deepEqual(mtls.files, ["c.pem", "k.pem"]);
});

Deno.test("loadConfig takes the key from a combined client PEM", () => {
  const cfg = config([], { ...DC, JIRA_CLIENT_CERT: "both.pem" }, {
    "both.pem": CERT_PEM + KEY_PEM,
  });
  assert.equal(cfg.jira?.tls.clientCert, CERT_PEM.trim());
  assert.equal(cfg.jira?.tls.clientKey, KEY_PEM.trim());
  assert.deepEqual(cfg.jira?.auth, { kind: "pat", token: DC.JIRA_PERSONAL_TOKEN });
});

Deno.test("loadConfig reads CA bundles with service, REQUESTS_CA_BUNDLE, SSL_CERT_FILE order", () => {
  const fs = { "jira.pem": CA_PEM, "req.pem": CA_PEM.replace("ca", "req"), "ssl.pem": CA_PEM };
  const own = config([], { ...DC, JIRA_CA_BUNDLE: "jira.pem", REQUESTS_CA_BUNDLE: "req.pem" }, fs);
  assert.deepEqual(own.files, ["jira.pem"]);
  assert.deepEqual(own.jira?.tls.caCerts, [CA_PEM.trim()]);
  const req = config([], { ...DC, REQUESTS_CA_BUNDLE: "req.pem", SSL_CERT_FILE: "ssl.pem" }, fs);
  assert.deepEqual(req.files, ["req.pem"]);
  const ssl = config([], { ...DC, SSL_CERT_FILE: "ssl.pem" }, fs);
  assert.deepEqual(ssl.files, ["ssl.pem"]);
  // Without verification there is nothing to trust, so the bundle is not read.
  const off = config([], { ...DC, JIRA_SSL_VERIFY: "false", JIRA_CA_BUNDLE: "jira.pem" }, fs);
  assert.deepEqual(off.files, []);
  assert.equal(off.jira?.tls.caCerts, undefined);
});

Deno.test("loadConfig lists each shared file once", () => {
  const cfg = config([], {
    ...DC,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_PERSONAL_TOKEN: "pat-conf-1234",
    SSL_CERT_FILE: "/etc/ca.pem",
  }, { "/etc/ca.pem": CA_PEM });
  assert.deepEqual(cfg.files, ["/etc/ca.pem"]);
});

Deno.test("loadConfig converts JIRA_TIMEOUT seconds to timeoutMs", () => {
  assert.equal(config([], { ...CLOUD, JIRA_TIMEOUT: "30" }).jira?.timeoutMs, 30_000);
});

Deno.test("loadConfig reads the project and space filters", () => {
  const cfg = config(["--confluence-spaces-filter", "DOCS, HR"], {
    ...CLOUD,
    JIRA_PROJECTS_FILTER: "DEMO,OPS",
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "cloud-api-token-1234",
  });
  assert.deepEqual(cfg.jira?.allowlist, ["DEMO", "OPS"]);
  assert.deepEqual(cfg.confluence?.allowlist, ["DOCS", "HR"]);
});

Deno.test("loadConfig parses JIRA_CUSTOM_HEADERS", () => {
  const cfg = config([], { ...CLOUD, JIRA_CUSTOM_HEADERS: "X-Team=payments, X-Trace = a=b ," });
  assert.deepEqual(cfg.jira?.customHeaders, { "X-Team": "payments", "X-Trace": "a=b" });
});

Deno.test("loadConfig resolves proxies per field: service variable, lower case, upper case", () => {
  const cfg = config([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://acme.atlassian.net",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "cloud-api-token-1234",
    HTTPS_PROXY: "http://upper.example:3128",
    https_proxy: "lower.example:3129",
    HTTP_PROXY: "http://plain.example:8080",
    JIRA_HTTPS_PROXY: "https://jira-proxy.example",
    SOCKS_PROXY: "socks.example:1080",
    NO_PROXY: "localhost, .internal.example",
    CONFLUENCE_NO_PROXY: "*",
  });
  assert.deepEqual(cfg.jira?.proxy, {
    http: "http://plain.example:8080",
    https: "https://jira-proxy.example",
    socks: "socks5://socks.example:1080",
    noProxy: ["localhost", ".internal.example"],
  });
  assert.deepEqual(cfg.confluence?.proxy, {
    http: "http://plain.example:8080",
    https: "http://lower.example:3129",
    socks: "socks5://socks.example:1080",
    noProxy: ["*"],
  });
});

// ---------------------------------------------------------------------------------------------
// Disabled services

Deno.test("loadConfig disables a Cloud service with incomplete credentials and warns", () => {
  const result = ok(load([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_USERNAME: "alice@example.com",
  }));
  assert.equal(result.config.confluence, undefined);
  assert.ok(result.config.jira);
  assert.deepEqual(result.warnings, [
    "Confluence is disabled: CONFLUENCE_URL is an Atlassian Cloud site, which needs CONFLUENCE_USERNAME and CONFLUENCE_API_TOKEN, but CONFLUENCE_API_TOKEN is not set; example: CONFLUENCE_USERNAME=you@example.com CONFLUENCE_API_TOKEN=<API token>.",
  ]);
});

Deno.test("loadConfig explains that a PAT does not work on Cloud", () => {
  const result = ok(load([], {
    ...DC,
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_PERSONAL_TOKEN: "pat-conf-1234",
  }));
  assert.deepEqual(result.warnings, [
    "Confluence is disabled: CONFLUENCE_URL is an Atlassian Cloud site, which needs CONFLUENCE_USERNAME and CONFLUENCE_API_TOKEN, but CONFLUENCE_USERNAME and CONFLUENCE_API_TOKEN are not set (CONFLUENCE_PERSONAL_TOKEN works only with Server/Data Center; if this is a self-hosted site, set CONFLUENCE_DEPLOYMENT=datacenter); example: CONFLUENCE_USERNAME=you@example.com CONFLUENCE_API_TOKEN=<API token>.",
  ]);
});

Deno.test("loadConfig disables a DC service without credentials and warns", () => {
  const result = ok(load([], { ...CLOUD, CONFLUENCE_URL: "https://wiki.corp.example" }));
  assert.equal(result.config.confluence, undefined);
  assert.deepEqual(result.warnings, [
    "Confluence is disabled: a Server/Data Center site needs CONFLUENCE_PERSONAL_TOKEN, or CONFLUENCE_USERNAME with CONFLUENCE_API_TOKEN (password), or CONFLUENCE_CLIENT_CERT, but none of CONFLUENCE_PERSONAL_TOKEN, CONFLUENCE_USERNAME with CONFLUENCE_API_TOKEN, or CONFLUENCE_CLIENT_CERT is set; example: CONFLUENCE_PERSONAL_TOKEN=<personal access token>.",
  ]);
  const half = ok(load([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_USERNAME: "admin",
  }));
  assert.match(half.warnings[0], /but CONFLUENCE_API_TOKEN is not set;/);
});

Deno.test("loadConfig warns about credentials without a URL", () => {
  const result = ok(load([], { ...CLOUD, CONFLUENCE_API_TOKEN: "tok-123456" }));
  assert.deepEqual(result.warnings, [
    "Confluence is disabled: CONFLUENCE_API_TOKEN is set but CONFLUENCE_URL is not; example: CONFLUENCE_URL=https://your-company.atlassian.net/wiki.",
  ]);
});

Deno.test("loadConfig does not read the files of a disabled service", () => {
  const result = ok(load([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_CA_BUNDLE: "conf-ca.pem",
  }, { "conf-ca.pem": CA_PEM }));
  assert.deepEqual(result.config.files, []);
});

// ---------------------------------------------------------------------------------------------
// Problems: every message

const problemCases: {
  name: string;
  argv?: string[];
  env: Env;
  fs?: Record<string, string>;
  expected: string[];
}[] = [
  {
    name: "invalid URL",
    env: { ...CLOUD, JIRA_URL: "foo" },
    expected: [
      'JIRA_URL is not a valid http(s) URL (got "foo"); example: JIRA_URL=https://your-company.atlassian.net',
    ],
  },
  {
    name: "non-http URL from a flag",
    argv: ["--confluence-url", "ftp://wiki.example"],
    env: CLOUD,
    expected: [
      '--confluence-url is not a valid http(s) URL (got "ftp://wiki.example"); example: --confluence-url=https://your-company.atlassian.net/wiki',
    ],
  },
  {
    name: "URL with credentials (masked)",
    env: { ...CLOUD, JIRA_URL: "https://bob:hunter2pw@acme.atlassian.net" },
    expected: [
      'JIRA_URL must not contain a user name or password (got "https://***@acme.atlassian.net"); example: JIRA_URL=https://your-company.atlassian.net with JIRA_USERNAME and JIRA_API_TOKEN',
    ],
  },
  {
    name: "bad port",
    env: { ...CLOUD, PORT: "abc" },
    expected: [
      'PORT must be a whole number from 0 to 65535 (got "abc"); example: PORT=8000',
    ],
  },
  {
    name: "port out of range from a flag",
    argv: ["--port", "70000"],
    env: CLOUD,
    expected: [
      '--port must be a whole number from 0 to 65535 (got "70000"); example: --port=8000',
    ],
  },
  {
    name: "bad host",
    env: { ...CLOUD, HOST: "local host" },
    expected: [
      'HOST is not a valid host name or IP address (got "local host"); example: HOST=127.0.0.1',
    ],
  },
  {
    name: "bad path",
    env: { ...CLOUD, STREAMABLE_HTTP_PATH: "mcp" },
    expected: [
      'STREAMABLE_HTTP_PATH must be a URL path starting with "/" (got "mcp"); example: STREAMABLE_HTTP_PATH=/mcp',
    ],
  },
  {
    name: "invalid --transport flag",
    argv: ["--transport", "websocket"],
    env: CLOUD,
    expected: [
      '--transport must be one of stdio, sse, streamable-http or http (got "websocket"); example: --transport=streamable-http',
    ],
  },
  {
    name: "stateless without streamable-http",
    env: { ...CLOUD, STATELESS: "true" },
    expected: [
      "STATELESS works only with the streamable-http transport (the transport is stdio); example: TRANSPORT=streamable-http",
    ],
  },
  {
    name: "--stateless with --transport sse",
    argv: ["--stateless", "--transport", "sse"],
    env: CLOUD,
    expected: [
      "--stateless works only with the streamable-http transport (the transport is sse); example: --transport=streamable-http",
    ],
  },
  {
    name: "unrecognised boolean",
    env: { ...CLOUD, READ_ONLY_MODE: "maybe", JIRA_SSL_VERIFY: "off" },
    expected: [
      'READ_ONLY_MODE must be true/1/yes/y/on or false/0/no/n/off (got "maybe"); example: READ_ONLY_MODE=true',
      'JIRA_SSL_VERIFY must be true/1/yes or false/0/no (got "off"); example: JIRA_SSL_VERIFY=false',
    ],
  },
  {
    name: "bad timeout",
    env: { ...CLOUD, JIRA_TIMEOUT: "1.5" },
    expected: [
      'JIRA_TIMEOUT must be a whole number of seconds from 1 to 86400 (got "1.5"); example: JIRA_TIMEOUT=75',
    ],
  },
  {
    name: "bad deployment",
    env: { ...CLOUD, JIRA_DEPLOYMENT: "onprem" },
    expected: [
      'JIRA_DEPLOYMENT must be cloud or datacenter (got "onprem"); example: JIRA_DEPLOYMENT=datacenter',
    ],
  },
  {
    name: "bad custom headers (secret not echoed)",
    env: {
      ...CLOUD,
      JIRA_CUSTOM_HEADERS: "X-Ok=1,X-Token:s3cr3t-value,=v,Bad Name=x,sk-live-0123",
    },
    expected: [
      "JIRA_CUSTOM_HEADERS must be Name=value entries separated by commas, but entry 2 has no '=', entry 3 has no name before '=', entry 4 has a name that is not a header name (letters, digits, -), entry 5 has no '=' (values are not shown); example: JIRA_CUSTOM_HEADERS=X-Team=payments,X-Env=prod",
    ],
  },
  {
    name: "bad proxy (credentials masked)",
    env: { ...CLOUD, HTTPS_PROXY: "ftp://user:pw-secret@proxy.example/x" },
    expected: [
      'HTTPS_PROXY is not a valid proxy URL (got "ftp://***@proxy.example/x"); example: HTTPS_PROXY=http://proxy.example.com:3128',
    ],
  },
  {
    name: "bad SOCKS proxy",
    env: { ...CLOUD, JIRA_SOCKS_PROXY: "http://proxy.example:1080" },
    expected: [
      'JIRA_SOCKS_PROXY is not a valid proxy URL (got "http://proxy.example:1080"); example: JIRA_SOCKS_PROXY=socks5://proxy.example.com:1080',
    ],
  },
  {
    name: "client key password",
    env: { ...DC, JIRA_CLIENT_KEY_PASSWORD: "keypass" },
    expected: [
      'JIRA_CLIENT_KEY_PASSWORD is set, but encrypted keys are not supported; example: decrypt the key with "openssl pkey -in key.pem -out key-plain.pem", set JIRA_CLIENT_KEY=key-plain.pem and unset JIRA_CLIENT_KEY_PASSWORD',
    ],
  },
  {
    name: "missing CA bundle",
    env: { ...DC, JIRA_CA_BUNDLE: "/no/such/ca.pem" },
    expected: [
      'JIRA_CA_BUNDLE names a file that cannot be read ("/no/such/ca.pem": not found); example: JIRA_CA_BUNDLE=/etc/ssl/certs/company-ca.pem',
    ],
  },
  {
    name: "CA bundle without a certificate",
    env: { ...DC, REQUESTS_CA_BUNDLE: "ca.txt" },
    fs: { "ca.txt": "hello" },
    expected: [
      'REQUESTS_CA_BUNDLE names a file with no PEM certificate ("ca.txt"); example: REQUESTS_CA_BUNDLE=/etc/ssl/certs/company-ca.pem',
    ],
  },
  {
    name: "missing client certificate",
    env: { ...DC, JIRA_CLIENT_CERT: "gone.pem", JIRA_CLIENT_KEY: "k.pem" },
    fs: { "k.pem": KEY_PEM },
    expected: [
      'JIRA_CLIENT_CERT names a file that cannot be read ("gone.pem": not found); example: JIRA_CLIENT_CERT=/path/to/client-cert.pem',
    ],
  },
  {
    name: "client key without certificate",
    env: { ...DC, JIRA_CLIENT_KEY: "k.pem" },
    expected: [
      "JIRA_CLIENT_KEY is set but JIRA_CLIENT_CERT is not; example: JIRA_CLIENT_CERT=/path/to/client-cert.pem",
    ],
  },
  {
    name: "client certificate without key",
    env: { ...DC, JIRA_CLIENT_CERT: "c.pem" },
    fs: { "c.pem": CERT_PEM },
    expected: [
      'JIRA_CLIENT_CERT has no private key in "c.pem" and JIRA_CLIENT_KEY is not set; example: JIRA_CLIENT_KEY=/path/to/client-key.pem',
    ],
  },
  {
    name: "encrypted client key",
    env: { ...DC, JIRA_CLIENT_CERT: "c.pem", JIRA_CLIENT_KEY: "k.pem" },
    fs: {
      "c.pem": CERT_PEM,
      "k.pem": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nxx\n-----END ENCRYPTED PRIVATE KEY-----",
    },
    expected: [
      'JIRA_CLIENT_KEY holds an encrypted private key ("k.pem"), but encrypted keys are not supported; example: decrypt it with "openssl pkey -in key.pem -out key-plain.pem" and set JIRA_CLIENT_KEY=key-plain.pem',
    ],
  },
  {
    name: "missing --env-file",
    argv: ["--env-file", "nope.env"],
    env: CLOUD,
    expected: [
      '--env-file names a file that cannot be read ("nope.env": not found); example: --env-file=./atlassian.env',
    ],
  },
  {
    name: "value from .env is labelled with its file",
    env: {},
    fs: {
      ".env":
        "JIRA_URL=https://acme.atlassian.net\nJIRA_USERNAME=a@b.c\nJIRA_API_TOKEN=t-123456\nPORT=x",
    },
    expected: [
      'PORT (from .env) must be a whole number from 0 to 65535 (got "x"); example: PORT=8000',
    ],
  },
  {
    name: "no service configured: says where it looked for .env",
    env: {},
    expected: [
      `No Atlassian service is configured: set JIRA_URL with JIRA_USERNAME and JIRA_API_TOKEN (Cloud) or JIRA_PERSONAL_TOKEN (Server/Data Center), and/or the CONFLUENCE_* equivalents, or OAuth (ATLASSIAN_OAUTH_*, see --oauth-setup). No .env file was found in ${Deno.cwd()}.`,
    ],
  },
  {
    name: "only Jira, without its token: its reason, not a generic message",
    env: { JIRA_URL: "https://acme.atlassian.net", JIRA_USERNAME: "alice@example.com" },
    expected: [
      "Jira is disabled: JIRA_URL is an Atlassian Cloud site, which needs JIRA_USERNAME and JIRA_API_TOKEN, but JIRA_API_TOKEN is not set; example: JIRA_USERNAME=you@example.com JIRA_API_TOKEN=<API token>.",
    ],
  },
  {
    name: "only disabled services: each one's reason",
    env: { JIRA_URL: "https://acme.atlassian.net", CONFLUENCE_URL: "https://wiki.corp.example" },
    expected: [
      "Jira is disabled: JIRA_URL is an Atlassian Cloud site, which needs JIRA_USERNAME and JIRA_API_TOKEN, but JIRA_USERNAME and JIRA_API_TOKEN are not set; example: JIRA_USERNAME=you@example.com JIRA_API_TOKEN=<API token>.",
      "Confluence is disabled: a Server/Data Center site needs CONFLUENCE_PERSONAL_TOKEN, or CONFLUENCE_USERNAME with CONFLUENCE_API_TOKEN (password), or CONFLUENCE_CLIENT_CERT, but none of CONFLUENCE_PERSONAL_TOKEN, CONFLUENCE_USERNAME with CONFLUENCE_API_TOKEN, or CONFLUENCE_CLIENT_CERT is set; example: CONFLUENCE_PERSONAL_TOKEN=<personal access token>.",
    ],
  },
  {
    name: "unknown options, missing values, values on switches, stray arguments",
    argv: ["--bogus", "--read-only=yes", "stray", "-x", "--jira-url", "-v", "--port"],
    env: CLOUD,
    expected: [
      "Unknown option --bogus. Run with --help.",
      'Option --read-only takes no value (got "--read-only=..."). Run with --help.',
      'Unexpected argument "stray". Run with --help.',
      "Unknown option -x. Run with --help.",
      "Option --jira-url needs a value; example: --jira-url=URL.",
      "Option --port needs a value; example: --port=N.",
    ],
  },
];

for (const c of problemCases) {
  Deno.test(`loadConfig reports: ${c.name}`, () => {
    assert.deepEqual(problems(load(c.argv ?? [], c.env, c.fs)), c.expected);
  });
}

Deno.test("loadConfig collects every problem at once", () => {
  const found = problems(load(["--nope"], {
    JIRA_URL: "foo",
    PORT: "-1",
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_PERSONAL_TOKEN: "pat-123456",
    CONFLUENCE_TIMEOUT: "0",
  }));
  assert.equal(found.length, 4, found.join("\n"));
});

// ---------------------------------------------------------------------------------------------
// Help and version

Deno.test("loadConfig answers --version and --help with exit 0", () => {
  assert.deepEqual(load(["--version"], {}), {
    kind: "exit",
    code: 0,
    output: `mcp-atlassian ${VERSION} (Deno)`,
  });
  for (const flag of ["--help", "-h"]) {
    const result = load([flag, "--bogus"], {});
    assert.equal(result.kind, "exit");
    if (result.kind === "exit") {
      assert.match(result.output, /^mcp-atlassian /);
      assert.ok(!result.output.endsWith("\n"));
    }
  }
});

Deno.test("--help names the key patterns and the SLA settings, in lines of at most 96 characters", () => {
  const result = load(["--help"], {});
  assert.equal(result.kind, "exit");
  if (result.kind !== "exit") return;
  for (const name of ["JIRA_ISSUE_KEY_PATTERN", "JIRA_PROJECT_KEY_PATTERN", "JIRA_SLA_TIMEZONE"]) {
    assert.match(result.output, new RegExp(`^  ${name} `, "m"), name);
  }
  const wide = result.output.split("\n").filter((line) => line.length > 96);
  assert.deepEqual(wide, []);
});

Deno.test("loadConfig reads key patterns and refuses an invalid one with an example", () => {
  const read = () => {
    throw new Deno.errors.NotFound("none");
  };
  const base = { JIRA_URL: "https://jira.corp.example", JIRA_PERSONAL_TOKEN: "pat-123456" };
  const ok = loadConfig([], { ...base, JIRA_PROJECT_KEY_PATTERN: "^[a-z]+$" }, read);
  assert.equal(ok.kind, "ok");
  if (ok.kind === "ok") assert.deepEqual(ok.config.keyPatterns, { project: "^[a-z]+$" });
  const bad = loadConfig([], { ...base, JIRA_ISSUE_KEY_PATTERN: "([" }, read);
  assert.equal(bad.kind, "error");
  if (bad.kind === "error") {
    assert.match(
      bad.problems.join("\n"),
      /JIRA_ISSUE_KEY_PATTERN is not a valid regular expression/,
    );
    assert.match(bad.problems.join("\n"), /example: JIRA_ISSUE_KEY_PATTERN=/);
  }
});
