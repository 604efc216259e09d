/**
 * Test Worker: tries to fetch each URL it is sent and posts back what happened, so a test can
 * show which hosts a Worker created with the sandbox plan can reach.
 *
 * @module
 */
/// <reference lib="deno.worker" />

self.onmessage = async (event: MessageEvent<string[]>) => {
  const results: string[] = [];
  for (const url of event.data) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      results.push(`reached ${response.status}`);
    } catch (error) {
      results.push((error as Error).name);
    }
  }
  try {
    Deno.env.get("HOME");
    results.push("env readable");
  } catch (error) {
    results.push(`env ${(error as Error).name}`);
  }
  self.postMessage(results);
};
