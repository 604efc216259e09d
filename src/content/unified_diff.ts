/**
 * Line diffs in the unified format of Python's `difflib.unified_diff(a, b, fromfile, tofile,
 * lineterm="")` joined with newlines: `--- from` / `+++ to` headers, `@@ -1,3 +1,4 @@` hunks
 * with three lines of context. The lines matched are a longest common subsequence (Myers), so
 * hunks can differ from difflib's own matcher where a change has several equally short diffs.
 *
 * @module
 */

type Op = { kind: " " | "-" | "+"; line: string };

/**
 * The most changed lines a diff matches line by line; beyond it the diff is one hunk that
 * replaces every line. The search keeps one row per change made so far (row d holds 2d + 1
 * numbers), so this bounds its memory to about MAX_EDITS² × 4 bytes (4 MB) whatever the size
 * of the texts.
 */
export const MAX_EDITS = 1000;

/**
 * The edit script from `a` to `b` (Myers' O(ND) greedy algorithm, with its trace), or undefined
 * when it needs more than `maxEdits` inserted and deleted lines.
 */
function editScript(a: string[], b: string[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[offset - d .. offset + d] as it was before step d.
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    if (d > maxEdits) return undefined;
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
        ? v[offset + k + 1]
        : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    // Row d covers diagonals -d..d; the ones read here (k ± 1 of the previous step) lie inside.
    const before = (diagonal: number) => trace[d][diagonal + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && before(k - 1) < before(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : before(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x] });
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: "+", line: b[--y] });
    else ops.push({ kind: "-", line: a[--x] });
  }
  return ops.reverse();
}

/** difflib's range: `start,length`, just `start` for one line, the line before for none. */
function range(start: number, length: number): string {
  if (length === 1) return String(start + 1);
  return `${length ? start + 1 : start},${length}`;
}

/** A unified diff, and whether it had too many changes and replaces every line instead. */
export interface UnifiedDiff {
  text: string;
  whole: boolean;
}

/**
 * A unified diff of two texts split into lines (a final line break does not make an extra
 * line); empty text when they have the same lines. With more than `maxEdits` changed lines the
 * diff is one hunk removing every old line and adding every new one (`whole`).
 */
export function unifiedDiff(
  before: string,
  after: string,
  names: { from: string; to: string },
  context = 3,
  maxEdits = MAX_EDITS,
): UnifiedDiff {
  const a = lines(before);
  const b = lines(after);
  const script = editScript(a, b, maxEdits);
  const whole = !script;
  const ops = script ?? [
    ...a.map((line): Op => ({ kind: "-", line })),
    ...b.map((line): Op => ({ kind: "+", line })),
  ];
  const changed = ops.map((op, i) => op.kind !== " " ? i : -1).filter((i) => i >= 0);
  if (!changed.length) return { text: "", whole };
  const out = [`--- ${names.from}`, `+++ ${names.to}`];
  // positions in a and b before each op
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const op of ops) {
    posA.push(ia);
    posB.push(ib);
    if (op.kind !== "+") ia++;
    if (op.kind !== "-") ib++;
  }
  let i = 0;
  while (i < changed.length) {
    const first = Math.max(0, changed[i] - context);
    let last = changed[i];
    while (i + 1 < changed.length && changed[i + 1] - last - 1 <= 2 * context) last = changed[++i];
    i++;
    const end = Math.min(ops.length, last + context + 1);
    const hunk = ops.slice(first, end);
    const lengthA = hunk.filter((op) => op.kind !== "+").length;
    const lengthB = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${range(posA[first], lengthA)} +${range(posB[first], lengthB)} @@`);
    for (const op of hunk) out.push(op.kind + op.line);
  }
  return { text: out.join("\n"), whole };
}

function lines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
}
