/**
 * Test Worker: tries to fetch each URL it is sent and posts back what happened, so a test can
 * show which hosts a Worker created with the sandbox plan can reach.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { attempt, fetchEach } from "./_probes.ts";

self.onmessage = async (event: MessageEvent<string[]>) => {
  const results = await fetchEach(event.data);
  results.push(attempt("env", () => Deno.env.get("HOME")));
  self.postMessage(results);
};
