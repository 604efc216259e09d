/**
 * Settings plumbing shared by the loaders: lookup, message labels, problems, warnings.
 *
 * Looks a setting up across flags, process environment and .env file, names it in messages,
 * collects problems and warnings, and reads booleans and whole numbers with a message for a bad
 * value.
 *
 * @module
 */
import type { FlagSetting } from "./cli/mod.ts";
import { CONFIG_ENV_VARS } from "./env_vars.ts";
import { type BooleanWords, booleanWords, parseBoolean, parseWholeNumber } from "./values.ts";

const ENV_NAMES = new Set(CONFIG_ENV_VARS);

/** One resolved setting and where it came from. */
export interface Value {
  /** The variable name (also for a setting given by flag). */
  name: string;
  /** The value, trimmed and non-empty. */
  value: string;
  /** Where the value came from. */
  origin: "flag" | "env" | "dotenv";
  /** The flag as written, when `origin` is `flag`. */
  flag?: string;
}

/** Looks settings up with the precedence flags > process env > .env; "" counts as unset. */
export class Settings {
  /** Wraps the three sources; `envFile` names the .env file in messages. */
  constructor(
    private readonly flags: Map<string, FlagSetting>,
    private readonly env: Record<string, string | undefined>,
    private readonly dotenv: Record<string, string>,
    private readonly envFile: string | undefined,
  ) {}

  /** The setting `name` from the first source that sets it; throws for a name not in CONFIG_ENV_VARS. */
  get(name: string): Value | undefined {
    if (!ENV_NAMES.has(name)) throw new Error(`${name} is missing from CONFIG_ENV_VARS`);
    const flag = this.flags.get(name);
    if (flag && flag.value.trim() !== "") {
      return { name, value: flag.value.trim(), origin: "flag", flag: flag.flag };
    }
    const env = this.env[name]?.trim();
    if (env) return { name, value: env, origin: "env" };
    const dot = this.dotenv[name]?.trim();
    if (dot) return { name, value: dot, origin: "dotenv" };
    return undefined;
  }

  /** The first of several names that is set (fallback chains such as JIRA_HTTP_PROXY -> HTTP_PROXY). */
  first(...names: string[]): Value | undefined {
    for (const name of names) {
      const v = this.get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** How a message names the setting: the flag, the variable, or the variable and its .env file. */
  label(v: Value): string {
    if (v.origin === "flag") return v.flag!;
    if (v.origin === "dotenv") return `${v.name} (from ${this.envFile})`;
    return v.name;
  }

  /** An example assignment in the form the user wrote the setting. */
  example(v: Value | string, sample: string): string {
    if (typeof v !== "string" && v.origin === "flag") return `${v.flag}=${sample}`;
    return `${typeof v === "string" ? v : v.name}=${sample}`;
  }
}

/** Collects problems and warnings (deduplicated: global settings are checked once per service). */
export class Report {
  /** Problems that make the configuration unusable, in the order found. */
  readonly problems = new Set<string>();
  /** Warnings to log, in the order found. */
  readonly warnings = new Set<string>();
  /** The warnings that say why a named service is disabled (`disabled`); also in `warnings`. */
  readonly disabledServices = new Set<string>();

  /** Records a problem (one sentence). */
  problem(text: string): void {
    this.problems.add(text);
  }

  /** Records a warning (one sentence). */
  warn(text: string): void {
    this.warnings.add(text);
  }

  /**
   * Records why a service that was named is disabled: a warning, or the start error when no
   * service is usable.
   */
  disabled(text: string): void {
    this.warnings.add(text);
    this.disabledServices.add(text);
  }
}

/** A value for a message, with any `user:password@` masked. */
export function shown(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, "//***@");
}

/** Reads a boolean setting; reports values outside the accepted words. */
export function booleanSetting(
  s: Settings,
  r: Report,
  name: string,
  fallback: boolean,
  words: BooleanWords = "default",
): boolean {
  const v = s.get(name);
  if (!v) return fallback;
  const parsed = parseBoolean(v.value, words);
  if (parsed === undefined) {
    r.problem(
      `${s.label(v)} must be ${booleanWords(words)} (got "${v.value}"); example: ${
        s.example(v, fallback ? "false" : "true")
      }`,
    );
    return fallback;
  }
  return parsed;
}

/**
 * Reads a whole-number setting within `[min, max]`; undefined when unset or invalid.
 *
 * An invalid value is reported as "must be a whole number [of `unit`] from min to max".
 */
export function wholeNumberSetting(
  s: Settings,
  r: Report,
  name: string,
  range: { min: number; max: number; unit?: string },
  sample: string,
): number | undefined {
  const v = s.get(name);
  if (!v) return undefined;
  const n = parseWholeNumber(v.value, range.min, range.max);
  if (n === undefined) {
    const what = range.unit ? `a whole number of ${range.unit}` : "a whole number";
    r.problem(
      `${
        s.label(v)
      } must be ${what} from ${range.min} to ${range.max} (got "${v.value}"); example: ${
        s.example(v, sample)
      }`,
    );
  }
  return n;
}
