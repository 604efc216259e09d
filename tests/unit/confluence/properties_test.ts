import assert from "node:assert/strict";
import type { ServiceConfig } from "../../../src/config/types.ts";
import {
  applyPageLook,
  deletePageProperty,
  emojiId,
  getPageProperty,
  setPageProperty,
} from "../../../src/confluence/properties.ts";
import { HttpClient } from "../../../src/http/mod.ts";
import { type FakeSite, startFakeAtlassian } from "../../fake_atlassian/mod.ts";

Deno.test("emojiId gives the hex code points Confluence stores, joined by '-'", () => {
  assert.equal(emojiId("📝"), "1f4dd");
  assert.equal(emojiId(" 🚀 "), "1f680");
  assert.equal(emojiId("🇺🇸"), "1f1fa-1f1f8");
  assert.equal(emojiId("👍🏽"), "1f44d-1f3fd");
  assert.equal(emojiId("❤️"), "2764");
  assert.equal(emojiId("👨‍💻"), "1f468-200d-1f4bb");
  assert.equal(emojiId("1️⃣"), "31-20e3");
});

Deno.test("emojiId refuses text, shortcodes and more than one emoji", () => {
  for (const bad of ["", "a", ":memo:", "1", "#", "📝📝", "📝 ok", "→"]) {
    assert.equal(emojiId(bad), undefined, bad);
  }
});

function clientFor(site: FakeSite): HttpClient {
  const env = site.env;
  const cloud = site.flavour === "cloud";
  const service: ServiceConfig = {
    product: "confluence",
    url: env.CONFLUENCE_URL,
    deployment: cloud ? "cloud" : "datacenter",
    auth: cloud
      ? { kind: "basic", username: env.CONFLUENCE_USERNAME, token: env.CONFLUENCE_API_TOKEN }
      : { kind: "pat", token: env.CONFLUENCE_PERSONAL_TOKEN },
    tls: { verify: true },
    proxy: { noProxy: [] },
    timeoutMs: 5_000,
    customHeaders: {},
    allowlist: [],
  };
  return new HttpClient(service, { sleep: () => Promise.resolve() });
}

for (const flavour of ["cloud", "datacenter"] as const) {
  Deno.test(`page properties are created, versioned and deleted on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const client = clientFor(site);
    assert.equal(await getPageProperty(client, "1003", "emoji-title-published"), undefined);
    const created = await setPageProperty(client, "1003", "emoji-title-published", "1f4dd");
    assert.equal(created.version, 1);
    const updated = await setPageProperty(client, "1003", "emoji-title-published", "1f680");
    assert.equal(updated.version, 2);
    assert.equal((await getPageProperty(client, "1003", "emoji-title-published"))?.value, "1f680");
    assert.equal(await deletePageProperty(client, "1003", "emoji-title-published"), true);
    assert.equal(await deletePageProperty(client, "1003", "emoji-title-published"), false);
    assert.equal(site.state.properties.some((p) => p.pageId === "1003"), false);
  });

  Deno.test(`setPageProperty retries once after a 409 on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const client = clientFor(site);
    site.fault({ match: "/propert", method: "PUT", status: 409 });
    const written = await setPageProperty(client, "1002", "content-appearance-published", "max");
    assert.equal(written.version, 2);
    assert.equal(site.requests.filter((r) => r.method === "PUT").length, 2);
  });

  Deno.test(`applyPageLook reports failures as sentences instead of throwing on ${flavour}`, async () => {
    await using fake = await startFakeAtlassian();
    const site = fake[flavour];
    const client = clientFor(site);
    site.fault({ match: "/propert", method: "POST", status: 500, times: Infinity });
    const failures = await applyPageLook(client, "1003", { emoji: "📝", pageWidth: "max" });
    assert.equal(failures.length, 2);
    assert.match(failures[0], /^Setting the page emoji failed \(emoji-title-published\): .*500/);
    assert.match(failures[1], /^Setting the page width failed \(content-appearance-published\)/);
    assert.deepEqual(site.state.properties.filter((p) => p.pageId === "1003"), []);
    assert.deepEqual(await applyPageLook(client, "1003", { emoji: "no" }), [
      '"no" is not a single emoji, so the page emoji was not set.',
    ]);
  });
}
