/**
 * Test Worker: saves a token file at the path it is sent (through the real atomic writer), then
 * tries to write next to the token folder, and posts back what succeeded.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { saveTokens } from "../../../src/auth/mod.ts";

self.onmessage = async (event: MessageEvent<{ tokenFile: string; outside: string }>) => {
  const out: string[] = [];
  try {
    await saveTokens(event.data.tokenFile, { access_token: "a", expires_at: 1 });
    out.push("token file saved");
  } catch (error) {
    out.push(`token file: ${error instanceof Error ? error.message : error}`);
  }
  try {
    await Deno.writeTextFile(event.data.outside, "x");
    out.push("outside written");
  } catch (error) {
    out.push(`outside: ${error instanceof Error ? error.name : error}`);
  }
  self.postMessage(out);
};
