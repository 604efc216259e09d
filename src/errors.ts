/**
 * Errors a tool raises itself (as opposed to errors Atlassian returns): bad input it can
 * detect, or a request outside the configured project/space allowlist.
 *
 * @module
 */

/** A failure explained in one sentence plus one hint; becomes an `isError` answer. */
export class ToolError extends Error {
  /** One actionable sentence. */
  readonly hint?: string;

  /** Creates a tool error. */
  constructor(message: string, hint?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ToolError";
    this.hint = hint;
  }
}
