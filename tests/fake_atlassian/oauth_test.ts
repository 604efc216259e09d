/**
 * The fake's OAuth side over real loopback HTTP: the Cloud authorization code flow against the
 * fake `auth.atlassian.com` (consent played without a browser), token rules (single-use codes,
 * refresh rotation, wrong secret, expiry), the `api.atlassian.com` gateway (accessible resources,
 * scope checks, site isolation between the two Cloud sites), and Data Center OAuth 2.0.
 */
import assert from "node:assert/strict";
import {
  CLOUD_ID_1,
  CLOUD_ID_2,
  type FakeAtlassian,
  GATEWAY_SCOPES,
  OAUTH_ENDPOINTS,
  ROUTES,
  SPECS,
  startFakeAtlassian,
} from "./mod.ts";
import { scopeRule } from "./_gateway.ts";
import { SPEC_DIR, specsAvailable } from "./_spec_index.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

/** POSTs a token request (form-encoded unless `json`). */
async function tokenCall(
  url: string,
  params: Record<string, string>,
  opts: { json?: boolean } = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": opts.json ? "application/json" : "application/x-www-form-urlencoded",
    },
    body: opts.json ? JSON.stringify(params) : new URLSearchParams(params),
  });
  return { status: res.status, body: await res.json() };
}

/** A Bearer GET (or other method) against an origin; JSON answer. */
async function bearer(
  url: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body, headers: res.headers };
}

/** The Cloud flow up to the token answer. */
async function cloudFlow(
  fake: FakeAtlassian,
  opts: { user?: string; scope?: string; cloudIds?: string[] } = {},
): Promise<Json> {
  const back = new URL(
    await fake.oauth.consent(fake.oauth.authorizeUrl({ state: "s1", scope: opts.scope }), {
      approve: true,
      user: opts.user,
      cloudIds: opts.cloudIds,
    }),
  );
  const res = await tokenCall(`${fake.oauth.authOrigin}/oauth/token`, {
    grant_type: "authorization_code",
    client_id: "fake-client-id",
    client_secret: "fake-client-secret",
    code: back.searchParams.get("code")!,
    redirect_uri: fake.oauth.env.ATLASSIAN_OAUTH_REDIRECT_URI,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

function jira(fake: FakeAtlassian, cloudId: string, path: string): string {
  return `${fake.oauth.apiOrigin}/ex/jira/${cloudId}${path}`;
}

function wiki(fake: FakeAtlassian, cloudId: string, path: string): string {
  return `${fake.oauth.apiOrigin}/ex/confluence/${cloudId}/wiki${path}`;
}

Deno.test("cloud oauth: authorize -> consent -> code -> token -> resources -> gateway", async () => {
  await using fake = await startFakeAtlassian();
  const env = fake.oauth.env;
  assert.deepEqual(Object.keys(env).sort(), [
    "ATLASSIAN_API_URL",
    "ATLASSIAN_OAUTH_AUTH_URL",
    "ATLASSIAN_OAUTH_CLIENT_ID",
    "ATLASSIAN_OAUTH_CLIENT_SECRET",
    "ATLASSIAN_OAUTH_CLOUD_ID",
    "ATLASSIAN_OAUTH_REDIRECT_URI",
    "ATLASSIAN_OAUTH_SCOPE",
  ]);
  assert.equal(env.ATLASSIAN_OAUTH_CLOUD_ID, CLOUD_ID_1);
  assert.match(env.ATLASSIAN_OAUTH_REDIRECT_URI, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  assert.equal(env.ATLASSIAN_OAUTH_AUTH_URL, fake.oauth.authOrigin);
  assert.equal(env.ATLASSIAN_API_URL, fake.oauth.apiOrigin);

  // The authorize URL as the server builds it; the consent page is a real page.
  const authorize = new URL(`${env.ATLASSIAN_OAUTH_AUTH_URL}/authorize`);
  authorize.search = new URLSearchParams({
    audience: "api.atlassian.com",
    client_id: env.ATLASSIAN_OAUTH_CLIENT_ID,
    scope: env.ATLASSIAN_OAUTH_SCOPE,
    redirect_uri: env.ATLASSIAN_OAUTH_REDIRECT_URI,
    state: "xyz-123",
    response_type: "code",
    prompt: "consent",
  }).toString();
  const pageRes = await fetch(authorize);
  assert.equal(pageRes.status, 200);
  assert.match(await pageRes.text(), /<form method="post"/);

  const back = new URL(await fake.oauth.consent(authorize.href, { approve: true, user: "alice" }));
  assert.equal(`${back.origin}${back.pathname}`, env.ATLASSIAN_OAUTH_REDIRECT_URI);
  assert.equal(back.searchParams.get("state"), "xyz-123");
  const code = back.searchParams.get("code");
  assert.ok(code);

  // JSON body (what Atlassian documents); form bodies are accepted too (see below).
  const tok = await tokenCall(`${env.ATLASSIAN_OAUTH_AUTH_URL}/oauth/token`, {
    grant_type: "authorization_code",
    client_id: env.ATLASSIAN_OAUTH_CLIENT_ID,
    client_secret: env.ATLASSIAN_OAUTH_CLIENT_SECRET,
    code,
    redirect_uri: env.ATLASSIAN_OAUTH_REDIRECT_URI,
  }, { json: true });
  assert.equal(tok.status, 200);
  assert.equal(tok.body.token_type, "Bearer");
  assert.equal(tok.body.expires_in, 3600);
  assert.equal(tok.body.scope, env.ATLASSIAN_OAUTH_SCOPE);
  assert.ok(tok.body.access_token && tok.body.refresh_token);
  assert.equal(fake.oauth.tokenRequests.authorization_code, 1);

  const resources = await bearer(
    `${env.ATLASSIAN_API_URL}/oauth/token/accessible-resources`,
    tok.body.access_token,
  );
  assert.equal(resources.status, 200);
  assert.deepEqual(
    resources.body.map((r: Json) => [r.id, r.url, r.name]),
    [[CLOUD_ID_1, fake.cloud.origin, "acme"], [CLOUD_ID_2, fake.cloud2.origin, "beta"]],
  );
  assert.ok(resources.body[0].scopes.includes("read:jira-work"));
  assert.ok(!resources.body[0].scopes.includes("offline_access"));
  assert.match(resources.body[0].avatarUrl, /^https:\/\//);

  const me = await bearer(
    jira(fake, env.ATLASSIAN_OAUTH_CLOUD_ID, "/rest/api/3/myself"),
    tok.body.access_token,
  );
  assert.equal(me.status, 200);
  assert.equal(me.body.accountId, "557058:alice");
  const page = await bearer(wiki(fake, CLOUD_ID_1, "/api/v2/pages/1002"), tok.body.access_token);
  assert.equal(page.status, 200);
  assert.equal(page.body.title, "Architecture");

  const seen = fake.oauth.apiRequests.filter((r) => r.cloudId === CLOUD_ID_1);
  assert.equal(seen.length, 2);
  assert.ok(seen.every((r) => r.token === tok.body.access_token && r.user === "alice"));
  assert.deepEqual(seen.map((r) => [r.product, r.status, r.forwardedTo]), [
    ["jira", 200, "cloud"],
    ["confluence", 200, "cloud"],
  ]);
  // The site saw the token's user, not the token (Bearer is never valid on a site URL).
  const siteSaw = fake.cloud.requests.at(-1)!;
  assert.equal(siteSaw.path, "/wiki/api/v2/pages/1002");
  assert.equal(
    siteSaw.headers.get("authorization"),
    `Basic ${btoa("alice@example.com:cloud-api-token")}`,
  );
  const direct = await bearer(`${fake.cloud.origin}/rest/api/3/myself`, tok.body.access_token);
  assert.equal(direct.status, 401);
});

Deno.test("cloud oauth: authorize validates client, redirect URI, audience and scope", async () => {
  await using fake = await startFakeAtlassian();
  const url = (patch: Record<string, string | null>) => {
    const u = new URL(fake.oauth.authorizeUrl({ state: "st" }));
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) u.searchParams.delete(k);
      else u.searchParams.set(k, v);
    }
    return u.href;
  };
  await assert.rejects(fake.oauth.consent(url({ client_id: "nope" })), /400.*Invalid client/);
  for (
    const bad of [
      "http://127.0.0.1:8080/other",
      "http://example.com:8080/callback",
      "https://127.0.0.1:8080/callback",
      "http://127.0.0.1/callback",
    ]
  ) {
    await assert.rejects(fake.oauth.consent(url({ redirect_uri: bad })), /redirect_uri/, bad);
  }
  // localhost is registered too
  const local = new URL(
    await fake.oauth.consent(url({ redirect_uri: "http://localhost:9999/callback" })),
  );
  assert.equal(local.host, "localhost:9999");
  assert.ok(local.searchParams.get("code"));
  // Errors once the redirect URI is known go back to it, with the state.
  const noAudience = new URL(await fake.oauth.consent(url({ audience: null })));
  assert.equal(noAudience.searchParams.get("error"), "invalid_request");
  assert.equal(noAudience.searchParams.get("state"), "st");
  const noScope = new URL(await fake.oauth.consent(url({ scope: null })));
  assert.equal(noScope.searchParams.get("error"), "invalid_scope");
  const badType = new URL(await fake.oauth.consent(url({ response_type: "token" })));
  assert.equal(badType.searchParams.get("error"), "unsupported_response_type");
  // An unknown user cannot consent; a user cannot grant a site they cannot reach.
  await assert.rejects(fake.oauth.consent(url({}), { user: "mallory" }), /Unknown user/);
  await assert.rejects(
    fake.oauth.consent(url({}), { user: "carol", cloudIds: [CLOUD_ID_1] }),
    /cannot reach/,
  );
});

Deno.test("cloud oauth: denied consent redirects with access_denied and the state", async () => {
  await using fake = await startFakeAtlassian();
  const back = new URL(
    await fake.oauth.consent(fake.oauth.authorizeUrl({ state: "keep-me" }), { approve: false }),
  );
  assert.equal(back.searchParams.get("error"), "access_denied");
  assert.ok(back.searchParams.get("error_description"));
  assert.equal(back.searchParams.get("state"), "keep-me");
  assert.equal(back.searchParams.get("code"), null);
});

Deno.test("cloud oauth: wrong client secret is 401 access_denied", async () => {
  await using fake = await startFakeAtlassian();
  const back = new URL(await fake.oauth.consent(fake.oauth.authorizeUrl()));
  const params = {
    grant_type: "authorization_code",
    client_id: "fake-client-id",
    client_secret: "wrong",
    code: back.searchParams.get("code")!,
    redirect_uri: fake.oauth.env.ATLASSIAN_OAUTH_REDIRECT_URI,
  };
  const res = await tokenCall(`${fake.oauth.authOrigin}/oauth/token`, params);
  assert.equal(res.status, 401);
  assert.deepEqual(res.body, { error: "access_denied", error_description: "Unauthorized" });
  // The code survived the failed attempt.
  const ok = await tokenCall(`${fake.oauth.authOrigin}/oauth/token`, {
    ...params,
    client_secret: "fake-client-secret",
  });
  assert.equal(ok.status, 200);
});

Deno.test("cloud oauth: a code is single-use and bound to its redirect URI", async () => {
  await using fake = await startFakeAtlassian();
  const back = new URL(await fake.oauth.consent(fake.oauth.authorizeUrl()));
  const params = {
    grant_type: "authorization_code",
    client_id: "fake-client-id",
    client_secret: "fake-client-secret",
    code: back.searchParams.get("code")!,
    redirect_uri: fake.oauth.env.ATLASSIAN_OAUTH_REDIRECT_URI,
  };
  const tokenUrl = `${fake.oauth.authOrigin}/oauth/token`;
  const wrongUri = await tokenCall(tokenUrl, {
    ...params,
    redirect_uri: "http://127.0.0.1:1/callback",
  });
  assert.equal(wrongUri.status, 403);
  assert.equal(wrongUri.body.error, "invalid_grant");
  assert.equal((await tokenCall(tokenUrl, params)).status, 200);
  const again = await tokenCall(tokenUrl, params);
  assert.equal(again.status, 403);
  assert.equal(again.body.error, "invalid_grant");
  const unknown = await tokenCall(tokenUrl, { ...params, code: "made-up" });
  assert.equal(unknown.status, 403);
  assert.equal(unknown.body.error, "invalid_grant");
  const grant = await tokenCall(tokenUrl, { ...params, grant_type: "password" });
  assert.equal(grant.status, 400);
  assert.equal(grant.body.error, "unsupported_grant_type");
  assert.equal(fake.oauth.tokenRequests.authorization_code, 4);
  assert.equal(fake.oauth.tokenRequests.password, 1);

  // Codes expire after 10 minutes.
  const late = new URL(await fake.oauth.consent(fake.oauth.authorizeUrl()));
  const realNow = Date.now;
  const t0 = realNow();
  Date.now = () => t0 + 10 * 60 * 1000 + 1;
  try {
    const expired = await tokenCall(tokenUrl, { ...params, code: late.searchParams.get("code")! });
    assert.equal(expired.status, 403);
    assert.match(expired.body.error_description, /expired/);
  } finally {
    Date.now = realNow;
  }

  // Concurrent redemptions of one code: exactly one wins.
  const once = new URL(await fake.oauth.consent(fake.oauth.authorizeUrl()));
  const race = await Promise.all(
    Array.from(
      { length: 5 },
      () => tokenCall(tokenUrl, { ...params, code: once.searchParams.get("code")! }),
    ),
  );
  assert.deepEqual(race.map((r) => r.status).sort(), [200, 403, 403, 403, 403]);
});

Deno.test("cloud oauth: refresh rotates the refresh token, the old one is refused", async () => {
  await using fake = await startFakeAtlassian();
  const first = await cloudFlow(fake);
  const tokenUrl = `${fake.oauth.authOrigin}/oauth/token`;
  const refresh = (refresh_token: string) =>
    tokenCall(tokenUrl, {
      grant_type: "refresh_token",
      client_id: "fake-client-id",
      client_secret: "fake-client-secret",
      refresh_token,
    });
  const second = await refresh(first.refresh_token);
  assert.equal(second.status, 200);
  assert.notEqual(second.body.refresh_token, first.refresh_token);
  assert.notEqual(second.body.access_token, first.access_token);
  assert.equal(second.body.expires_in, 3600);
  const reused = await refresh(first.refresh_token);
  assert.equal(reused.status, 403);
  assert.deepEqual(reused.body, {
    error: "invalid_grant",
    error_description: "Unknown or invalid refresh token.",
  });
  const third = await refresh(second.body.refresh_token);
  assert.equal(third.status, 200);
  assert.equal(fake.oauth.tokenRequests.refresh_token, 3);
  // The new access token works; the earlier one keeps working until it expires.
  for (const t of [third.body.access_token, first.access_token]) {
    const me = await bearer(jira(fake, CLOUD_ID_1, "/rest/api/3/myself"), t);
    assert.equal(me.status, 200);
  }
  // Revoked refresh tokens are refused.
  fake.oauth.revokeRefreshTokens();
  assert.equal((await refresh(third.body.refresh_token)).status, 403);
  // Without offline_access there is no refresh token at all.
  const online = await cloudFlow(fake, { scope: "read:jira-work" });
  assert.equal(online.refresh_token, undefined);
  assert.ok(online.access_token);
});

Deno.test("cloud oauth: expired access tokens get 401 at the gateway", async () => {
  await using fake = await startFakeAtlassian();
  const tok = await cloudFlow(fake);
  const url = jira(fake, CLOUD_ID_1, "/rest/api/3/issue/DEMO-1");
  assert.equal((await bearer(url, tok.access_token)).status, 200);
  fake.oauth.expireAllAccessTokens();
  const expired = await bearer(url, tok.access_token);
  assert.equal(expired.status, 401);
  assert.deepEqual(expired.body, { code: 401, message: "Unauthorized" });
  assert.match(expired.headers.get("www-authenticate") ?? "", /^Bearer/);
  const resources = await bearer(
    `${fake.oauth.apiOrigin}/oauth/token/accessible-resources`,
    tok.access_token,
  );
  assert.equal(resources.status, 401);
  // A refresh cures it.
  const fresh = await tokenCall(`${fake.oauth.authOrigin}/oauth/token`, {
    grant_type: "refresh_token",
    client_id: "fake-client-id",
    client_secret: "fake-client-secret",
    refresh_token: tok.refresh_token,
  });
  assert.equal((await bearer(url, fresh.body.access_token)).status, 200);
  // The lifetime is configurable.
  fake.oauth.setAccessTokenLifetime(0);
  const short = await cloudFlow(fake);
  assert.equal(short.expires_in, 0);
  assert.equal((await bearer(url, short.access_token)).status, 401);
  // Unknown and missing tokens are 401 too.
  assert.equal((await bearer(url, "not-a-token")).status, 401);
  const none = await fetch(url);
  await none.body?.cancel();
  assert.equal(none.status, 401);
  const minted = fake.oauth.issueToken({ user: "bob", lifetimeSeconds: 0.05 });
  assert.equal((await bearer(url, minted.accessToken)).status, 200);
  await new Promise((r) => setTimeout(r, 80));
  assert.equal((await bearer(url, minted.accessToken)).status, 401);
});

Deno.test("cloud oauth: the gateway checks scopes", async () => {
  await using fake = await startFakeAtlassian();
  const readOnly = fake.oauth.issueToken({ user: "alice", scopes: ["read:jira-work"] }).accessToken;
  assert.equal(
    (await bearer(jira(fake, CLOUD_ID_1, "/rest/api/3/issue/DEMO-2"), readOnly)).status,
    200,
  );
  const search = await bearer(jira(fake, CLOUD_ID_1, "/rest/api/3/search/jql"), readOnly, {
    method: "POST",
    body: { jql: "project = DEMO", fields: ["summary"] },
  });
  assert.equal(search.status, 200);
  const write = await bearer(jira(fake, CLOUD_ID_1, "/rest/api/3/issue/DEMO-2/comment"), readOnly, {
    method: "POST",
    body: { body: { type: "doc", version: 1, content: [] } },
  });
  assert.equal(write.status, 401);
  assert.deepEqual(write.body, { code: 401, message: "Unauthorized; scope does not match" });
  assert.equal(fake.cloud.state.issues.find((i) => i.key === "DEMO-2")!.comments.length, 2);
  const page = await bearer(wiki(fake, CLOUD_ID_1, "/api/v2/pages/1002"), readOnly);
  assert.equal(page.status, 401);
  assert.equal(page.body.message, "Unauthorized; scope does not match");

  // Default (lenient): the classic Confluence scopes read v2 pages; "atlassian": only granular.
  const classic = fake.oauth.issueToken({
    user: "alice",
    scopes: ["read:confluence-content.all", "read:confluence-space.summary"],
  }).accessToken;
  const granular = fake.oauth.issueToken({
    user: "alice",
    scopes: ["read:page:confluence", "read:space:confluence"],
  }).accessToken;
  const pageUrl = wiki(fake, CLOUD_ID_1, "/api/v2/pages/1002");
  assert.equal((await bearer(pageUrl, classic)).status, 200);
  assert.equal((await bearer(pageUrl, granular)).status, 200);
  fake.oauth.scopeMode = "atlassian";
  assert.equal((await bearer(pageUrl, classic)).status, 401);
  assert.equal((await bearer(pageUrl, granular)).status, 200);
  assert.equal(
    (await bearer(jira(fake, CLOUD_ID_1, "/rest/api/3/myself"), readOnly)).status,
    401,
    "atlassian mode: /myself needs read:jira-user",
  );
  fake.oauth.reset();
  assert.equal(fake.oauth.scopeMode, "lenient");
});

Deno.test("cloud oauth: sites are isolated (cloud ids, users, data)", async () => {
  await using fake = await startFakeAtlassian();
  assert.equal(fake.cloud.cloudId, CLOUD_ID_1);
  assert.equal(fake.cloud2.cloudId, CLOUD_ID_2);
  const issue = (cloudId: string) => jira(fake, cloudId, "/rest/api/3/issue/DEMO-2?fields=summary");

  // Alice reaches both; each site answers with its own data.
  const alice = fake.oauth.issueToken({ user: "alice" });
  assert.deepEqual(alice.cloudIds, [CLOUD_ID_1, CLOUD_ID_2]);
  assert.equal(
    (await bearer(issue(CLOUD_ID_1), alice.accessToken)).body.fields.summary,
    "Pay with saved card",
  );
  assert.equal(
    (await bearer(issue(CLOUD_ID_2), alice.accessToken)).body.fields.summary,
    "[Beta] Pay with saved card",
  );
  const title = await bearer(wiki(fake, CLOUD_ID_2, "/api/v2/pages/1001"), alice.accessToken);
  assert.equal(title.body.title, "[Beta] Engineering Home");

  // A token granted for site 1 only cannot read site 2.
  const site1 = await cloudFlow(fake, { user: "bob", cloudIds: [CLOUD_ID_1] });
  const res = await bearer(
    `${fake.oauth.apiOrigin}/oauth/token/accessible-resources`,
    site1.access_token,
  );
  assert.deepEqual(res.body.map((r: Json) => r.id), [CLOUD_ID_1]);
  const before = fake.cloud2.requests.length;
  const denied = await bearer(issue(CLOUD_ID_2), site1.access_token);
  assert.equal(denied.status, 403);
  assert.equal(fake.cloud2.requests.length, before, "nothing reached site 2");

  // Carol exists on site 2 only.
  const carol = fake.oauth.issueToken({ user: "carol" });
  assert.deepEqual(carol.cloudIds, [CLOUD_ID_2]);
  assert.equal((await bearer(issue(CLOUD_ID_1), carol.accessToken)).status, 403);
  const me = await bearer(jira(fake, CLOUD_ID_2, "/rest/api/3/myself"), carol.accessToken);
  assert.equal(me.body.accountId, "557058:carol");
  assert.throws(() => fake.cloud.envFor("carol"), /no seeded user/);
  assert.equal(fake.cloud2.envFor("carol").JIRA_USERNAME, "carol@example.com");
  // Even a token naming site 1 does not make Carol a user there.
  const forged = fake.oauth.issueToken({ user: "carol", cloudIds: [CLOUD_ID_1] });
  assert.equal((await bearer(issue(CLOUD_ID_1), forged.accessToken)).status, 403);

  // Unknown cloud id; product paths stay in their product.
  const unknown = await bearer(
    jira(fake, "33333333-3333-4333-8333-333333333333", "/rest/api/3/myself"),
    alice.accessToken,
  );
  assert.equal(unknown.status, 404);
  assert.equal(
    (await bearer(jira(fake, CLOUD_ID_1, "/wiki/api/v2/pages"), alice.accessToken)).status,
    404,
  );

  // Writes land on their own site only, as the token's user.
  const comment = await bearer(
    jira(fake, CLOUD_ID_2, "/rest/api/2/issue/DEMO-3/comment"),
    carol.accessToken,
    { method: "POST", body: { body: "from carol" } },
  );
  assert.equal(comment.status, 201);
  const onBeta = fake.cloud2.state.issues.find((i) => i.key === "DEMO-3")!.comments;
  assert.equal(onBeta.length, 1);
  assert.equal(onBeta[0].author, "carol");
  assert.equal(fake.cloud.state.issues.find((i) => i.key === "DEMO-3")!.comments.length, 0);
  assert.deepEqual(
    fake.oauth.apiRequests.filter((r) => r.forwardedTo === "cloud2").map((r) => r.user),
    ["alice", "alice", "carol", "carol"],
  );

  // The second site keeps its own seed across reset.
  fake.cloud2.reset();
  assert.equal(fake.cloud2.state.issues[0].summary.startsWith("[Beta] "), true);
  assert.ok(fake.cloud2.state.users.some((u) => u.id === "carol"));
  assert.ok(!fake.cloud.state.users.some((u) => u.id === "carol"));
});

Deno.test("datacenter oauth: code flow, bearer on the site, scopes, product, rotation", async () => {
  await using fake = await startFakeAtlassian();
  const redirectUri = "http://127.0.0.1:8765/callback";
  const dc = fake.datacenter.origin;
  const back = new URL(
    await fake.dcOAuth.consent(
      fake.dcOAuth.authorizeUrl("jira", { redirectUri, scope: "READ", state: "dc-state" }),
      { user: "bob" },
    ),
  );
  assert.equal(back.searchParams.get("state"), "dc-state");
  const params = {
    grant_type: "authorization_code",
    client_id: "fake-client-id",
    client_secret: "fake-client-secret",
    code: back.searchParams.get("code")!,
    redirect_uri: redirectUri,
  };
  const tokenUrl = fake.dcOAuth.tokenUrl("jira");
  assert.equal(tokenUrl, `${dc}/rest/oauth2/latest/token`);
  const wrong = await tokenCall(tokenUrl, { ...params, client_secret: "nope" });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.error, "invalid_client");
  const tok = await tokenCall(tokenUrl, params);
  assert.equal(tok.status, 200);
  assert.equal(tok.body.expires_in, 7200);
  assert.ok(tok.body.refresh_token, "Data Center always returns a refresh token");
  const reused = await tokenCall(tokenUrl, params);
  assert.equal(reused.status, 400);
  assert.equal(reused.body.error, "invalid_grant");

  // The DC site accepts the token next to PATs, as the consenting user, within its scope.
  const me = await bearer(`${dc}/rest/api/2/myself`, tok.body.access_token);
  assert.equal(me.status, 200);
  assert.equal(me.body.name, "bob");
  const search = await bearer(`${dc}/rest/api/2/search`, tok.body.access_token, {
    method: "POST",
    body: { jql: "project = DEMO" },
  });
  assert.equal(search.status, 200);
  const write = await bearer(`${dc}/rest/api/2/issue/DEMO-2/comment`, tok.body.access_token, {
    method: "POST",
    body: { body: "hi" },
  });
  assert.equal(write.status, 403);
  // A Jira token is unknown to Confluence (its own provider, under /confluence).
  const conf = await bearer(`${dc}/confluence/rest/api/user/current`, tok.body.access_token);
  assert.equal(conf.status, 401);
  assert.equal((await bearer(`${dc}/rest/api/2/myself`, "dc-personal-token")).status, 200);

  // Refresh: repeats the redirect_uri, rotates.
  const refreshParams = {
    grant_type: "refresh_token",
    client_id: "fake-client-id",
    client_secret: "fake-client-secret",
    refresh_token: tok.body.refresh_token,
  };
  const noUri = await tokenCall(tokenUrl, refreshParams);
  assert.equal(noUri.status, 400);
  assert.equal(noUri.body.error, "invalid_grant");
  const fresh = await tokenCall(tokenUrl, { ...refreshParams, redirect_uri: redirectUri });
  assert.equal(fresh.status, 200);
  assert.notEqual(fresh.body.refresh_token, tok.body.refresh_token);
  const old = await tokenCall(tokenUrl, { ...refreshParams, redirect_uri: redirectUri });
  assert.equal(old.status, 400);
  assert.equal(fake.dcOAuth.tokenRequests.refresh_token, 3);
  assert.equal(fake.dcOAuth.tokenRequests.authorization_code, 3);

  // Expiry.
  fake.dcOAuth.expireAllAccessTokens();
  assert.equal((await bearer(`${dc}/rest/api/2/myself`, fresh.body.access_token)).status, 401);

  // Confluence's provider, and a minted WRITE token.
  const cBack = new URL(
    await fake.dcOAuth.consent(
      fake.dcOAuth.authorizeUrl("confluence", { redirectUri, scope: "WRITE" }),
    ),
  );
  const cTok = await tokenCall(fake.dcOAuth.tokenUrl("confluence"), {
    ...params,
    code: cBack.searchParams.get("code")!,
  });
  assert.equal(cTok.status, 200);
  const cMe = await bearer(`${dc}/confluence/rest/api/user/current`, cTok.body.access_token);
  assert.equal(cMe.status, 200);
  assert.equal(cMe.body.username, "alice");
  // A Confluence code is not redeemable at Jira's token endpoint.
  const dBack = new URL(
    await fake.dcOAuth.consent(fake.dcOAuth.authorizeUrl("confluence", { redirectUri })),
  );
  const cross = await tokenCall(tokenUrl, { ...params, code: dBack.searchParams.get("code")! });
  assert.equal(cross.status, 400);
  const minted = fake.dcOAuth.issueToken({ user: "alice" });
  const created = await bearer(`${dc}/rest/api/2/issue/DEMO-2/comment`, minted.accessToken, {
    method: "POST",
    body: { body: "via oauth" },
  });
  assert.equal(created.status, 201);

  // PKCE (S256): the verifier must match the challenge.
  const verifier = "a-very-long-random-verifier-string-of-at-least-43-characters";
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  const challenge = btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
  const pkceUrl = new URL(fake.dcOAuth.authorizeUrl("jira", { redirectUri }));
  pkceUrl.searchParams.set("code_challenge", challenge);
  pkceUrl.searchParams.set("code_challenge_method", "S256");
  const pBack = new URL(await fake.dcOAuth.consent(pkceUrl.href));
  const pParams = { ...params, code: pBack.searchParams.get("code")! };
  assert.equal((await tokenCall(tokenUrl, { ...pParams, code_verifier: "wrong" })).status, 400);
  assert.equal((await tokenCall(tokenUrl, { ...pParams, code_verifier: verifier })).status, 200);

  // Bad scope words go back to the client.
  const badScope = new URL(
    await fake.dcOAuth.consent(
      fake.dcOAuth.authorizeUrl("jira", { redirectUri, scope: "read:jira-work" }),
    ),
  );
  assert.equal(badScope.searchParams.get("error"), "invalid_scope");
});

Deno.test("oauth endpoints: each row is served by its host; none is in the spec route table", async () => {
  await using fake = await startFakeAtlassian();
  const origin = {
    auth: fake.oauth.authOrigin,
    api: fake.oauth.apiOrigin,
    datacenter: fake.datacenter.origin,
  };
  for (const e of OAUTH_ENDPOINTS) {
    const path = e.pattern.replace("{cloudId}", CLOUD_ID_1).replace("{path+}", "rest/api/3/myself");
    const res = await fetch(origin[e.host] + path, {
      method: e.method === "*" ? "GET" : e.method,
      headers: e.method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {},
      body: e.method === "POST" ? "" : undefined,
    });
    await res.body?.cancel();
    assert.notEqual(res.status, 404, `${e.host} ${e.method} ${e.pattern}`);
    assert.ok(!ROUTES.some((r) => r.pattern === e.pattern), e.pattern);
  }
  // Wrong method on an OAuth endpoint: 405.
  const res = await fetch(`${fake.oauth.authOrigin}/oauth/token`);
  await res.body?.cancel();
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "POST");
});

Deno.test({
  name:
    "gateway scope table: every Cloud route's 'atlassian' scopes match its spec (skipped without specs)",
  ignore: !specsAvailable(),
  fn: async () => {
    const docs = new Map<string, Json>();
    const wrong: string[] = [];
    for (const r of ROUTES) {
      if (r.flavour !== "cloud") continue;
      const file = SPECS[r.spec].file;
      if (!docs.has(file)) {
        docs.set(file, JSON.parse(await Deno.readTextFile(new URL(file, SPEC_DIR))));
      }
      const op = docs.get(file).paths[r.specPath][r.method.toLowerCase()];
      const oauth = (op.security ?? []).map((s: Json) => s.OAuth2 ?? s.oAuthDefinitions).filter(
        (s: Json) => Array.isArray(s),
      );
      const path = r.pattern.replace(/\{[^}]+\}/g, "x");
      const product = path.startsWith("/wiki/") ? "confluence" : "jira";
      const rule = scopeRule(product, r.method, path);
      if (!rule) {
        wrong.push(`${r.method} ${r.pattern}: no row`);
        continue;
      }
      const same = (a: readonly string[], b: readonly string[]) =>
        a.length === b.length && a.every((s) => b.includes(s));
      if (!oauth.some((set: string[]) => rule.atlassian.some((mine) => same(mine, set)))) {
        wrong.push(
          `${r.method} ${r.pattern}: spec ${JSON.stringify(oauth)}, table ${
            JSON.stringify(rule.atlassian)
          }`,
        );
      }
    }
    assert.deepEqual(wrong, [], "update GATEWAY_SCOPES in tests/fake_atlassian/_gateway.ts");
    assert.ok(GATEWAY_SCOPES.length > 0);
  },
});
