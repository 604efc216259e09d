import assert from "node:assert/strict";
import {
  carrier,
  placeholder,
  readCarrier,
  readPlaceholder,
} from "../../../src/content/placeholder.ts";

const TRICKY = [
  '<ac:structured-macro ac:name="toc" />',
  "a --> b",
  "ends with -",
  "ends with --",
  "--->",
  "100% %41 %%",
  "pipe | in | table",
  "line\nbreak\r\nand\rcarriage",
  "emoji 😄 and ünïcödé",
  "",
];

Deno.test("placeholder restores every payload byte for byte", () => {
  for (const original of TRICKY) {
    for (const format of ["adf", "storage", "wiki"] as const) {
      const comment = placeholder(format, original);
      assert.deepEqual(readPlaceholder(comment), { format, original });
    }
  }
});

Deno.test("placeholder writes a single-line comment that nothing in its payload can close", () => {
  for (const original of TRICKY) {
    const comment = placeholder("storage", original);
    const inner = comment.slice("<!--".length, -"-->".length);
    assert.ok(!inner.includes("-->"), comment);
    assert.ok(!inner.endsWith("-"), comment);
    assert.ok(!/[\n\r|]/.test(comment), comment);
    assert.ok(comment.startsWith("<!--storage:"), comment);
  }
});

Deno.test("placeholder keeps the payload readable", () => {
  assert.equal(placeholder("wiki", "{toc:maxLevel=2}"), "<!--wiki:{toc:maxLevel=2}-->");
  assert.equal(
    placeholder("adf", JSON.stringify({ type: "status", attrs: { text: "DONE" } })),
    '<!--adf:{"type":"status","attrs":{"text":"DONE"}}-->',
  );
});

Deno.test("carrier round-trips attributes and is told apart from placeholders", () => {
  const attrs = { localId: "a|b-->c", n: 1, nested: { ok: true } };
  const comment = carrier("adf", attrs);
  assert.match(comment, /^<!--adf-attrs:\{/);
  assert.deepEqual(readCarrier(comment), { format: "adf", attrs });
  assert.equal(readPlaceholder(comment), undefined);
  assert.equal(readCarrier(placeholder("adf", "{}")), undefined);
});

Deno.test("readPlaceholder and readCarrier reject other comments and malformed carriers", () => {
  assert.equal(readPlaceholder("<!-- a note -->"), undefined);
  assert.equal(readPlaceholder("<u>x</u>"), undefined);
  assert.equal(readPlaceholder("<!--html:x-->"), undefined);
  assert.equal(readCarrier("<!--adf-attrs:[1,2]-->"), undefined);
  assert.equal(readCarrier("<!--storage-attrs:{oops-->"), undefined);
});
