import { equal } from "node:assert/strict";
import { MAX_EDITS, unifiedDiff as diffOf } from "../../../src/content/unified_diff.ts";

/** The diff's text. */
const unifiedDiff = (...args: Parameters<typeof diffOf>) => diffOf(...args).text;

const names = { from: "v1", to: "v2" };
const numbers = Array.from({ length: 20 }, (_, i) => String(i + 1));

// Expected strings are Python's "\n".join(difflib.unified_diff(a, b, "v1", "v2", lineterm="")).
Deno.test("unifiedDiff writes difflib's headers, ranges and context", () => {
  equal(
    unifiedDiff("# Title\n\nOne.\n\nTwo.", "# Title\n\nOne, changed.\n\nTwo.", names),
    "--- v1\n+++ v2\n@@ -1,5 +1,5 @@\n # Title\n \n-One.\n+One, changed.\n \n Two.",
  );
  equal(unifiedDiff("", "new", names), "--- v1\n+++ v2\n@@ -0,0 +1 @@\n+new");
  equal(unifiedDiff("old\n", "", names), "--- v1\n+++ v2\n@@ -1 +0,0 @@\n-old");
});

Deno.test("unifiedDiff splits changes more than six lines apart into hunks", () => {
  const after = numbers.map((n) => n === "2" ? "2a" : n === "19" ? "19x" : n);
  equal(
    unifiedDiff(numbers.join("\n"), after.join("\n"), names),
    "--- v1\n+++ v2\n@@ -1,5 +1,5 @@\n 1\n-2\n+2a\n 3\n 4\n 5\n" +
      "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+19x\n 20",
  );
  const near = numbers.map((n) => n === "2" ? "2a" : n === "9" ? "9x" : n);
  equal(unifiedDiff(numbers.join("\n"), near.join("\n"), names).split("@@").length, 3);
});

Deno.test("unifiedDiff is empty for the same lines", () => {
  equal(unifiedDiff("a\nb\n", "a\nb", names), "");
  equal(unifiedDiff("", "", names), "");
});

/** Applies a unified diff to `before` (a checker independent of how hunks were chosen). */
function patch(before: string, diff: string): string {
  const a = before === "" ? [] : before.split("\n");
  const out: string[] = [];
  let at = 0;
  for (const line of diff.split("\n").slice(2)) {
    const hunk = /^@@ -(\d+)(?:,(\d+))? /.exec(line);
    if (hunk) {
      const start = Number(hunk[1]) - (hunk[2] === "0" ? 0 : 1);
      while (at < start) out.push(a[at++]);
    } else if (line[0] === "+") out.push(line.slice(1));
    else {
      equal(a[at], line.slice(1), "context and removed lines are the old ones");
      if (line[0] === " ") out.push(a[at]);
      at++;
    }
  }
  return [...out, ...a.slice(at)].join("\n");
}

Deno.test("unifiedDiff turns any text into any other", () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 300; round++) {
    const a = Array.from({ length: random(12) }, () => "abcde"[random(5)]);
    const b = a.filter(() => random(4) > 0).map((x) => random(5) ? x : x + "y");
    b.splice(random(b.length + 1), 0, "new");
    const diff = unifiedDiff(a.join("\n"), b.join("\n"), names);
    equal(patch(a.join("\n"), diff), b.join("\n"), JSON.stringify([a, b]));
  }
});

Deno.test("unifiedDiff of texts with too many changes is one hunk replacing every line", () => {
  const before = Array.from({ length: 10_000 }, (_, i) => `old ${i}`);
  const after = Array.from({ length: 10_000 }, (_, i) => `new ${i}`);
  const diff = diffOf(before.join("\n"), after.join("\n"), names);
  equal(diff.whole, true);
  const lines = diff.text.split("\n");
  equal(lines[2], "@@ -1,10000 +1,10000 @@");
  equal(lines.length, 3 + 20_000, "one hunk, every line once");
  equal(patch(before.join("\n"), diff.text), after.join("\n"));
  const few = after.slice(0, MAX_EDITS / 2).join("\n");
  const matched = diffOf(before.slice(0, MAX_EDITS / 2).join("\n"), few, names);
  equal(matched.whole, false, "up to MAX_EDITS changes are matched line by line");
});
