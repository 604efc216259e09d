import assert from "node:assert/strict";
import { Coverage, isPatternHeader, spanOf } from "../../../../src/content/storage/table.ts";

Deno.test("spanOf reads colspan and rowspan, one by default, and refuses malformed spans", () => {
  assert.deepEqual(spanOf({}), { columns: 1, rows: 1 });
  assert.deepEqual(spanOf({ colspan: "2", rowspan: "3" }), { columns: 2, rows: 3 });
  for (const bad of ["0", "-1", "x", "1.5", "1000"]) {
    assert.equal(spanOf({ colspan: bad }), undefined);
  }
});

Deno.test("Coverage covers the slots of a spanning cell except its own", () => {
  const coverage = new Coverage();
  coverage.add(0, 1, { columns: 2, rows: 2 });
  const covered = [[0, 1], [0, 2], [1, 1], [1, 2], [0, 0], [2, 1]].map(([r, c]) =>
    coverage.has(r, c)
  );
  assert.deepEqual(covered, [false, true, true, true, false, false]);
});

Deno.test("isPatternHeader puts header cells in the first row, column, both or none", () => {
  const grid = (pattern: Parameters<typeof isPatternHeader>[0]) =>
    [[0, 0], [0, 1], [1, 0], [1, 1]].map(([r, c]) => isPatternHeader(pattern, r, c));
  assert.deepEqual(grid("row"), [true, true, false, false]);
  assert.deepEqual(grid("column"), [true, false, true, false]);
  assert.deepEqual(grid("both"), [true, true, true, false]);
  assert.deepEqual(grid("none"), [false, false, false, false]);
});
