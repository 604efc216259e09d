/**
 * The benchmark's report: a Markdown table of measurement | figure | floor | ratio | goal | met,
 * headed by the machine it ran on, and writing it between the README's bench markers.
 *
 * @module
 */

/** One line of the table. */
export interface Row {
  /** What was measured. */
  measurement: string;
  /** The figure (with its unit). */
  figure: string;
  /** What the figure is compared with, if anything. */
  floor?: string;
  /** The ratio the goal is about (most often figure / floor). */
  ratio?: number;
  /** The goal, as text. */
  goal?: string;
  /** Whether the goal is met (undefined: no goal or not measured). */
  met?: boolean;
}

/** The report: machine and date lines, then the table. */
export function render(machine: string, rows: readonly Row[]): string {
  const lines = [
    `Machine: ${machine}`,
    `Date: ${new Date().toISOString().slice(0, 10)}`,
    "",
    "| measurement | figure | floor | ratio | goal | met |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const row of rows) {
    const ratio = row.ratio === undefined || !Number.isFinite(row.ratio)
      ? ""
      : `${row.ratio.toFixed(2)}×`;
    const met = row.met === undefined ? "" : row.met ? "yes" : "no";
    lines.push(
      `| ${row.measurement} | ${row.figure} | ${row.floor ?? ""} | ${ratio} | ${
        row.goal ?? ""
      } | ${met} |`,
    );
  }
  return lines.join("\n");
}

const README = new URL("../../README.md", import.meta.url);

/** Puts the report between the README's bench markers (kept out of deno fmt). */
export async function writeReadme(report: string): Promise<void> {
  const readme = await Deno.readTextFile(README);
  const start = readme.indexOf("<!-- bench:start -->");
  const end = readme.indexOf("<!-- bench:end -->");
  if (start < 0 || end < start) throw new Error("README.md lacks the bench markers");
  const block = `<!-- bench:start -->\n<!-- deno-fmt-ignore-start -->\n\n${report}\n\n` +
    "<!-- deno-fmt-ignore-end -->\n";
  await Deno.writeTextFile(README, readme.slice(0, start) + block + readme.slice(end));
}
