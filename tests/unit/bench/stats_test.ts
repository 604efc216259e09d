import { equal, ok } from "node:assert/strict";
import { median, percentile, slope } from "../../../scripts/bench/stats.ts";

Deno.test("median takes the middle value, or the mean of the two middle values", () => {
  equal(median([3, 1, 2]), 2);
  equal(median([4, 1, 3, 2]), 2.5);
  ok(Number.isNaN(median([])));
});

Deno.test("percentile is the nearest rank", () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
  equal(percentile(values, 50), 50);
  equal(percentile(values, 99), 99);
  equal(percentile(values, 100), 100);
  equal(percentile(values, 0), 1);
  equal(percentile([7], 99), 7);
});

Deno.test("slope fits a least-squares line", () => {
  equal(slope([[0, 1], [1, 3], [2, 5]]), 2);
  equal(slope([[0, 5], [1, 5], [2, 5]]), 0);
  equal(slope([[0, 0], [1, 1], [2, 0], [3, 1]]), 0.2);
  ok(Number.isNaN(slope([[1, 1]])));
  ok(Number.isNaN(slope([[1, 1], [1, 2]])));
});
