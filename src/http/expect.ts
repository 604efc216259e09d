/**
 * The shape a request expects its answer to have, as a zod schema whose description names it
 * ("an issue"). Only the fields the caller relies on are checked; every other field passes.
 *
 * @module
 */
import { z } from "zod";

/** An object answer with at least these fields; `what` names it in errors ("an issue"). */
export function objectAnswer<S extends z.ZodRawShape>(what: string, fields: S) {
  return z.looseObject(fields).describe(what);
}

/** A list answer whose items have at least these fields. */
export function listAnswer<S extends z.ZodRawShape>(what: string, fields: S) {
  return z.array(z.looseObject(fields)).describe(what);
}

/** The answer of a write Atlassian acknowledges with 204 No Content: a body is not its answer. */
export const NO_CONTENT: z.ZodType = z.undefined().describe("an empty 204 answer");

/** The first way `value` differs from `schema`, in words, or undefined when it fits. */
export function shapeProblem(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  if (value === undefined) return "the answer is empty";
  const issue = result.error.issues[0];
  const where = issue.path.length ? `"${issue.path.join(".")}"` : "the answer";
  if (issue.code !== "invalid_type") return `${where}: ${issue.message}`;
  if (issue.expected === "undefined") return "it has a body";
  // deno-lint-ignore no-explicit-any
  const found = issue.path.reduce<any>((node, key) => node?.[key], value);
  if (found === undefined) return `${where} is missing`;
  const kind = found === null ? "null" : Array.isArray(found) ? "a list" : typeof found;
  return `${where} is ${kind}, not ${issue.expected}`;
}
