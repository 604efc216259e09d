/**
 * The live sessions of an HTTP transport (streamable-HTTP sessions, legacy SSE streams), bounded
 * in number overall and per credential, and (for streamable HTTP) closed after a period without
 * requests, so abandoned clients do not hold servers forever.
 *
 * Each session remembers its owner: the identity it is bound to (`credentialIdentity`, checked
 * on every request of the session by `src/server/http.ts`) and the fingerprint of the exact
 * credentials that opened it (`credentialFingerprint`), by which sessions are counted. A client
 * that sends unchecked credentials (nothing is verified before a tool call reaches Atlassian)
 * can therefore hold at most `perCredential` sessions with one token; sessions served with the
 * server's own credentials (fingerprint `"server"`) count only towards `max`.
 *
 * @module
 */
import { log } from "../log.ts";

/** Limits of a session table. */
export interface SessionLimits {
  /** Most sessions open at once (default 500). */
  max: number;
  /** Most sessions open at once with the same credentials (default 20). */
  perCredential: number;
  /** A session idle this long is closed (default 30 minutes; `Infinity`: never). */
  idleMs: number;
}

/** Whom a session belongs to. */
export interface SessionOwner {
  /** The identity the session is bound to (`"server"` for the server's own credentials). */
  identity: string;
  /** The fingerprint of the credentials that opened it, by which sessions are counted. */
  fingerprint: string;
}

/** What a session table needs of a transport. */
export interface Closable {
  /** Ends the session. */
  close(): Promise<void>;
}

/** One open session. */
export interface SessionEntry<T extends Closable> {
  /** The session's transport. */
  transport: T;
  /** Its owner. */
  owner: SessionOwner;
}

/** Why a session may not be opened: the HTTP status and the sentence to answer with. */
export interface SessionRefusal {
  /** 503 when the table is full, 429 when these credentials hold their share. */
  status: 429 | 503;
  /** One sentence for the `error` of the answer. */
  error: string;
}

/** The fingerprint of requests served with the server's own credentials. */
const SERVER = "server";

const DEFAULT_LIMITS: SessionLimits = { max: 500, perCredential: 20, idleMs: 30 * 60_000 };

/** Sessions by id, with their owner and last use. */
export class SessionTable<T extends Closable> {
  readonly #entries = new Map<string, SessionEntry<T> & { seen: number }>();
  readonly #perFingerprint = new Map<string, number>();
  readonly #limits: SessionLimits;
  readonly #sweeper?: ReturnType<typeof setInterval>;

  /** Creates the table and its idle sweeper (which does not keep the process alive). */
  constructor(limits: Partial<SessionLimits> = {}, private readonly now: () => number = Date.now) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    if (Number.isFinite(this.#limits.idleMs)) {
      this.#sweeper = setInterval(() => this.sweep(), Math.min(60_000, this.#limits.idleMs));
      Deno.unrefTimer(Number(this.#sweeper));
    }
  }

  /** Whether another session may be opened at all. */
  get full(): boolean {
    return this.#entries.size >= this.#limits.max;
  }

  /** Number of open sessions. */
  get size(): number {
    return this.#entries.size;
  }

  /** Number of open sessions opened with the credentials of this fingerprint. */
  countOf(fingerprint: string): number {
    return this.#perFingerprint.get(fingerprint) ?? 0;
  }

  /**
   * Why a session for this owner may not be opened now, or undefined when it may. Register it
   * with `add` before anything is awaited, so concurrent requests cannot all pass the check.
   */
  refusal(owner: SessionOwner): SessionRefusal | undefined {
    if (this.full) {
      return {
        status: 503,
        error:
          `Too many open sessions (${this.#limits.max}) on this server: close one (DELETE) or try again later.`,
      };
    }
    if (
      owner.fingerprint !== SERVER && this.countOf(owner.fingerprint) >= this.#limits.perCredential
    ) {
      return {
        status: 429,
        error:
          `Too many open sessions (${this.#limits.perCredential}) with these credentials: close one (DELETE) or reuse an open one.`,
      };
    }
    return undefined;
  }

  /** Registers a session. */
  add(id: string, transport: T, owner: SessionOwner): void {
    this.delete(id);
    this.#entries.set(id, { transport, owner, seen: this.now() });
    this.#perFingerprint.set(owner.fingerprint, this.countOf(owner.fingerprint) + 1);
  }

  /** The session, marking it as used now; undefined when unknown. */
  use(id: string): SessionEntry<T> | undefined {
    const entry = this.#entries.get(id);
    if (entry) entry.seen = this.now();
    return entry;
  }

  /** Forgets a session (it closed itself); nothing when unknown. */
  delete(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    const left = this.countOf(entry.owner.fingerprint) - 1;
    if (left > 0) this.#perFingerprint.set(entry.owner.fingerprint, left);
    else this.#perFingerprint.delete(entry.owner.fingerprint);
  }

  /** Closes every session idle for longer than the limit. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.#limits.idleMs;
    for (const [id, entry] of this.#entries) {
      if (entry.seen >= cutoff) continue;
      this.delete(id);
      log.info(`closing idle session ${id}`);
      await entry.transport.close().catch(() => {});
    }
  }

  /** Closes every session and stops the sweeper. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    const all = [...this.#entries.values()];
    this.#entries.clear();
    this.#perFingerprint.clear();
    for (const entry of all) await entry.transport.close().catch(() => {});
  }
}
