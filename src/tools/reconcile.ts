/**
 * Writes whose answers never lie. When a write's outcome is unknown (the connection dropped
 * after the request was sent, a timeout, a server error, an answer that was not Atlassian's),
 * the tool looks for the write's effect before it answers:
 *
 * - found: the write happened; the tool answers as on success, saying how it was found;
 * - absent at once: it looks again after `SECOND_LOOK_MS`, because the server may still be
 *   applying the request;
 * - absent twice after a dropped connection or an unexpected answer, through a lookup that sees
 *   every write at once: nothing was applied, and the assistant may try again;
 * - anything else (a timeout or a server error, which may still finish later; a lookup through a
 *   search index that can lag; a lookup that failed or saw something it cannot explain): the
 *   original error, which says the change may have been applied, and a hint saying what to check.
 *
 * Writes are never retried blindly: the lookup only reads.
 *
 * @module
 */
import { AtlassianError } from "../http/mod.ts";
import { ToolError } from "../errors.ts";
import { formatSeconds, sentence } from "../http/errors/wording.ts";

/** What a write resolved to, and (when its own answer was lost) how its effect was found. */
export interface Written<T> {
  value: T;
  /** Set when the write's answer was lost: e.g. "found after the connection dropped". */
  recovered?: string;
}

/** What one lookup for a write's effect saw. */
export type Lookup<T> = { found: T } | { absent: true } | { unclear: string };

/** The lookup saw the write's effect. */
export function found<T>(value: T): Lookup<T> {
  return { found: value };
}

/** The lookup saw no trace of the write. */
export const ABSENT: Lookup<never> = { absent: true };

/** The lookup saw something that neither proves nor disproves the write, as a sentence. */
export function unclear(reason: string): Lookup<never> {
  return { unclear: reason };
}

/**
 * A lookup that expects one new item: found when there is exactly one, absent when there is
 * none, unclear when several appeared (`what` names them in the plural: "pages titled "Notes"").
 */
export function theOne<T>(items: readonly T[], what: string): Lookup<T> {
  if (items.length === 1) return found(items[0]);
  return items.length ? unclear(`${items.length} ${what} appeared since the request`) : ABSENT;
}

/** How to look for a write's effect after an unknown outcome. */
export interface Reconciliation<T> {
  /** The verdict when the effect is absent: "Not created", "Not updated", ... */
  verdict: string;
  /**
   * The absence, as a clause that also says what to check: `no issue "Fix login" by you exists
   * in DEMO`.
   */
  missing: string;
  /** Reads the write's effect; `startedAt` is when the write was sent (local clock, ms). */
  find: (startedAt: number) => Promise<Lookup<T>>;
  /**
   * False when `find` reads a search index, which can lag behind writes: its "absent" then
   * proves nothing.
   */
  consistent?: boolean;
}

/** How long to wait before looking again when the first lookup saw nothing. */
export const SECOND_LOOK_MS = 2_000;

/** Knobs for tests and cancellation. */
export interface WriteOnceOptions {
  /** Wait before the second lookup (default `SECOND_LOOK_MS`). */
  secondLookMs?: number;
  /** The call's cancellation: an aborted wait ends reconciliation with the unknown outcome. */
  signal?: AbortSignal;
}

/** A write whose outcome could not be found out: it may or may not have been applied. */
export class UnknownOutcome extends ToolError {}

/** Why a write's outcome is unknown, or undefined when Atlassian's answer settled it (a 4xx). */
function lostBecause(error: unknown): string | undefined {
  if (!(error instanceof AtlassianError) || !error.mayHaveReachedServer) return undefined;
  switch (error.kind) {
    case "network":
      return "the connection dropped";
    case "timeout":
      return "the request timed out";
    case "unexpected_answer":
      return "an unexpected answer";
    case "server":
      return `a ${error.status ?? "server"} error`;
    default:
      return undefined;
  }
}

/** Resolves after `ms`, or rejects when `signal` aborts first. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs `write`; when its outcome is unknown, finds out through `reconcile.find`. */
export async function writeOnce<T>(
  write: () => Promise<T>,
  reconcile: Reconciliation<T>,
  options: WriteOnceOptions = {},
): Promise<Written<T>> {
  const startedAt = Date.now();
  try {
    return { value: await write() };
  } catch (error) {
    const because = lostBecause(error);
    if (!because) throw error;
    const unknown = (reason?: string) =>
      new UnknownOutcome(
        `${sentence((error as Error).message)}${reason ? ` ${sentence(reason)}` : ""}`,
        `Check that ${reconcile.missing} before trying again.`,
        { cause: error },
      );
    const waitMs = options.secondLookMs ?? SECOND_LOOK_MS;
    let seen: Lookup<T>;
    try {
      seen = await reconcile.find(startedAt);
      if ("absent" in seen) {
        await pause(waitMs, options.signal);
        seen = await reconcile.find(startedAt);
      }
    } catch {
      throw unknown();
    }
    if ("found" in seen) return { value: seen.found, recovered: `found after ${because}` };
    if ("unclear" in seen) throw unknown(seen.unclear);
    const kind = (error as AtlassianError).kind;
    if (reconcile.consistent === false) {
      throw unknown("A search did not find it, but search results can lag behind new writes");
    }
    if (kind !== "network" && kind !== "unexpected_answer") throw unknown();
    throw new ToolError(
      `${reconcile.verdict}: ${
        formatSeconds(waitMs)
      } s after ${because}, ${reconcile.missing}, so the request was not applied.`,
      "It is safe to try again.",
      { cause: error },
    );
  }
}
