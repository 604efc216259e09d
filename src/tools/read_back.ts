/**
 * Secondary reads whose failure must not fail the whole answer: reading an item back after a
 * write succeeded (an error answer would make the assistant retry and create a duplicate), and
 * enrichments such as an issue's comments.
 *
 * @module
 */

/** The item read back, or the sentence that says why it could not be. */
export type ReadBack<T> = { value: T; note?: undefined } | { value?: undefined; note: string };

/** Runs `read`; a failure becomes a note (`what` failed: message) instead of an exception. */
export async function readBack<T>(
  read: () => Promise<T>,
  what = "The change was made, but reading the result back failed",
): Promise<ReadBack<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { note: `${what}: ${message}` };
  }
}
