/**
 * Logging to stderr only (stdout belongs to the MCP protocol), with secret redaction.
 *
 * @module
 */
import { maskRanges, type SecretForm, secretForms, SecretMask } from "./_secret_mask.ts";

/** Log levels, from quietest to loudest. */
export type LogLevel = "error" | "warn" | "info" | "debug";

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
// Registered secrets, and the mask of all their forms; credentials (all but header values) also
// have a mask of their own, for answers that succeeded.
const secrets = new Set<string>();
const headerValues = new Set<string>();
const mask = new SecretMask();
const credentialMask = new SecretMask();
// Secrets of requests in flight (one request's credentials): how many requests hold each, and
// their forms; the mask of those is rebuilt when a value comes or goes.
const scoped = new Map<string, { count: number; forms: SecretForm[] }>();
let scopedMask: SecretMask | undefined;
let threshold: LogLevel = "warn";
const encoder = new TextEncoder();

/** Sets the most verbose level that is written. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** Returns the current log level. */
export function logLevel(): LogLevel {
  return threshold;
}

/**
 * Registers a value that must never be written; every later message has it masked, in every
 * form `src/_secret_mask.ts` lists (encoded, escaped, base64, long fragments). Register the Basic
 * credential (base64 of `user:secret`) beside the secret to cover every spelling of the pair.
 */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 4 && !secrets.has(value)) {
    secrets.add(value);
    const forms = secretForms(value);
    mask.add(forms);
    credentialMask.add(forms);
  }
}

/**
 * Registers a custom header value: masked in logs and error answers like a secret, but not in
 * the content of successful answers, where a common word (`production`) must stay readable.
 */
export function addHeaderSecret(value: string): void {
  if (value.length >= 4 && !secrets.has(value)) {
    secrets.add(value);
    headerValues.add(value);
    mask.add(secretForms(value));
  }
}

/**
 * Registers values that must not be written while something runs (one request's credentials):
 * every message has them masked, in every form, until the returned function is called. Counted,
 * so a value that two requests hold stays masked until both have ended; a value also given to
 * `addSecret` stays masked for good.
 */
export function addScopedSecrets(values: readonly string[]): () => void {
  const held = values.filter((value) => value.length >= 4);
  for (const value of held) {
    const entry = scoped.get(value);
    if (entry) entry.count++;
    else {
      scoped.set(value, { count: 1, forms: secretForms(value) });
      scopedMask = undefined;
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const value of held) {
      const entry = scoped.get(value);
      if (entry && --entry.count > 0) continue;
      scoped.delete(value);
      scopedMask = undefined;
    }
  };
}

/**
 * The registered secrets, to hand to a Worker (whose log module is a separate instance): the
 * raw values, whose forms `addSecret` derives again there.
 */
export function secretValues(): string[] {
  return [...secrets];
}

/** Which of `secretValues()` are custom header values (`addHeaderSecret`), for the same hand-over. */
export function headerSecretValues(): string[] {
  return [...headerValues];
}

/** A function that masks every form of the given values, and only those (one answer's secrets). */
export function secretMasker(values: readonly string[]): (text: string) => string {
  const only = new SecretMask(values.filter((v) => v.length >= 4).flatMap(secretForms));
  return (text) => {
    const ranges: [number, number][] = [];
    only.find(text, ranges);
    return maskRanges(text, ranges);
  };
}

/**
 * Replaces every form of every registered secret (and Authorization header values) in a text
 * with `***`.
 */
export function redact(text: string): string {
  scopedMask ??= new SecretMask([...scoped.values()].flatMap((entry) => entry.forms));
  const ranges: [number, number][] = [];
  mask.find(text, ranges);
  scopedMask.find(text, ranges);
  return maskRanges(text, ranges).replace(
    /\b(Basic|Bearer|Token)\s+[A-Za-z0-9+/=._~-]{8,}/g,
    "$1 ***",
  );
}

/**
 * Masks every form of every registered credential (and of the per-request ones) in the text of
 * a successful answer: an upstream that echoed a token back never gets it to the assistant.
 * Custom header values are left alone there (see `addHeaderSecret`).
 */
export function redactCredentials(text: string): string {
  scopedMask ??= new SecretMask([...scoped.values()].flatMap((entry) => entry.forms));
  const ranges: [number, number][] = [];
  credentialMask.find(text, ranges);
  scopedMask.find(text, ranges);
  return ranges.length ? maskRanges(text, ranges) : text;
}

function write(level: LogLevel, message: string, detail?: unknown): void {
  if (ORDER[level] > ORDER[threshold]) return;
  let line = `[${level}] ${message}`;
  if (detail !== undefined) {
    line += " " +
      (detail instanceof Error
        ? `${detail.name}: ${detail.message}`
        : typeof detail === "string"
        ? detail
        : JSON.stringify(detail));
  }
  Deno.stderr.writeSync(encoder.encode(redact(line) + "\n"));
}

/** The logger: every method writes one redacted line to stderr when its level is enabled. */
export const log = {
  error: (message: string, detail?: unknown): void => write("error", message, detail),
  warn: (message: string, detail?: unknown): void => write("warn", message, detail),
  info: (message: string, detail?: unknown): void => write("info", message, detail),
  debug: (message: string, detail?: unknown): void => write("debug", message, detail),
  /** Always written, whatever the level: facts a person starting the server needs (listen URL). */
  notice: (message: string): void => {
    Deno.stderr.writeSync(encoder.encode(redact(message) + "\n"));
  },
};
