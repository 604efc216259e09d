import assert from "node:assert/strict";
import { HttpClient } from "../../../src/http/mod.ts";
import { httpClientOptions, matchesNoProxy, proxyFor } from "../../../src/http/transport.ts";
import { caught, json, service, startServer } from "./_helpers.ts";
import { makeCerts } from "../../_certs.ts";

Deno.test("matchesNoProxy handles exact, suffix, wildcard and host:port entries", () => {
  assert.equal(matchesNoProxy("jira.corp.example", ["jira.corp.example"]), true);
  assert.equal(matchesNoProxy("jira.corp.example", [".corp.example"]), true);
  assert.equal(matchesNoProxy("corp.example", [".corp.example"]), true);
  assert.equal(matchesNoProxy("jira.corp.example", ["corp.example"]), true);
  assert.equal(matchesNoProxy("jira.corp.example", ["*.corp.example"]), true);
  assert.equal(matchesNoProxy("JIRA.corp.example", ["jira.CORP.example:8443"]), true);
  assert.equal(matchesNoProxy("anything", ["*"]), true);
  assert.equal(matchesNoProxy("evilcorp.example", ["corp.example", ".corp.example"]), false);
  assert.equal(matchesNoProxy("jira.corp.example", []), false);
  assert.equal(matchesNoProxy("[::1]", ["::1"]), true);
});

Deno.test("proxyFor picks the proxy by scheme, falls back to socks, and splits userinfo", () => {
  const proxy = {
    http: "http://plain:3128",
    https: "http://u%40corp:p%3Ass@secure:3129",
    socks: "socks5://sock:1080",
    noProxy: ["internal.example"],
  };
  assert.deepEqual(proxyFor({ url: "https://jira.example.com", proxy }), {
    url: "http://secure:3129/",
    basicAuth: { username: "u@corp", password: "p:ss" },
  });
  assert.deepEqual(proxyFor({ url: "http://jira.example.com", proxy }), {
    url: "http://plain:3128/",
  });
  assert.deepEqual(
    proxyFor({ url: "https://jira.example.com", proxy: { socks: proxy.socks, noProxy: [] } }),
    {
      url: "socks5://sock:1080",
    },
  );
  assert.equal(proxyFor({ url: "https://jira.internal.example", proxy }), undefined);
  assert.equal(proxyFor({ url: "https://jira.example.com", proxy: { noProxy: [] } }), undefined);
});

Deno.test("httpClientOptions carries CA certificates and the client certificate pair", () => {
  assert.equal(httpClientOptions(service("https://j.example")), undefined);
  const opts = httpClientOptions(
    service("https://j.example", {
      tls: { verify: true, caCerts: ["CA"], clientCert: "CERT", clientKey: "KEY" },
    }),
  );
  assert.deepEqual(opts, { caCerts: ["CA"], cert: "CERT", key: "KEY" });
});

Deno.test("a private-CA server fails as tls without caCerts and works with them", async () => {
  const { ca, cert, key } = await makeCerts();
  await using srv = startServer(() => json({ secure: true }), { cert, key });
  {
    using client = new HttpClient(service(srv.origin), { maxRetries: 0 });
    const err = await caught(client.get("/rest/api/2/serverInfo"));
    assert.equal(err.kind, "tls");
    assert.match(err.message, /UnknownIssuer/);
    assert.match(err.hint, /JIRA_CA_BUNDLE/);
    assert.equal(err.mayHaveReachedServer, false);
  }
  using trusted = new HttpClient(service(srv.origin, { tls: { verify: true, caCerts: [ca] } }));
  assert.deepEqual(await trusted.get("/rest/api/2/serverInfo"), { secure: true });
  assert.equal(srv.requests.length, 1);
});

/** A forward proxy that answers absolute-form requests itself and records them. */
function startProxy() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const seen: { requestLine: string; head: string }[] = [];
  const encoder = new TextEncoder();
  const serve = async (conn: Deno.Conn) => {
    let head = "";
    const buf = new Uint8Array(4096);
    while (!head.includes("\r\n\r\n")) {
      const n = await conn.read(buf);
      if (n === null) break;
      head += new TextDecoder().decode(buf.subarray(0, n));
    }
    const requestLine = head.split("\r\n", 1)[0];
    seen.push({ requestLine, head });
    const body = JSON.stringify({ via: "proxy", requestLine });
    await conn.write(encoder.encode(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    ));
    conn.close();
  };
  const loop = (async () => {
    try {
      for await (const conn of listener) await serve(conn);
    } catch {
      // listener closed
    }
  })();
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    seen,
    async [Symbol.asyncDispose]() {
      listener.close();
      await loop;
    },
  };
}

Deno.test("requests go through the configured proxy, with its credentials", async () => {
  await using proxy = startProxy();
  await using target = startServer(() => json({ via: "direct" }));
  const proxyUrl = proxy.url.replace("http://", "http://px:s%40cret@");
  using client = new HttpClient(service(target.origin, { proxy: { http: proxyUrl, noProxy: [] } }));
  const answer = await client.get<{ via: string; requestLine: string }>("/rest/api/2/myself");
  assert.equal(answer.via, "proxy");
  assert.equal(answer.requestLine, `GET ${target.origin}/rest/api/2/myself HTTP/1.1`);
  assert.match(
    proxy.seen[0].head,
    new RegExp(`proxy-authorization: Basic ${btoa("px:s@cret")}`, "i"),
  );
  assert.equal(target.requests.length, 0);
});

Deno.test("noProxy bypasses the proxy for matching hosts", async () => {
  await using proxy = startProxy();
  await using target = startServer(() => json({ via: "direct" }));
  using client = new HttpClient(
    service(target.origin, { proxy: { http: proxy.url, noProxy: ["localhost", "127.0.0.1:1"] } }),
  );
  assert.deepEqual(await client.get("/x"), { via: "direct" });
  assert.equal(proxy.seen.length, 0);
  assert.equal(target.requests.length, 1);
});
