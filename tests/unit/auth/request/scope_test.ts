import { deepEqual, equal, ok } from "node:assert/strict";
import {
  requestProducts,
  requestScope,
  requestService,
  serverProducts,
} from "../../../../src/auth/request/scope.ts";
import { addSecret, redact } from "../../../../src/log.ts";
import { config, service } from "./_config.ts";

const CLOUD_ID = "11111111-1111-4111-8111-111111111111";
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

Deno.test("requestService: server policy stays, custom headers and client certs stay home", () => {
  const jira = {
    ...service("jira", "https://jira.corp.test", "datacenter"),
    customHeaders: { "X-Gateway-Key": "k" },
    allowlist: ["DEMO"],
    tls: { verify: true, caCerts: ["CA"], clientCert: "CERT", clientKey: "KEY" },
  };
  const c = config({ jira, oauth: { apiUrl: "https://api.example.test", cloudId: CLOUD_ID } });
  const own = requestService(c, "jira", { kind: "pat", token: "t" })!;
  equal(own.url, "https://jira.corp.test");
  deepEqual(own.customHeaders, { "X-Gateway-Key": "k" });
  equal(own.tls.clientCert, "CERT");
  deepEqual(own.auth, { kind: "per-request" });

  const other = requestService(c, "jira", { kind: "pat", token: "t", url: "https://x.test/j" })!;
  equal(other.url, "https://x.test/j");
  equal(other.deployment, "datacenter");
  deepEqual(other.customHeaders, {});
  deepEqual(other.tls, { verify: true, caCerts: ["CA"] });
  deepEqual(other.allowlist, ["DEMO"]);

  const cloud = requestService(c, "confluence", { kind: "oauth", token: "t", cloudId: "abc-1" })!;
  equal(cloud.url, "https://api.example.test/ex/confluence/abc-1/wiki");
  equal(cloud.deployment, "cloud");
  equal(requestService(c, "confluence", { kind: "basic", username: "u", token: "t" }), undefined);
  deepEqual(requestProducts(c, { jira: { kind: "pat", token: "t" } }), { jira: "datacenter" });
});

Deno.test("requestScope: fresh clients that send this request's credentials only", async () => {
  const seen: (string | null)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    seen.push(req.headers.get("authorization"));
    return Response.json({ ok: true });
  });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const c = config({
    jira: service("jira", origin, "datacenter"),
    confluence: service("confluence", `${origin}/confluence`, "datacenter"),
  });
  try {
    const a = requestScope(c, { jira: { kind: "pat", token: "token-a" } });
    const b = requestScope(c, {
      jira: { kind: "basic", username: "bob", token: "token-b" },
      confluence: { kind: "pat", token: "token-c" },
    });
    equal(a.ctx.confluence, undefined);
    equal(a.ctx.config.confluence, undefined);
    ok(a.ctx.jira!.client !== b.ctx.jira!.client);
    await a.ctx.jira!.client.get("/rest/api/2/myself");
    await b.ctx.jira!.client.get("/rest/api/2/myself");
    await b.ctx.confluence!.client.get("/rest/api/space");
    deepEqual(seen, ["Bearer token-a", `Basic ${b64("bob:token-b")}`, "Bearer token-c"]);
    deepEqual(a.secrets, ["token-a"]);
    a.close();
    b.close();
  } finally {
    await server.shutdown();
  }
});

Deno.test("serverProducts: only services with credentials of the server's own", () => {
  const c = config({
    jira: {
      ...service("jira", "https://jira.corp.test", "datacenter"),
      auth: { kind: "pat", token: "t" },
    },
    confluence: service("confluence", "https://api.atlassian.com/ex/confluence/x/wiki", "cloud"),
  });
  deepEqual(serverProducts(c), { jira: "datacenter" });
});

Deno.test("requestScope: the request's secrets are masked in the log and answers while it runs", () => {
  const c = config({ jira: service("jira", "https://jira.corp.test", "datacenter") });
  const line = (s: string) => `Jira said: credential ${s} is not valid here`;
  const one = requestScope(c, { jira: { kind: "basic", username: "me@x.io", token: "pass-one" } });
  const two = requestScope(c, { jira: { kind: "pat", token: "pat-two-token" } });
  const same = requestScope(c, { jira: { kind: "pat", token: "pat-two-token" } });
  equal(redact(line("pass-one")), line("***"));
  equal(redact(line(b64("me@x.io:pass-one"))), line("***"));
  equal(redact(line("pat-two-token")), line("***"));
  one.close();
  one.close(); // closing twice releases once
  equal(redact(line("pass-one")), line("pass-one"), "released when its request ended");
  two.close();
  equal(redact(line("pat-two-token")), line("***"), "still held by the other request");
  same.close();
  equal(redact(line("pat-two-token")), line("pat-two-token"));
  // A value the server registered for good stays masked after a request that also held it.
  addSecret("server-own-secret");
  requestScope(c, { jira: { kind: "pat", token: "server-own-secret" } }).close();
  equal(redact(line("server-own-secret")), line("***"));
});
