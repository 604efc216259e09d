/**
 * The setup wizard's failure: one sentence to print and the process exit code.
 *
 * @module
 */

/** A failure of the wizard: `message` is the one sentence it prints. */
export class SetupError extends Error {
  /** The process exit code (1; 2 for missing permissions). */
  readonly exitCode: number;

  /** Creates the error. */
  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SetupError";
    this.exitCode = options.exitCode ?? 1;
  }
}
