import assert from "node:assert/strict";
import {
  accessibleResources,
  authorizationUrl,
  callbackError,
  cloudEndpoints,
  datacenterEndpoints,
  endpointsFor,
  exchangeCode,
  OAuthError,
  pkcePair,
  randomState,
  refreshAccessToken,
} from "../../../../src/auth/mod.ts";
import { json, service, startServer } from "../../http/_helpers.ts";
import { closedPort } from "../../http/_helpers.ts";
import { startTokenServer } from "../_helpers.ts";

const SETUP = "mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup)";

Deno.test("authorizationUrl builds the Cloud consent URL as Atlassian documents it", () => {
  const url = new URL(authorizationUrl(cloudEndpoints(), {
    clientId: "cid",
    redirectUri: "http://localhost:8080/callback",
    scope: "read:jira-work offline_access",
    state: "st-1",
  }));
  assert.equal(url.origin + url.pathname, "https://auth.atlassian.com/authorize");
  assert.deepEqual([...url.searchParams], [
    ["audience", "api.atlassian.com"],
    ["client_id", "cid"],
    ["scope", "read:jira-work offline_access"],
    ["redirect_uri", "http://localhost:8080/callback"],
    ["state", "st-1"],
    ["response_type", "code"],
    ["prompt", "consent"],
  ]);
});

Deno.test("authorizationUrl builds the Data Center URL under the instance", () => {
  const endpoints = datacenterEndpoints("https://wiki.corp.example/confluence/");
  assert.equal(endpoints.tokenUrl, "https://wiki.corp.example/confluence/rest/oauth2/latest/token");
  const url = new URL(authorizationUrl(endpoints, {
    clientId: "cid",
    redirectUri: "http://localhost:8080/callback",
    scope: "WRITE",
    state: "st-2",
    codeChallenge: "chal",
  }));
  assert.equal(url.pathname, "/confluence/rest/oauth2/latest/authorize");
  assert.equal(url.searchParams.get("audience"), null);
  assert.equal(url.searchParams.get("prompt"), null);
  assert.equal(url.searchParams.get("scope"), "WRITE");
  assert.equal(url.searchParams.get("code_challenge"), "chal");
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
});

Deno.test("endpointsFor picks Cloud endpoints from the settings and DC ones from the URL", () => {
  const cloud = endpointsFor(service("https://api.x/ex/jira/c", {
    oauth: {
      authUrl: "http://127.0.0.1:1",
      apiUrl: "http://127.0.0.1:2",
      multiUser: false,
      allowGlobalFallback: false,
      ignoreHeaderAuth: false,
      allowedUrlDomains: [],
    },
  }));
  assert.deepEqual(cloud, {
    kind: "cloud",
    authorizeUrl: "http://127.0.0.1:1/authorize",
    tokenUrl: "http://127.0.0.1:1/oauth/token",
    resourcesUrl: "http://127.0.0.1:2/oauth/token/accessible-resources",
  });
  const dc = endpointsFor(service("https://jira.corp.example", { deployment: "datacenter" }));
  assert.equal(dc.tokenUrl, "https://jira.corp.example/rest/oauth2/latest/token");
});

Deno.test("randomState and pkcePair make url-safe random values", async () => {
  assert.match(randomState(), /^[A-Za-z0-9_-]{22}$/);
  assert.notEqual(randomState(), randomState());
  const { verifier, challenge } = await pkcePair();
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const expected = btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  assert.equal(challenge, expected);
});

Deno.test("exchangeCode posts a form and returns the tokens with their expiry", async () => {
  await using srv = startTokenServer();
  const endpoints = cloudEndpoints(srv.origin, srv.origin);
  const tokens = await exchangeCode(endpoints, {
    clientId: "cid",
    clientSecret: "secret",
    code: "good-code",
    redirectUri: "http://localhost:8080/callback",
  }, { now: () => 1_000_000 });
  assert.deepEqual(tokens, {
    accessToken: "access-1",
    refreshToken: "refresh-1",
    expiresIn: 3600,
    expiresAt: 1000 + 3600,
    scope: "read:jira-work offline_access",
  });
  const seen = srv.requests[0];
  assert.equal(seen.target, "/oauth/token");
  assert.equal(seen.headers.get("content-type"), "application/x-www-form-urlencoded");
  assert.deepEqual(Object.fromEntries(new URLSearchParams(seen.body)), {
    grant_type: "authorization_code",
    client_id: "cid",
    client_secret: "secret",
    code: "good-code",
    redirect_uri: "http://localhost:8080/callback",
  });
});

Deno.test("exchangeCode names offline_access when Atlassian gives no refresh token", async () => {
  await using srv = startTokenServer();
  srv.noRefreshToken = true;
  const err = await exchangeCode(cloudEndpoints(srv.origin), {
    clientId: "cid",
    clientSecret: "secret",
    code: "good-code",
    redirectUri: "http://localhost:8080/callback",
  }).catch((e) => e);
  assert.ok(err instanceof OAuthError);
  assert.equal(err.code, "no_refresh_token");
  assert.match(err.message, /lack offline_access: add offline_access to ATLASSIAN_OAUTH_SCOPE/);
  // Data Center may omit it.
  const dc = await exchangeCode({
    ...datacenterEndpoints(srv.origin),
    tokenUrl: `${srv.origin}/oauth/token`,
  }, {
    clientId: "cid",
    clientSecret: "secret",
    code: "good-code",
    redirectUri: "http://localhost:8080/callback",
  });
  assert.equal(dc.refreshToken, undefined);
});

Deno.test("refreshAccessToken rotates, and says clearly why a refresh is refused", async () => {
  await using srv = startTokenServer();
  const endpoints = cloudEndpoints(srv.origin);
  const first = await refreshAccessToken(endpoints, {
    clientId: "cid",
    clientSecret: "secret",
    refreshToken: "refresh-0",
  });
  assert.equal(first.refreshToken, "refresh-1");
  const reused = await refreshAccessToken(endpoints, {
    clientId: "cid",
    clientSecret: "secret",
    refreshToken: "refresh-0",
  }).catch((e) => e);
  assert.ok(reused instanceof OAuthError);
  assert.equal(reused.code, "invalid_grant");
  assert.equal(reused.message, `The refresh token was revoked or already used: run ${SETUP}.`);
  assert.equal(reused.permanent, true);
  const wrongSecret = await refreshAccessToken(endpoints, {
    clientId: "cid",
    clientSecret: "wrong",
    refreshToken: "refresh-1",
  }).catch((e) => e);
  assert.equal(wrongSecret.code, "invalid_client");
  assert.match(
    wrongSecret.message,
    /refused the OAuth client id or secret \(Unauthorized\): check ATLASSIAN_OAUTH_CLIENT_ID and ATLASSIAN_OAUTH_CLIENT_SECRET/,
  );
  assert.ok(!wrongSecret.message.includes("wrong"));
});

Deno.test("refreshAccessToken sends the redirect URI to Data Center", async () => {
  await using srv = startTokenServer();
  await refreshAccessToken({ ...datacenterEndpoints(srv.origin), tokenUrl: `${srv.origin}/t` }, {
    clientId: "cid",
    clientSecret: "secret",
    refreshToken: "refresh-0",
    redirectUri: "http://localhost:8080/callback",
  });
  assert.equal(
    new URLSearchParams(srv.requests[0].body).get("redirect_uri"),
    "http://localhost:8080/callback",
  );
});

Deno.test("token calls report server errors, bad answers and unreachable hosts", async () => {
  await using srv = startTokenServer();
  const endpoints = cloudEndpoints(srv.origin);
  const req = { clientId: "cid", clientSecret: "secret", refreshToken: "refresh-0" };
  srv.failWith = { status: 503, body: "down" };
  const server = await refreshAccessToken(endpoints, req).catch((e) => e);
  assert.deepEqual([server.code, server.kind, server.permanent], ["server", "server", false]);
  srv.failWith = { status: 200, body: { token_type: "Bearer" } };
  const bad = await refreshAccessToken(endpoints, req).catch((e) => e);
  assert.equal(bad.code, "invalid_response");
  const port = closedPort();
  const down = await refreshAccessToken(cloudEndpoints(`http://127.0.0.1:${port}`), req)
    .catch((e) => e);
  assert.deepEqual([down.code, down.kind, down.permanent], ["network", "network", false]);
  assert.match(
    down.message,
    new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port} for the OAuth token refresh`),
  );
});

Deno.test("accessibleResources lists the sites of a token", async () => {
  await using srv = startServer((req) =>
    req.headers.get("authorization") === "Bearer good"
      ? json([{
        id: "c-1",
        url: "https://acme.atlassian.net",
        name: "acme",
        scopes: ["read:jira-work"],
        avatarUrl: "https://x/a.png",
      }])
      : json({ message: "Unauthorized" }, 401)
  );
  const endpoints = cloudEndpoints(srv.origin, srv.origin);
  assert.deepEqual(await accessibleResources(endpoints, "good"), [{
    id: "c-1",
    url: "https://acme.atlassian.net",
    name: "acme",
    scopes: ["read:jira-work"],
    avatarUrl: "https://x/a.png",
  }]);
  assert.equal(srv.requests[0].target, "/oauth/token/accessible-resources");
  const refused = await accessibleResources(endpoints, "bad").catch((e) => e);
  assert.ok(refused instanceof OAuthError);
  assert.match(refused.message, /refused the new access token/);
});

Deno.test("callbackError explains a declined consent", () => {
  const err = callbackError("access_denied", "User did not authorize the request");
  assert.equal(err.code, "access_denied");
  assert.equal(
    err.message,
    `The consent was declined (access_denied: User did not authorize the request), so no tokens were issued: run ${SETUP} again and choose Accept.`,
  );
  assert.equal(callbackError("invalid_scope").code, "invalid_request");
});
