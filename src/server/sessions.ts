/**
 * The live sessions of the stateful streamable-HTTP transport, bounded in number and closed
 * after a period without requests, so abandoned clients do not hold servers forever.
 *
 * @module
 */
import { log } from "../log.ts";
import type { WebStandardStreamableHTTPServerTransport } from "../sdk.ts";

/** Limits of the session table. */
export interface SessionLimits {
  /** Most sessions open at once (default 500). */
  max: number;
  /** A session idle this long is closed (default 30 minutes). */
  idleMs: number;
}

const DEFAULT_LIMITS: SessionLimits = { max: 500, idleMs: 30 * 60_000 };

/** Sessions by id, with their last use. */
export class SessionTable {
  readonly #entries = new Map<
    string,
    { transport: WebStandardStreamableHTTPServerTransport; seen: number }
  >();
  readonly #limits: SessionLimits;
  readonly #sweeper: ReturnType<typeof setInterval>;

  /** Creates the table and its idle sweeper (which does not keep the process alive). */
  constructor(limits: Partial<SessionLimits> = {}, private readonly now: () => number = Date.now) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#sweeper = setInterval(() => this.sweep(), Math.min(60_000, this.#limits.idleMs));
    Deno.unrefTimer(Number(this.#sweeper));
  }

  /** Whether another session may be opened. */
  get full(): boolean {
    return this.#entries.size >= this.#limits.max;
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#entries.size;
  }

  /** Registers a session. */
  add(id: string, transport: WebStandardStreamableHTTPServerTransport): void {
    this.#entries.set(id, { transport, seen: this.now() });
  }

  /** The session's transport, marking it as used now; undefined when unknown. */
  use(id: string): WebStandardStreamableHTTPServerTransport | undefined {
    const entry = this.#entries.get(id);
    if (entry) entry.seen = this.now();
    return entry?.transport;
  }

  /** Forgets a session (it closed itself). */
  delete(id: string): void {
    this.#entries.delete(id);
  }

  /** Closes every session idle for longer than the limit. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.#limits.idleMs;
    for (const [id, entry] of this.#entries) {
      if (entry.seen >= cutoff) continue;
      this.#entries.delete(id);
      log.info(`closing idle session ${id}`);
      await entry.transport.close().catch(() => {});
    }
  }

  /** Closes every session and stops the sweeper. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    const all = [...this.#entries.values()];
    this.#entries.clear();
    for (const entry of all) await entry.transport.close().catch(() => {});
  }
}
