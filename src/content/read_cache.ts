/**
 * A bounded memo of rich-text reads (ADF, storage or wiki markup -> Markdown). Reading is a pure
 * function of the text read, and the same text is read again and again: an issue re-read after
 * a comment was added, a page read before each edit, comments that did not change. Converting is
 * a large part of a read's cost, about half of it writing Markdown (mdast-util-to-markdown) in a
 * profile; `deno task bench` has a row for texts new at every call, next to the row for texts
 * kept here, so an unchanged text is converted once.
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
