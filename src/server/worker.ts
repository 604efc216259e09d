/**
 * The sandboxed Worker's side. The launcher (src/launcher.ts) creates a Worker from the entry
 * module (main.ts) with exactly the permissions the configuration needs and posts the Config;
 * main.ts, finding itself inside a Worker, calls `serveWhenStarted`, which serves and reports
 * back when serving has ended, and the launcher then ends the process.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { ConfigSchema } from "../config/schema.ts";
import type { Config } from "../config/types.ts";
import { addHeaderSecret, addSecret, setLogLevel } from "../log.ts";
import { serveToEnd } from "./serve.ts";

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

/** Waits for the launcher's StartMessage, serves, and posts a DoneMessage when serving ends. */
export function serveWhenStarted(): void {
  self.onmessage = async (event: MessageEvent<StartMessage>) => {
    const headers = new Set(event.data.headerSecrets);
    for (const value of event.data.secrets) {
      if (headers.has(value)) addHeaderSecret(value);
      else addSecret(value);
    }
    // The configuration crossed a thread boundary: check its shape before trusting it.
    const config = ConfigSchema.parse(event.data.config);
    setLogLevel(config.logLevel);
    const code = await serveToEnd(config);
    self.postMessage({ done: true, code } satisfies DoneMessage);
  };
}
