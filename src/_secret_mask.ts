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
 * Cost: forms of 16+ characters are indexed by their 8-character grams. A fragment is at least
 * 16 characters long, so it holds a gram that starts at a multiple of 9 in the text: the scan
 * looks up one gram every 9 characters (about 11,000 map look-ups for 100 KB) and widens each
 * hit to the longest run it belongs to. Shorter forms are few and searched with `indexOf`.
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

/** One spelling of a secret. */
export interface SecretForm {
  text: string;
  /** Per character of `text`, the index of the secret's character (code point) it spells. */
  units: Int32Array;
  /** How many characters the secret (or the base64 spelling encoded) has. */
  size: number;
}

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

/** Every form of a secret that is masked (see the module documentation). */
export function secretForms(value: string): SecretForm[] {
  const bases = [value, ...base64Spellings(base64(value))];
  if (BASE64.test(value)) bases.push(...base64Spellings(value));
  const forms = new Map<string, SecretForm>();
  for (const base of new Set(bases)) {
    const table = [...base].map(encodingsOf);
    for (let k = 0; k < ENCODINGS.length; k++) {
      const parts = table.map((encoded) => encoded[k]);
      const text = parts.join("");
      if (forms.has(text)) continue;
      const units = new Int32Array(text.length);
      let at = 0;
      parts.forEach((part, i) => units.fill(i, at, at += part.length));
      forms.set(text, { text, units, size: parts.length });
    }
  }
  return [...forms.values()];
}

/** Finds the forms of a set of secrets in texts. */
export class SecretMask {
  /** Forms of `FRAGMENT`+ characters, found through `#grams`. */
  readonly #long: SecretForm[] = [];
  /** Shorter forms (never fragmented), found with `indexOf`. */
  readonly #short: string[] = [];
  /** Each gram of the long forms -> flat pairs (index in `#long`, offset in the form). */
  readonly #grams = new Map<string, number[]>();

  /** Indexes the given forms (see `secretForms`). */
  constructor(forms: Iterable<SecretForm> = []) {
    this.add(forms);
  }

  /** Indexes more forms. */
  add(forms: Iterable<SecretForm>): void {
    for (const form of forms) {
      if (form.text.length < FRAGMENT) {
        this.#short.push(form.text);
        continue;
      }
      const f = this.#long.push(form) - 1;
      for (let o = 0; o + GRAM <= form.text.length; o++) {
        const gram = form.text.slice(o, o + GRAM);
        const hits = this.#grams.get(gram);
        if (hits) hits.push(f, o);
        else this.#grams.set(gram, [f, o]);
      }
    }
  }

  /** Adds to `out` the `[start, end)` ranges of `text` that show a form or a fragment of one. */
  find(text: string, out: [number, number][]): void {
    for (const form of this.#short) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
        out.push([i, i + form.length]);
      }
    }
    if (this.#long.length === 0) return;
    // Per form, the last run found: a later gram on the same diagonal inside it is the same run.
    const lastShift = new Float64Array(this.#long.length).fill(NaN);
    const lastEnd = new Float64Array(this.#long.length);
    for (let p = 0; p + GRAM <= text.length; p += STEP) {
      const hits = this.#grams.get(text.slice(p, p + GRAM));
      if (!hits) continue;
      for (let h = 0; h < hits.length; h += 2) {
        const f = hits[h], o = hits[h + 1];
        if (lastShift[f] === p - o && lastEnd[f] >= p + GRAM) continue;
        const { text: form, units, size } = this.#long[f];
        let from = o, to = o + GRAM; // the run, in the form
        while (from > 0 && p - o + from > 0) {
          if (text.charCodeAt(p - o + from - 1) !== form.charCodeAt(from - 1)) break;
          from--;
        }
        while (to < form.length && p - o + to < text.length) {
          if (text.charCodeAt(p - o + to) !== form.charCodeAt(to)) break;
          to++;
        }
        lastShift[f] = p - o;
        lastEnd[f] = p - o + to;
        // Whole characters of the secret the run spells (a cut escape sequence does not count).
        const first = from === 0 || units[from - 1] !== units[from] ? units[from] : units[from] + 1;
        const last = to === form.length || units[to] !== units[to - 1]
          ? units[to - 1]
          : units[to - 1] - 1;
        if (last - first + 1 >= (size >= FRAGMENTED ? FRAGMENT : size)) {
          out.push([p - o + from, p - o + to]);
        }
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
