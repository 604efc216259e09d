import assert from "node:assert/strict";
import { AuthError, BYOT_REJECTED, StaticTokenSource } from "../../../../src/auth/mod.ts";
import { HttpClient } from "../../../../src/http/mod.ts";
import { secretValues } from "../../../../src/log.ts";
import { caught, json, service, startServer } from "../../http/_helpers.ts";

Deno.test("StaticTokenSource sends the token as is and registers it as a secret", async () => {
  const source = new StaticTokenSource("byot-token-123456");
  assert.equal(await source.authorization(), "Bearer byot-token-123456");
  assert.ok(secretValues().includes("byot-token-123456"));
});

Deno.test("StaticTokenSource never refreshes: a refused token gives the clear sentence", async () => {
  await assert.rejects(
    new StaticTokenSource("t-123456").refresh("Bearer t-123456"),
    (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.equal(e.message, BYOT_REJECTED);
      return true;
    },
  );
  await using srv = startServer(() => json({ message: "Unauthorized" }, 401));
  using client = new HttpClient(service(srv.origin, { auth: { kind: "byot" } }), {
    credentials: new StaticTokenSource("t-123456"),
  });
  const err = await caught(client.get("/rest/api/3/myself"));
  assert.equal(err.kind, "unauthorized");
  assert.equal(
    err.message,
    "The access token you supplied (ATLASSIAN_OAUTH_ACCESS_TOKEN) was rejected or has expired; supply a new one.",
  );
  assert.equal(srv.requests.length, 1, "sent once, never retried");
});
