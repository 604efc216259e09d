/**
 * Shared helpers for the config and sandbox unit tests: an in-memory file system for
 * `loadConfig`'s `readFile`, and shortcuts to unwrap its result.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadConfig, type LoadResult } from "../../../src/config/mod.ts";
import type { Config } from "../../../src/config/types.ts";

/** An environment map as `loadConfig` receives it. */
export type Env = Record<string, string | undefined>;

/** A `readFile` over an in-memory map; a missing path throws `Deno.errors.NotFound`. */
export function memoryFs(files: Record<string, string> = {}): (path: string) => string {
  return (path) => {
    if (Object.hasOwn(files, path)) return files[path];
    throw new Deno.errors.NotFound(`No such file or directory: ${path}`);
  };
}

/** Runs `loadConfig` with an in-memory file system. */
export function load(argv: string[], env: Env, files: Record<string, string> = {}): LoadResult {
  return loadConfig(argv, env, memoryFs(files));
}

/** The successful result, or a failed assertion listing the problems. */
export function ok(result: LoadResult): Extract<LoadResult, { kind: "ok" }> {
  assert.equal(result.kind, "ok", JSON.stringify(result));
  return result as Extract<LoadResult, { kind: "ok" }>;
}

/** The config of a successful result. */
export function config(argv: string[], env: Env, files: Record<string, string> = {}): Config {
  return ok(load(argv, env, files)).config;
}

/** The problems of a failed result. */
export function problems(result: LoadResult): string[] {
  assert.equal(result.kind, "error", JSON.stringify(result));
  return (result as Extract<LoadResult, { kind: "error" }>).problems;
}

/** A Jira Cloud site with Basic credentials. */
export const CLOUD: Env = {
  JIRA_URL: "https://acme.atlassian.net",
  JIRA_USERNAME: "alice@example.com",
  JIRA_API_TOKEN: "cloud-api-token-1234",
};

/** A Jira Data Center site with a PAT. */
export const DC: Env = {
  JIRA_URL: "https://jira.corp.example:8443",
  JIRA_PERSONAL_TOKEN: "dc-personal-token-5678",
};

/** A fake CA bundle (only its PEM framing matters to the loader). */
export const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n";
/** A fake client certificate. */
export const CERT_PEM = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n";
/** A fake unencrypted private key. */
export const KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEkeymaterial\n-----END PRIVATE KEY-----\n";
