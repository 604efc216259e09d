import assert from "node:assert/strict";
import { emoticonAt } from "../../../../src/content/wiki/emoticons.ts";

Deno.test("emoticonAt finds the emoticon that starts at an index and its emoji", () => {
  assert.deepEqual(emoticonAt("ok (flagoff)", 3), { code: "(flagoff)", emoji: "🏳️" });
  assert.deepEqual(emoticonAt("(*r)", 0), { code: "(*r)", emoji: "⭐" });
  assert.deepEqual(emoticonAt("x :D", 2), { code: ":D", emoji: "😃" });
  assert.equal(emoticonAt("ok (flagoff)", 2), undefined);
  assert.equal(emoticonAt(":Data", 0), undefined);
  assert.equal(emoticonAt("(z)", 0), undefined);
});
