/**
 * A bounded memo of rich-text reads (ADF, storage or wiki markup -> Markdown). Reading is a pure
 * function of the text read, and the same text is read again and again: an issue re-read after
 * a comment was added, a page read before each edit, comments that did not change. Converting is
 * a large part of a read's cost (`deno task bench` has a row for texts new at every call: with
 * the texts of DEMO-2, 0.1-0.5 ms more a call than when they are kept here in 8 of 9 runs, and
 * 0.3-1.4 ms before the conversion was made cheaper). Converting those three texts alone, new at
 * every call, takes a median 0.17-0.19 ms a call over 1,000 calls and 2.0-2.2 ms over a process's
 * first ten (0.21-0.23 and 2.7-3.0 ms before; under `RUNTIME_FLAGS`, on a busy 2-core machine).
 * Of that time, profiled warm, about half goes to writing Markdown (mdast-util-to-markdown), a
 * quarter to the reader and its round-trip check, a tenth to collecting garbage and a tenth to
 * this memo (the document's JSON text as its key, the lookup), so an unchanged text is converted
 * once.
 *
 * The memo holds at most `maxChars` characters of keys and values, evicting the least recently
 * used first; a text too large for an eighth of that is converted each time and not kept.
 *
 * @module
 */

/** Least-recently-used memo of converted texts, bounded by their total length. */
export class ReadCache {
  readonly #entries = new Map<string, string>();
  #chars = 0;

  /** A memo of at most `maxChars` characters (keys and values together). */
  constructor(readonly maxChars: number) {}

  /** The number of texts kept. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The conversion of `key`: kept, else `convert()`'s when it reports it succeeded (a fallback
   * is not kept, so the warning it logs is logged on every read).
   */
  read(key: string, convert: () => { value: string; ok: boolean }): string {
    const kept = this.#entries.get(key);
    if (kept !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept;
    }
    const { value, ok } = convert();
    const size = key.length + value.length;
    if (!ok || size > this.maxChars / 8) return value;
    this.#entries.set(key, value);
    this.#chars += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#chars <= this.maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= oldest.length + old.length;
    }
    return value;
  }
}
