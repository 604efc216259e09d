/**
 * The project and space allowlists (`JIRA_PROJECTS_FILTER`, `CONFLUENCE_SPACES_FILTER`):
 * AND-ed into every JQL/CQL the server sends, and checked on direct reads and writes.
 *
 * @module
 */
import { ToolError } from "../errors.ts";

/**
 * The positions of a query that lie outside string literals (`"..."`, `'...'`, with backslash
 * escapes); `open` tells afterwards whether a literal was left unclosed.
 */
function* unquoted(query: string, state: { open: boolean } = { open: false }): Generator<number> {
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else yield i;
  }
  state.open = quote !== undefined;
}

/** Splits a query into its condition and its trailing `ORDER BY` clause (outside quotes). */
export function splitOrderBy(query: string): { where: string; orderBy: string } {
  for (const i of unquoted(query)) {
    if (/^order\s+by\b/i.test(query.slice(i)) && (i === 0 || /\s|\)/.test(query[i - 1]))) {
      return { where: query.slice(0, i).trim(), orderBy: query.slice(i).trim() };
    }
  }
  return { where: query.trim(), orderBy: "" };
}

/** A JQL or CQL string literal: the value in double quotes, its backslashes and quotes escaped. */
export function queryLiteral(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

function quoteList(values: string[]): string {
  return values.map(queryLiteral).join(", ");
}

/**
 * Throws unless every parenthesis and quote outside string literals is balanced. Without this,
 * `project = OPS) OR (project = OPS` would escape the parentheses the allowlist wraps around it.
 */
function assertBalanced(query: string, language: "JQL" | "CQL"): void {
  let depth = 0;
  const literal = { open: false };
  for (const i of unquoted(query, literal)) {
    if (query[i] === "(") depth++;
    else if (query[i] === ")" && --depth < 0) break;
  }
  const quote = literal.open;
  if (depth !== 0 || quote) {
    throw new ToolError(
      `The ${language} query has unbalanced ${quote ? "quotes" : "parentheses"}.`,
      'Close every parenthesis and quote, e.g. project = DEMO AND (status = Done OR status = "In Review").',
    );
  }
}

function restrict(query: string, clause: string): string {
  const { where, orderBy } = splitOrderBy(query);
  const combined = where ? `(${where}) AND ${clause}` : clause;
  return orderBy ? `${combined} ${orderBy}` : combined;
}

/** Narrows a JQL query to the allowed projects (unchanged when the list is empty). */
export function restrictJql(jql: string, projects: string[]): string {
  if (!projects.length) return jql;
  assertBalanced(jql, "JQL");
  return restrict(jql, `project IN (${quoteList(projects)})`);
}

/** Narrows a CQL query to the allowed spaces (unchanged when the list is empty). */
export function restrictCql(cql: string, spaces: string[]): string {
  if (!spaces.length) return cql;
  assertBalanced(cql, "CQL");
  return restrict(cql, `space IN (${quoteList(spaces)})`);
}

/** The project key of an issue key (`DEMO-12` -> `DEMO`). */
export function projectOfIssueKey(issueKey: string): string {
  const dash = issueKey.lastIndexOf("-");
  return (dash > 0 ? issueKey.slice(0, dash) : issueKey).toUpperCase();
}

/** True when the key (project key or space key) is in the allowlist, or the list is empty. */
export function isAllowed(key: string | undefined, allowlist: string[]): boolean {
  if (!allowlist.length) return true;
  return key !== undefined && allowlist.some((a) => a.toUpperCase() === key.toUpperCase());
}

/** Throws unless the project is in the allowlist (or the list is empty). */
export function assertProjectAllowed(project: string, projects: string[]): void {
  if (!isAllowed(project, projects)) {
    throw new ToolError(
      `Project ${project} is outside the projects this server may use (${projects.join(", ")}).`,
      "Ask the administrator to add it to JIRA_PROJECTS_FILTER, or use an allowed project.",
    );
  }
}

/** Throws unless the space is in the allowlist (or the list is empty). */
export function assertSpaceAllowed(space: string | undefined, spaces: string[]): void {
  if (!isAllowed(space, spaces)) {
    throw new ToolError(
      `Space ${space ?? "(unknown)"} is outside the spaces this server may use (${
        spaces.join(", ")
      }).`,
      "Ask the administrator to add it to CONFLUENCE_SPACES_FILTER, or use an allowed space.",
    );
  }
}
