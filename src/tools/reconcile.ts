/**
 * Writes whose answers never lie. When a write's outcome is unknown (the connection dropped
 * after the request was sent, a timeout, a server error, an answer that was not Atlassian's),
 * the tool looks for the write's effect before it answers:
 *
 * - found: the write happened; the tool answers as on success, saying how it was found;
 * - not found after a dropped connection or an unexpected answer: nothing was applied, and the
 *   assistant may try again;
 * - after a timeout or a server error the server may still be finishing the work: it looks once
 *   more after `SECOND_LOOK_MS`; still absent (or a lookup that failed): the original error, which
 *   says the change may have been applied and what to check.
 *
 * Writes are never retried blindly: the lookup only reads.
 *
 * @module
 */
import { AtlassianError } from "../http/mod.ts";
import { ToolError } from "../errors.ts";

/** What a write resolved to, and (when its own answer was lost) how its effect was found. */
export interface Written<T> {
  value: T;
  /** Set when the write's answer was lost: e.g. "found after the connection dropped". */
  recovered?: string;
}

/** How to look for a write's effect after an unknown outcome. */
export interface Reconciliation<T> {
  /** The verdict when the effect is absent: "Not created", "Not updated", ... */
  verdict: string;
  /** The absence, as a clause: `issue "Fix login" in DEMO does not exist`. */
  missing: string;
  /** Reads the write's effect; undefined when it is not there. */
  find: () => Promise<T | undefined>;
}

/** How long to wait before looking again when the server may still be applying the write. */
const SECOND_LOOK_MS = 2_000;

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

/** Runs `write`; when its outcome is unknown, finds out through `reconcile.find`. */
export async function writeOnce<T>(
  write: () => Promise<T>,
  reconcile: Reconciliation<T>,
): Promise<Written<T>> {
  try {
    return { value: await write() };
  } catch (error) {
    const because = lostBecause(error);
    if (!because) throw error;
    const kind = (error as AtlassianError).kind;
    const settled = kind === "network" || kind === "unexpected_answer";
    let found: T | undefined;
    try {
      found = await reconcile.find();
      if (found === undefined && !settled) {
        await new Promise((resolve) => setTimeout(resolve, SECOND_LOOK_MS));
        found = await reconcile.find();
      }
    } catch {
      throw error; // it says the change may have been applied and what to check
    }
    if (found !== undefined) return { value: found, recovered: `found after ${because}` };
    if (settled) {
      throw new ToolError(
        `${reconcile.verdict}: ${reconcile.missing} after ${because}, so the request was not applied.`,
        "It is safe to try again.",
        { cause: error },
      );
    }
    throw error;
  }
}
