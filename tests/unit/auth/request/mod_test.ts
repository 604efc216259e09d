import { deepEqual, equal, match, notEqual, ok } from "node:assert/strict";
import {
  AUTH_ERRORS,
  carriedCredentials,
  carryCredentials,
  checkInstanceUrl,
  credentialFingerprint,
  credentialIdentity,
  credentialSecrets,
  credentialsRequiredMessage,
  headerAuthMode,
  hostAllowed,
  parseAuthorization,
  readRequestAuth,
  type RequestAuth,
  type RequestAuthOptions,
  requestAuthOptions,
  siteUrlOf,
} from "../../../../src/auth/request/mod.ts";
import { config, service } from "./_config.ts";

const CLOUD_ID = "11111111-1111-4111-8111-111111111111";
const CLOUD = { jira: "cloud", confluence: "cloud" } as const;
const NONE: RequestAuthOptions = { products: CLOUD, allowedUrlDomains: [], sites: {} };
const DC: RequestAuthOptions = {
  products: { jira: "datacenter", confluence: "datacenter" },
  allowedUrlDomains: ["example.com"],
  sites: { jira: "datacenter", confluence: "datacenter" },
};

const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

function read(headers: Record<string, string>, options: RequestAuthOptions = NONE): RequestAuth {
  return readRequestAuth(new Headers(headers), options);
}

function refusal(result: RequestAuth): { status: number; error: string } {
  if (result.kind !== "refused") throw new Error(`expected a refusal, got ${result.kind}`);
  return { status: result.status, error: result.error };
}

Deno.test("parseAuthorization: Bearer, Token and Basic", () => {
  deepEqual(parseAuthorization("Bearer abc.def"), { scheme: "bearer", token: "abc.def" });
  deepEqual(parseAuthorization("bearer   abc  "), { scheme: "bearer", token: "abc" });
  deepEqual(parseAuthorization("Token pat-1"), { scheme: "token", token: "pat-1" });
  deepEqual(parseAuthorization(`Basic ${b64("me@example.com:tok:en")}`), {
    scheme: "basic",
    username: "me@example.com",
    token: "tok:en",
  });
  deepEqual(parseAuthorization(`Basic ${b64("jörg@example.com:t")}`), {
    scheme: "basic",
    username: "jörg@example.com",
    token: "t",
  });
});

Deno.test("parseAuthorization: every malformed form has the Python server's text", () => {
  const cases: [string, string][] = [
    ["", AUTH_ERRORS.emptyHeader],
    ["   ", AUTH_ERRORS.emptyHeader],
    ["Bearer", AUTH_ERRORS.emptyBearer],
    ["Bearer    ", AUTH_ERRORS.emptyBearer],
    ["Token", AUTH_ERRORS.emptyToken],
    ["Token  ", AUTH_ERRORS.emptyToken],
    ["Basic", AUTH_ERRORS.emptyBasic],
    ["Basic not-base64!", AUTH_ERRORS.basicEncoding],
    ["Basic a", AUTH_ERRORS.basicEncoding],
    [`Basic ${btoa("\xff\xfe:x")}`, AUTH_ERRORS.basicEncoding],
    [`Basic ${b64("no-colon")}`, AUTH_ERRORS.basicFormat],
    [`Basic ${b64(":token")}`, AUTH_ERRORS.basicEmpty],
    [`Basic ${b64("me@example.com:")}`, AUTH_ERRORS.basicEmpty],
    ["Digest abc", AUTH_ERRORS.scheme],
    ["abc", AUTH_ERRORS.scheme],
  ];
  for (const [value, error] of cases) {
    deepEqual(parseAuthorization(value), { error }, value);
  }
  equal(
    AUTH_ERRORS.scheme,
    "Unauthorized: Only 'Bearer <OAuthToken>', 'Token <PAT>', or 'Basic <base64(email:api_token)>' types are supported.",
  );
  equal(
    AUTH_ERRORS.basicFormat,
    "Unauthorized: Invalid Basic auth format. Expected 'email:api_token'",
  );
});

Deno.test("readRequestAuth: no headers at all is 'none'", () => {
  deepEqual(read({}), { kind: "none" });
  deepEqual(read({ "x-atlassian-cloud-id": CLOUD_ID }), { kind: "none" });
});

Deno.test("readRequestAuth: malformed Authorization is 401 with the Python text", () => {
  deepEqual(refusal(read({ authorization: "Bearer " })), {
    status: 401,
    error: AUTH_ERRORS.emptyBearer,
  });
  deepEqual(refusal(read({ authorization: "Negotiate xyz" })), {
    status: 401,
    error: AUTH_ERRORS.scheme,
  });
  deepEqual(refusal(read({ authorization: "Basic %%%" })), {
    status: 401,
    error: AUTH_ERRORS.basicEncoding,
  });
});

Deno.test("readRequestAuth: Bearer with X-Atlassian-Cloud-Id is Cloud OAuth for both products", () => {
  const result = read({ authorization: "Bearer tok-1", "x-atlassian-cloud-id": ` ${CLOUD_ID} ` });
  deepEqual(result, {
    kind: "credentials",
    credentials: {
      jira: { kind: "oauth", token: "tok-1", cloudId: CLOUD_ID },
      confluence: { kind: "oauth", token: "tok-1", cloudId: CLOUD_ID },
    },
  });
});

Deno.test("readRequestAuth: Bearer falls back to the configured cloud id, the header wins", () => {
  const options = { ...NONE, cloudId: "configured-id" };
  const fallback = read({ authorization: "Bearer t" }, options);
  equal(fallback.kind === "credentials" && fallback.credentials.jira?.kind, "oauth");
  deepEqual(fallback.kind === "credentials" && fallback.credentials.jira, {
    kind: "oauth",
    token: "t",
    cloudId: "configured-id",
  });
  const header = read({ authorization: "Bearer t", "x-atlassian-cloud-id": CLOUD_ID }, options);
  deepEqual(header.kind === "credentials" && header.credentials.confluence, {
    kind: "oauth",
    token: "t",
    cloudId: CLOUD_ID,
  });
});

Deno.test("readRequestAuth: Bearer is OAuth for Cloud products and a PAT for Data Center ones", () => {
  deepEqual(
    read({ authorization: "Bearer t", "x-atlassian-cloud-id": CLOUD_ID }, {
      ...NONE,
      products: { jira: "cloud", confluence: "datacenter" },
      sites: { confluence: "datacenter" },
    }),
    {
      kind: "credentials",
      credentials: {
        confluence: { kind: "pat", token: "t" },
        jira: { kind: "oauth", token: "t", cloudId: CLOUD_ID },
      },
    },
  );
  deepEqual(read({ authorization: "Bearer t", "x-atlassian-cloud-id": CLOUD_ID }, DC), {
    kind: "credentials",
    credentials: { jira: { kind: "pat", token: "t" }, confluence: { kind: "pat", token: "t" } },
  });
});

Deno.test("readRequestAuth: a Bearer OAuth token reaches only the products the server offers", () => {
  deepEqual(
    read({ authorization: "Bearer t", "x-atlassian-cloud-id": CLOUD_ID }, {
      ...NONE,
      products: { jira: "cloud" },
    }),
    {
      kind: "credentials",
      credentials: { jira: { kind: "oauth", token: "t", cloudId: CLOUD_ID } },
    },
  );
});

Deno.test("readRequestAuth: a cloud id that is not an id is refused", () => {
  for (const cloudId of ["a".repeat(129), "-leading-dash"]) {
    equal(
      refusal(read({ authorization: "Bearer t", "x-atlassian-cloud-id": cloudId })).status,
      401,
    );
  }
  const r = refusal(read({ authorization: "Bearer t", "x-atlassian-cloud-id": "../../admin" }));
  equal(r.status, 401);
  match(r.error, /Invalid X-Atlassian-Cloud-Id/);
});

Deno.test("readRequestAuth: Bearer without any cloud id is a PAT for Data Center sites", () => {
  deepEqual(read({ authorization: "Bearer dc-pat" }, DC), {
    kind: "credentials",
    credentials: {
      jira: { kind: "pat", token: "dc-pat" },
      confluence: { kind: "pat", token: "dc-pat" },
    },
  });
  // Only the Data Center product; a Cloud site cannot take a PAT.
  deepEqual(
    read({ authorization: "Bearer dc-pat" }, {
      ...NONE,
      products: { jira: "cloud", confluence: "datacenter" },
      sites: { jira: "cloud", confluence: "datacenter" },
    }),
    { kind: "credentials", credentials: { confluence: { kind: "pat", token: "dc-pat" } } },
  );
  const r = refusal(
    read({ authorization: "Bearer t" }, {
      ...NONE,
      products: { jira: "cloud" },
      sites: { jira: "cloud" },
    }),
  );
  equal(r.status, 401);
  match(r.error, /X-Atlassian-Cloud-Id/);
});

Deno.test("readRequestAuth: Token and Basic apply to the configured sites", () => {
  deepEqual(read({ authorization: "Token p" }, { ...NONE, sites: { jira: "datacenter" } }), {
    kind: "credentials",
    credentials: { jira: { kind: "pat", token: "p" } },
  });
  deepEqual(
    read({ authorization: `Basic ${b64("a@b.c:tok")}` }, {
      ...NONE,
      sites: { jira: "cloud", confluence: "cloud" },
    }),
    {
      kind: "credentials",
      credentials: {
        jira: { kind: "basic", username: "a@b.c", token: "tok" },
        confluence: { kind: "basic", username: "a@b.c", token: "tok" },
      },
    },
  );
  for (const authorization of ["Token p", `Basic ${b64("a@b.c:tok")}`]) {
    const r = refusal(read({ authorization }));
    equal(r.status, 401);
    match(r.error, /configured JIRA_URL/);
  }
});

Deno.test("readRequestAuth: per-request instance URL pairs within the allowlist", () => {
  deepEqual(
    read({
      "x-atlassian-jira-url": "https://jira.example.com/",
      "x-atlassian-jira-personal-token": "jira-pat",
    }, DC),
    {
      kind: "credentials",
      credentials: { jira: { kind: "pat", token: "jira-pat", url: "https://jira.example.com" } },
    },
  );
  // The Confluence pair with a context path; Authorization covers the other product.
  deepEqual(
    read({
      authorization: "Token dc",
      "x-atlassian-confluence-url": "http://example.com:8090/confluence?x=1#y",
      "x-atlassian-confluence-personal-token": "c-pat",
    }, DC),
    {
      kind: "credentials",
      credentials: {
        confluence: { kind: "pat", token: "c-pat", url: "http://example.com:8090/confluence" },
        jira: { kind: "pat", token: "dc" },
      },
    },
  );
});

Deno.test("readRequestAuth: a URL outside the allowlist is 403 and never echoes the URL", () => {
  const cases: [string, RegExp][] = [
    ["https://evil.example/", /host evil\.example is not in MCP_ALLOWED_URL_DOMAINS/],
    ["https://example.com.evil.example/", /not in MCP_ALLOWED_URL_DOMAINS/],
    ["https://notexample.com/", /not in MCP_ALLOWED_URL_DOMAINS/],
    ["https://user:hunter2secret@jira.example.com/", /user name or password/],
    ["ftp://jira.example.com/", /only http and https/],
    ["file:///etc/passwd", /only http and https/],
    ["not a url", /not a valid URL/],
  ];
  for (const [url, reason] of cases) {
    const r = refusal(read({
      "x-atlassian-jira-url": url,
      "x-atlassian-jira-personal-token": "secret-pat-value",
    }, DC));
    equal(r.status, 403, url);
    match(r.error, /^Forbidden: Invalid Jira URL - /);
    match(r.error, reason);
    ok(!r.error.includes("secret-pat-value") && !r.error.includes("hunter2secret"), r.error);
  }
  const empty = refusal(read({
    "x-atlassian-confluence-url": "https://example.com/",
    "x-atlassian-confluence-personal-token": "p",
  }, NONE));
  equal(empty.status, 403);
  match(empty.error, /Invalid Confluence URL - per-request URLs are disabled/);
});

Deno.test("readRequestAuth: an instance URL and its token must come together", () => {
  const url = refusal(read({ "x-atlassian-jira-url": "https://example.com" }, DC));
  equal(url.status, 401);
  match(url.error, /X-Atlassian-Jira-Url needs X-Atlassian-Jira-Personal-Token/);
  const token = refusal(read({ "x-atlassian-confluence-personal-token": "p" }, DC));
  equal(token.status, 401);
  match(token.error, /X-Atlassian-Confluence-Personal-Token needs X-Atlassian-Confluence-Url/);
});

Deno.test("hostAllowed: exact host or a subdomain; IPs only exactly", () => {
  const list = ["example.com", "*.corp.test", ".dc.test", "127.0.0.1", "[::1]"];
  ok(hostAllowed("example.com", list));
  ok(hostAllowed("jira.example.com", list));
  ok(hostAllowed("JIRA.EXAMPLE.COM", list));
  ok(hostAllowed("corp.test", list));
  ok(hostAllowed("a.b.corp.test", list));
  ok(hostAllowed("x.dc.test", list));
  ok(hostAllowed("127.0.0.1", list));
  ok(hostAllowed("[::1]", list));
  ok(!hostAllowed("badexample.com", list));
  ok(!hostAllowed("example.com.evil.test", list));
  ok(!hostAllowed("127.0.0.2", list));
  ok(!hostAllowed("10.0.0.1", ["0.0.1"]));
  ok(!hostAllowed("[::1]", ["::"]));
  ok(!hostAllowed("anything.test", []));
});

Deno.test("checkInstanceUrl normalises the base URL", () => {
  deepEqual(checkInstanceUrl(" https://Jira.Example.com:8443/jira/// ", ["example.com"]), {
    url: "https://jira.example.com:8443/jira",
  });
  deepEqual(checkInstanceUrl("http://127.0.0.1:9/", ["127.0.0.1"]), { url: "http://127.0.0.1:9" });
});

Deno.test("credentialsRequiredMessage says exactly what to send", () => {
  const bare = credentialsRequiredMessage(NONE);
  ok(bare.startsWith(AUTH_ERRORS.required));
  match(bare, /Bearer <OAuth access token>' with 'X-Atlassian-Cloud-Id: <cloud id>'/);
  ok(!bare.includes("Token <"));
  const full = credentialsRequiredMessage({
    ...DC,
    products: { jira: "cloud", confluence: "datacenter" },
    cloudId: CLOUD_ID,
  });
  match(full, /Bearer <OAuth access token>', 'Authorization: Bearer <personal access token>', /);
  match(full, /'Authorization: Token <personal access token>'/);
  match(full, /Basic <base64\(email:api_token\)>'/);
  match(full, /X-Atlassian-Jira-Url' with 'X-Atlassian-Jira-Personal-Token'/);
});

Deno.test("credential fingerprints differ per token, cloud id and URL; secrets are listed", async () => {
  const a = await credentialFingerprint({ jira: { kind: "oauth", token: "t1", cloudId: "c1" } });
  const b = await credentialFingerprint({ jira: { kind: "oauth", token: "t2", cloudId: "c1" } });
  const c = await credentialFingerprint({ jira: { kind: "oauth", token: "t1", cloudId: "c2" } });
  const again = await credentialFingerprint({
    jira: { kind: "oauth", token: "t1", cloudId: "c1" },
  });
  equal(a, again);
  notEqual(a, b);
  notEqual(a, c);
  match(a, /^[0-9a-f]{64}$/);
  ok(!a.includes("t1"));
  equal(await credentialFingerprint(undefined), "server");
  deepEqual(
    credentialSecrets({
      jira: { kind: "basic", username: "me@x.io", token: "api-token" },
      confluence: { kind: "pat", token: "pat-token", url: "https://x.io" },
    }).sort(),
    ["api-token", b64("me@x.io:api-token"), "pat-token"].sort(),
  );
});

Deno.test("credential identities survive a new token and differ per kind, site and Basic user", async () => {
  const oauth = (token: string, cloudId = "c1") => ({
    jira: { kind: "oauth" as const, token, cloudId },
    confluence: { kind: "oauth" as const, token, cloudId },
  });
  const basic = (username: string, token: string) => ({
    jira: { kind: "basic" as const, username, token },
  });
  const pat = (token: string, url?: string) => ({ jira: { kind: "pat" as const, token, url } });
  // A refreshed token (or a changed API token) keeps the identity...
  equal(await credentialIdentity(oauth("old")), await credentialIdentity(oauth("refreshed")));
  equal(
    await credentialIdentity(basic("me@x.io", "t1")),
    await credentialIdentity(basic("me@x.io", "t2")),
  );
  equal(await credentialIdentity(pat("a")), await credentialIdentity(pat("b")));
  // ...while the exact fingerprint changes with it.
  notEqual(await credentialFingerprint(oauth("old")), await credentialFingerprint(oauth("new")));
  // Another site, kind, user or instance URL is another identity.
  const all = await Promise.all([
    credentialIdentity(oauth("t")),
    credentialIdentity(oauth("t", "c2")),
    credentialIdentity({ jira: oauth("t").jira }),
    credentialIdentity(basic("me@x.io", "t")),
    credentialIdentity(basic("you@x.io", "t")),
    credentialIdentity(pat("t")),
    credentialIdentity(pat("t", "https://x.test/jira")),
    credentialIdentity(undefined),
  ]);
  equal(new Set(all).size, all.length);
  equal(all.at(-1), "server");
  for (const id of all.slice(0, -1)) {
    match(id, /^[0-9a-f]{64}$/);
    ok(!id.includes("me@x.io"));
  }
});

Deno.test("carried credentials ride on the AuthInfo object only", () => {
  const credentials = { jira: { kind: "pat" as const, token: "secret-token" } };
  const info = carryCredentials(credentials);
  equal(carriedCredentials(info), credentials);
  ok(!JSON.stringify(info).includes("secret-token"));
  equal(carriedCredentials({ ...info }), undefined);
  equal(carriedCredentials(undefined), undefined);
});

Deno.test("requestAuthOptions: sites exclude the gateway; allowlist and cloud id pass through", () => {
  const opts = requestAuthOptions(config({
    jira: service("jira", "https://jira.corp.test", "datacenter"),
    confluence: service("confluence", "https://api.atlassian.com/ex/confluence/x/wiki", "cloud"),
    oauth: { cloudId: CLOUD_ID, allowedUrlDomains: ["corp.test"] },
  }));
  deepEqual(opts, {
    products: { jira: "datacenter", confluence: "cloud" },
    cloudId: CLOUD_ID,
    allowedUrlDomains: ["corp.test"],
    sites: { jira: "datacenter" },
  });
  deepEqual(requestAuthOptions(config({})), {
    products: {},
    cloudId: undefined,
    allowedUrlDomains: [],
    sites: {},
  });
});

Deno.test("headerAuthMode: off, optional or required", () => {
  equal(headerAuthMode(config({ transport: "stdio", oauth: { multiUser: true } })), "off");
  equal(headerAuthMode(config({ oauth: { multiUser: true, ignoreHeaderAuth: true } })), "off");
  equal(headerAuthMode(config({ oauth: { multiUser: true } })), "required");
  equal(
    headerAuthMode(config({ oauth: { multiUser: true, allowGlobalFallback: true } })),
    "optional",
  );
  equal(headerAuthMode(config({})), "optional");
});

Deno.test("siteUrlOf: the site behind a gateway URL, none for a gateway template alone", () => {
  const gatewayJira = {
    ...service("jira", "https://api.atlassian.com/ex/jira/{cloudId}", "cloud"),
    siteUrl: "https://acme.atlassian.net",
  };
  const c = config({
    jira: gatewayJira,
    confluence: service(
      "confluence",
      "https://api.atlassian.com/ex/confluence/{cloudId}/wiki",
      "cloud",
    ),
  });
  equal(siteUrlOf(c, "jira"), "https://acme.atlassian.net");
  equal(siteUrlOf(c, "confluence"), undefined);
  equal(
    siteUrlOf(config({ jira: service("jira", "https://jira.corp.test", "datacenter") }), "jira"),
    "https://jira.corp.test",
  );
  deepEqual(requestAuthOptions(c).sites, { jira: "cloud" });
});

Deno.test("readRequestAuth: credentials that reach no offered product are refused", () => {
  const r = refusal(
    read({ authorization: "Bearer t", "x-atlassian-cloud-id": CLOUD_ID }, {
      ...NONE,
      products: {},
    }),
  );
  equal(r.status, 401);
  match(r.error, /reach none of the products/);
});
