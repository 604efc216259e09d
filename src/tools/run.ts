/**
 * `runTool`: the one place where a tool call is validated, executed, and where every failure
 * becomes an `isError` answer with Atlassian's message and one hint — never a stack trace. Every
 * answer is masked here, once: a success for the registered and per-request credentials
 * (`redactCredentials`), a refusal or failure for every secret (`redact`).
 *
 * @module
 */
import type { z } from "zod";
import { AtlassianError } from "../http/mod.ts";
import { callWarning, hearingCallWarnings, log, redact, redactCredentials } from "../log.ts";
import { ContentAnswer, renderAnswer, type ToolResult } from "./answer.ts";
import { inputOf, type InputSchema, type ToolContext, type ToolDef } from "./define.ts";
import { ToolError } from "../errors.ts";
import { PRODUCT_NAMES } from "../config/mod.ts";
import { explainIssues } from "./input_errors.ts";
import { inputJsonSchema, LIMITS } from "./schemas.ts";

/**
 * One failed item of a batch as a sentence: Atlassian's or our refusal with its hint, or, for
 * anything else, what went wrong.
 */
export function itemFailure(error: unknown): string {
  if (error instanceof AtlassianError || error instanceof ToolError) {
    return error.hint ? `${error.message} ${error.hint}` : error.message;
  }
  return `Failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
}

/** An error answer: one sentence, then a hint line. */
export function errorResult(message: string, hint?: string): ToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: hint ? `${message}\nHint: ${hint}` : message }],
  };
}

const fileParameters = new WeakMap<ToolDef, Set<string>>();

/** The parameters of a tool that take base64 files (kind `files`, longer than `LIMITS.text`). */
function takesFiles(tool: ToolDef): Set<string> {
  let names = fileParameters.get(tool);
  if (!names) {
    const { properties } = inputJsonSchema(tool) as {
      properties: Record<string, { maxLength?: number }>;
    };
    names = new Set(
      Object.keys(properties).filter((name) => properties[name].maxLength === LIMITS.files),
    );
    fileParameters.set(tool, names);
  }
  return names;
}

/**
 * Strings longer than `LIMITS.text` (`LIMITS.files` for a parameter of that kind), whatever their
 * parameter (a kind may allow less).
 */
function overLongArguments(tool: ToolDef, args: unknown): z.core.$ZodIssue[] {
  if (!args || typeof args !== "object") return [];
  return Object.entries(args).flatMap(([name, value]) => {
    const maximum = takesFiles(tool).has(name) ? LIMITS.files : LIMITS.text;
    return typeof value === "string" && value.length > maximum
      ? [
        {
          code: "too_big",
          origin: "string",
          maximum,
          inclusive: true,
          path: [name],
          message: `longer than ${maximum} characters`,
        } satisfies z.core.$ZodIssue,
      ]
      : [];
  });
}

/**
 * What an answer says went less than fully well, to repeat as log notifications: its top-level
 * `note`, each `<section>_unavailable` and each of its `warnings`.
 */
function answerWarnings(value: unknown): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, part]) => {
    if ((key === "note" || key.endsWith("_unavailable")) && typeof part === "string") {
      return [key === "note" ? part : `${key.slice(0, -"_unavailable".length)}: ${part}`];
    }
    if (key === "warnings" && Array.isArray(part)) {
      return part.filter((w): w is string => typeof w === "string");
    }
    return [];
  });
}

/** An object answer with `heard` added to its `warnings`; any other answer as it is. */
function withWarnings(value: unknown, heard: string[]): unknown {
  if (!heard.length || !value || typeof value !== "object" || Array.isArray(value)) return value;
  const own = (value as { warnings?: unknown }).warnings;
  return { ...value, warnings: [...(Array.isArray(own) ? own : []), ...heard] };
}

/** Renames aliased arguments to their parameter (unless the parameter itself is given). */
function applyAliases(tool: ToolDef, args: unknown): unknown {
  if (!tool.aliases || !args || typeof args !== "object" || Array.isArray(args)) return args;
  const out: Record<string, unknown> = { ...args };
  for (const [alias, name] of Object.entries(tool.aliases)) {
    if (alias in out && !(name in out)) out[name] = out[alias];
    delete out[alias];
  }
  return out;
}

const strictInputs = new WeakMap<InputSchema, InputSchema>();

/** The tool's input schema refusing unknown keys, built once (zod compiles it on first use). */
function strictInput(tool: ToolDef): InputSchema {
  const input = inputOf(tool);
  let strict = strictInputs.get(input);
  if (!strict) strictInputs.set(input, strict = input.strict());
  return strict;
}

/**
 * Validates the arguments (unknown ones are refused, never silently dropped; any string over
 * `LIMITS.text`, and over its kind's limit, before any request), runs the handler and renders
 * its answer or its failure. A refusal names each parameter, the type it takes and an example.
 */
export async function runTool(
  tool: ToolDef,
  args: unknown,
  ctx: ToolContext,
): Promise<ToolResult> {
  const given = applyAliases(tool, args ?? {});
  const parsed = strictInput(tool).safeParse(given);
  const issues = [...overLongArguments(tool, given), ...parsed.error?.issues ?? []];
  if (!parsed.success || issues.length) {
    const unknown = issues.some((issue) => issue.code === "unrecognized_keys");
    // Redacted: a refusal quotes what was given, which may be a credential.
    return errorResult(
      redact(`Invalid arguments for ${tool.name}: ${explainIssues(tool, given, issues)}.`),
      unknown
        ? "This server does not offer that parameter; the tool's input schema lists the ones it does."
        : "Check the tool's input schema for the expected names, types and formats.",
    );
  }
  const service = ctx[tool.product];
  if (!service) {
    return errorResult(`${PRODUCT_NAMES[tool.product]} is not configured on this server.`);
  }
  try {
    // Warnings raised while the tool ran (a retry after a 429 or a 5xx) go into its answer too.
    const heard: string[] = [];
    const value = await hearingCallWarnings(
      heard,
      () => tool.handler(parsed.data, { ...ctx, service }),
    );
    const answered = value instanceof ContentAnswer ? value.summary : value;
    for (const warning of answerWarnings(answered)) callWarning(`${tool.name}: ${warning}`);
    const summary = withWarnings(answered, heard);
    const text = { type: "text" as const, text: redactCredentials(renderAnswer(summary)) };
    return { content: value instanceof ContentAnswer ? [text, ...value.items] : [text] };
  } catch (error) {
    if (error instanceof AtlassianError || error instanceof ToolError) {
      log.info(`${tool.name} failed`, error.message);
      return errorResult(redact(error.message), error.hint && redact(error.hint));
    }
    log.error(`${tool.name} failed unexpectedly`, error instanceof Error ? error.stack : error);
    return errorResult(redact(unexpected(tool.name, error)));
  }
}

/** The sentence for a failure no tool expected: its message, else what was thrown. */
function unexpected(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (message.trim()) return `${name} failed unexpectedly: ${message.trim()}`;
  const thrown = error instanceof Error ? error.name : error === null ? "null" : typeof error;
  return `${name} failed unexpectedly, without an error message (${thrown} thrown).`;
}
