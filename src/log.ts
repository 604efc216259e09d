/**
 * Logging to stderr only (stdout belongs to the MCP protocol), with secret redaction.
 *
 * @module
 */

/** Log levels, from quietest to loudest. */
export type LogLevel = "error" | "warn" | "info" | "debug";

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const secrets = new Set<string>();
// Secrets of requests in flight (one request's credentials), with how many requests hold each.
const scoped = new Map<string, number>();
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

/** Registers a value that must never be written; every later message has it masked. */
export function addSecret(value: string | undefined): void {
  if (value && value.length >= 4) {
    secrets.add(value);
  }
}

/**
 * Registers values that must not be written while something runs (one request's credentials):
 * every message has them masked until the returned function is called. Counted, so a value that
 * two requests hold stays masked until both have ended; a value also given to `addSecret` stays
 * masked for good.
 */
export function addScopedSecrets(values: readonly string[]): () => void {
  const held = values.filter((value) => value.length >= 4);
  for (const value of held) scoped.set(value, (scoped.get(value) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const value of held) {
      const left = (scoped.get(value) ?? 1) - 1;
      if (left > 0) scoped.set(value, left);
      else scoped.delete(value);
    }
  };
}

/** The registered secrets, to hand to a Worker (whose log module is a separate instance). */
export function secretValues(): string[] {
  return [...secrets];
}

/** Replaces every registered secret (and Authorization header values) in a text with `***`. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("***");
  for (const s of scoped.keys()) out = out.split(s).join("***");
  return out.replace(/\b(Basic|Bearer|Token)\s+[A-Za-z0-9+/=._~-]{8,}/g, "$1 ***");
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
