import assert from "node:assert/strict";
import { CONFIG_ENV_VARS } from "../../../src/config/env_vars.ts";
import { describeConfig } from "../../../src/config/describe.ts";
import type { Config } from "../../../src/config/types.ts";
import { ALL_TOOLS } from "../../../src/tools/registry.ts";
import { DOWNLOAD_TOOLS, FORMS_TOOLSET } from "../../../src/sandbox/plan.ts";
import {
  denoRunFlags,
  formatRunCommand,
  hostPort,
  listenAddress,
  missingPermissions,
  type PermissionPlan,
  permissionPlan,
  RUNTIME_FLAGS,
  sourceReadPaths,
  workerPermissions,
} from "../../../src/sandbox/mod.ts";
import { CA_PEM, CERT_PEM, CLOUD, config, DC, type Env, KEY_PEM } from "../config/_helpers.ts";

const ENV_FLAG = `--allow-env=${CONFIG_ENV_VARS.join(",")}`;
const BASE_FLAGS = [
  "--no-prompt",
  "--v8-flags=--heap-growing-percent=10,--max-semi-space-size=4,--no-enable-lazy-source-positions",
];

/** What a plan denies (write: no folder). */
const DENIED = {
  write: [] as string[],
  env: false,
  run: false,
  ffi: false,
  sys: false,
  import: false,
} as const;

/** What Worker permissions deny. */
const WORKER_DENIED = { ...DENIED, write: false } as const;

Deno.test("permissionPlan for Cloud basic auth over stdio grants the site and the Forms API host", () => {
  // TOOLSETS unset selects every toolset, jira_forms too, whose API is on api.atlassian.com.
  const plan = permissionPlan(config([], CLOUD));
  assert.deepEqual(plan, {
    net: ["acme.atlassian.net:443", "api.atlassian.com:443"],
    read: [],
    ...DENIED,
    unsafelyIgnoreCertificateErrors: [],
  });
  assert.deepEqual(denoRunFlags(plan), [
    ...BASE_FLAGS,
    "--allow-net=acme.atlassian.net:443,api.atlassian.com:443",
    ENV_FLAG,
  ]);
  assert.deepEqual(workerPermissions(plan), {
    net: ["acme.atlassian.net:443", "api.atlassian.com:443"],
    read: false,
    ...WORKER_DENIED,
  });
});

Deno.test("permissionPlan for Cloud Jira and Confluence lists the shared host once", () => {
  const plan = permissionPlan(config([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "cloud-api-token-1234",
    TOOLSETS: "default",
  }));
  assert.deepEqual(plan.net, ["acme.atlassian.net:443"]);
});

Deno.test("permissionPlan for DC with a PAT uses the explicit port or the scheme's default", () => {
  const plan = permissionPlan(config([], {
    ...DC,
    CONFLUENCE_URL: "http://wiki.corp.example/confluence",
    CONFLUENCE_PERSONAL_TOKEN: "dc-conf-pat-1234",
  }));
  assert.deepEqual(plan.net, ["jira.corp.example:8443", "wiki.corp.example:80"]);
  assert.deepEqual(denoRunFlags(plan), [
    ...BASE_FLAGS,
    "--allow-net=jira.corp.example:8443,wiki.corp.example:80",
    ENV_FLAG,
  ]);
});

Deno.test("permissionPlan ignores certificate errors only for hosts with SSL verify off", () => {
  const plan = permissionPlan(config(["--no-confluence-ssl-verify"], {
    ...DC,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_PERSONAL_TOKEN: "dc-conf-pat-1234",
  }));
  assert.deepEqual(plan.unsafelyIgnoreCertificateErrors, ["wiki.corp.example"]);
  assert.deepEqual(denoRunFlags(plan), [
    ...BASE_FLAGS,
    "--allow-net=jira.corp.example:8443,wiki.corp.example:443",
    ENV_FLAG,
    "--unsafely-ignore-certificate-errors=wiki.corp.example",
  ]);
});

Deno.test("permissionPlan adds each proxy a service uses, without its credentials", () => {
  const plan = permissionPlan(config([], {
    ...CLOUD,
    CONFLUENCE_URL: "https://wiki.corp.example",
    CONFLUENCE_PERSONAL_TOKEN: "dc-conf-pat-1234",
    HTTPS_PROXY: "http://proxyuser:proxy-pass-999@proxy.corp:3128",
    NO_PROXY: ".corp.example",
  }));
  assert.deepEqual(plan.net, [
    "acme.atlassian.net:443",
    "proxy.corp:3128",
    "wiki.corp.example:443",
    "api.atlassian.com:443",
  ]);
});

Deno.test("permissionPlan picks the proxy by scheme and per-service variables", () => {
  const plan = permissionPlan(config([], {
    JIRA_URL: "http://jira.corp.example",
    JIRA_PERSONAL_TOKEN: "dc-pat-12345",
    HTTP_PROXY: "plain.proxy:8080",
    HTTPS_PROXY: "secure.proxy:3128",
    CONFLUENCE_URL: "https://acme.atlassian.net",
    CONFLUENCE_USERNAME: "alice@example.com",
    CONFLUENCE_API_TOKEN: "cloud-api-token-1234",
    CONFLUENCE_SOCKS_PROXY: "socks.proxy",
    CONFLUENCE_HTTPS_PROXY: "",
  }));
  assert.deepEqual(plan.net, [
    "jira.corp.example:80",
    "plain.proxy:8080",
    "acme.atlassian.net:443",
    "secure.proxy:3128",
    "api.media.atlassian.com:443",
  ]);
  const socksOnly = permissionPlan(config([], {
    ...CLOUD,
    SOCKS_PROXY: "socks5://socks.proxy",
    TOOLSETS: "default",
  }));
  assert.deepEqual(socksOnly.net, ["acme.atlassian.net:443", "socks.proxy:1080"]);
});

Deno.test("permissionPlan adds the listen address exactly as Deno.serve receives it", () => {
  const cases: [string[], Env, string][] = [
    [["--transport", "streamable-http"], {}, "127.0.0.1:8000"],
    [["--transport", "sse", "--port", "9100"], { HOST: "0.0.0.0" }, "0.0.0.0:9100"],
    [["--transport", "streamable-http", "--host", "localhost"], {}, "localhost:8000"],
    [["--transport", "streamable-http", "--port", "0"], { HOST: "::1" }, "[::1]:0"],
  ];
  for (const [argv, env, listen] of cases) {
    const plan = permissionPlan(config(argv, { ...CLOUD, TOOLSETS: "default", ...env }));
    assert.deepEqual(plan.net, ["acme.atlassian.net:443", listen], argv.join(" "));
  }
  assert.deepEqual(permissionPlan(config([], { ...CLOUD, TOOLSETS: "default" })).net, [
    "acme.atlassian.net:443",
  ]);
});

Deno.test("permissionPlan reads exactly the configuration's files; only the launcher reads .env", () => {
  const cfg = config(["--env-file", "conf/atl.env"], {
    JIRA_CA_BUNDLE: "/etc/pki/jira-ca.pem",
    JIRA_CLIENT_CERT: "/etc/pki/client.pem",
    JIRA_CLIENT_KEY: "/etc/pki/client.key",
  }, {
    "conf/atl.env": "JIRA_URL=https://jira.corp.example\nJIRA_PERSONAL_TOKEN=dc-pat-12345",
    "/etc/pki/jira-ca.pem": CA_PEM,
    "/etc/pki/client.pem": CERT_PEM,
    "/etc/pki/client.key": KEY_PEM,
  });
  const plan = permissionPlan(cfg, { envFile: "conf/atl.env" });
  const files = ["/etc/pki/jira-ca.pem", "/etc/pki/client.pem", "/etc/pki/client.key"];
  assert.deepEqual(plan.read, files);
  // The .env by its absolute path, so the printed line works from any folder.
  const envFile = `${Deno.cwd()}/conf/atl.env`;
  assert.equal(plan.envFile, envFile);
  assert.deepEqual(denoRunFlags(plan), [
    ...BASE_FLAGS,
    "--allow-net=jira.corp.example:443",
    `--allow-read=${[...files, envFile].join(",")}`,
    ENV_FLAG,
  ]);
  assert.deepEqual(workerPermissions(plan).read, files);
  const cloud = permissionPlan(config([], CLOUD), { envFile: ".env" });
  assert.deepEqual([cloud.read, cloud.envFile], [[], `${Deno.cwd()}/.env`]);
  assert.equal(workerPermissions(cloud).read, false);
});

Deno.test("permissionPlan reads the attachments folder only when one is named, and nothing more", () => {
  const base = { ...CLOUD, TOOLSETS: "default" };
  const none = permissionPlan(config([], base));
  assert.deepEqual([none.read, none.write], [[], []]);
  assert.equal(workerPermissions(none).read, false);
  for (
    const cfg of [
      config([], { ...base, MCP_ATTACHMENTS_DIR: "/srv/mcp files" }),
      config(["--attachments-dir", "/srv/mcp files"], base),
    ]
  ) {
    const plan = permissionPlan(cfg);
    assert.equal(cfg.attachmentsDir, "/srv/mcp files");
    assert.deepEqual([plan.read, plan.write], [["/srv/mcp files"], []]);
    assert.deepEqual(workerPermissions(plan).read, ["/srv/mcp files"]);
    assert.equal(workerPermissions(plan).write, false);
    assert.deepEqual(denoRunFlags(plan), [
      ...BASE_FLAGS,
      "--allow-net=acme.atlassian.net:443",
      "--allow-read=/srv/mcp files",
      ENV_FLAG,
    ]);
  }
});

Deno.test("denoRunFlags and workerPermissions add the process extras", () => {
  const plan = permissionPlan(config([], { ...CLOUD, TOOLSETS: "default" }));
  assert.deepEqual(
    denoRunFlags(plan, { env: ["JIRA_URL"], read: ["/app/src"], net: ["acme.atlassian.net:443"] }),
    [
      ...BASE_FLAGS,
      "--allow-net=acme.atlassian.net:443",
      "--allow-read=/app/src",
      "--allow-env=JIRA_URL",
    ],
  );
  assert.deepEqual(workerPermissions(plan, { read: ["/app/src"] }).read, ["/app/src"]);
});

Deno.test("sourceReadPaths gives the folder of a local module", () => {
  assert.deepEqual(sourceReadPaths("file:///app/src/server/worker.ts"), ["/app/src/server"]);
  assert.deepEqual(sourceReadPaths(new URL("file:///app/src/")), ["/app/src"]);
  assert.deepEqual(sourceReadPaths("https://example.com/mod.ts"), []);
});

Deno.test("hostPort and listenAddress format permission descriptors", () => {
  assert.equal(hostPort("https://u:p@acme.atlassian.net/wiki"), "acme.atlassian.net:443");
  assert.equal(hostPort("http://[::1]:8080/x"), "[::1]:8080");
  assert.equal(hostPort(new URL("http://jira.corp.example")), "jira.corp.example:80");
  assert.equal(listenAddress("127.0.0.1", 8000), "127.0.0.1:8000");
  assert.equal(listenAddress("::", 0), "[::]:0");
});

Deno.test("formatRunCommand gives one copy-pasteable line", () => {
  assert.equal(
    formatRunCommand(["--no-prompt", "--allow-read=/tmp/my file.pem,/a'b"], "main.ts"),
    "deno run --no-prompt '--allow-read=/tmp/my file.pem,/a'\\''b' main.ts",
  );
  const line = formatRunCommand(denoRunFlags(permissionPlan(config([], CLOUD))), "main.ts");
  assert.ok(
    line.startsWith(
      "deno run --no-prompt --v8-flags=--heap-growing-percent=10,--max-semi-space-size=4,--no-enable-lazy-source-positions --allow-net=",
    ),
  );
  assert.ok(line.endsWith(" main.ts"));
  assert.ok(!line.includes("\n"));
});

Deno.test("no secret appears in any plan, flag, command line or description", () => {
  const secrets = [
    "cloud-api-token-1234",
    "dc-personal-token-5678",
    "proxy-pass-999",
    "proxyuser",
    "gw-key-0123456789",
    "MIIEkeymaterial",
    btoa(`alice@example.com:cloud-api-token-1234`),
  ];
  const configs: Config[] = [
    config(["--transport", "streamable-http"], {
      ...CLOUD,
      HTTPS_PROXY: "http://proxyuser:proxy-pass-999@proxy.corp:3128",
      JIRA_CUSTOM_HEADERS: "X-Gateway-Key=gw-key-0123456789",
    }),
    config(["--no-jira-ssl-verify"], {
      ...DC,
      JIRA_CLIENT_CERT: "c.pem",
      JIRA_CLIENT_KEY: "k.pem",
      JIRA_HTTPS_PROXY: "https://proxyuser:proxy-pass-999@proxy.corp",
    }, { "c.pem": CERT_PEM, "k.pem": KEY_PEM }),
  ];
  for (const cfg of configs) {
    const plan = permissionPlan(cfg);
    const texts = [
      JSON.stringify(plan),
      JSON.stringify(workerPermissions(plan)),
      formatRunCommand(denoRunFlags(plan), "main.ts"),
      describeConfig(cfg),
    ];
    for (const text of texts) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    }
  }
});

Deno.test("missingPermissions is empty when the process holds everything", async () => {
  // deno test -P runs with net and read granted.
  const plan = permissionPlan(config(["--transport", "sse"], CLOUD), { envFile: ".env" });
  assert.deepEqual(await missingPermissions(plan), []);
});

Deno.test("missingPermissions names the flag for each entry a restricted Worker lacks", async () => {
  const src = new URL("../../../src/", import.meta.url);
  const here = new URL("./", import.meta.url);
  const plan: PermissionPlan = {
    net: ["acme.atlassian.net:443", "proxy.corp:3128"],
    read: ["/etc/hostname-not-granted"],
    ...DENIED,
    unsafelyIgnoreCertificateErrors: [],
  };
  const worker = new Worker(new URL("./_missing_worker.ts", import.meta.url), {
    type: "module",
    deno: {
      permissions: workerPermissions(
        { ...plan, net: ["acme.atlassian.net:443"], read: [] },
        { read: [...sourceReadPaths(src), ...sourceReadPaths(here)] },
      ),
    },
  });
  try {
    const result = await new Promise<string[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      worker.postMessage(plan);
    });
    assert.deepEqual(result, [
      "--allow-net=proxy.corp:3128",
      "--allow-read=/etc/hostname-not-granted",
    ]);
  } finally {
    worker.terminate();
  }
});

// ---------------------------------------------------------------------------------------------
// Auth modes: OAuth 3LO, Data Center OAuth, bring-your-own-token, per-request, allowed domains

const CLOUD_ID = "11111111-1111-4111-8111-111111111111";

/** A complete Cloud 3LO setup (no site URL). */
const OAUTH: Env = {
  ATLASSIAN_OAUTH_CLIENT_ID: "client-abc",
  ATLASSIAN_OAUTH_CLIENT_SECRET: "oauth-client-secret-1",
  ATLASSIAN_OAUTH_REDIRECT_URI: "http://localhost:8080/callback",
  ATLASSIAN_OAUTH_SCOPE: "read:jira-work offline_access",
  ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
  HOME: "/home/alice",
};

Deno.test("permissionPlan for Cloud OAuth 3LO: gateway, auth server, token folder read+write", () => {
  const plan = permissionPlan(config([], OAUTH));
  assert.deepEqual(plan, {
    net: ["api.atlassian.com:443", "auth.atlassian.com:443", "api.media.atlassian.com:443"],
    read: ["/home/alice/.mcp-atlassian"],
    ...DENIED,
    write: ["/home/alice/.mcp-atlassian"],
    unsafelyIgnoreCertificateErrors: [],
  });
  assert.deepEqual(denoRunFlags(plan), [
    ...BASE_FLAGS,
    "--allow-net=api.atlassian.com:443,auth.atlassian.com:443,api.media.atlassian.com:443",
    "--allow-read=/home/alice/.mcp-atlassian",
    "--allow-write=/home/alice/.mcp-atlassian",
    ENV_FLAG,
  ]);
  assert.deepEqual(workerPermissions(plan, { read: ["/app/src"] }), {
    net: ["api.atlassian.com:443", "auth.atlassian.com:443", "api.media.atlassian.com:443"],
    read: ["/home/alice/.mcp-atlassian", "/app/src"],
    ...WORKER_DENIED,
    write: ["/home/alice/.mcp-atlassian"],
  });
});

Deno.test("permissionPlan follows ATLASSIAN_OAUTH_AUTH_URL and ATLASSIAN_API_URL with their ports", () => {
  const plan = permissionPlan(config([], {
    ...OAUTH,
    JIRA_URL: "https://acme.atlassian.net",
    ATLASSIAN_OAUTH_AUTH_URL: "http://127.0.0.1:4001",
    ATLASSIAN_API_URL: "http://127.0.0.1:4002/",
  }));
  // The site URL is only for browse links: it is not reached.
  assert.deepEqual(plan.net, ["127.0.0.1:4002", "127.0.0.1:4001"]);
});

Deno.test("permissionPlan routes the auth server through the service's proxy", () => {
  const plan = permissionPlan(config([], { ...OAUTH, HTTPS_PROXY: "proxy.corp:3128" }));
  assert.deepEqual(plan.net, [
    "api.atlassian.com:443",
    "proxy.corp:3128",
    "auth.atlassian.com:443",
    "api.media.atlassian.com:443",
  ]);
});

Deno.test("permissionPlan for Data Center OAuth: the instance and the token folder", () => {
  const plan = permissionPlan(config([], {
    JIRA_URL: "https://jira.corp.example:8443",
    ATLASSIAN_OAUTH_CLIENT_ID: "dc-client",
    ATLASSIAN_OAUTH_CLIENT_SECRET: "dc-client-secret",
    HOME: "/home/alice",
  }));
  assert.deepEqual(plan.net, ["jira.corp.example:8443"]);
  assert.deepEqual(plan.read, ["/home/alice/.mcp-atlassian"]);
  assert.deepEqual(plan.write, ["/home/alice/.mcp-atlassian"]);
});

Deno.test("permissionPlan for bring-your-own-token: the gateway only, nothing to write", () => {
  const cloud = permissionPlan(config([], {
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1",
    ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
    HOME: "/home/alice",
  }));
  assert.deepEqual(cloud, {
    net: ["api.atlassian.com:443", "api.media.atlassian.com:443"],
    read: [],
    ...DENIED,
    unsafelyIgnoreCertificateErrors: [],
  });
  assert.deepEqual(denoRunFlags(cloud), [
    ...BASE_FLAGS,
    "--allow-net=api.atlassian.com:443,api.media.atlassian.com:443",
    ENV_FLAG,
  ]);
  const dc = permissionPlan(config([], {
    JIRA_URL: "https://jira.corp.example",
    ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1",
  }));
  assert.deepEqual([dc.net, dc.read, dc.write], [["jira.corp.example:443"], [], []]);
});

Deno.test("permissionPlan for per-request auth: gateway or instance, the site, the listen address", () => {
  const cloud = permissionPlan(config(["--transport", "streamable-http"], {
    ATLASSIAN_OAUTH_ENABLE: "true",
  }));
  assert.deepEqual(cloud.net, [
    "api.atlassian.com:443",
    "api.media.atlassian.com:443",
    "127.0.0.1:8000",
  ]);
  assert.deepEqual([cloud.read, cloud.write], [[], []]);
  const site = permissionPlan(config(["--transport", "streamable-http"], {
    ATLASSIAN_OAUTH_ENABLE: "true",
    JIRA_URL: "https://acme.atlassian.net",
    CONFLUENCE_URL: "https://wiki.corp.example/confluence",
  }));
  assert.deepEqual(site.net, [
    "api.atlassian.com:443",
    "acme.atlassian.net:443",
    "wiki.corp.example:443",
    "127.0.0.1:8000",
  ]);
});

Deno.test("permissionPlan adds MCP_ALLOWED_URL_DOMAINS on every port for HTTP transports only", () => {
  const env: Env = {
    ...CLOUD,
    ATLASSIAN_OAUTH_ENABLE: "true",
    MCP_ALLOWED_URL_DOMAINS: "corp.example,10.1.2.3",
    TOOLSETS: "default",
  };
  const http = permissionPlan(config(["--transport", "sse"], env));
  assert.deepEqual(http.net, [
    "acme.atlassian.net:443",
    "corp.example",
    "*.corp.example",
    "10.1.2.3",
    "127.0.0.1:8000",
  ]);
  assert.deepEqual(permissionPlan(config([], env)).net, ["acme.atlassian.net:443"]);
  const ignored = permissionPlan(
    config(["--transport", "sse"], { ...env, IGNORE_HEADER_AUTH: "true" }),
  );
  assert.deepEqual(ignored.net, ["acme.atlassian.net:443", "127.0.0.1:8000"]);
});

Deno.test("no OAuth secret appears in any plan, flag, command line or description", () => {
  const secrets = ["oauth-client-secret-1", "byot-access-token-1"];
  const configs: Config[] = [
    config(["--transport", "streamable-http"], {
      ...OAUTH,
      ATLASSIAN_OAUTH_ENABLE: "true",
      MCP_ALLOWED_URL_DOMAINS: "corp.example",
    }),
    config([], {
      ATLASSIAN_OAUTH_ACCESS_TOKEN: "byot-access-token-1",
      ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
    }),
    config([], {
      JIRA_URL: "https://jira.corp.example",
      JIRA_OAUTH_CLIENT_ID: "dc-client",
      JIRA_OAUTH_CLIENT_SECRET: "oauth-client-secret-1",
      HOME: "/home/alice",
    }),
  ];
  for (const cfg of configs) {
    const plan = permissionPlan(cfg);
    const texts = [
      JSON.stringify(plan),
      JSON.stringify(workerPermissions(plan)),
      formatRunCommand(denoRunFlags(plan), "main.ts"),
      describeConfig(cfg),
    ];
    for (const text of texts) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    }
  }
});

Deno.test("missingPermissions names a missing write folder and checks wildcard hosts", async () => {
  const plan: PermissionPlan = {
    net: ["*.corp.example"],
    read: [],
    ...DENIED,
    write: ["/tmp/token-folder-not-granted"],
    unsafelyIgnoreCertificateErrors: [],
  };
  // deno test -P grants everything: nothing is missing.
  assert.deepEqual(await missingPermissions(plan), []);
  const src = new URL("../../../src/", import.meta.url);
  const here = new URL("./", import.meta.url);
  const worker = new Worker(new URL("./_missing_worker.ts", import.meta.url), {
    type: "module",
    deno: {
      permissions: workerPermissions(
        { ...plan, net: [], write: [] },
        { read: [...sourceReadPaths(src), ...sourceReadPaths(here)] },
      ),
    },
  });
  try {
    const result = await new Promise<string[]>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      worker.postMessage(plan);
    });
    assert.deepEqual(result, [
      "--allow-net=*.corp.example",
      "--allow-write=/tmp/token-folder-not-granted",
    ]);
  } finally {
    worker.terminate();
  }
});

Deno.test("a Worker with the 3LO plan can save the token file and write nothing else", async () => {
  const home = await Deno.makeTempDir({ prefix: "mcp-plan-home-" });
  try {
    const cfg = config([], { ...OAUTH, HOME: home });
    const tokenFile = cfg.jira!.oauth!.tokenFile!;
    const plan = permissionPlan(cfg);
    const src = new URL("../../../src/", import.meta.url);
    const here = new URL("./", import.meta.url);
    const worker = new Worker(new URL("./_write_worker.ts", import.meta.url), {
      type: "module",
      deno: {
        permissions: workerPermissions(plan, {
          read: [...sourceReadPaths(src), ...sourceReadPaths(here)],
        }),
      },
    });
    try {
      const result = await new Promise<string[]>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<string[]>) => resolve(e.data);
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(e.message));
        };
        worker.postMessage({ tokenFile, outside: `${home}/outside.txt` });
      });
      assert.deepEqual(result, ["token file saved", "outside: NotCapable"]);
    } finally {
      worker.terminate();
    }
    const stat = await Deno.stat(tokenFile);
    assert.equal(stat.mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(`${home}/.mcp-atlassian`)).mode! & 0o777, 0o700);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("permissionPlan grants the Forms API host only on Cloud with a jira_forms tool selected", () => {
  const net = (env: Env, argv: string[] = []) => permissionPlan(config(argv, env)).net;
  const both = ["acme.atlassian.net:443", "api.atlassian.com:443"];
  assert.deepEqual(net(CLOUD), both);
  assert.deepEqual(net({ ...CLOUD, TOOLSETS: "all" }), both);
  assert.deepEqual(net({ ...CLOUD, TOOLSETS: "default, JIRA_FORMS" }), both);
  assert.deepEqual(net({ ...CLOUD, ENABLED_TOOLS: "jira_get_issue_proforma_forms" }), both);
  assert.deepEqual(net({ ...CLOUD, ATLASSIAN_API_URL: "http://127.0.0.1:4002" }), [
    "acme.atlassian.net:443",
    "127.0.0.1:4002",
  ]);
  const site = ["acme.atlassian.net:443"];
  assert.deepEqual(net({ ...CLOUD, TOOLSETS: "default" }), site);
  assert.deepEqual(net({ ...CLOUD, TOOLSETS: "jira_issues,jira_projects" }), site);
  assert.deepEqual(net({ ...CLOUD, ENABLED_TOOLS: "jira_get_issue" }), site);
  assert.deepEqual(
    net({ ...CLOUD, READ_ONLY_MODE: "true", ENABLED_TOOLS: "jira_update_proforma_form_answers" }),
    site,
  );
  // Data Center has no Forms API: never granted.
  assert.deepEqual(
    net({ JIRA_URL: "https://jira.corp.example", JIRA_PERSONAL_TOKEN: "dc-pat-12345" }),
    [
      "jira.corp.example:443",
    ],
  );
});

Deno.test("FORMS_TOOLSET names the registry's jira_forms tools", () => {
  const forms = ALL_TOOLS.filter((tool) => tool.toolset === FORMS_TOOLSET.name);
  assert.deepEqual(
    forms.filter((t) => t.access === "read").map((t) => t.name),
    [...FORMS_TOOLSET.reads],
  );
  assert.deepEqual(
    forms.filter((t) => t.access !== "read").map((t) => t.name),
    [FORMS_TOOLSET.write],
  );
});

Deno.test("DOWNLOAD_TOOLS names the registry's confluence_attachments downloads", () => {
  const downloads = ALL_TOOLS.filter((tool) =>
    tool.toolset === DOWNLOAD_TOOLS.name && /download|images/.test(tool.name)
  );
  assert.deepEqual(downloads.map((t) => t.name).sort(), [...DOWNLOAD_TOOLS.reads].sort());
});

Deno.test("permissionPlan grants the media service to Confluence Cloud downloads only", () => {
  const site = {
    CONFLUENCE_URL: "https://acme.atlassian.net/wiki",
    CONFLUENCE_USERNAME: "me@example.com",
    CONFLUENCE_API_TOKEN: "cloud-token-123",
  };
  const net = (env: Env) => permissionPlan(config([], env)).net;
  assert.deepEqual(net(site), ["acme.atlassian.net:443", "api.media.atlassian.com:443"]);
  assert.deepEqual(net({ ...site, ATLASSIAN_MEDIA_URL: "https://media.example.com:8443" }), [
    "acme.atlassian.net:443",
    "media.example.com:8443",
  ]);
  assert.deepEqual(net({ ...site, TOOLSETS: "confluence_pages" }), ["acme.atlassian.net:443"]);
  assert.deepEqual(
    net({ ...site, ENABLED_TOOLS: "confluence_get_attachments,confluence_upload_attachment" }),
    ["acme.atlassian.net:443"],
  );
  assert.deepEqual(net({ ...site, ENABLED_TOOLS: "confluence_get_page_images" }), [
    "acme.atlassian.net:443",
    "api.media.atlassian.com:443",
  ]);
  assert.deepEqual(
    net({
      CONFLUENCE_URL: "https://wiki.corp.example",
      CONFLUENCE_PERSONAL_TOKEN: "dc-pat-12345",
    }),
    ["wiki.corp.example:443"],
  );
});

Deno.test("deno task start passes the runtime flags the printed line has", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../../deno.json", import.meta.url)),
  );
  for (const flag of RUNTIME_FLAGS) assert.ok(config.tasks.start.includes(flag), flag);
});
