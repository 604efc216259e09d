/**
 * Finds a secret in a text in every form it travels in, for `src/log.ts`.
 *
 * A registered value is masked as itself and as the forms an upstream or a library may echo it
 * in: percent-encoded (as `encodeURIComponent`, RFC 3986 strict, `encodeURI`, and form encoding
 * with `+` for a space), each also with lower-case hex; JSON-escaped (also with `\uXXXX` for
 * non-ASCII); HTML-escaped (`&#39;` or `&#x27;`); each of these also as it shows inside a JSON
 * string (tool answers are JSON, so a JSON-escaped echo is escaped twice there); and base64 /
 * base64url, padded or not, of its UTF-8 bytes, in all those encodings too. A value that is
 * itself standard base64 (such as the registered Basic credential, base64 of `user:secret`)
 * also counts in its base64url and unpadded spellings, so registering the Basic credential
 * covers every spelling of the pair.
 *
 * Fragments: in any form, a run that spells at least `FRAGMENT` (16) whole characters of a
 * secret of at least `FRAGMENTED` (24) characters (or of one of its base64 spellings) is masked
 * too, so a truncated or partly quoted token does not escape. Characters of the secret are
 * counted, not of the form: `%F0%9F%98%80` is one character, so a few encoded punctuation marks
 * shared by two secrets never make a fragment. Machine-made credentials are long (Cloud API
 * tokens about 190 characters, Data Center personal tokens 44, OAuth tokens and client secrets
 * more than 32) and 16 of their characters carry 80 or more bits: a chance match in ordinary
 * text is negligible, while a shorter piece tells little. Shorter secrets are mostly chosen by
 * people (passwords, header values, test values such as `oauth-client-secret-1`), and their
 * pieces are words that ordinary text shares (`oauth-client-`), so they are masked only whole.
 *
 * So a secret becomes a set of pieces, each masked wherever it shows: every form whole for a
 * secret shorter than `FRAGMENTED`, else every run of `FRAGMENT` of its characters in every form
 * (a longer run is masked as the overlapping pieces it holds; a cut escape sequence at its edge,
 * such as `%2`, spells no character and stays).
 *
 * Cost: pieces of 16+ characters are indexed by their 8-character grams at offsets 0 to 8. Such a
 * piece holds a gram that starts at a multiple of 9 in the text, at one of those offsets: the
 * scan looks up one gram every 9 characters and compares each piece indexed under it, in place.
 * Pieces are deduplicated, so a repetitive secret (`aaaa...`) has a handful: the work per text
 * character is bounded by the pieces sharing a gram, whatever the text. Shorter pieces are few
 * and searched with `indexOf`.
 *
 * @module
 */

/** A run spelling this many whole characters of a long enough secret is masked. */
const FRAGMENT = 16;
/** Secrets (and base64 spellings) at least this long have their fragments masked. */
const FRAGMENTED = 24;
/** Length of the indexed grams. */
const GRAM = 8;
/** Stride of the text scan: every run of `FRAGMENT` characters holds a gram starting here. */
const STEP = FRAGMENT - GRAM + 1;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const encoder = new TextEncoder();

/** Percent-encodes the UTF-8 bytes of `c` unless `keep` matches it. */
function percent(keep: RegExp, hex: "upper" | "lower", space = "%20"): (c: string) => string {
  return (c) => {
    if (keep.test(c)) return c;
    if (c === " ") return space;
    let out = "";
    for (const byte of encoder.encode(c)) {
      const h = byte.toString(16).padStart(2, "0");
      out += "%" + (hex === "upper" ? h.toUpperCase() : h);
    }
    return out;
  };
}

function html(apostrophe: string): (c: string) => string {
  const named: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  return (c) => c === "'" ? apostrophe : named[c] ?? c;
}

const COMPONENT = /^[A-Za-z0-9\-_.!~*'()]$/;
const STRICT = /^[A-Za-z0-9\-_.~]$/;
const URI = /^[A-Za-z0-9\-_.!~*'();,/?:@&=+$#]$/;
const FORM = /^[A-Za-z0-9*\-._]$/;

/** The JSON string escape of a text (without the quotes). */
function json(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Text encodings of one character (code point). */
const TEXT_ENCODINGS: ((c: string) => string)[] = [
  (c) => c,
  ...(["upper", "lower"] as const).flatMap((hex) => [
    percent(COMPONENT, hex),
    percent(STRICT, hex),
    percent(URI, hex),
    percent(FORM, hex, "+"),
  ]),
  json,
  // `\uXXXX` for every UTF-16 unit outside ASCII.
  (c) =>
    json(c).replace(/[^\0-\x7f]/g, (u) => "\\u" + u.charCodeAt(0).toString(16).padStart(4, "0")),
  html("&#39;"),
  html("&#x27;"),
];

/**
 * Encodings of one character; a form applies one of them to every character. Each text
 * encoding counts also as it shows inside a JSON string (answers are JSON).
 */
const ENCODINGS = TEXT_ENCODINGS.flatMap((encode) => [encode, (c: string) => json(encode(c))]);

// Per character, its encodings in `ENCODINGS` order (secrets share a small alphabet).
const encodedChars = new Map<string, string[]>();

function encodingsOf(c: string): string[] {
  let encoded = encodedChars.get(c);
  if (!encoded) encodedChars.set(c, encoded = ENCODINGS.map((encode) => encode(c)));
  return encoded;
}

/** base64 and base64url, padded and not. */
function base64Spellings(b64: string): string[] {
  const url = b64.replaceAll("+", "-").replaceAll("/", "_");
  return [b64, url, b64.replace(/=+$/, ""), url.replace(/=+$/, "")];
}

function base64(text: string): string {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Every text that is masked wherever it shows, for one secret: each form (see the module
 * documentation) whole when its secret (or base64 spelling) is shorter than `FRAGMENTED`
 * characters, else each run of `FRAGMENT` whole characters of it. Deduplicated.
 */
export function secretPieces(value: string): string[] {
  const bases = [value, ...base64Spellings(base64(value))];
  if (BASE64.test(value)) bases.push(...base64Spellings(value));
  const forms = new Set<string>();
  const pieces = new Set<string>();
  for (const base of new Set(bases)) {
    const table = [...base].map(encodingsOf);
    const run = table.length >= FRAGMENTED ? FRAGMENT : table.length;
    for (let k = 0; k < ENCODINGS.length; k++) {
      const form = table.map((encoded) => encoded[k]).join("");
      if (forms.has(form)) continue;
      forms.add(form);
      // Where each character of the secret starts in the form, and where the form ends.
      const starts = [0];
      for (const encoded of table) starts.push(starts.at(-1)! + encoded[k].length);
      for (let i = 0; i + run < starts.length; i++) {
        pieces.add(form.slice(starts[i], starts[i + run]));
      }
    }
  }
  return [...pieces];
}

/** Adds `[start, end)` to `out`, merged into the last range when they overlap. */
function addRange(out: [number, number][], start: number, end: number): void {
  const last = out.at(-1);
  if (last && start <= last[1] && end >= last[0]) {
    last[0] = Math.min(last[0], start);
    last[1] = Math.max(last[1], end);
  } else out.push([start, end]);
}

/** Finds the pieces of a set of secrets in texts. */
export class SecretMask {
  /** Pieces shorter than `FRAGMENT`, found with `indexOf`. */
  readonly #short = new Set<string>();
  /** The longer pieces, each once (and the same as a set). */
  readonly #long: string[] = [];
  readonly #indexed = new Set<string>();
  /** Each gram at an offset below `STEP` of a long piece -> `index in #long * STEP + offset`. */
  readonly #grams = new Map<string, number[]>();

  /** Indexes the given pieces (see `secretPieces`). */
  constructor(pieces: Iterable<string> = []) {
    this.add(pieces);
  }

  /** Indexes more pieces. */
  add(pieces: Iterable<string>): void {
    for (const piece of pieces) {
      if (piece.length < FRAGMENT) this.#short.add(piece);
      else if (!this.#indexed.has(piece)) {
        this.#indexed.add(piece);
        const entry = (this.#long.push(piece) - 1) * STEP;
        for (let o = 0; o < STEP; o++) {
          const gram = piece.slice(o, o + GRAM);
          const hits = this.#grams.get(gram);
          if (hits) hits.push(entry + o);
          else this.#grams.set(gram, [entry + o]);
        }
      }
    }
  }

  /**
   * Adds to `out` the `[start, end)` ranges of `text` where a piece shows (overlapping ones
   * merged as they come, so a repetitive text gives a few ranges, not one per position).
   */
  find(text: string, out: [number, number][]): void {
    for (const piece of this.#short) {
      for (let i = text.indexOf(piece); i >= 0; i = text.indexOf(piece, i + 1)) {
        addRange(out, i, i + piece.length);
      }
    }
    if (this.#long.length === 0) return;
    for (let p = 0; p + GRAM <= text.length; p += STEP) {
      const hits = this.#grams.get(text.slice(p, p + GRAM));
      if (!hits) continue;
      for (const entry of hits) {
        const piece = this.#long[Math.floor(entry / STEP)], at = p - entry % STEP;
        if (at >= 0 && text.startsWith(piece, at)) addRange(out, at, at + piece.length);
      }
    }
  }
}

/** Replaces each of the (possibly overlapping) ranges of `text` with one `***` per merged run. */
export function maskRanges(text: string, ranges: [number, number][]): string {
  if (ranges.length === 0) return text;
  const merged: [number, number][] = [];
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = "";
  let at = 0;
  for (const [start, end] of merged) {
    out += text.slice(at, start) + "***";
    at = end;
  }
  return out + text.slice(at);
}
