/**
 * A reader for the YAML subset our GitHub workflow files use, so the tests can check them without
 * a YAML dependency (the `yaml` package is in deno.lock only as a dependency of the conformance
 * suite, and importing it directly would change the frozen lock).
 *
 * The subset: block mappings and block sequences indented with spaces, `key: value` with plain,
 * 'single-quoted' or "double-quoted" scalars, flow sequences of scalars (`[a, "b"]`), literal
 * block scalars (`|`, `|-`) and `#` comments. Plain `true`, `false`, `null` and integers become
 * those values; everything else stays a string. Anything outside the subset (tabs, anchors,
 * aliases, tags, flow mappings, folded or multi-line plain scalars, several documents, a repeated
 * key) throws an error naming the line, so a workflow that needs more YAML than this makes the
 * test fail instead of being read wrongly.
 *
 * @module
 */

/** A value of the subset. */
export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  /** The text after the indentation. */
  text: string;
}

/** Parses `source` (one document of the subset). */
export function parseYaml(source: string): Yaml {
  const raw = source.replace(/\r\n/g, "\n").split("\n");
  const reader = new Reader(raw);
  const first = reader.peek();
  if (!first) return null;
  const value = reader.block(first.indent);
  const rest = reader.peek();
  if (rest) reader.fail(rest.no, "unexpected indentation");
  return value;
}

class Reader {
  #pos = 0;
  constructor(readonly raw: string[]) {}

  fail(no: number, why: string): never {
    throw new Error(`YAML line ${no}: ${why}: ${JSON.stringify(this.raw[no - 1] ?? "")}`);
  }

  /** The next line that is not blank or a comment, without consuming it. */
  peek(): Line | undefined {
    while (this.#pos < this.raw.length) {
      const line = this.raw[this.#pos];
      const text = line.trimStart();
      if (line.slice(0, line.length - text.length).includes("\t")) {
        this.fail(this.#pos + 1, "tabs are not allowed in indentation");
      }
      if (text === "" || text.startsWith("#")) {
        this.#pos++;
        continue;
      }
      if (text === "---" || text === "...") this.fail(this.#pos + 1, "one document only");
      return { no: this.#pos + 1, indent: line.length - text.length, text };
    }
    return undefined;
  }

  /** Replaces the current line's text (used to read `- key: value` as a mapping). */
  rewrite(indent: number, text: string): void {
    this.raw[this.#pos] = " ".repeat(indent) + text;
  }

  next(): void {
    this.#pos++;
  }

  block(indent: number): Yaml {
    const line = this.peek()!;
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  sequence(indent: number): Yaml[] {
    const out: Yaml[] = [];
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (!isItem(line.text)) this.fail(line.no, "expected a '- ' item");
      const rest = line.text.slice(1).trimStart();
      const restIndent = indent + line.text.length - rest.length;
      if (rest === "" || rest.startsWith("#")) {
        this.next();
        const child = this.peek();
        if (!child || child.indent <= indent) out.push(null);
        else out.push(this.block(child.indent));
      } else if (keyOf(rest, line.no, this) !== undefined) {
        this.rewrite(restIndent, rest);
        out.push(this.mapping(restIndent));
      } else {
        this.next();
        out.push(this.inline(rest, line.no, indent));
      }
    }
    const after = this.peek();
    if (after && after.indent > indent) this.fail(after.no, "unexpected indentation");
    return out;
  }

  mapping(indent: number): { [key: string]: Yaml } {
    const out: { [key: string]: Yaml } = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isItem(line.text)) this.fail(line.no, "a '- ' item where a key was expected");
      const split = keyOf(line.text, line.no, this);
      if (split === undefined) this.fail(line.no, "expected 'key: value'");
      const [key, rest] = split;
      if (Object.hasOwn(out, key)) this.fail(line.no, `the key '${key}' is repeated`);
      this.next();
      if (rest === "" || rest.startsWith("#")) {
        const child = this.peek();
        if (child && child.indent > indent) out[key] = this.block(child.indent);
        else if (child && child.indent === indent && isItem(child.text)) {
          out[key] = this.sequence(indent);
        } else out[key] = null;
      } else {
        out[key] = this.inline(rest, line.no, indent);
      }
    }
    const after = this.peek();
    if (after && after.indent > indent) this.fail(after.no, "unexpected indentation");
    return out;
  }

  /** A value written on the key's or item's own line (block scalars read the lines after). */
  inline(text: string, no: number, indent: number): Yaml {
    const value = stripComment(text, no, this);
    if (/^\|-?$/.test(value)) return this.literal(indent, value === "|-");
    if (value.startsWith("[")) {
      if (!value.endsWith("]")) this.fail(no, "a flow sequence must end on its line");
      const inner = value.slice(1, -1).trim();
      if (inner === "") return [];
      return splitFlow(inner, no, this).map((item) => scalar(item, no, this));
    }
    return scalar(value, no, this);
  }

  /** The lines of a `|` block scalar indented deeper than `indent`. */
  literal(indent: number, strip: boolean): string {
    const lines: string[] = [];
    let blockIndent: number | undefined;
    while (this.#pos < this.raw.length) {
      const line = this.raw[this.#pos];
      const text = line.trimStart();
      const lineIndent = line.length - text.length;
      if (text !== "") {
        if (lineIndent <= indent) break;
        blockIndent ??= lineIndent;
        if (lineIndent < blockIndent) this.fail(this.#pos + 1, "a block scalar line is dedented");
      }
      lines.push(text === "" ? "" : line.slice(blockIndent));
      this.#pos++;
    }
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    const body = lines.join("\n");
    return strip || body === "" ? body : body + "\n";
  }
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** Splits `key: rest` (plain or quoted key); undefined when the text is not a mapping entry. */
function keyOf(text: string, no: number, reader: Reader): [string, string] | undefined {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, no, reader);
    if (text[end + 1] !== ":") return undefined;
    const rest = text.slice(end + 2);
    if (rest !== "" && !rest.startsWith(" ")) return undefined;
    return [scalar(text.slice(0, end + 1), no, reader) as string, rest.trim()];
  }
  if (/^[[{&*!|>%@`]/.test(text)) return undefined;
  const match = /^([^#]*?):(?: +(.*)|$)/.exec(text);
  if (!match) return undefined;
  return [match[1], (match[2] ?? "").trim()];
}

/** The index of the closing quote of the quoted scalar `text` starts with. */
function quotedEnd(text: string, no: number, reader: Reader): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  reader.fail(no, "a quoted scalar must end on its line");
}

/** `text` without a trailing ` # comment` (outside quotes). */
function stripComment(text: string, no: number, reader: Reader): string {
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = quotedEnd(text, no, reader);
    const rest = text.slice(end + 1).trim();
    if (rest !== "" && !rest.startsWith("#")) reader.fail(no, "text after a quoted scalar");
    return text.slice(0, end + 1);
  }
  const hash = text.search(/ #/);
  return (hash < 0 ? text : text.slice(0, hash)).trim();
}

/** The comma-separated items of a flow sequence's inside (scalars only). */
function splitFlow(inner: string, no: number, reader: Reader): string[] {
  const items: string[] = [];
  let i = 0;
  while (i <= inner.length) {
    const rest = inner.slice(i).trimStart();
    i = inner.length - rest.length;
    let end: number;
    if (rest.startsWith('"') || rest.startsWith("'")) end = i + quotedEnd(rest, no, reader) + 1;
    else end = inner.indexOf(",", i) < 0 ? inner.length : inner.indexOf(",", i);
    items.push(inner.slice(i, end).trim());
    const comma = inner.slice(end).trimStart();
    if (comma === "") break;
    if (!comma.startsWith(",")) reader.fail(no, "expected ',' in a flow sequence");
    i = inner.length - comma.length + 1;
  }
  return items;
}

/** One scalar of the subset. */
function scalar(text: string, no: number, reader: Reader): Yaml {
  if (text.startsWith('"')) {
    if (quotedEnd(text, no, reader) !== text.length - 1) reader.fail(no, "text after a quote");
    try {
      return JSON.parse(text.replace(/\\\//g, "/"));
    } catch {
      reader.fail(no, "an escape outside the subset in a double-quoted scalar");
    }
  }
  if (text.startsWith("'")) {
    if (quotedEnd(text, no, reader) !== text.length - 1) reader.fail(no, "text after a quote");
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[\]{}&*!|>%@`,]/.test(text) || text === "-" || text.startsWith("- ")) {
    reader.fail(no, "a value outside the subset (anchor, alias, tag, flow mapping or folded)");
  }
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null" || text === "~") return null;
  if (/^-?(0|[1-9][0-9]*)$/.test(text)) return Number(text);
  return text;
}
