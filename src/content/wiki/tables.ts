/**
 * Wiki tables (`||heading||` and `|cell|` rows) <-> markdown tables.
 *
 * Markdown tables have one header row. A wiki table whose header cells are its first row, its
 * first column, both or none is a markdown table with a carrier for what differs from one header
 * row (`{"headerRow":false}`, `{"headerColumn":true}`). Any other table (header cells elsewhere,
 * rows of different lengths) is a shown placeholder whose visible part is the table.
 *
 * @module
 */

import type { Html, Table, TableRow } from "../_mdast.ts";
import { extraOf, withExtra } from "../_hub.ts";
import { readWikiCell, writeWikiInline } from "./inline.ts";
import { shownWiki } from "./shown.ts";

interface Cell {
  header: boolean;
  content: string;
}

interface Layout {
  headerRow: boolean;
  headerColumn: boolean;
}

/** The layouts a carrier can describe; the first that fits a table is its layout. */
const LAYOUTS: Layout[] = [
  { headerRow: true, headerColumn: false },
  { headerRow: false, headerColumn: false },
  { headerRow: false, headerColumn: true },
  { headerRow: true, headerColumn: true },
];
const IMAGE = /^!([^\s!|]+)\|[^!\n]*!/;

/** True when a line is a table row. */
export function isTableRow(line: string): boolean {
  return line.startsWith("|");
}

/** Reads the table whose rows are `lines` as a markdown table (see the module doc). */
export function readTable(lines: string[]): Table | Html {
  const rows = lines.map(readRow);
  const width = Math.max(...rows.map((row) => row.length));
  const layout = width === 0
    ? undefined
    : LAYOUTS.find((candidate) =>
      rows.every((row, r) =>
        row.length === width && row.every((cell, c) => cell.header === isHeader(candidate, r, c))
      )
    );
  const children: TableRow[] = rows.map((row) => ({
    type: "tableRow",
    children: Array.from({ length: Math.max(width, 1) }, (_, c) => ({
      type: "tableCell",
      children: readWikiCell(row[c]?.content.trim() ?? ""),
    })),
  }));
  const table: Table = { type: "table", align: children[0].children.map(() => null), children };
  if (!layout) return shownWiki(lines.join("\n"), [table]);
  const attrs: Record<string, boolean> = {};
  if (!layout.headerRow) attrs.headerRow = false;
  if (layout.headerColumn) attrs.headerColumn = true;
  return withExtra(table, "wiki", attrs);
}

/** Writes a markdown table as wiki rows, with the header cells its carrier describes. */
export function writeTable(table: Table): string {
  const attrs = extraOf(table, "wiki");
  const layout = {
    headerRow: attrs?.headerRow !== false,
    headerColumn: attrs?.headerColumn === true,
  };
  return table.children.map((row, r) => {
    const cells = row.children.map((cell, c) => {
      const separator = isHeader(layout, r, c) ? "||" : "|";
      return { separator, content: writeWikiInline(cell.children, "cell") || " " };
    });
    const close = cells.at(-1)?.separator ?? "|";
    return cells.map((cell) => cell.separator + cell.content).join("") + close;
  }).join("\n");
}

function isHeader(layout: Layout, row: number, column: number): boolean {
  return (layout.headerRow && row === 0) || (layout.headerColumn && column === 0);
}

/**
 * Splits a table row into cells; a bar inside a link, `{{code}}` or an image, or after a
 * backslash, does not split.
 */
function readRow(line: string): Cell[] {
  const cells: Cell[] = [];
  const row = line.trimEnd();
  let index = 0;
  while (index < row.length && row[index] === "|") {
    const header = row.startsWith("||", index);
    index += header ? 2 : 1;
    let content = "";
    while (index < row.length && row[index] !== "|") {
      const span = protectedSpan(row.slice(index));
      content += span;
      index += span.length;
    }
    if (content || index < row.length) cells.push({ header, content });
  }
  return cells;
}

/** The text at the start of `rest` that a cell separator cannot cut: an escape, link, code, image. */
function protectedSpan(rest: string): string {
  if (rest.startsWith("\\")) return rest.slice(0, 2);
  const closer = rest.startsWith("{{") ? "}}" : rest.startsWith("[") ? "]" : undefined;
  const close = closer ? rest.indexOf(closer, 1) : -1;
  if (close > 0) return rest.slice(0, close + closer!.length);
  return IMAGE.exec(rest)?.[0] ?? rest[0];
}
