import { deepEqual, equal } from "node:assert/strict";
import { prune, renderAnswer } from "../../../src/tools/answer.ts";

Deno.test("prune drops nulls, empty strings, empty arrays and empty objects", () => {
  deepEqual(
    prune({ a: null, b: "", c: [], d: {}, e: { f: undefined }, g: 0, h: false, i: ["x", null] }),
    {
      g: 0,
      h: false,
      i: ["x"],
    },
  );
});

Deno.test("renderAnswer keeps strings and renders values as compact JSON", () => {
  equal(renderAnswer("plain"), "plain");
  equal(renderAnswer({ key: "DEMO-1", empty: null }), '{"key":"DEMO-1"}');
});
