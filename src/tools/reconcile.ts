/**
 * Creates whose answers never lie. When a create's outcome is unknown (the connection dropped
 * after the request was sent, a timeout, a server error, an answer that was not Atlassian's),
 * the tool looks for what the create would have made before it answers:
 *
 * - found: the create happened; the tool answers as on success, saying how it was found;
 * - not found after a dropped connection or an unexpected answer: nothing was created, and the
 *   assistant may try again;
 * - otherwise (a timeout or a server error, where the server may still finish the work, or a
 *   lookup that failed): the original error, which says the change may have been applied and
 *   what to check.
 *
 * Writes are never retried blindly: the lookup only reads.
 *
 * @module
 */
import { AtlassianError } from "../http/mod.ts";
import { ToolError } from "../errors.ts";

/** What a create resolved to, and (when its answer was lost) how it was found. */
export interface Created<T> {
  value: T;
  /** Set when the create's own answer was lost: e.g. "found after the connection dropped". */
  recovered?: string;
}

/** What to look for after an unknown outcome. */
export interface Reconciliation<T> {
  /** The thing being created, for sentences: "issue 'Fix login' in DEMO". */
  what: string;
  /** Reads what the create would have made; undefined when it does not exist. */
  find: () => Promise<T | undefined>;
}

/** Why a create's outcome is unknown, or undefined when Atlassian's answer settled it (a 4xx). */
function lostBecause(error: AtlassianError): string | undefined {
  if (!error.mayHaveReachedServer) return undefined;
  switch (error.kind) {
    case "network":
      return "the connection dropped";
    case "timeout":
      return "the request timed out";
    case "unexpected_answer":
      return "an answer that was not Atlassian's";
    case "server":
      return `a ${error.status ?? "server"} error`;
    default:
      return undefined;
  }
}

/** Runs `create`; when its outcome is unknown, finds out through `reconcile.find`. */
export async function createOnce<T>(
  create: () => Promise<T>,
  reconcile: Reconciliation<T>,
): Promise<Created<T>> {
  try {
    return { value: await create() };
  } catch (error) {
    const because = error instanceof AtlassianError ? lostBecause(error) : undefined;
    if (!because) throw error;
    let found: T | undefined;
    try {
      found = await reconcile.find();
    } catch {
      throw error; // it says the change may have been applied and what to check
    }
    if (found !== undefined) return { value: found, recovered: `found after ${because}` };
    const kind = (error as AtlassianError).kind;
    if (kind === "network" || kind === "unexpected_answer") {
      throw new ToolError(
        `Not created: the ${reconcile.what} does not exist after ${because}, so the request was not applied.`,
        "It is safe to try again.",
        { cause: error },
      );
    }
    throw error;
  }
}
