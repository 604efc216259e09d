/**
 * Jira wiki emoticons (`:)`, `(y)`, `(flag)`, ...) and the emoji character a person sees for each.
 *
 * @module
 */

/** The emoticons of Jira's text formatting notation, by their markup. */
const EMOTICONS: Record<string, string> = {
  ":)": "🙂",
  ":(": "🙁",
  ":P": "😛",
  ":D": "😃",
  ";)": "😉",
  "(y)": "👍",
  "(n)": "👎",
  "(i)": "ℹ️",
  "(/)": "✅",
  "(x)": "❌",
  "(!)": "⚠️",
  "(+)": "➕",
  "(-)": "➖",
  "(?)": "❓",
  "(on)": "💡",
  "(off)": "💡",
  "(*)": "⭐",
  "(*r)": "⭐",
  "(*g)": "⭐",
  "(*b)": "⭐",
  "(*y)": "⭐",
  "(flag)": "🚩",
  "(flagoff)": "🏳️",
};
/** No code is a prefix of another, so the first one that matches is the one. */
const CODES = Object.keys(EMOTICONS);

/** The emoticon at `index` of `source` and its emoji, if one starts there. */
export function emoticonAt(
  source: string,
  index: number,
): { code: string; emoji: string } | undefined {
  const code = CODES.find((candidate) => source.startsWith(candidate, index));
  if (!code) return undefined;
  // `:P` and `:D` followed by a letter or digit are part of a word (`:Data`), not a face.
  if (/^:[PD]$/.test(code) && /[\p{L}\p{N}]/u.test(source[index + 2] ?? "")) return undefined;
  return { code, emoji: EMOTICONS[code] };
}
