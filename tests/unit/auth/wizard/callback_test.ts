import { deepEqual, equal, match, ok } from "node:assert/strict";
import {
  callbackParams,
  listenForCallback,
  printable,
} from "../../../../src/auth/wizard/callback.ts";

Deno.test("wizard callback listener: a redirect with another state is 400 and the setup keeps waiting", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const base = `http://127.0.0.1:${port}/callback`;
  const listener = listenForCallback(new URL(base), "the-state");
  let delivered = false;
  listener.received.then(() => delivered = true);
  for (const query of ["code=forged&state=other", "error=access_denied", "code=c&state="]) {
    const forged = await fetch(`${base}?${query}`);
    equal(forged.status, 400, query);
    match(await forged.text(), /does not belong to the running setup/);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  equal(delivered, false, "a forged redirect does not end the setup");
  const page = fetch(`${base}?code=c1&state=the-state`).then((r) => r.text());
  deepEqual(await listener.received, { code: "c1", state: "the-state" });
  await listener.finish("Done.");
  match(await page, /Done\./);
});

Deno.test("wizard callback parameters: error texts lose control characters and ANSI sequences", () => {
  const url = new URL("http://x/cb");
  url.searchParams.set("error", "access_denied\u001b[2J");
  url.searchParams.set(
    "error_description",
    "\u001b[31mYour \u001b]0;pwned\u0007disk\r\nis \u202efull\u009b1m" + "x".repeat(400),
  );
  const params = callbackParams(url);
  equal(params.error, "access_denied");
  const shown = params.errorDescription!;
  ok(!/[\p{Cc}\u202e]/u.test(shown), JSON.stringify(shown));
  match(shown, /^Your \]0;pwned disk is full/);
  ok(shown.length <= 303 && shown.endsWith("..."));
  equal(printable("  plain\ttext  "), "plain text");
  deepEqual(callbackParams(new URL("http://x/cb?error=%1B%1B&code=c")), { code: "c" });
});
