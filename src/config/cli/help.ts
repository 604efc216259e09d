/**
 * The `--help` and `--version` texts: every flag by section (wrapped at a fixed width), then the
 * main environment variables.
 *
 * @module
 */
import { SERVER_NAME, VERSION } from "../../version.ts";
import { ENV_HELP } from "./env_help.ts";
import { FLAGS } from "./flag_table.ts";

/** The `--version` output. */
export function versionText(): string {
  return `${SERVER_NAME} ${VERSION} (Deno)`;
}

const HELP_WIDTH = 96;
const HELP_COLUMN = 36;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The `--help` output: every flag by section, then the main environment variables. */
export function helpText(): string {
  const lines = [
    `${SERVER_NAME} ${VERSION}: an MCP server for Jira and Confluence (Cloud and Server/Data Center).`,
    "",
    "Usage: mcp-atlassian [options]",
  ];
  const groups = [...new Set(FLAGS.map((f) => f.group))];
  for (const group of groups) {
    lines.push("", `${group}:`);
    for (const f of FLAGS.filter((x) => x.group === group)) {
      const names = `  ${f.short ? `-${f.short}, ` : ""}--${f.name}${
        f.metavar ? ` ${f.metavar}` : ""
      }`;
      const text = wrap(`${f.help}${f.env ? ` [${f.env}]` : ""}`, HELP_WIDTH - HELP_COLUMN);
      if (names.length > HELP_COLUMN - 2) lines.push(names);
      text.forEach((line, i) => {
        const left = i === 0 && names.length <= HELP_COLUMN - 2 ? names : "";
        lines.push(`${left.padEnd(HELP_COLUMN)}${line}`);
      });
    }
  }
  lines.push("", ENV_HELP);
  return lines.join("\n");
}
