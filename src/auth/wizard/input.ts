/**
 * The setup wizard's questions: prompts on stderr, answers from stdin. On a terminal the secret
 * is read in raw mode and never echoed; when stdin is not a terminal (a script, a test) every
 * answer is one line, so the whole dialogue can be piped in.
 *
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What the wizard reads from: `Deno.stdin`, or a stand-in in tests. */
export interface InputSource {
  read(p: Uint8Array): Promise<number | null>;
  isTerminal(): boolean;
  setRaw(mode: boolean, options?: { cbreak: boolean }): void;
}

/** Ctrl-C at a prompt: the user stopped the wizard. */
export class Cancelled extends Error {
  /** Creates the cancellation. */
  constructor() {
    super("Setup cancelled.");
    this.name = "Cancelled";
  }
}

/** Reads lines (and, on a terminal, unechoed secrets) from one input, buffering what it read. */
export class Input {
  #source: InputSource;
  #buffer: number[] = [];
  #eof = false;
  #write: (text: string) => void;

  /** Reads from `source` (default stdin) and writes prompts with `write` (default stderr). */
  constructor(
    source: InputSource = Deno.stdin,
    write: (text: string) => void = (t) => Deno.stderr.writeSync(encoder.encode(t)),
  ) {
    this.#source = source;
    this.#write = write;
  }

  /** Whether a person is typing (stdin is a terminal). */
  get terminal(): boolean {
    return this.#source.isTerminal();
  }

  async #fill(): Promise<boolean> {
    if (this.#eof) return false;
    const chunk = new Uint8Array(4096);
    const n = await this.#source.read(chunk);
    if (n === null) {
      this.#eof = true;
      return false;
    }
    for (let i = 0; i < n; i++) this.#buffer.push(chunk[i]);
    return true;
  }

  /** One line without its end (`\n` or `\r\n`); null at the end of the input. */
  async readLine(): Promise<string | null> {
    for (;;) {
      const end = this.#buffer.indexOf(0x0a);
      if (end >= 0) {
        const line = this.#buffer.splice(0, end + 1).slice(0, -1);
        if (line.at(-1) === 0x0d) line.pop();
        return decoder.decode(new Uint8Array(line));
      }
      if (!(await this.#fill())) {
        if (!this.#buffer.length) return null;
        return decoder.decode(new Uint8Array(this.#buffer.splice(0)));
      }
    }
  }

  async #byte(): Promise<number | null> {
    if (!this.#buffer.length && !(await this.#fill())) return null;
    return this.#buffer.shift() ?? null;
  }

  /**
   * Writes `prompt`, then reads one line that is never echoed: on a terminal it is read in raw
   * mode, switched on before the prompt appears so nothing typed after it is echoed (Enter ends
   * it, Backspace and Ctrl-U edit it, Ctrl-C throws `Cancelled`); otherwise it is a plain line.
   */
  async readSecret(prompt = ""): Promise<string | null> {
    if (!this.terminal) {
      this.#write(prompt);
      return await this.readLine();
    }
    const bytes: number[] = [];
    this.#source.setRaw(true);
    try {
      this.#write(prompt);
      for (;;) {
        const b = await this.#byte();
        if (b === null || b === 0x04) {
          if (!bytes.length) return null;
          break;
        }
        if (b === 0x0d || b === 0x0a) break;
        if (b === 0x03) throw new Cancelled();
        if (b === 0x7f || b === 0x08) {
          while (bytes.length && (bytes[bytes.length - 1] & 0xc0) === 0x80) bytes.pop();
          bytes.pop();
          continue;
        }
        if (b === 0x15) {
          bytes.length = 0;
          continue;
        }
        if (b < 0x20) continue;
        bytes.push(b);
      }
      return decoder.decode(new Uint8Array(bytes));
    } finally {
      this.#source.setRaw(false);
      this.#write("\n");
    }
  }

  /**
   * Asks one question; Enter (or the end of the input) keeps `fallback`. `shown` is how the
   * fallback appears in brackets (`****` for a secret); `secret` reads without echo.
   */
  async ask(
    question: string,
    fallback: string | undefined,
    opts: { secret?: boolean; shown?: string } = {},
  ): Promise<string | undefined> {
    const hint = fallback ? ` [${opts.shown ?? fallback}]` : "";
    const prompt = `${question}${hint}: `;
    let answer: string | null;
    if (opts.secret) answer = await this.readSecret(prompt);
    else {
      this.#write(prompt);
      answer = await this.readLine();
    }
    if (!this.terminal) this.#write("\n");
    const trimmed = answer?.trim();
    return trimmed ? trimmed : fallback;
  }
}
