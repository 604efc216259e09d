/**
 * Small parsers for configuration values: booleans (with the Python server's word sets), comma
 * lists, whole numbers and `Name=value` header lists.
 *
 * @module
 */

/**
 * Which words a boolean variable accepts, following the Python server:
 * - `default`: true/1/yes vs false/0/no (most flags and variables);
 * - `extended`: also y/on vs n/off (READ_ONLY_MODE);
 * - `sslVerify`: `*_SSL_VERIFY` (off only with false/0/no).
 */
export type BooleanWords = "default" | "extended" | "sslVerify";

const TRUE_WORDS: Record<BooleanWords, readonly string[]> = {
  default: ["true", "1", "yes"],
  extended: ["true", "1", "yes", "y", "on"],
  sslVerify: ["true", "1", "yes"],
};

const FALSE_WORDS: Record<BooleanWords, readonly string[]> = {
  default: ["false", "0", "no"],
  extended: ["false", "0", "no", "n", "off"],
  sslVerify: ["false", "0", "no"],
};

/**
 * Parses a boolean word (case-insensitive); undefined when the word is in neither set, which
 * the loader reports instead of guessing (Python silently reads such words as false, or as
 * true for `*_SSL_VERIFY`).
 */
export function parseBoolean(value: string, words: BooleanWords = "default"): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS[words].includes(word)) return true;
  if (FALSE_WORDS[words].includes(word)) return false;
  return undefined;
}

/** The words a boolean variable accepts, for messages ("true/1/yes or false/0/no"). */
export function booleanWords(words: BooleanWords = "default"): string {
  return `${TRUE_WORDS[words].join("/")} or ${FALSE_WORDS[words].join("/")}`;
}

/** Splits a comma-separated list, trimming each item and dropping empty ones. */
export function splitList(value: string): string[] {
  return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

/** Parses a whole number (digits only) within `[min, max]`; undefined otherwise. */
export function parseWholeNumber(value: string, min: number, max: number): number | undefined {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The result of parsing a `Name=value,Name2=value2` header list. */
export interface ParsedHeaders {
  headers: Record<string, string>;
  /**
   * What is wrong with each bad entry, named by its position and never by its text (a value, or
   * a value mistaken for a name, may be a secret): `entry 2 has no '='`.
   */
  invalid: string[];
}

/** What is wrong with one `Name=value` entry, if anything. */
function headerProblem(eq: number, name: string, value: string): string | undefined {
  if (eq < 0) return "has no '='";
  if (name === "") return "has no name before '='";
  if (!HEADER_NAME.test(name)) return "has a name that is not a header name (letters, digits, -)";
  if (/[\r\n\0]/.test(value)) return "has a line break in its value";
  return undefined;
}

/**
 * Parses `*_CUSTOM_HEADERS` (`Name=value,Name2=value2`): entries split on commas, each on its
 * first `=`, names and values trimmed; empty entries are skipped.
 */
export function parseCustomHeaders(value: string): ParsedHeaders {
  const headers: Record<string, string> = {};
  const invalid: string[] = [];
  for (const [i, raw] of value.split(",").entries()) {
    const entry = raw.trim();
    if (entry === "") continue;
    const eq = entry.indexOf("=");
    const name = eq < 0 ? "" : entry.slice(0, eq).trim();
    const headerValue = eq < 0 ? "" : entry.slice(eq + 1).trim();
    const problem = headerProblem(eq, name, headerValue);
    if (problem) invalid.push(`entry ${i + 1} ${problem}`);
    else headers[name] = headerValue;
  }
  return { headers, invalid };
}
