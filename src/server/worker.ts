/**
 * Entry point of the sandboxed Worker. The launcher (main.ts) creates this Worker with exactly
 * the permissions the configuration needs, posts the Config, and ends the process when the
 * Worker reports that serving has ended.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { ConfigSchema } from "../config/schema.ts";
import type { Config } from "../config/types.ts";
import { addHeaderSecret, addSecret, log, setLogLevel } from "../log.ts";
import { ListenError } from "./http.ts";
import { serve } from "./serve.ts";

/** The message the launcher posts to start serving. */
export interface StartMessage {
  config: Config;
  /** Values to mask in every log line (tokens, passwords, encoded credentials, header values). */
  secrets: string[];
  /** Which of `secrets` are custom header values, left readable in successful answers. */
  headerSecrets: string[];
}

/** The message the Worker posts back when serving has ended. */
export interface DoneMessage {
  done: true;
  code: number;
}

self.onmessage = async (event: MessageEvent<StartMessage>) => {
  const headers = new Set(event.data.headerSecrets);
  for (const value of event.data.secrets) {
    if (headers.has(value)) addHeaderSecret(value);
    else addSecret(value);
  }
  let code = 0;
  try {
    // The configuration crossed a thread boundary: check its shape before trusting it.
    const config = ConfigSchema.parse(event.data.config);
    setLogLevel(config.logLevel);
    await serve(config);
  } catch (error) {
    if (error instanceof ListenError) log.error(error.message);
    else log.error("The server stopped", error);
    code = 1;
  }
  self.postMessage({ done: true, code } satisfies DoneMessage);
};
