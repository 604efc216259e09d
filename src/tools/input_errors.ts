/**
 * Refused tool arguments in words: for each parameter, what was given, the type it takes and an
 * example taken from its description (or its schema), so a caller can correct the call at once.
 *
 * @module
 */
import type { z } from "zod";
import type { ToolDef } from "./define.ts";
import { inputJsonSchema } from "./schemas.ts";

/** The JSON-schema facts of one parameter that the sentences use. */
export interface Property {
  /** One type, or several (an id: `["string", "integer"]`). */
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  description?: string;
}

/**
 * The example a description gives after "e.g.": `'PROJ-123'` and `{"a": 1}` (a JSON text) as
 * strings, `10` as a number.
 */
export function exampleIn(description = ""): unknown {
  const at = description.search(/e\.g\.\s/);
  if (at < 0) return undefined;
  const rest = description.slice(at + 4).trimStart();
  const quoted = /^'([^']*)'/.exec(rest);
  if (quoted) return quoted[1];
  if (rest.startsWith("{")) {
    let depth = 0;
    for (let i = 0; i < rest.length; i++) {
      depth += rest[i] === "{" ? 1 : rest[i] === "}" ? -1 : 0;
      if (depth === 0) return rest.slice(0, i + 1);
    }
    return undefined;
  }
  const word = /^[^\s,;)]+/.exec(rest)?.[0].replace(/\.$/, "");
  return word && /^-?\d+(\.\d+)?$/.test(word) ? Number(word) : word;
}

/** An example value for a parameter: its description's, else one its schema implies. */
export function exampleOf(property: Property): unknown {
  const given = exampleIn(property.description);
  if (given !== undefined) return given;
  if (property.enum) return property.enum[0];
  if (property.default !== undefined && property.default !== "") return property.default;
  if (property.type === "boolean") return true;
  if (property.type === "integer" || property.type === "number") return property.minimum ?? 1;
  return undefined;
}

/** A value as a sentence shows it: strings in single quotes, the rest as JSON. */
function show(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The type a parameter takes, in words: "a string of at most 255 characters", "one of ...",
 * "a string of at most 255 characters or a non-negative integer".
 */
export function typeInWords(property: Property): string {
  if (property.enum) return `one of ${property.enum.map(show).join(", ")}`;
  if (Array.isArray(property.type)) {
    return property.type.map((type) => typeInWords({ ...property, type })).join(" or ");
  }
  switch (property.type) {
    case "string": {
      const parts = [property.minLength ? "a non-empty string" : "a string"];
      if (property.maxLength !== undefined) {
        parts.push(`of at most ${count(property.maxLength)} characters`);
      }
      if (property.pattern) parts.push(`matching ${property.pattern}`);
      return parts.join(" ");
    }
    case "integer":
    case "number": {
      const noun = property.type === "integer" ? "an integer" : "a number";
      const max = property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER
        ? property.maximum
        : undefined;
      if (property.minimum !== undefined && max !== undefined) {
        return `${noun} from ${count(property.minimum)} to ${count(max)}`;
      }
      if (property.minimum === 0) return `a non-negative ${property.type}`;
      if (property.minimum !== undefined) return `${noun} of at least ${count(property.minimum)}`;
      return max !== undefined ? `${noun} of at most ${count(max)}` : noun;
    }
    case "boolean":
      return "true or false";
    default:
      return "a value";
  }
}

/** What was given, briefly: `'abc'`, `true (a boolean)`, `an object`, `1,000,000 characters long`. */
function given(value: unknown, issue: z.core.$ZodIssue): string {
  if (value === undefined) return "missing";
  if (typeof value === "string") {
    if (issue.code === "too_big" || issue.code === "too_small") {
      return `${count(value.length)} characters long`;
    }
    return value.length > 40 ? `${show(value.slice(0, 40))}...` : show(value);
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${value} (a ${typeof value})`;
}

/** The arguments object a tool's examples make up: its required parameters, else its first. */
export function exampleArguments(tool: Pick<ToolDef, "input">): Record<string, unknown> {
  const schema = inputJsonSchema(tool) as {
    properties: Record<string, Property>;
    required?: string[];
  };
  const required = schema.required ?? [];
  const names = required.length ? required : Object.keys(schema.properties);
  const examples = names.map((name) => [name, exampleOf(schema.properties[name])])
    .filter(([, value]) => value !== undefined);
  return Object.fromEntries(required.length ? examples : examples.slice(0, 1));
}

/**
 * One clause per refused parameter ("page_id is true (a boolean); expected a string of at most
 * 255 characters, e.g. '123456'"), the first issue of each, joined with "; ".
 */
export function explainIssues(
  tool: Pick<ToolDef, "input">,
  args: unknown,
  issues: readonly z.core.$ZodIssue[],
): string {
  const properties = (inputJsonSchema(tool) as { properties: Record<string, Property> })
    .properties;
  const values = (args && typeof args === "object" ? args : {}) as Record<string, unknown>;
  const clauses = new Map<string, string>();
  for (const issue of issues) {
    const name = String(issue.path[0] ?? "arguments");
    if (clauses.has(name)) continue;
    if (issue.code === "unrecognized_keys") {
      const s = issue.keys.length > 1 ? "s" : "";
      clauses.set(name, `unknown parameter${s} ${issue.keys.join(", ")}`);
    } else if (issue.path.length === 0) {
      clauses.set(
        name,
        `arguments is ${given(args, issue)}; expected an object of parameters, e.g. ${
          JSON.stringify(exampleArguments(tool))
        }`,
      );
    } else {
      const property = properties[name] ?? {};
      // Over LIMITS.text (runTool's cap for every string) or over the parameter's own limit.
      const expected = issue.code === "too_big" && issue.origin === "string"
        ? {
          ...property,
          maxLength: Math.min(Number(issue.maximum), property.maxLength ?? Infinity),
        }
        : property;
      const example = exampleOf(property);
      clauses.set(
        name,
        `${name} is ${given(values[name], issue)}; expected ${typeInWords(expected)}${
          example === undefined ? "" : `, e.g. ${show(example)}`
        }`,
      );
    }
  }
  return [...clauses.values()].join("; ");
}
