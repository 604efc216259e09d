import assert from "node:assert/strict";
import {
  bypassesProxy,
  normaliseProxyUrl,
  parseNoProxy,
  proxyAddress,
  proxyCredentials,
  proxyFor,
  redactProxyUrl,
} from "../../../../src/config/service/proxy.ts";

Deno.test("normaliseProxyUrl adds a scheme and keeps credentials", () => {
  assert.equal(normaliseProxyUrl("proxy.corp:3128", "http"), "http://proxy.corp:3128");
  assert.equal(normaliseProxyUrl("http://proxy.corp:3128/", "http"), "http://proxy.corp:3128");
  assert.equal(
    normaliseProxyUrl("https://u:p%40ss@proxy.corp", "http"),
    "https://u:p%40ss@proxy.corp",
  );
  assert.equal(normaliseProxyUrl("socks5://s.corp:1080", "http"), "socks5://s.corp:1080");
  assert.equal(normaliseProxyUrl("s.corp:1080", "socks"), "socks5://s.corp:1080");
  assert.equal(normaliseProxyUrl("socks5h://s.corp", "socks"), "socks5h://s.corp");
});

Deno.test("normaliseProxyUrl rejects unusable values", () => {
  for (const v of ["ftp://p.corp", "http://p.corp/path", "http://p.corp?x=1", "http://", "::"]) {
    assert.equal(normaliseProxyUrl(v, "http"), undefined, v);
  }
  assert.equal(normaliseProxyUrl("http://p.corp:1080", "socks"), undefined);
});

Deno.test("proxyAddress gives host:port with the scheme's default port", () => {
  assert.equal(proxyAddress("http://u:p@proxy.corp:3128"), "proxy.corp:3128");
  assert.equal(proxyAddress("http://proxy.corp"), "proxy.corp:80");
  assert.equal(proxyAddress("https://proxy.corp"), "proxy.corp:443");
  assert.equal(proxyAddress("socks5://s.corp"), "s.corp:1080");
});

Deno.test("proxyCredentials and redactProxyUrl handle the credential", () => {
  assert.deepEqual(proxyCredentials("http://u:p%40ss@proxy.corp"), ["p%40ss", "p@ss"]);
  assert.deepEqual(proxyCredentials("http://tokenonly@proxy.corp"), ["tokenonly"]);
  assert.deepEqual(proxyCredentials("http://proxy.corp"), []);
  assert.equal(redactProxyUrl("http://u:p@proxy.corp:3128"), "http://***@proxy.corp:3128");
  assert.equal(redactProxyUrl("http://proxy.corp:3128"), "http://proxy.corp:3128");
});

Deno.test("parseNoProxy splits on commas and spaces and lower-cases", () => {
  assert.deepEqual(parseNoProxy("Localhost, .Corp.example  10.0.0.1,,"), [
    "localhost",
    ".corp.example",
    "10.0.0.1",
  ]);
});

Deno.test("bypassesProxy matches names, suffixes, wildcards and ports", () => {
  const url = new URL("https://jira.corp.example");
  const table: [string[], boolean][] = [
    [["*"], true],
    [["jira.corp.example"], true],
    [["corp.example"], true],
    [[".corp.example"], true],
    [["*.corp.example"], true],
    [["jira.corp.example:443"], true],
    [["jira.corp.example:8443"], false],
    [["orp.example"], false],
    [["other.example"], false],
    [[], false],
  ];
  for (const [noProxy, expected] of table) {
    assert.equal(bypassesProxy(url, noProxy), expected, noProxy.join(","));
  }
  assert.equal(bypassesProxy(new URL("http://[::1]:8080"), ["::1"]), true);
  assert.equal(bypassesProxy(new URL("http://127.0.0.1:8080"), ["127.0.0.1"]), true);
});

Deno.test("proxyFor picks the proxy by the site's scheme, then SOCKS, unless bypassed", () => {
  const proxy = {
    http: "http://plain.corp:8080",
    https: "http://secure.corp:3128",
    socks: "socks5://s.corp:1080",
    noProxy: ["internal.example"],
  };
  assert.equal(proxyFor({ url: "https://acme.atlassian.net", proxy }), proxy.https);
  assert.equal(proxyFor({ url: "http://jira.example", proxy }), proxy.http);
  assert.equal(proxyFor({ url: "https://jira.internal.example", proxy }), undefined);
  assert.equal(
    proxyFor({ url: "https://acme.atlassian.net", proxy: { socks: proxy.socks, noProxy: [] } }),
    proxy.socks,
  );
  assert.equal(proxyFor({ url: "https://acme.atlassian.net", proxy: { noProxy: [] } }), undefined);
});
