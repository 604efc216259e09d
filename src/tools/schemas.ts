/**
 * Input building blocks shared by tools, with the Python server's names, formats and patterns.
 *
 * @module
 */
import { z } from "zod";
import { ToolError } from "../errors.ts";

/** A Jira issue key such as `PROJ-123`. */
export const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]+-\d+(?:-\d+)*$/).describe(
  "Jira issue key, e.g. 'PROJ-123'.",
);

/** A Jira project key such as `PROJ`. */
export const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]+$/).describe(
  "Jira project key, e.g. 'PROJ'.",
);

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
