import assert from "node:assert/strict";
import {
  AuthError,
  cloudEndpoints,
  datacenterEndpoints,
  DENO_FILE_SYSTEM,
  loadTokens,
  OAuthError,
  REFRESH_REVOKED,
  saveTokens,
  type StoredTokens,
  TokenManager,
  type TokenManagerOptions,
} from "../../../../src/auth/mod.ts";
import { HttpClient } from "../../../../src/http/mod.ts";
import { log } from "../../../../src/log.ts";
import { caught, json, service, startServer } from "../../http/_helpers.ts";
import { startTokenServer, tempHome, type TokenServer } from "../_helpers.ts";

const NOW = 1_800_000_000_000; // ms

function manager(
  srv: TokenServer,
  file: string,
  extra: Partial<TokenManagerOptions> = {},
): TokenManager {
  return new TokenManager({
    clientId: "cid",
    clientSecret: "secret",
    endpoints: cloudEndpoints(srv.origin),
    tokenFile: file,
    cloudId: "c-1",
    now: () => NOW,
    ...extra,
  });
}

/** Seeds the file with `access-0` / `refresh-0`, valid for `seconds` from NOW. */
async function seed(file: string, seconds: number, extra: Partial<StoredTokens> = {}) {
  await saveTokens(file, {
    access_token: "access-0",
    refresh_token: "refresh-0",
    expires_at: NOW / 1000 + seconds,
    cloud_id: "c-1",
    base_url: null as unknown as undefined,
    ...extra,
  });
}

Deno.test("TokenManager uses the stored token while it is valid", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, 3600);
  const tm = manager(srv, file);
  assert.equal(await tm.authorization(), "Bearer access-0");
  assert.equal(await tm.authorization(), "Bearer access-0");
  assert.equal(srv.refreshes, 0);
});

Deno.test("TokenManager refreshes ahead of expiry and persists the rotated refresh token", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/.mcp-atlassian/t.json`;
  await seed(file, 299); // less than 5 minutes left
  const tm = manager(srv, file);
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(srv.refreshes, 1);
  const stored = await loadTokens(file);
  assert.deepEqual(stored, {
    access_token: "access-1",
    refresh_token: "refresh-1",
    expires_at: NOW / 1000 + 3600,
    cloud_id: "c-1",
  });
  assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(srv.refreshes, 1);
});

Deno.test("TokenManager sends exactly one refresh for 50 concurrent calls", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10); // expired
  srv.delayMs = 50;
  const tm = manager(srv, file);
  const values = await Promise.all(Array.from({ length: 50 }, () => tm.authorization()));
  assert.deepEqual(new Set(values), new Set(["Bearer access-1"]));
  assert.equal(srv.refreshes, 1);
});

Deno.test("TokenManager refreshes once for 50 concurrent 401s and asks each call to retry", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, 3600);
  srv.delayMs = 30;
  const tm = manager(srv, file);
  const rejected = await tm.authorization();
  const answers = await Promise.all(Array.from({ length: 50 }, () => tm.refresh(rejected)));
  assert.ok(answers.every((x) => x === true));
  assert.equal(srv.refreshes, 1);
  // A late 401 for the old token needs no new refresh.
  assert.equal(await tm.refresh(rejected), true);
  assert.equal(srv.refreshes, 1);
  assert.equal(await tm.authorization(), "Bearer access-1");
});

Deno.test("TokenManager through HttpClient: 50 concurrent calls after expiry, one refresh", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, 3600);
  srv.delayMs = 20;
  await using api = startServer((req) =>
    req.headers.get("authorization") === `Bearer ${srv.lastAccess || "access-0"}`
      ? json({ ok: true })
      : json({ message: "Unauthorized" }, 401)
  );
  const tm = manager(srv, file);
  using client = new HttpClient(service(api.origin, { auth: { kind: "oauth" } }), {
    credentials: tm,
  });
  assert.deepEqual(await client.get("/warm"), { ok: true });
  srv.lastAccess = "revoked"; // the server now refuses access-0, as after expireAllAccessTokens
  const results = await Promise.all(
    Array.from(
      { length: 50 },
      (_, i) => i % 2 ? client.get(`/r/${i}`) : client.post(`/w/${i}`, {}),
    ),
  );
  assert.ok(results.every((r) => (r as { ok: boolean }).ok));
  assert.equal(srv.refreshes, 1);
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-1");
});

Deno.test("TokenManager fails every call with the --oauth-setup sentence once the refresh token is refused", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  srv.validRefresh = "something-else"; // revoked
  const tm = manager(srv, file);
  for (let i = 0; i < 3; i++) {
    await assert.rejects(tm.authorization(), (e: unknown) => {
      assert.ok(e instanceof OAuthError);
      assert.equal(e.message, REFRESH_REVOKED);
      return true;
    });
  }
  await assert.rejects(tm.refresh("Bearer access-0"), { message: REFRESH_REVOKED });
  assert.equal(srv.refreshes, 1, "no refresh storm after a permanent failure");
  // The wizard writes new tokens: the server heals without a restart.
  await saveTokens(file, {
    access_token: "wizard-access",
    refresh_token: "wizard-refresh",
    expires_at: NOW / 1000 + 3600,
  });
  assert.equal(await tm.authorization(), "Bearer wizard-access");
});

Deno.test("TokenManager names --oauth-setup when no tokens are stored", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/missing.json`;
  const tm = manager(srv, file);
  await assert.rejects(tm.authorization(), (e: unknown) => {
    assert.ok(e instanceof AuthError);
    assert.equal(
      e.message,
      `No OAuth tokens are stored in ${file}: run mcp-atlassian --oauth-setup (or deno task start -- --oauth-setup) to authorize this server.`,
    );
    return true;
  });
  await seed(file, 3600);
  assert.equal(await tm.authorization(), "Bearer access-0");
});

Deno.test("TokenManager: concurrent calls after a failure all pick up new tokens", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/later.json`;
  const tm = manager(srv, file);
  await assert.rejects(tm.authorization(), AuthError);
  await seed(file, 3600);
  const all = await Promise.all(Array.from({ length: 10 }, () => tm.authorization()));
  assert.deepEqual(new Set(all), new Set(["Bearer access-0"]));
});

Deno.test("TokenManager explains an expired token without a refresh token", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10, { refresh_token: undefined });
  await assert.rejects(
    manager(srv, file).authorization(),
    /there is no refresh token \(the scopes lack offline_access\)/,
  );
  assert.equal(srv.refreshes, 0);
});

Deno.test("TokenManager does not remember a network failure", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  srv.failWith = { status: 502, body: "bad gateway" };
  const tm = manager(srv, file);
  await assert.rejects(tm.authorization(), (e: unknown) => {
    assert.ok(e instanceof OAuthError);
    assert.equal(e.kind, "server");
    return true;
  });
  srv.failWith = undefined;
  assert.equal(await tm.authorization(), "Bearer access-1");
});

Deno.test("TokenManager takes tokens another process refreshed instead of refreshing", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  const tm = manager(srv, file);
  const other = manager(srv, file);
  assert.equal(await other.authorization(), "Bearer access-1"); // rotates refresh-0 away
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(srv.refreshes, 1);
});

Deno.test("TokenManager recovers when another process rotates the refresh token mid-refresh", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  const other = manager(srv, file);
  let raced = false;
  const tm = manager(srv, file, {
    call: {
      fetchImpl: async (input, init) => {
        if (!raced) {
          raced = true;
          // Between our read of the file and our request, another process rotates refresh-0.
          assert.equal(await other.authorization(), "Bearer access-1");
        }
        return await fetch(input, init);
      },
    },
  });
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(
    srv.refreshes,
    2,
    "ours was refused (invalid_grant), then the file had newer tokens",
  );
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-1");
  // And when the file's access token is also expiring, the file's refresh token is used.
  await saveTokens(file, { ...(await loadTokens(file))!, expires_at: NOW / 1000 - 1 });
  const third = manager(srv, file, {
    call: {
      fetchImpl: async (input, init) => {
        if (raced) {
          raced = false;
          await manager(srv, file).refresh("Bearer access-1"); // rotates refresh-1 -> refresh-2
          const disk = (await loadTokens(file))!;
          await saveTokens(file, { ...disk, expires_at: NOW / 1000 - 1 });
        }
        return await fetch(input, init);
      },
    },
  });
  assert.equal(await third.authorization(), "Bearer access-3");
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-3");
});

Deno.test("TokenManager does not refresh again right after a short-lived refresh", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  srv.lifetime = 2;
  const tm = manager(srv, file);
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(srv.refreshes, 1);
});

Deno.test("TokenManager keeps working in memory when the file cannot be saved", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  const before = await Deno.readTextFile(file);
  const tm = manager(srv, file, {
    fileSystem: { ...DENO_FILE_SYSTEM, rename: () => Promise.reject(new Error("read-only")) },
  });
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(await Deno.readTextFile(file), before);
});

Deno.test("TokenManager sends the redirect URI with Data Center refreshes", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, -10);
  const tm = manager(srv, file, {
    endpoints: { ...datacenterEndpoints(srv.origin), tokenUrl: `${srv.origin}/oauth/token` },
    redirectUri: "http://localhost:8080/callback",
    cloudId: undefined,
    baseUrl: "https://jira.corp.example",
  });
  assert.equal(await tm.authorization(), "Bearer access-1");
  assert.equal(
    new URLSearchParams(srv.requests[0].body).get("redirect_uri"),
    "http://localhost:8080/callback",
  );
  assert.equal((await loadTokens(file))?.base_url, "https://jira.corp.example");
});

/** Collects what `log[level]` writes while `body` runs (the lines are still written). */
async function logged(
  level: "warn" | "error",
  body: () => Promise<void>,
): Promise<string[]> {
  const lines: string[] = [];
  const original = log[level];
  log[level] = (message, detail) => {
    lines.push(message);
    original(message, detail);
  };
  try {
    await body();
  } finally {
    log[level] = original;
  }
  return lines;
}

/** A file system whose rename fails while `broken.on` is set. */
function breakable() {
  const broken = { on: true };
  return {
    broken,
    fileSystem: {
      ...DENO_FILE_SYSTEM,
      rename: (from: string, to: string) =>
        broken.on ? Promise.reject(new Error("read-only")) : DENO_FILE_SYSTEM.rename(from, to),
    },
  };
}

Deno.test("TokenManager: after a failed save the next refresh uses the rotated token in memory", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  let now = NOW;
  await seed(file, -10);
  const { broken, fileSystem } = breakable();
  const tm = manager(srv, file, { now: () => now, fileSystem });
  const errors = await logged("error", async () => {
    assert.equal(await tm.authorization(), "Bearer access-1");
  });
  assert.equal(errors.length, 1);
  assert.match(errors[0], /kept in memory and saving is tried again at the next refresh/);
  assert.doesNotMatch(errors[0], /until the server stops/);
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-0", "the save failed");
  now += 3600_000; // an hour later access-1 has expired; refresh-0 on disk was rotated away
  assert.equal(await tm.authorization(), "Bearer access-2");
  assert.equal(srv.refreshes, 2);
  // Saving is tried again at each later refresh; once the disk works the file catches up.
  broken.on = false;
  now += 3600_000;
  assert.equal(await tm.authorization(), "Bearer access-3");
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-3");
  // A second manager (a restart) starts from the file and keeps working.
  now += 3600_000;
  assert.equal(await manager(srv, file, { now: () => now }).authorization(), "Bearer access-4");
});

Deno.test("TokenManager: a refused refresh token from a changed file falls back to the one in memory", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  let now = NOW;
  await seed(file, -10);
  const { broken, fileSystem } = breakable();
  const tm = manager(srv, file, { now: () => now, fileSystem });
  assert.equal(await tm.authorization(), "Bearer access-1"); // refresh-1 only in memory
  broken.on = false;
  // Something rewrites the file with an old, rotated-away refresh token (a restored backup).
  await seed(file, -10, { access_token: "restored-access" });
  now += 3600_000;
  assert.equal(await tm.authorization(), "Bearer access-2");
  assert.equal(srv.refreshes, 3, "refresh-0 from the file was refused, then refresh-1 worked");
  assert.equal((await loadTokens(file))?.refresh_token, "refresh-2");
});

Deno.test("TokenManager: no refresh storm when the API refuses every token", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  let now = NOW;
  await seed(file, 3600);
  await using api = startServer(() => json({ code: 401, message: "Unauthorized" }, 401));
  const tm = manager(srv, file, { now: () => now });
  using client = new HttpClient(service(api.origin, { auth: { kind: "oauth" } }), {
    credentials: tm,
  });
  const warnings = await logged("warn", async () => {
    for (let i = 0; i < 10; i++) {
      const err = await caught(client.get(`/x/${i}`));
      assert.equal(err.kind, "unauthorized");
      assert.equal(err.status, 401);
      assert.match(
        err.message,
        /^The OAuth access token was refused right after a refresh: the site access may have been revoked or the cloud id is wrong; run mcp-atlassian --oauth-setup/,
      );
      now += 1_000;
    }
  });
  assert.equal(srv.refreshes, 1, "at most one refresh for 10 calls");
  assert.equal(api.requests.length, 11, "the first call was retried once, the others not");
  assert.equal(warnings.filter((w) => /refused right after a refresh/.test(w)).length, 1);
  assert.equal(await tm.refresh("Bearer access-1"), false, "no refresh during the cool-down");
  assert.equal(srv.refreshes, 1);
  // Once a minute has passed without a 401 for it, a refresh is tried again.
  now += 61_000;
  await caught(client.get("/later"));
  assert.equal(srv.refreshes, 2);
  await caught(client.get("/later-again"));
  assert.equal(srv.refreshes, 2);
});

Deno.test("TokenManager: 20 concurrent calls against an API that refuses every token, one refresh", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, 3600);
  srv.delayMs = 20;
  await using api = startServer(() => json({ code: 401, message: "Unauthorized" }, 401));
  const tm = manager(srv, file);
  using client = new HttpClient(service(api.origin, { auth: { kind: "oauth" } }), {
    credentials: tm,
  });
  const errors = await Promise.all(
    Array.from({ length: 20 }, (_, i) => caught(client.get(`/${i}`))),
  );
  assert.ok(errors.every((e) => /refused right after a refresh/.test(e.message)));
  assert.equal(srv.refreshes, 1);
});

Deno.test("TokenManager still refreshes for a fresh token that stops working after being accepted", async () => {
  await using srv = startTokenServer();
  await using home = await tempHome();
  const file = `${home.dir}/t.json`;
  await seed(file, 3600);
  let accepted = "access-0";
  await using api = startServer((req) =>
    req.headers.get("authorization") === `Bearer ${accepted}`
      ? json({ ok: true })
      : json({ message: "Unauthorized" }, 401)
  );
  const tm = manager(srv, file);
  using client = new HttpClient(service(api.origin, { auth: { kind: "oauth" } }), {
    credentials: tm,
  });
  for (let i = 1; i <= 3; i++) {
    accepted = `access-${i}`; // the previous token is revoked (Atlassian expires it)
    assert.deepEqual(await client.get(`/r/${i}`), { ok: true });
    assert.equal(srv.refreshes, i);
  }
});
