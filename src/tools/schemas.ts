/**
 * Input building blocks shared by tools, with the Python server's names, formats and patterns.
 *
 * @module
 */
import { z } from "zod";
import type { KeyPatterns } from "../config/types.ts";
import { ToolError } from "../errors.ts";
import { inputOf, type ToolDef } from "./define.ts";
import type { Tool } from "../sdk.ts";
import { SHARED_PARAMETERS } from "./glossary.ts";

/**
 * The longest value, in characters, each kind of string parameter takes. A longer value is
 * refused before any request, naming the parameter and the limit.
 */
export const LIMITS = {
  /** Ids and keys: issues, projects, pages, spaces. */
  id: 255,
  /**
   * Names, titles and other short values: transition names, assignees, worklog times, an emoji
   * (Jira summaries and Confluence page titles stop at 255 characters).
   */
  name: 255,
  /**
   * JQL, CQL, page URLs and comma-separated lists (they travel in the request URL), and small JSON
   * options such as a comment's visibility.
   */
  query: 10_000,
  /** Rich text and JSON, and every string without a kind (the HTTP transports take 4 MiB). */
  text: 1_000_000,
  /**
   * Base64 files (`jira_create_customer_request`'s `attachments`): one file of up to 50 MiB,
   * encoded, with room for its JSON.
   */
  files: Math.ceil((50 * 1024 * 1024) / 3) * 4 + 10_000,
} as const;

/** A kind of string parameter, by its limit. */
export type LimitKind = keyof typeof LIMITS;

/** A string parameter of one kind, refused beyond that kind's limit. */
export function limitedString(kind: LimitKind, description: string): z.ZodString {
  return z.string().max(LIMITS[kind], { abort: true }).describe(description);
}

/** JSON-schema marker of an id property; `inputJsonSchema` turns it into `type: [string, integer]`. */
const ID_NUMBER = "x-id-number";

/**
 * An id: a string, or a non-negative integer that becomes its decimal string (`10001` ->
 * `"10001"`). Booleans, objects, arrays, null, negative and fractional numbers are refused. Its
 * JSON schema says both: `type: ["string", "integer"]`, `maxLength` for the string, `minimum: 0`
 * for the integer.
 */
export function idString(description: string, kind: LimitKind = "id") {
  return z.preprocess(
    (value) => Number.isSafeInteger(value) && (value as number) >= 0 ? String(value) : value,
    limitedString(kind, description),
  ).meta({ [ID_NUMBER]: true });
}

/** The Python server's default key formats. */
export const DEFAULT_KEY_PATTERNS: Required<KeyPatterns> = {
  issue: "^[A-Z][A-Z0-9_]+-\\d+(?:-\\d+)*$",
  project: "^[A-Z][A-Z0-9_]+$",
};

/** JSON-schema marker of a key property; `inputJsonSchema` turns it into the pattern in force. */
const KEY_KIND = "x-key-kind";

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

function keyString(kind: KeyKind) {
  return z.string()
    .max(LIMITS.id, { abort: true })
    .refine((value) => active[kind].test(value), {
      error: () => `must match ${active[kind].source}`,
    })
    .meta({ [KEY_KIND]: kind });
}

/**
 * A Jira issue key such as `PROJ-123` (format: `JIRA_ISSUE_KEY_PATTERN`). Undescribed, as
 * `issue_key` is in the glossary (`src/tools/glossary.ts`); `.describe()` it under another name.
 */
export const issueKey = keyString("issue");

/** A Jira project key such as `PROJ` (format: `JIRA_PROJECT_KEY_PATTERN`); see `issueKey`. */
export const projectKey = keyString("project");

/**
 * The JSON schema a client sees for a tool's input: a flat object, no $schema, no refs, the key
 * patterns in force, ids typed as string or integer, shared parameters described by the glossary
 * (`SHARED_PARAMETERS`), and `additionalProperties: false` (unknown
 * arguments are refused, never silently dropped). Each string states its limit as `maxLength`
 * (the tools' error messages read it there); `listedInputSchema` is what `tools/list` shows.
 */
export function inputJsonSchema(tool: Pick<ToolDef, "input">): Tool["inputSchema"] {
  const schema = z.toJSONSchema(inputOf(tool).strict(), {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  delete schema.$schema;
  for (
    const [name, property] of Object.entries(
      schema.properties as Record<string, Record<string, unknown>>,
    )
  ) {
    property.description ??= SHARED_PARAMETERS[name];
    if (property[ID_NUMBER]) {
      delete property[ID_NUMBER];
      property.type = ["string", "integer"];
      property.minimum = 0;
    }
    const kind = property[KEY_KIND] as KeyKind | undefined;
    if (!kind) continue;
    delete property[KEY_KIND];
    property.pattern = keyPattern(kind);
  }
  return schema as Tool["inputSchema"];
}

/**
 * The input schema `tools/list` shows: `inputJsonSchema` without what costs every listing bytes
 * and tells a model nothing it needs: the descriptions the server's instructions give once
 * (`SHARED_PARAMETERS`), the string lengths (`LIMITS`, far beyond any sensible value), an
 * integer's maximum when it is only the largest safe integer, and `additionalProperties: false`.
 * A call is still checked against all of them: an unknown parameter or an over-long string is
 * refused naming the parameter and the rule.
 */
export function listedInputSchema(tool: Pick<ToolDef, "input">): Tool["inputSchema"] {
  const schema = inputJsonSchema(tool);
  delete schema.additionalProperties;
  for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>)) {
    if (property.description === SHARED_PARAMETERS[name]) delete property.description;
    if (property.maximum === Number.MAX_SAFE_INTEGER) delete property.maximum;
    delete property.maxLength;
    delete (property.items as Schema | undefined)?.maxLength;
  }
  return schema;
}

type Schema = Record<string, unknown>;

/** Splits a comma-separated list, dropping blanks. */
export function commaList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * A parameter that takes JSON: JSON text (the Python server's form) or the JSON value itself,
 * which becomes its text, so a tool parses one form.
 */
export function jsonText(description: string, kind: LimitKind = "text") {
  return z.preprocess(
    (value) => typeof value === "string" || value === undefined ? value : JSON.stringify(value),
    limitedString(kind, description),
  );
}

/**
 * Parses a JSON-array argument of 1 to `max` items, or explains in one sentence why it is not
 * one. `example` is a small valid value shown in the hint.
 */
export function jsonArray(name: string, text: string, example: string, max: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ToolError(
      `${name} is not valid JSON: ${(error as Error).message}.`,
      `Pass a JSON array, e.g. ${example}.`,
    );
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ToolError(`${name} must be a non-empty JSON array.`, `Pass e.g. ${example}.`);
  }
  if (parsed.length > max) {
    throw new ToolError(
      `${name} has ${parsed.length} items; one call takes at most ${max}.`,
      `Split them into calls of up to ${max}.`,
    );
  }
  return parsed;
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

/** `confirm_removal` of the tools that replace rich text (a new parameter, beyond Python's). */
export const confirmRemovalInput = z.boolean().default(false).describe(
  "Set true to write even though the new body leaves out macros, images, mentions or other content Markdown cannot show; the answer lists what was removed.",
);
