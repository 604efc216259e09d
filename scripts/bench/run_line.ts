/**
 * Reads back the command line that `--print-permissions` prints (POSIX shell quoting, optional
 * leading `NAME=value` assignments), so the benchmark can spawn exactly what a user would paste.
 *
 * @module
 */

/** A printed command line taken apart: leading variable assignments and the words after them. */
export interface RunLine {
  /** `NAME=value` assignments before the command. */
  env: Record<string, string>;
  /** The command and its arguments (`deno`, `run`, flags, entry, arguments). */
  words: string[];
}

/** Splits one line into words as a POSIX shell would (single quotes, double quotes, backslash). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1])) i++;
        text += line[i];
      }
      if (i >= line.length) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? "") + text;
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Parses a printed `[NAME=value ...] deno run <flags> <entry> <args>` line. */
export function parseRunLine(line: string): RunLine {
  const words = shellWords(line.trim());
  const env: Record<string, string> = {};
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const assignment = words.shift()!;
    const eq = assignment.indexOf("=");
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  if (words[0] !== "deno" || words[1] !== "run") throw new Error(`not a deno run line: ${line}`);
  return { env, words };
}
