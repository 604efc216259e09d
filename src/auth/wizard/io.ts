/**
 * The setup wizard's terminal: results on stdout, prompts and messages on stderr (redacted), and
 * the answers' input; each replaceable for tests.
 *
 * @module
 */
import { redact } from "../../log.ts";
import { Input } from "./input.ts";

const encoder = new TextEncoder();

/** Writes all of `text` to a file (stdout, stderr), however many writes it takes. */
export function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const data = encoder.encode(text);
  let written = 0;
  while (written < data.length) written += file.writeSync(data.subarray(written));
}

/** Where the wizard reads answers and writes results and messages. */
export interface WizardIO {
  /** Where answers come from. */
  readonly input: Input;
  /** Receives the results (stdout). */
  out(text: string): void;
  /** Receives prompts, the authorize URL and messages as they are (stderr). */
  err(text: string): void;
  /** Writes one line (redacted) to `err`. */
  say(line?: string): void;
}

/** The wizard's terminal: the given writers and input, else stdout, stderr and stdin. */
export function wizardIO(o: {
  input?: Input;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}): WizardIO {
  const err = o.stderr ?? ((t: string) => writeAll(Deno.stderr, t));
  const out = o.stdout ?? ((t: string) => writeAll(Deno.stdout, t));
  const input = o.input ?? new Input(Deno.stdin, (t) => err(t));
  return {
    input,
    out,
    err,
    say: (line = "") => err(redact(line) + "\n"),
  };
}
