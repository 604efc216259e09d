import { equal } from "node:assert/strict";
import { decodeTinyLink, foreignHost, pageIdFrom } from "../../../src/confluence/page_ref.ts";

Deno.test("pageIdFrom reads ids, page URLs and pageId query parameters", () => {
  equal(pageIdFrom("123456"), "123456");
  equal(pageIdFrom("https://x.atlassian.net/wiki/spaces/DEV/pages/98765/Title"), "98765");
  equal(pageIdFrom("https://wiki.corp/pages/viewpage.action?pageId=4242"), "4242");
  equal(pageIdFrom("not a page"), undefined);
});

Deno.test("decodeTinyLink decodes little-endian base64 page ids", () => {
  // 65538 = 0x010002 -> bytes 02 00 01 -> base64 "AgAB"
  equal(decodeTinyLink("AgAB"), "65538");
  equal(pageIdFrom("https://x.atlassian.net/wiki/x/AgAB"), "65538");
});

Deno.test("foreignHost names the host of a page URL on another site than the configured one", () => {
  const site = "https://x.atlassian.net/wiki";
  equal(foreignHost("https://evil.example.com/wiki/spaces/A/pages/1", site), "evil.example.com");
  equal(foreignHost("https://X.atlassian.net/wiki/spaces/A/pages/1", site), undefined);
  equal(foreignHost("123456", site), undefined);
  equal(foreignHost("/wiki/spaces/A/pages/1", site), undefined);
  equal(foreignHost("https://evil.example.com/pages/1", undefined), undefined);
});
