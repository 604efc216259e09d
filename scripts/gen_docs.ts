/**
 * Generates the README's tool tables from the registry (between the `<!-- tools:start -->` and
 * `<!-- tools:end -->` markers) and the count of the Python server's tools implemented (between
 * `<!-- count:start -->` and `<!-- count:end -->`). `--check` fails when the README is out of date.
 *
 * @module
 */
import { inputJsonSchema } from "../src/tools/schemas.ts";
import { ALL_TOOLS, TOOLSETS } from "../src/tools/registry.ts";
import { PYTHON_TOOLS } from "./_python_tools.ts";

const START = "<!-- tools:start -->";
const END = "<!-- tools:end -->";
// deno fmt would re-align the tables; the generated block is kept exactly as generated.
const FMT_OFF = "<!-- deno-fmt-ignore-start -->";
const FMT_ON = "<!-- deno-fmt-ignore-end -->";
const README = new URL("../README.md", import.meta.url);
const COUNT_START = "<!-- count:start -->";
const COUNT_END = "<!-- count:end -->";

/** The sentence that says how many of the Python server's tools this server has. */
function toolCount(): string {
  const ours = new Set(ALL_TOOLS.map((tool) => tool.name));
  const shared = PYTHON_TOOLS.filter((name) => ours.has(name)).length;
  const extra = ALL_TOOLS.length - shared;
  return `It implements ${shared} of the Python server's ${PYTHON_TOOLS.length} tools` +
    (extra ? `, plus ${extra} of its own.` : ".");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/** The Markdown for the toolset table and the tool tables. */
export function toolTables(): string {
  const lines: string[] = ["### Toolsets", ""];
  lines.push("| Toolset | In `default` | Tools | What it covers |");
  lines.push("| --- | --- | --- | --- |");
  for (const toolset of TOOLSETS) {
    lines.push(
      `| ${toolset.name} | ${toolset.isDefault ? "yes" : "no"} | ${toolset.tools.length} | ${
        cell(toolset.description)
      } |`,
    );
  }
  lines.push("");
  const defaults = new Set(TOOLSETS.filter((t) => t.isDefault).map((t) => t.name));
  for (const product of ["jira", "confluence"] as const) {
    lines.push(`### ${product === "jira" ? "Jira" : "Confluence"}`, "");
    lines.push("| Tool | Toolset | Access | Deployments | Parameters (required in bold) |");
    lines.push("| --- | --- | --- | --- | --- |");
    for (const tool of ALL_TOOLS.filter((t) => t.product === product)) {
      const schema = inputJsonSchema(tool) as { properties?: object; required?: string[] };
      const params = Object.keys(schema.properties ?? {}).map((p) =>
        schema.required?.includes(p) ? `**${p}**` : p
      );
      const toolset = defaults.has(tool.toolset) ? `${tool.toolset} (default)` : tool.toolset;
      const deployments = tool.deployments.map((d) => (d === "cloud" ? "Cloud" : "Data Center"))
        .join(", ");
      lines.push(
        `| \`${tool.name}\` — ${
          cell(tool.title)
        } | ${toolset} | ${tool.access} | ${deployments} | ${params.join(", ")} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

if (import.meta.main) {
  const readme = await Deno.readTextFile(README);
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`README.md lacks the ${START} ... ${END} markers.`);
    Deno.exit(1);
  }
  const head = readme.slice(0, start + START.length);
  const tables = `${head}\n${FMT_OFF}\n\n${toolTables()}\n\n${FMT_ON}\n${readme.slice(end)}`;
  const countAt = tables.indexOf(COUNT_START);
  const countEnd = tables.indexOf(COUNT_END);
  if (countAt < 0 || countEnd < countAt) {
    console.error(`README.md lacks the ${COUNT_START} ... ${COUNT_END} markers.`);
    Deno.exit(1);
  }
  const next = tables.slice(0, countAt + COUNT_START.length) + toolCount() + tables.slice(countEnd);
  if (Deno.args.includes("--check")) {
    if (next !== readme) {
      console.error("README.md tool tables are out of date: run `deno task docs`.");
      Deno.exit(1);
    }
  } else {
    await Deno.writeTextFile(README, next);
  }
}
