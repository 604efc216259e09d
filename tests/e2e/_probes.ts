/**
 * The probes the sandbox tests make, in a Worker (`_probe_worker.ts`) or a narrowed process
 * (`_probe_process.ts`): what happens on a fetch of each URL, and on another action.
 *
 * @module
 */

/** "reached <status>" for each URL that answered, else the name of the error it raised. */
export async function fetchEach(urls: readonly string[]): Promise<string[]> {
  const results: string[] = [];
  for (const url of urls) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      results.push(`reached ${response.status}`);
    } catch (error) {
      results.push((error as Error).name);
    }
  }
  return results;
}

/** "<label> allowed" when `action` runs, else "<label> <error name>". */
export function attempt(label: string, action: () => unknown): string {
  try {
    action();
    return `${label} allowed`;
  } catch (error) {
    return `${label} ${(error as Error).name}`;
  }
}
