import { equal } from "node:assert/strict";
import { render } from "../../../scripts/bench/table.ts";

Deno.test("render writes one table line per row, with the ratio and whether the goal is met", () => {
  const lines = render("a machine", [
    { measurement: "floor", figure: "100 ms" },
    {
      measurement: "start",
      figure: "125 ms",
      floor: "100 ms",
      ratio: 1.25,
      goal: "≤ 1.3×",
      met: true,
    },
    { measurement: "bundle", figure: "not built", ratio: NaN, goal: "≤ 1.3×" },
  ]).split("\n");
  equal(lines[0], "Machine: a machine");
  equal(lines[3], "| measurement | figure | floor | ratio | goal | met |");
  equal(lines[5], "| floor | 100 ms |  |  |  |  |");
  equal(lines[6], "| start | 125 ms | 100 ms | 1.25× | ≤ 1.3× | yes |");
  equal(lines[7], "| bundle | not built |  |  | ≤ 1.3× |  |");
});
