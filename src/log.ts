/**
 * Logging to stderr only (stdout belongs to the MCP protocol), with secret redaction; and the
 * warnings about a tool call in progress, which also go to that call's MCP client as log
 * notifications (`callWarning`).
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { maskRanges, SecretMask, secretPieces } from "./_secret_mask.ts";

/** Log levels, from quietest to loudest. */
export type LogLevel = "error" | "warn" | "info" | "debug";

/** How many rotating secrets (`addRotatingSecret`) stay masked: the newest ones. */
const ROTATING_KEPT = 16;

/** Secrets and the mask of their pieces; the mask is rebuilt at its next use after a removal. */
class SecretSet {
  readonly #pieces = new Map<string, string[]>();
  #mask: SecretMask | undefined = new SecretMask();

  get size(): number {
    return this.#pieces.size;
  }

  has(value: string): boolean {
    return this.#pieces.has(value);
  }

  /** Adds a value, or makes one already there the newest. */
  add(value: string): void {
    const known = this.#pieces.get(value);
    this.#pieces.delete(value); // set again below, as the newest
    if (known) this.#pieces.set(value, known);
    else {
      const pieces = secretPieces(value);
      this.#pieces.set(value, pieces);
      this.#mask?.add(pieces);
    }
  }

  delete(value: string): void {
    if (this.#pieces.delete(value)) this.#mask = undefined;
  }

  /** The values, oldest first. */
  values(): string[] {
    return [...this.#pieces.keys()];
  }

  find(text: string, out: [number, number][]): void {
    this.#mask ??= new SecretMask([...this.#pieces.values()].flat());
    this.#mask.find(text, out);
  }
}

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
// Credentials registered for good, the newest rotating ones (OAuth tokens), custom header values
// (masked in logs and errors only), and those of requests in flight with how many hold each.
const credentials = new SecretSet();
const rotating = new SecretSet();
const headerValues = new SecretSet();
const scoped = new SecretSet();
const scopedCounts = new Map<string, number>();
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

/** Whether a value is long enough to mask (a shorter one would mask ordinary words). */
function maskable(value: string | undefined): value is string {
  return value !== undefined && value.length >= 4;
}

/**
 * Registers a value that must never be written; every later message has it masked, in every
 * form `src/_secret_mask.ts` lists (encoded, escaped, base64, long fragments). Register the Basic
 * credential (base64 of `user:secret`) beside the secret to cover every spelling of the pair. A
 * value registered before as a header value or a rotating secret becomes a credential for good.
 */
export function addSecret(value: string | undefined): void {
  if (!maskable(value)) return;
  headerValues.delete(value);
  rotating.delete(value);
  credentials.add(value);
}

/**
 * Registers a secret that is replaced from time to time (an OAuth access or refresh token):
 * masked like `addSecret`, but only the `ROTATING_KEPT` (16) most recently registered such
 * values stay masked, so the tokens of each refresh do not pile up (those of the last few
 * refreshes stay masked, for answers still in flight). Registering a value again makes it the
 * newest, so a token still in use stays: register it each time it is read or sent to refresh.
 */
export function addRotatingSecret(value: string | undefined): void {
  if (!maskable(value) || credentials.has(value)) return;
  headerValues.delete(value);
  rotating.add(value);
  if (rotating.size > ROTATING_KEPT) rotating.delete(rotating.values()[0]);
}

/**
 * Registers a custom header value: masked in logs and error answers like a secret, but not in
 * the content of successful answers, where a common word (`production`) must stay readable.
 * A value already registered as a credential stays one.
 */
export function addHeaderSecret(value: string): void {
  if (maskable(value) && !credentials.has(value) && !rotating.has(value)) headerValues.add(value);
}

/**
 * Registers values that must not be written while something runs (one request's credentials):
 * every message and answer has them masked, in every form, until the returned function is
 * called. Counted, so a value that two requests hold stays masked until both have ended; a value
 * also given to `addSecret` stays masked for good.
 */
export function addScopedSecrets(values: readonly string[]): () => void {
  const held = values.filter(maskable);
  for (const value of held) {
    scopedCounts.set(value, (scopedCounts.get(value) ?? 0) + 1);
    scoped.add(value);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const value of held) {
      const count = scopedCounts.get(value)! - 1;
      if (count > 0) scopedCounts.set(value, count);
      else {
        scopedCounts.delete(value);
        scoped.delete(value);
      }
    }
  };
}

/**
 * The registered secrets, to hand to a Worker (whose log module is a separate instance): the
 * raw values, whose forms `addSecret` derives again there.
 */
export function secretValues(): string[] {
  return [...credentials.values(), ...rotating.values(), ...headerValues.values()];
}

/** Which of `secretValues()` are custom header values (`addHeaderSecret`), for the same hand-over. */
export function headerSecretValues(): string[] {
  return headerValues.values();
}

/**
 * Replaces every form of every registered secret (and Authorization header values) in a text
 * with `***`.
 */
export function redact(text: string): string {
  const ranges: [number, number][] = [];
  for (const set of [credentials, rotating, scoped, headerValues]) set.find(text, ranges);
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
  const ranges: [number, number][] = [];
  for (const set of [credentials, rotating, scoped]) set.find(text, ranges);
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

/** Sends one warning about the call in progress to its MCP client. */
export type CallLogSink = (message: string) => void;

const callLog = new AsyncLocalStorage<CallLogSink>();

/** Runs `work` (one tool call) with `sink` receiving the warnings about it (`callWarning`). */
export function withCallLog<T>(sink: CallLogSink, work: () => T): T {
  return callLog.run(sink, work);
}

/**
 * Runs `work` collecting the warnings it raises (`callWarning`) into `heard`, while they still
 * reach the sink around it (the client's log).
 */
export function hearingCallWarnings<T>(heard: string[], work: () => T): T {
  const outer = callLog.getStore();
  return callLog.run((message) => {
    heard.push(message);
    outer?.(message);
  }, work);
}

/**
 * A warning about the tool call in progress (a retry after 429, a section that could not be
 * read, a capped result): written to stderr at debug level and sent, redacted, to the client
 * that made the call. Outside a call it is only the debug line.
 */
export function callWarning(message: string): void {
  write("debug", message);
  callLog.getStore()?.(redact(message));
}
