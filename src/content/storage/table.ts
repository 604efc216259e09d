/**
 * Table grids, shared by the storage reader and writer.
 *
 * A markdown table is a plain grid, so a cell spanning several columns or rows is followed by
 * empty "filler" cells in the slots it covers; the writer leaves out an empty cell in a covered
 * slot (and writes any cell someone filled in). Which cells are header cells (`th`) follows a
 * pattern the table's carrier names with the keys every format uses (`"headerRow": false` when
 * the first row is not a header row, `"headerColumn": true` when the first column is one), and a
 * cell that departs from it says so in its own carrier (`"th": true|false`).
 *
 * @module
 */

/** Which cells are header cells, unless a cell says otherwise. */
export type HeaderPattern = "row" | "column" | "both" | "none";

/** The patterns in order of preference (the first of equally good ones is taken). */
export const HEADER_PATTERNS: readonly HeaderPattern[] = ["row", "none", "column", "both"];

/** True when the pattern makes the cell in `row`, `column` (both from 0) a header cell. */
export function isPatternHeader(pattern: HeaderPattern, row: number, column: number): boolean {
  switch (pattern) {
    case "row":
      return row === 0;
    case "column":
      return column === 0;
    case "both":
      return row === 0 || column === 0;
    case "none":
      return false;
  }
}

/** The carrier keys that name a pattern (none for the usual header row). */
export function headerCarrier(pattern: HeaderPattern): Record<string, boolean> {
  const keys: Record<string, boolean> = {};
  if (pattern === "none" || pattern === "column") keys.headerRow = false;
  if (pattern === "column" || pattern === "both") keys.headerColumn = true;
  return keys;
}

/** The pattern a table carrier names (`headerCarrier` reversed). */
export function headerPattern(carrier: Record<string, unknown>): HeaderPattern {
  const row = carrier.headerRow !== false;
  const column = carrier.headerColumn === true;
  return row ? (column ? "both" : "row") : (column ? "column" : "none");
}

/** A cell's extent in columns and rows, from its attributes; undefined when malformed. */
export function spanOf(
  attributes: Record<string, string>,
): { columns: number; rows: number } | undefined {
  const count = (value: string | undefined) =>
    value === undefined ? 1 : /^[1-9][0-9]{0,2}$/.test(value) ? Number(value) : 0;
  const columns = count(attributes.colspan);
  const rows = count(attributes.rowspan);
  return columns && rows ? { columns, rows } : undefined;
}

/** The grid slots covered by spanning cells (other than their own first slot). */
export class Coverage {
  #slots = new Set<string>();

  /** Records the slots a cell at `row`, `column` with `span` covers beyond its own. */
  add(row: number, column: number, span: { columns: number; rows: number }): void {
    for (let r = 0; r < span.rows; r++) {
      for (let c = 0; c < span.columns; c++) {
        if (r || c) this.#slots.add(`${row + r},${column + c}`);
      }
    }
  }

  /** True when a spanning cell covers the slot. */
  has(row: number, column: number): boolean {
    return this.#slots.has(`${row},${column}`);
  }
}
