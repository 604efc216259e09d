import { ok } from "node:assert/strict";
import { looksLikeCql } from "../../../../../src/tools/confluence/pages/search.ts";

Deno.test("looksLikeCql tells CQL from plain words", () => {
  ok(looksLikeCql('space = DEV AND title ~ "x"'));
  ok(looksLikeCql("creator = currentUser()"));
  ok(!looksLikeCql("release notes for march"));
});
