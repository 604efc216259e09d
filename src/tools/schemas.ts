/**
 * Input building blocks shared by tools, with the Python server's names, formats and patterns.
 *
 * @module
 */
import { z } from "zod";
import type { KeyPatterns } from "../config/types.ts";
import { ToolError } from "../errors.ts";

/** The Python server's default key formats. */
export const DEFAULT_KEY_PATTERNS: Required<KeyPatterns> = {
  issue: "^[A-Z][A-Z0-9_]+-\\d+(?:-\\d+)*$",
  project: "^[A-Z][A-Z0-9_]+$",
};

/** JSON-schema marker of a key property; `inputJsonSchema` turns it into the pattern in force. */
export const KEY_KIND = "x-key-kind";

type KeyKind = keyof KeyPatterns;

// One configuration per process: the formats in force for every tool's key arguments.
const active: Record<KeyKind, RegExp> = {
  issue: new RegExp(DEFAULT_KEY_PATTERNS.issue),
  project: new RegExp(DEFAULT_KEY_PATTERNS.project),
};

/** Sets the key formats (`JIRA_ISSUE_KEY_PATTERN`, `JIRA_PROJECT_KEY_PATTERN`) for this process. */
export function setKeyPatterns(patterns: KeyPatterns = {}): void {
  active.issue = new RegExp(patterns.issue ?? DEFAULT_KEY_PATTERNS.issue);
  active.project = new RegExp(patterns.project ?? DEFAULT_KEY_PATTERNS.project);
}

/** The pattern (source text) in force for a kind of key. */
export function keyPattern(kind: KeyKind): string {
  return active[kind].source;
}

function keyString(kind: KeyKind, description: string, example: string) {
  return z.string()
    .refine((value) => active[kind].test(value), {
      error: () => `must match ${active[kind].source}, e.g. '${example}'`,
    })
    .meta({ description, [KEY_KIND]: kind });
}

/** A Jira issue key such as `PROJ-123` (format: `JIRA_ISSUE_KEY_PATTERN`). */
export const issueKey = keyString("issue", "Jira issue key, e.g. 'PROJ-123'.", "PROJ-123");

/** A Jira project key such as `PROJ` (format: `JIRA_PROJECT_KEY_PATTERN`). */
export const projectKey = keyString("project", "Jira project key, e.g. 'PROJ'.", "PROJ");

/** Splits a comma-separated list, dropping blanks. */
export function commaList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** Parses a JSON-object argument, or explains in one sentence why it is not one. */
export function jsonObject(name: string, value: string | undefined): Record<string, unknown> {
  if (value === undefined || value.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ToolError(
      `${name} is not valid JSON: ${(error as Error).message}.`,
      `Pass a JSON object, e.g. {"priority": {"name": "High"}}.`,
    );
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ToolError(`${name} must be a JSON object.`, `Pass e.g. {"labels": ["backend"]}.`);
  }
  return parsed as Record<string, unknown>;
}
