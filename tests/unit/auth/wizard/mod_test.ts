import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import type { AccessibleResource } from "../../../../src/auth/oauth/mod.ts";
import { matchingSite } from "../../../../src/auth/wizard/mod.ts";
import {
  callbackPage,
  callbackParams,
  escapeHtml,
  isLoopbackRedirect,
  listenDescriptors,
  ListenError,
  listenForCallback,
} from "../../../../src/auth/wizard/callback.ts";
import { Cancelled, Input, type InputSource } from "../../../../src/auth/wizard/input.ts";
import { envLines, envValue } from "../../../../src/auth/wizard/output.ts";

/** A scripted stdin: the chunks arrive one read at a time; records raw-mode switches. */
function source(chunks: string[], terminal: boolean): InputSource & { raw: boolean[] } {
  const queue = chunks.map((c) => new TextEncoder().encode(c));
  const raw: boolean[] = [];
  return {
    raw,
    read(p) {
      const next = queue.shift();
      if (!next) return Promise.resolve(null);
      p.set(next);
      return Promise.resolve(next.length);
    },
    isTerminal: () => terminal,
    setRaw: (mode) => void raw.push(mode),
  };
}

Deno.test("wizard input reads scripted lines, keeps defaults on empty lines and at the end", async () => {
  let written = "";
  const input = new Input(source(["id-1\r\n\nhttp://x/cb\n"], false), (t) => written += t);
  equal(await input.ask("Client ID", "old"), "id-1");
  equal(
    await input.ask("Client secret", "s3cret-value", { secret: true, shown: "****" }),
    "s3cret-value",
  );
  equal(await input.ask("Redirect URI", "http://localhost:8080/callback"), "http://x/cb");
  equal(await input.ask("Scopes", "a b"), "a b");
  match(written, /Client secret \[\*\*\*\*\]: /);
  ok(!written.includes("s3cret-value"));
});

Deno.test("wizard input reads a secret in raw mode on a terminal: no echo, editing keys work", async () => {
  let written = "";
  const src = source(["ab", "X\x7f", "c\x15xyz", "\x1b", "é\x7f", "!\r", "next\n"], true);
  const input = new Input(src, (t) => written += t);
  equal(await input.ask("Client secret", undefined, { secret: true }), "xyz!");
  deepEqual(src.raw, [true, false]);
  equal(written, "Client secret: \n");
  equal(await input.readLine(), "next");
});

Deno.test("wizard input: Ctrl-C at the secret prompt cancels and leaves raw mode", async () => {
  const src = source(["ab\x03"], true);
  await rejects(new Input(src, () => {}).readSecret(), Cancelled);
  deepEqual(src.raw, [true, false]);
});

Deno.test("wizard callback helpers: loopback check, listen addresses, parameters, escaped page", async () => {
  ok(isLoopbackRedirect(new URL("http://localhost:8080/callback")));
  ok(isLoopbackRedirect(new URL("http://127.0.0.1:9/cb")));
  ok(isLoopbackRedirect(new URL("http://[::1]:8080/cb")));
  ok(!isLoopbackRedirect(new URL("https://localhost:8080/callback")));
  ok(!isLoopbackRedirect(new URL("http://example.com:8080/callback")));
  ok(!isLoopbackRedirect(new URL("http://0.0.0.0:8080/callback")));
  deepEqual(listenDescriptors(new URL("http://localhost:8080/cb")), [
    "127.0.0.1:8080",
    "[::1]:8080",
  ]);
  deepEqual(listenDescriptors(new URL("http://[::1]/cb")), ["[::1]:80"]);
  deepEqual(callbackParams(new URL("http://x/cb?code=c&state=s")), { code: "c", state: "s" });
  deepEqual(callbackParams(new URL("http://x/cb?error=access_denied&error_description=no")), {
    error: "access_denied",
    errorDescription: "no",
  });
  equal(escapeHtml(`<b a="1">&'`), "&#60;b a=&#34;1&#34;&#62;&#38;&#39;");
  const page = await callbackPage("<script>alert(1)</script>").text();
  ok(!page.includes("<script>"));
});

Deno.test("wizard callback listener: only the redirect path, held until the outcome, port in use named", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  const redirect = new URL(`http://127.0.0.1:${port}/callback`);
  try {
    listenForCallback(redirect);
    throw new Error("expected the port to be in use");
  } catch (error) {
    ok(error instanceof ListenError);
    equal(error.reason, "in-use");
    equal(error.address, `127.0.0.1:${port}`);
  }
  probe.close();
  const listener = listenForCallback(redirect);
  equal((await fetch(`http://127.0.0.1:${port}/other?code=x`)).status, 404);
  const waiting = await fetch(`http://127.0.0.1:${port}/callback`);
  match(await waiting.text(), /waits for Atlassian&#39;s redirect/);
  const page = fetch(`http://127.0.0.1:${port}/callback?code=c1&state=s1`).then((r) => r.text());
  deepEqual(await listener.received, { code: "c1", state: "s1" });
  await listener.finish("All <done>.");
  match(await page, /All &#60;done&#62;\./);
});

Deno.test("wizard site choice: the configured cloud id, else the configured site URL", () => {
  const sites: AccessibleResource[] = [
    { id: "a", url: "https://acme.atlassian.net", name: "acme", scopes: [] },
    { id: "b", url: "https://beta.atlassian.net", name: "beta", scopes: [] },
  ];
  equal(matchingSite(sites, "b", [])?.id, "b");
  equal(matchingSite(sites, undefined, ["https://BETA.atlassian.net/wiki"])?.id, "b");
  equal(matchingSite(sites, "zzz", ["https://other.atlassian.net"]), undefined);
});

Deno.test("wizard output quotes values that need it and never holds the secret", () => {
  equal(envValue("http://localhost:8080/callback"), "http://localhost:8080/callback");
  equal(envValue("a b"), '"a b"');
  equal(envValue('x"$y'), '"x\\"\\$y"');
  deepEqual(
    envLines({
      kind: "cloud",
      clientId: "cid",
      redirectUri: "http://localhost:8080/callback",
      scope: "read:jira-work offline_access",
      cloudId: "1111",
      tokenFile: "/h/.mcp-atlassian/oauth-cid.json",
    }),
    [
      "ATLASSIAN_OAUTH_CLIENT_ID=cid",
      "ATLASSIAN_OAUTH_CLIENT_SECRET=<your client secret>",
      "ATLASSIAN_OAUTH_REDIRECT_URI=http://localhost:8080/callback",
      'ATLASSIAN_OAUTH_SCOPE="read:jira-work offline_access"',
      "ATLASSIAN_OAUTH_CLOUD_ID=1111",
    ],
  );
});
